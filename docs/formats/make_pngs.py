"""Make the pictures in this folder: the seed report's first pages as HTML, DOCX and PDF.

    .venv/bin/python docs/formats/make_pngs.py

- html.png: the HTML page printed by headless Chromium (A4, its @page margins), first page.
- docx.png: the DOCX converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`), first
  page. LibreOffice is not part of the project's set-up (too heavy for CI); it was installed by hand
  (apt-get install libreoffice-writer-nogui) to make this picture. It substitutes the official
  fonts (仿宋_GB2312, 方正小标宋简体 ...) that Debian lacks with fontconfig's matches.
- pdf.png and pdf-table.png: our PDF, first page and the page where table 三 begins.
All pages are turned into PNG by poppler's pdftoppm at 80 dpi.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gongkai.report.read import read_path  # noqa: E402
from gongkai.report.render import render  # noqa: E402

HERE = Path(__file__).parent
SEED = ROOT / "tests" / "fixtures" / "reports" / "dazhai-2023.txt"


def page_png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png", "-singlefile", pdf, stem], check=True
    )


def main() -> None:
    report = read_path(SEED).report
    assert report is not None
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        html = tmp / "report.html"
        html.write_text(str(render(report, "html")), encoding="utf-8")
        printed = tmp / "html.pdf"
        chromium = shutil.which("chromium") or "chromium"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={printed}", html.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        page_png(printed, 1, HERE / "html.png")
        docx = tmp / "report.docx"
        docx.write_bytes(bytes(render(report, "docx")))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, docx], check=True, capture_output=True
        )
        page_png(tmp / "report.pdf", 1, HERE / "docx.png")
        pdf = tmp / "ours.pdf"
        pdf.write_bytes(bytes(render(report, "pdf")))
        page_png(pdf, 1, HERE / "pdf.png")
        table_page = next(
            n for n in range(1, 9)
            if "国家秘密" in subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"],
                                                 capture_output=True, text=True).stdout
        )  # fmt: skip
        page_png(pdf, table_page, HERE / "pdf-table.png")


if __name__ == "__main__":
    main()
