"""意见征集 (draft policies put to the public, comments, replies, the published 采纳情况) and 回应关切
(published responses to public concern)."""
