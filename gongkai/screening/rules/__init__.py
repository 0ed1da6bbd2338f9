"""Detectors: each module has ``find(text, context) -> list[Finding]`` for one family of rules.

- ``secrecy``: 密级标志 (绝密/机密/秘密 ★ 保密期限)
- ``identity``: 居民身份证号码 checked by its GB 11643-1999 check character
- ``contact``: mobile numbers and e-mail addresses
- ``bankcard``: bank card numbers checked by the Luhn algorithm
- ``names``: personal names written next to the personal data above
- ``dates``: impossible dates, wrong weekdays, later dates told as past
Dictionary words (错敏词) are found by ``gongkai.screening.screener`` with the automaton.
"""
