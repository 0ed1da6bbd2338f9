"""Word (.docx) files turned into report text.

Reads the body in order: paragraphs (tracked deletions left out, content controls opened), tables
with horizontally (`gridSpan`, `hMerge`) and vertically (`vMerge`) merged cells and skipped grid
columns, a table split into several across pages, and tables pasted as text (paragraphs of
tab-separated cells). A paragraph in the Caption style is the caption of the table below it.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut, clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}rPr", f"{_W}pPr", f"{_W}fldChar"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CAPTION_STYLES = {"caption", "题注"}


def to_text(data: bytes) -> str:
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableDocument("READ.not_a_report", f"无法打开Word文件：{exc}") from None
    captions = {s.style_id for s in document.styles if (s.name or "").lower() in _CAPTION_STYLES}
    out = TextOut()
    _Body(out, captions).blocks(document.element.body)
    return out.text()


class _Body:
    def __init__(self, out: TextOut, caption_styles: set[str]) -> None:
        self.out = out
        self.caption_styles = caption_styles
        self.pasted: list[list[str]] = []  # consecutive paragraphs of tab-separated cells

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.flush_pasted()
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
                self.blocks(child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child)
        self.flush_pasted()

    def paragraph(self, p: etree._Element) -> None:
        style = p.find(f"{_W}pPr/{_W}pStyle")
        is_caption = style is not None and style.get(qn("w:val")) in self.caption_styles
        for line in paragraph_text(p).split("\n"):
            cells = line.split("\t")
            if sum(1 for cell in cells if cell.strip()) >= 2:
                self.pasted.append(cells)  # a table row pasted as text
                continue
            self.flush_pasted()
            if is_caption:
                self.out.caption(line)
            else:
                self.out.line(line)

    def flush_pasted(self) -> None:
        if self.pasted:
            self.out.table(self.pasted)
            self.pasted = []

    def table(self, tbl: etree._Element) -> None:
        rows = tbl.findall(f"{_W}tr") + tbl.findall(f"{_W}sdt/{_W}sdtContent/{_W}tr")
        if any(tc.find(f".//{_W}tbl") is not None for tr in rows for tc in tr.iter(f"{_W}tc")):
            for tr in rows:  # a layout table around the text: its cells are just blocks
                for tc in tr.findall(f"{_W}tc"):
                    self.blocks(tc)
            return
        grid: list[list[str]] = []
        for tr in rows:
            line: list[str] = []
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                line += [""] * _int(before.get(qn("w:val")))
            for tc in tr.iter(f"{_W}tc"):
                properties = tc.find(f"{_W}tcPr")
                span, continued = 1, False
                if properties is not None:
                    grid_span = properties.find(f"{_W}gridSpan")
                    span = _int(grid_span.get(qn("w:val"))) if grid_span is not None else 1
                    for merge_tag in ("vMerge", "hMerge"):
                        merge = properties.find(f"{_W}{merge_tag}")
                        if merge is not None and merge.get(qn("w:val"), "continue") != "restart":
                            continued = True
                text = "" if continued else " ".join(paragraph_text(p) for p in tc.iter(f"{_W}p"))
                line += [clean(text)] + [""] * (span - 1)
            grid.append(line)
        self.out.table(grid)


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a paragraph: tabs kept, line breaks as newlines, deletions left out."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or tag == _FALLBACK or (tag == f"{_W}p" and element is not p):
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _int(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 64)
    except ValueError:
        return 1
