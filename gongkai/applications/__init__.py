"""依申请公开: requests for disclosure, from intake to reply letter, and table 三 from the records.

Named `applications` so that it does not shadow the `requests` library. Other apps call its services
only through `gongkai.applications.stats` (table 三) and `gongkai.applications.services`.
"""
