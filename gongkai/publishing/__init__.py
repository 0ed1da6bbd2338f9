"""主动公开: items and their three-stage review, the public catalogue, and the normative-document register."""
