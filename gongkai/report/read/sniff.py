"""What kind of file a report is, from its content (not only its name), and how its text is encoded."""

from __future__ import annotations

import io
import zipfile

from charset_normalizer import from_bytes

KINDS = ("text", "json", "html", "docx", "xlsx", "pdf", "doc")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97–2003 .doc (and .xls, .wps)


def detect(data: bytes, name: str = "") -> str:
    """One of KINDS. Content decides; the name only breaks ties between text and Markdown-ish text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_OLE2):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "text"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "text"
    if head.startswith(b"{"):  # no report text opens with a brace
        return "json"
    lowered = head[:1024].lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p")):
        return "html"
    return "text"


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
