"""PDF files with a text layer turned into report text; scanned PDFs are reported as such.

Read with PDFium (`pdf_page`: characters with their boxes, ruling lines). Tables are found from
their ruling lines (`pdf_tables`); merged cells keep their text in the top-left position. Text
outside tables becomes lines, rebuilt from the characters: a wide gap between words is a cell
boundary (a table without rules, read by the text parser as tab-separated cells), and the lines of
a wrapped paragraph are joined again — a line continues the one above when it starts at the left
edge and its first word would not have fitted at the end of that line. A centred line right above a
table is its caption; page numbers in the bottom margin are dropped.

Bounded: a document of more than `MAX_PAGES` pages is not read (a finding says so), and a broken
or encrypted file is a finding, never an exception.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut
from gongkai.report.read.pdf_page import Char, read_page
from gongkai.report.read.pdf_tables import find_tables, text_lines

MAX_PAGES = int(os.environ.get("GONGKAI_PDF_MAX_PAGES", "500"))  # an annual report has 5 to 30
_PAGE_NUMBER = re.compile(r"^[\s\-—–~_]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[\s\-—–~_]*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_CELL_GAP = 1.5  # a gap wider than this many character sizes separates two cells
_OPEN_ERRORS = {  # PDFium's FPDF_ERR_* codes
    pdfium_c.FPDF_ERR_FILE: "文件无法读取",
    pdfium_c.FPDF_ERR_FORMAT: "文件已损坏或不是PDF",
    pdfium_c.FPDF_ERR_PASSWORD: "文件已加密，需要密码才能打开：请向发布机关索取未加密的版本",
    pdfium_c.FPDF_ERR_SECURITY: "文件使用了不支持的加密方式",
}


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str  # cells separated by tabs
    first_word: float  # width of the line's first word (or first Chinese character)
    page: int


@dataclass
class _Table:
    top: float
    rows: list[list[tuple[float, float, str]]]  # per row, its cells as (x0, x1, text)
    page: int
    x0: float
    x1: float


@dataclass
class _Page:
    width: float
    items: list[_Line | _Table] = field(default_factory=list)


def to_text(data: bytes) -> str:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = _OPEN_ERRORS.get(exc.err_code or 0, "文件已损坏或不是PDF")
        raise UnreadableDocument("READ.not_a_report", f"无法打开PDF文件：{reason}") from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise UnreadableDocument("READ.limit", f"超出处理限制：PDF共{count}页，超过上限{MAX_PAGES}页")
        pages = []
        for number in range(count):
            try:
                page = document[number]
                try:
                    pages.append(_read_page(page, number))
                finally:
                    page.close()
            except pdfium.PdfiumError:
                raise UnreadableDocument("READ.not_a_report", f"无法读取PDF第{number + 1}页：文件已损坏") from None
    finally:
        document.close()
    if not any(page.items for page in pages):
        raise UnreadableDocument(
            "READ.no_text_layer", "PDF没有文字层，可能是扫描件：请向发布机关索取可复制文字的版本，或先做文字识别（OCR）"
        )
    return _assemble(pages)


def _read_page(page: pdfium.PdfPage, number: int) -> _Page:
    content = read_page(page)
    found = find_tables(content.horizontal, content.vertical, content.chars)
    boxes = [table.bbox for table in found]
    items: list[_Line | _Table] = []
    for table in found:
        rows = [[(box[0], box[2], _cell(text)) for box, text in row] for row in table.rows]
        items.append(_Table(table.bbox[1], rows, number, table.bbox[0], table.bbox[2]))

    for line in text_lines(_outside(content.chars, boxes)):
        shown = [c for c in line if not c.blank and c.text.strip()]
        if not shown:
            continue
        made = _line(shown, number)
        if made.top > content.height * 0.88 and _PAGE_NUMBER.match(made.text):
            continue  # the page number in the footer
        items.append(made)
    items.sort(key=lambda item: item.top)
    return _Page(content.width, items)


def _outside(chars: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters whose middle lies outside every table."""
    if not boxes:
        return chars
    out = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            out.append(char)
    return out


def _line(chars: list[Char], page: int) -> _Line:
    size = max(c.size for c in chars)
    parts: list[str] = []
    first_word_end = None
    for previous, char in zip([None, *chars], chars, strict=False):
        if previous is not None:
            gap = char.x0 - previous.x1
            if gap > _CELL_GAP * size:
                parts.append("\t")
            elif gap > 0.15 * size:
                parts.append(" ")
            if first_word_end is None and (parts[-1].isspace() or not _is_ascii_word(previous.text)):
                first_word_end = previous.x1
        parts.append(char.text)
    text = "".join(parts)
    end = first_word_end if first_word_end is not None else chars[-1].x1
    return _Line(
        top=min(c.top for c in chars),
        bottom=max(c.bottom for c in chars),
        x0=chars[0].x0,
        x1=chars[-1].x1,
        size=size,
        text=text,
        first_word=end - chars[0].x0,
        page=page,
    )


def _is_ascii_word(text: str) -> bool:
    return bool(_ASCII_WORD.match(text))


