"""Text out of the files an agency publishes: plain text, HTML, DOCX, DOC (through LibreOffice) and PDF.

Findings refer to positions in the extracted text, so extraction keeps the reading order and puts
line breaks where a reader sees them (paragraphs, table rows, HTML blocks). The office libraries are
imported only when a file of their kind is read.
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gongkai.report.read import limits

__all__ = ["ExtractedDocument", "ExtractionError", "Kind", "decode_text", "detect_kind", "extract_text"]

Kind = Literal["text", "html", "docx", "doc", "pdf"]

_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_DROP = ("script", "style", "noscript", "template")
_HTML_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"),
        *("ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "title", "tr", "ul"),
    }
)
_HTML_CELLS = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \r\f\v\xa0\u3000]+")
_CELL_GAP = re.compile(r" ?\t[ \t]*")
_HTML_WHITESPACE = re.compile(r"\s+")


class ExtractionError(Exception):
    """A file that cannot be read as text; the message says why and what to do."""


@dataclass(frozen=True)
class ExtractedDocument:
    path: str
    kind: Kind
    text: str
    page_starts: tuple[int, ...] = ()  # PDF: the offset in ``text`` where each page begins

    def page_of(self, offset: int) -> int | None:
        """The page (from 1) holding a character offset, for PDFs."""
        return bisect.bisect_right(self.page_starts, offset) if self.page_starts else None


def detect_kind(path: Path, head: bytes) -> Kind:
    """The kind of a file from its first bytes, then its name."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm"}:
            return "docx"
        raise ExtractionError(f"不支持的压缩格式文件（{suffix or '无扩展名'}）：只能读取 DOCX、PDF、HTML 和纯文本。")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix in {".doc", ".wps", ".dot"}:
            return "doc"  # read through LibreOffice, as the report reader reads it
        raise ExtractionError("这是旧版 Office 文件（如 .xls）：只能读取 DOC、DOCX、PDF、HTML 和纯文本。")
    if suffix in _HTML_SUFFIXES or _HTML_SNIFF.match(head):
        return "html"
    return "text"


def extract_text(path: str | Path) -> ExtractedDocument:
    """Read a file and return its text; raise ExtractionError when it cannot be read."""
    file = Path(path)
    most = limits.current().file_bytes
    try:
        if file.stat().st_size > most:
            raise ExtractionError(limits.LimitExceeded("file_bytes", file.stat().st_size).message)
        data = file.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"无法打开文件：{exc.strerror or exc}") from exc
    kind = detect_kind(file, data[:1024])
    try:
        if kind == "pdf":
            text, pages = _pdf_text(file)
            return ExtractedDocument(str(path), kind, text, pages)
        if kind == "docx":
            return ExtractedDocument(str(path), kind, _docx_text(data))
        if kind == "doc":
            return ExtractedDocument(str(path), kind, _docx_text(_converted_doc(data)))
        if kind == "html":
            return ExtractedDocument(str(path), kind, _html_text(data))
    except limits.LimitExceeded as exc:
        raise ExtractionError(exc.message) from None
    except RecursionError:
        raise ExtractionError("文件嵌套过深，无法读取（可能已损坏）。") from None
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("这不是文本文件（含二进制数据）：只能读取 DOCX、PDF、HTML 和纯文本。")
    return ExtractedDocument(str(path), kind, decode_text(data))


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes: a BOM, then the declared charset, UTF-8, GB18030, then charset detection."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in (declared, "utf-8-sig", "gb18030"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("无法识别文字编码：请另存为 UTF-8 后再筛查。")
    return str(best)


def _tidy(text: str, *, blank_lines: bool = True) -> str:
    """Collapse runs of spaces within lines (tabs between cells stay) and blank lines between them."""
    lines = [_CELL_GAP.sub("\t", _SPACES.sub(" ", line)).strip(" \t") for line in text.split("\n")]
    if not blank_lines:
        return "\n".join(line for line in lines if line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _html_text(data: bytes) -> str:
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    text = _XML_DECLARATION.sub("", text)
    if not text.strip():
        return ""
    limits.count_tags(text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"无法解析 HTML：{exc}") from exc
    for element in list(root.iter(*_HTML_DROP, etree.Comment)):
        element.drop_tree()  # keeps the text after the element
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "pre" and not any(parent.tag == "pre" for parent in element.iterancestors()):
            # Line breaks in the HTML source are spaces; the block structure makes the lines.
            element.text = _HTML_WHITESPACE.sub(" ", element.text) if element.text else element.text
        element.tail = _HTML_WHITESPACE.sub(" ", element.tail) if element.tail else element.tail
        if element.tag in _HTML_BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
        elif element.tag in _HTML_CELLS:
            element.tail = "\t" + (element.tail or "")
    return _tidy(root.text_content(), blank_lines=False)


def _docx_text(data: bytes) -> str:
    import docx

    try:
        parts = limits.ZipReader(data).check_office()  # every part within the reading limits before python-docx
        limits.count_tags(*(part for name, part in parts.items() if name.endswith(".xml")))
        document = docx.Document(io.BytesIO(data))
        return _tidy("\n".join(_docx_parts(document)))
    except limits.LimitExceeded:
        raise
    except Exception as exc:  # python-docx and zipfile raise many kinds for a damaged package
        why = f"{type(exc).__name__}: {exc}"[:200]
        raise ExtractionError(f"无法读取 DOCX：文件已损坏或不是 Word 文档（{why}）") from None


def _converted_doc(data: bytes) -> bytes:
    from gongkai.report.read import UnreadableDocument, doc

    try:
        return doc.to_docx(data)
    except UnreadableDocument as exc:
        raise ExtractionError(exc.message) from None


def _docx_parts(document: Any) -> list[str]:
    parts: list[str] = []
    seen_parts: set[int] = set()
    for section in document.sections:  # 页眉 first: a secrecy marking may stand there
        for header in (section.first_page_header, section.header):
            if not header.is_linked_to_previous and id(header.part) not in seen_parts:
                seen_parts.add(id(header.part))
                parts.extend(_docx_blocks(header))
    parts.extend(_docx_blocks(document))
    for section in document.sections:
        for footer in (section.first_page_footer, section.footer):
            if not footer.is_linked_to_previous and id(footer.part) not in seen_parts:
                seen_parts.add(id(footer.part))
                parts.extend(_docx_blocks(footer))
    return parts


def _docx_blocks(container: Any) -> list[str]:
    """Paragraphs and tables in document order; a table row is one line, its cells joined by tabs."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(_docx_blocks(cell)))
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return lines


def _pdf_text(path: Path) -> tuple[str, tuple[int, ...]]:
    import pypdfium2 as pdfium

    pages: list[str] = []
    try:
        document = pdfium.PdfDocument(path)
        try:
            for pdf_page in document:
                textpage = pdf_page.get_textpage()
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
                textpage.close()
                pdf_page.close()
        finally:
            document.close()
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"无法读取 PDF：文件已损坏或加密（{exc}）") from exc
    if pages and not any(page.strip() for page in pages):
        raise ExtractionError("PDF 没有文字层（可能是扫描件）：请先做文字识别（OCR），否则无法筛查。")
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    return "\n".join(pages), tuple(starts)
