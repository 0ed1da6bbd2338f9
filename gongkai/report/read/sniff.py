"""What kind of file a report is, from its content (not only its name), and how its text is encoded."""

from __future__ import annotations

import io
import zipfile

from charset_normalizer import from_bytes

KINDS = ("text", "json", "html", "docx", "xlsx", "pdf", "doc", "xls", "zip")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97–2003 .doc, Excel 97–2003 .xls, WPS, ET
# the stream that makes an OLE2 file a Word or an Excel file, as its directory entry names it (UTF-16)
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))


def detect(data: bytes, name: str = "") -> str:
    """One of KINDS. Content decides; the name only breaks ties between text and Markdown-ish text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_OLE2):
        if _WORD_STREAM in data:
            return "doc"
        if any(stream in data for stream in _EXCEL_STREAMS):
            return "xls"
        return "xls" if name.lower().endswith((".xls", ".et")) else "doc"  # a damaged file: as its name says
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except Exception:  # a damaged zip (zipfile raises many kinds): its name tells what it was meant to be
            suffix = name.lower().rsplit(".", 1)[-1]
            return suffix if suffix in ("docx", "xlsx") else "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"{"):  # no report text opens with a brace
        return "json"
    lowered = head[:1024].lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p")):
        return "html"
    return "text"


_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# what the first bytes of a file must be for its extension; the zip-based Office formats also need their main part
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",), ".ofd": _ZIP, ".zip": _ZIP, ".docx": _ZIP, ".xlsx": _ZIP,
    ".doc": (_OLE2,), ".xls": (_OLE2,), ".wps": (_OLE2, *_ZIP), ".et": (_OLE2, *_ZIP),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
}  # fmt: skip


_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def agrees_with_name(data: bytes, name: str) -> bool:
    """Whether a file's content is what its extension says (a renamed program or a damaged file is not)."""
    suffix = "." + name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in (".txt", ".csv", ".md"):
        return not data.startswith((_OLE2, *_ZIP)) and (
            b"\x00" not in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff"))
        )
    signatures = _SIGNATURES.get(suffix)
    if signatures is None:
        return False
    head = data[:1024].lstrip() if suffix == ".pdf" else data
    if not head.startswith(signatures):
        return False
    if suffix in (".docx", ".xlsx"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except Exception:  # a damaged zip: zipfile raises many kinds
            return False
        return _MAIN_PART[suffix] in names
    return True


def decode_text(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), GB18030/GBK or UTF-16, found from the bytes."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")
