"""A zip for the bulk check that makes the reader work to each of its limits (issue 13), for
`load_public_submissions.py --hostile-upload`:

    .venv/bin/python benchmarks/hostile_bundle.py /tmp/hostile.zip

Members: a report text with 40-tab runs in its table rows (the pattern that once backtracked for ever),
long runs of spaces, dashes and full-width spaces (the rule patterns); text just under the character
limit; a workbook merging its whole sheet; a workbook declaring 17 billion cells; an HTML table whose
cells span 65,534 rows and 1,000 columns; a zip bomb member decompressing past the member limit; and one
good report, which must still be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gongkai.report.model import AnnualReport  # noqa: E402
from gongkai.report.read.limits import Limits  # noqa: E402
from gongkai.report.render import render  # noqa: E402
from tests.report.formats import hostile  # noqa: E402


def bundle() -> bytes:
    good = render(AnnualReport.zeros("甲镇", 2023), "text")
    rows = [line + "\t" * 40 + "x" for line in good.splitlines()]
    tabs = "\n".join([*rows, " " * 20_000 + "-" * 20_000 + "　" * 20_000 + "x"])
    limit = Limits().text_chars
    near_limit = (good + "\n") * (limit // (len(good) + 1) - 1)
    span = "<table>" + "".join(
        f'<tr><td rowspan="65534" colspan="1000">{n}</td></tr>' for n in range(200)) + "</table>"
    bomb = hostile.deflated_zeros(Limits().zip_member_bytes + 1)
    return hostile.raw_zip([
        ("甲镇2023.txt", good.encode()),
        ("制表符.txt", tabs.encode()),
        ("接近字数上限.txt", near_limit.encode()),
        ("整表合并.xlsx", hostile.xlsx({"A1": "机关"}, merges=("A1:XFD1048576",))),
        ("巨大工作表.xlsx", hostile.xlsx({"A1": "机关", "XFD1048576": "x"}, dimension="A1:XFD1048576")),
        ("跨行跨列.html", f"<html><body>{span}</body></html>".encode()),
        ("解压炸弹.txt", bomb),
    ])


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile.zip")
    target.write_bytes(bundle())
    print(f"{target}: {target.stat().st_size:,} bytes")