def _cell(text: str | None) -> str:
    return join_wrapped((text or "").split("\n"), cell=True)


def join_wrapped(parts: list[str], *, cell: bool = False) -> str:
    """Lines of one wrapped paragraph (or table cell) as one: a space only between two Latin words."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and _is_ascii_word(out[-1]) and _is_ascii_word(part[0]) and not (cell and out[-1].isdigit()):
            out += " "
        out += part
    return out


def _type_area(pages: list[_Page]) -> tuple[float, float]:
    """Left and right edges of the text: from tables (they fill the width) and lines not ending in punctuation."""
    lines = [item for page in pages for item in page.items if isinstance(item, _Line) and "\t" not in item.text]
    tables = [item for page in pages for item in page.items if isinstance(item, _Table)]
    left = min([line.x0 for line in lines] + [table.x0 for table in tables], default=0.0)
    ends = [line.x1 for line in lines if line.text[-1] not in "，。、；：？！）”’》,.;:?!)"]
    right = max(ends + [table.x1 for table in tables], default=0.0)
    width = max((page.width for page in pages), default=0.0)
    if right - left < 0.6 * width:  # short lines only: take the margins as even
        right = width - left
    return left, right


def _assemble(pages: list[_Page]) -> str:
    left, right = _type_area(pages)
    body_size = _body_size(pages)
    out = TextOut()
    paragraph: list[_Line] = []
    pasted: list[list[str]] = []

    def flush() -> None:
        nonlocal paragraph, pasted
        if paragraph:
            out.line(join_wrapped([line.text for line in paragraph]))
            paragraph = []
        if pasted:
            out.table(pasted)
            pasted = []

    items = [item for page in pages for item in page.items]
    grids = _grids([item for item in items if isinstance(item, _Table)], items)
    for index, item in enumerate(items):
        if isinstance(item, _Table):
            flush()
            out.table(grids[id(item)])
            continue
        if "\t" in item.text:
            if paragraph:
                flush()
            pasted.append(item.text.split("\t"))
            continue
        if pasted:
            flush()
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(following, _Table) and following.page == item.page and _centred(item, left, right):
            flush()
            out.caption(item.text)
            continue
        if paragraph and not _continues(paragraph[-1], item, left, right, body_size):
            flush()
        paragraph.append(item)
    flush()
    return out.text()


def _grids(tables: list[_Table], items: list[_Line | _Table]) -> dict[int, list[list[str]]]:
    """Each table part as a grid on the columns of its whole table.

    A table split across pages is read part by part, and a part may lack some column rules (the
    first rows of table 三 span all three label columns): the parts that follow one another with no
    text between share the column edges of them all, so that their rows line up.
    """
    runs: list[list[_Table]] = []
    previous: _Line | _Table | None = None
    for item in items:
        if isinstance(item, _Table):
            if isinstance(previous, _Table) and runs:
                runs[-1].append(item)
            else:
                runs.append([item])
        previous = item
    grids: dict[int, list[list[str]]] = {}
    for run in runs:
        edges = _cluster(sorted(x for table in run for row in table.rows for x0, x1, _ in row for x in (x0, x1)))
        for table in run:
            grid: list[list[str]] = []
            for row in table.rows:
                line = [""] * (len(edges) - 1)
                for x0, _, text in row:
                    line[min(_nearest(edges, x0), len(line) - 1)] = text
                grid.append(line)
            grids[id(table)] = grid
    return grids


def _cluster(xs: list[float], tolerance: float = 2.0) -> list[float]:
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > tolerance:
            edges.append(x)
    return edges


def _nearest(edges: list[float], x: float) -> int:
    """The index of the edge nearest to x (edges ascending)."""
    i = bisect_left(edges, x)
    if i == len(edges) or (i > 0 and x - edges[i - 1] <= edges[i] - x):
        return i - 1
    return i


def _body_size(pages: list[_Page]) -> float:
    """The size most of the text outside tables is set in."""
    sizes = Counter[float]()
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line):
                sizes[round(item.size, 1)] += len(item.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _centred(line: _Line, left: float, right: float) -> bool:
    margin_left, margin_right = line.x0 - left, right - line.x1
    return margin_left > line.size and abs(margin_left - margin_right) < 1.5 * line.size


def _continues(above: _Line, line: _Line, left: float, right: float, body_size: float) -> bool:
    """Whether `line` goes on with the paragraph whose last line is `above`."""
    if abs(above.size - line.size) > 0.5:
        return False
    same_page_next = line.page == above.page and 0 <= line.top - above.top <= 2.2 * line.size
    next_page_top = line.page == above.page + 1
    if not (same_page_next or next_page_top):
        return False
    if line.size > body_size + 0.5 and _centred(above, left, right) and _centred(line, left, right):
        return True  # a title (set larger than the body, GB/T 9704) on two centred lines
    starts_at_edge = line.x0 - left < 0.5 * line.size
    above_full = above.x1 + 0.5 * line.size + line.first_word > right
    return starts_at_edge and above_full
