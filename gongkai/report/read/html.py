"""HTML pages as portals publish reports, turned into report text.

Handles what real disclosure columns serve: GBK/GB2312 or UTF-8 pages (the `<meta>` charset, else
the bytes decide), tables with colspan/rowspan, `&nbsp;`, numbers wrapped in `<p>`/`<span>`/`<font>`,
layout tables wrapping the whole article, and one table split into several `<table>` elements.
The site's navigation and footer (`<nav>`, `<footer>`, class or id "footer", "nav", ...) are left out.
A page with more tags than `limits.markup_tags`, or a table whose spans expand past `limits.table_cells`,
is refused.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut, clean, expand
from gongkai.report.read.limits import count_tags
from gongkai.report.read.sniff import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb18030", "cp936", "euc-cn", "x-euc-cn"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "select", "button", "svg",
    "nav", "footer",
}  # fmt: skip
# the site around the article: navigation, footers, sharing buttons (class or id names portals use)
_CHROME = re.compile(r"^(?:foot(?:er)?|nav(?:bar)?|menu|breadcrumbs?|crumbs?|share|sidebar|copyright)$", re.IGNORECASE)
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
    "footer", "main", "nav", "aside", "blockquote", "pre", "dl", "dt", "dd", "address", "figure",
    "figcaption", "center", "form", "fieldset", "hr", "body", "html", "tr", "td", "th", "caption",
}  # fmt: skip
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MAX_SPAN = 500


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset when that decodes (GB2312/GBK read as GB18030), else sniffed."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "replace").lower()
            codec = "gb18030" if declared in _GB_FAMILY else declared
            try:
                return data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data)


def to_text(data: bytes) -> str:
    source = _XML_DECLARATION.sub("", decode_html(data))
    if not source.strip():
        raise UnreadableDocument("READ.not_a_report", "网页是空的")
    count_tags(source)
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument("READ.not_a_report", f"无法解析网页：{exc}") from None
    out = TextOut()
    _Walker(out).block(root)
    return out.text()


class _Walker:
    """Walks the page in document order, flushing inline text into lines at block boundaries."""

    def __init__(self, out: TextOut) -> None:
        self.out = out
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            self.out.line("".join(self.buffer))
            self.buffer = []

    def block(self, element: etree._Element) -> None:
        self.children(element)
        self.flush()

    def children(self, element: etree._Element) -> None:
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.node(child)
            if child.tail:
                self.buffer.append(child.tail)

    def node(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP or _HIDDEN.search(element.get("style", "")) or _is_chrome(element):
            return
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.flush()
            self.table(element)
        elif tag in _BLOCK:
            self.flush()
            self.block(element)
        else:
            self.children(element)

    def table(self, table: etree._Element) -> None:
        rows = [
            [cell for cell in tr if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]
            for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        ]
        nested = any(cell.xpath(".//table") for row in rows for cell in row)
        if nested or max((len(row) for row in rows), default=0) <= 1:
            # a layout table around the article (or a one-column box): its cells are just blocks
            for caption in table.xpath("./caption"):
                self.block(caption)
            for row in rows:
                for cell in row:
                    self.block(cell)
            return
        for caption in table.xpath("./caption"):
            self.out.caption(_cell_text(caption))
        grid = expand([[(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in row] for row in rows])
        self.out.table(grid)


def _is_chrome(element: etree._Element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".split()
    return any(_CHROME.match(name) for name in names)


def _span(cell: etree._Element, name: str) -> int:
    match = re.search(r"\d+", cell.get(name, "") or "")
    return min(max(int(match.group()), 1), _MAX_SPAN) if match else 1


def _cell_text(cell: etree._Element) -> str:
    """A cell's text on one line: its paragraphs and line breaks joined by a space."""
    cell_out = TextOut()
    _Walker(cell_out).block(cell)
    return clean(" ".join(line for line in cell_out.lines if line))
