"""Uploads checked by what they contain, not only by their name (issue 13): a program renamed “.pdf”, a
web page renamed “.jpg” or a damaged Office file is refused with a field error naming the file.

One check per kind: the signature a file of that kind starts with, and for the zip-based formats the
part that makes them what they are (word/document.xml, xl/workbook.xml, OFD.xml); text must decode.
Extensions this module does not know are left to the caller's list of accepted types.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError

__all__ = ["content_problem", "validate_upload_content"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel 97–2003, WPS, ET
_ZIP = (b"PK\x03\x04",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".doc": (_OLE2,), ".xls": (_OLE2,), ".wps": (_OLE2, *_ZIP), ".et": (_OLE2, *_ZIP),
    ".docx": _ZIP, ".xlsx": _ZIP, ".ofd": _ZIP, ".zip": (*_ZIP, b"PK\x05\x06"),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"), ".bmp": (b"BM",), ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}  # fmt: skip
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".ofd": "OFD.xml"}
_TEXT = (".txt", ".csv", ".md")
_KIND = {".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel", ".wps": "WPS文字", ".et": "WPS表格",
         ".ofd": "OFD", ".zip": "ZIP压缩", ".jpg": "JPEG图片", ".jpeg": "JPEG图片", ".png": "PNG图片",
         ".gif": "GIF图片", ".bmp": "BMP图片", ".tif": "TIFF图片", ".tiff": "TIFF图片", ".pdf": "PDF",
         ".txt": "文本", ".csv": "CSV文本", ".md": "文本"}  # fmt: skip
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")


def _is_text(data: bytes) -> bool:
    """Text in UTF-8, GB18030/GBK or UTF-16 with its BOM, without the control bytes of binary files."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return False
            return not any(ch in text for ch in _CONTROL.decode("ascii"))
    if any(byte in _CONTROL for byte in data[:65536]):
        return False
    for codec in ("utf-8-sig", "gb18030"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _zip_names(data: bytes) -> list[str]:
    """The member names of a zip (only its directory is read); none when it is damaged."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # a damaged zip: zipfile raises many kinds
        return []


def content_problem(name: str, data: bytes) -> str | None:
    """Why the content of file `name` is not what its extension says, in Chinese; None when it is (or
    when the extension is not one this module knows)."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    shown = PurePosixPath(name.replace("\\", "/")).name[:60]
    if suffix not in _KIND:
        return None
    if suffix == ".pdf":
        agrees = b"%PDF-" in data[:1024]
    elif suffix in _TEXT:
        agrees = _is_text(data)
    else:
        agrees = data.startswith(_SIGNATURES[suffix])
        if agrees and suffix in _MAIN_PART:
            agrees = _MAIN_PART[suffix] in _zip_names(data)
        elif agrees and suffix == ".zip":
            agrees = bool(_zip_names(data))
    if agrees:
        return None
    kind = _KIND[suffix]
    return f"文件“{shown}”的内容不是{kind}文件（文件已损坏，或被改了扩展名），请上传真实的{kind}文件。"


def validate_upload_content(upload: Any) -> None:
    """Form-field validator: the uploaded file's content agrees with its name (the file is read, then
    rewound, so the view reads it whole again)."""
    if upload is None or not getattr(upload, "name", None):
        return
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if (problem := content_problem(upload.name, data)) is not None:
        raise ValidationError(problem, code="content_mismatch")
