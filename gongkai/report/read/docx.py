"""Word (.docx) files turned into report text.

Reads the body in order: paragraphs (tracked deletions left out, content controls opened), tables
with horizontally (`gridSpan`, `hMerge`) and vertically (`vMerge`) merged cells and skipped grid
columns, a table split into several across pages, and tables pasted as text (paragraphs of
tab-separated cells). A paragraph in the Caption style is the caption of the table below it.
Grid columns too narrow to hold text (slivers Word and LibreOffice leave where column edges nearly
meet) are left out. Every part is read within `limits` before lxml parses the document and its styles
(found by the package's relationships); a table's grid is bounded.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.sax.saxutils import quoteattr

from docx.oxml.ns import qn
from lxml import etree

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut, clean
from gongkai.report.read.limits import LimitExceeded, ZipReader, count_tags, current

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": _W[1:-1]}
_SKIP = {f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}rPr", f"{_W}pPr", f"{_W}fldChar"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CAPTION_STYLES = {"caption", "题注"}
_SLIVER = 30  # twips (half a millimetre): a grid column narrower than this holds no cell of its own


def to_text(data: bytes) -> str:
    try:
        parts = ZipReader(data).check_office()  # every part within the limits before any is parsed
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument("READ.not_a_report", f"无法打开Word文件：文件已损坏（{exc}）") from None
    count_tags(*(part for name, part in parts.items() if name.endswith(".xml")))
    try:
        body, captions = _open(parts)
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
        why = f"{type(exc).__name__}: {exc}"[:200]
        raise UnreadableDocument("READ.not_a_report", f"无法打开Word文件：文件已损坏（{why}）") from None
    out = TextOut()
    _Body(out, captions).blocks(body)
    return out.text()


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"


def _open(parts: dict[str, bytes]) -> tuple[etree._Element, set[str]]:
    """The document's body and its caption style ids, from the package's parts (found by their relationships)."""
    main = _target(parts, "", _OFFICE_DOCUMENT) or "word/document.xml"
    body = etree.fromstring(parts[main], _PARSER).find(f"{_W}body")
    if body is None:
        raise ValueError(f"{main}中没有正文（w:body）")
    used = {style.get(qn("w:val")) or "" for style in body.iter(f"{_W}pStyle")}
    styles = _target(parts, main, _STYLES)
    return body, _caption_styles(parts[styles], used) if used and styles in parts else set()


_STYLE_NAME = re.compile(rb'<w:name\s+w:val="([^"]*)"')


def _caption_styles(styles: bytes, used: set[str]) -> set[str]:
    """Which of the style ids the body uses are named Caption (题注). A template's styles part is large (python-docx's
    own: 350 KB, most of it latent styles), so with Word's usual `w:` prefix only the used styles are looked at."""
    if b" w:styleId=" not in styles:
        return {
            style.get(qn("w:styleId")) or ""
            for style in etree.fromstring(styles, _PARSER).iter(f"{_W}style")
            if (style.xpath("string(w:name/@w:val)", namespaces=_NS) or "").lower() in _CAPTION_STYLES
        }
    captions: set[str] = set()
    for style_id in used:
        at = styles.find(b" w:styleId=" + quoteattr(style_id).encode())
        if at < 0:
            continue
        end = styles.find(b"</w:style>", at)
        name = _STYLE_NAME.search(styles, at, end if end >= 0 else len(styles))
        if name and name.group(1).decode("utf-8", "replace").lower() in _CAPTION_STYLES:
            captions.add(style_id)
    return captions


def _target(parts: dict[str, bytes], source: str, kind: str) -> str | None:
    """The part that `source`'s relationship of `kind` points to ("" for the package), as a part name."""
    folder, _, name = source.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rels not in parts:
        return None
    for relationship in etree.fromstring(parts[rels], _PARSER).iter(_RELATIONSHIPS):
        if (relationship.get("Type") or "").endswith(kind) and relationship.get("TargetMode") != "External":
            target = relationship.get("Target") or ""
            if target.startswith("/"):
                return target[1:]
            return posixpath.normpath(posixpath.join(folder, target)) if folder else posixpath.normpath(target)
    return None


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
        cells, most = 0, current().table_cells
        slivers = _sliver_columns(tbl)
        for tr in rows:
            line: list[str] = []
            position = 0  # in the table's grid columns
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                position = _int(before.get(qn("w:val")))
                line += [""] * sum(1 for column in range(position) if column not in slivers)
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
                columns = sum(1 for column in range(position, position + span) if column not in slivers)
                position += span
                if columns or text.strip():
                    line += [clean(text)] + [""] * (columns - 1)
            cells += len(line)
            if cells > most:
                raise LimitExceeded("table_cells", cells)
            grid.append(line)
        self.out.table(grid)


def _sliver_columns(tbl: etree._Element) -> set[int]:
    """Grid columns too narrow to hold text (Word and LibreOffice leave them where column edges nearly meet)."""
    widths = [column.get(qn("w:w")) for column in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
    return {i for i, width in enumerate(widths) if width is not None and width.isdigit() and int(width) < _SLIVER}


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
