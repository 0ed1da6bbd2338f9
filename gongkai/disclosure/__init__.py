"""Disclosure duties around requests: 依申请公开转为主动公开 (条例 第四十四条) and the register of withheld
information with its periodic review (条例 第十八条)."""
