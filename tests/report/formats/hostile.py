"""Hostile files, built small in the test: each one declares or expands to far more than it holds.

`raw_zip` writes zip entries by hand, so a test can reuse one compressed block for many members (a
zip bomb in a few hundred kilobytes) or make a header claim another size than the data has.
`run_bounded` reads a file in a child process whose address space is capped, so a reader that
grows without bound fails the test (MemoryError) instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

MiB = 1024 * 1024
MEMORY_CAP = 1024 * MiB  # the child's address space: a reader that needs more fails the test


def raw_zip(members: list[tuple[str, bytes | tuple[bytes, int, int]]]) -> bytes:
    """A zip of deflated members; a member given as (deflated, size, crc) is written as it is (sizes unchecked)."""
    out, central = bytearray(), bytearray()
    for name, content in members:
        if isinstance(content, bytes):
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            deflated = packer.compress(content) + packer.flush()
            size, crc = len(content), zlib.crc32(content)
        else:
            deflated, size, crc = content
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0, crc, len(deflated), size, len(encoded), 0)
        out += encoded + deflated
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0, crc, len(deflated), size, len(encoded),
            0, 0, 0, 0, 0, offset,
        )
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def deflated_zeros(size: int) -> tuple[bytes, int, int]:
    """`size` zero bytes deflated once, with their CRC, to be written as many members."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk, parts, crc, left = bytes(MiB), [], 0, size
    while left:
        piece = chunk[: min(left, MiB)]
        parts.append(packer.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(packer.flush())
    return b"".join(parts), size, crc


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
    'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx(cells: dict[str, str], *, dimension: str = "", merges: tuple[str, ...] = (), extra: str = "",
         padding: int = 0) -> bytes:
    """A one-sheet workbook written by hand: inline-string cells, a declared dimension, merged ranges, `extra` XML."""
    rows: dict[int, list[str]] = {}
    for ref, value in cells.items():
        number = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(number, []).append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    data = "".join(f'<row r="{n}">{"".join(rows[n])}</row>' for n in sorted(rows))
    merged = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + \
        "</mergeCells>" if merges else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main">{f"<dimension ref={chr(34)}{dimension}{chr(34)}/>" if dimension else ""}'
        f"<sheetData>{data}</sheetData>{merged}{extra}</worksheet>{' ' * padding}"
    )
    return raw_zip([
        ("[Content_Types].xml", _CONTENT_TYPES.encode()), ("_rels/.rels", _ROOT_RELS.encode()),
        ("xl/workbook.xml", _WORKBOOK.encode()), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.encode()),
        ("xl/worksheets/sheet1.xml", sheet.encode()),
    ])


def run_bounded(code: str, *, cap: int = MEMORY_CAP, django: bool = False) -> dict[str, object]:
    """Run `code` in a child with its address space capped; it sets `result` (JSON-able); returns it and `peak_mb`."""
    prelude = textwrap.dedent(f"""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
        if {django}:
            import django
            django.setup()
    """)
    epilogue = textwrap.dedent("""
        # the peak resident memory of this process image (ru_maxrss would include the parent's from before exec)
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        print(json.dumps({"result": result, "peak_mb": round(peak, 1)}, ensure_ascii=False))
    """)
    env = dict(os.environ)
    if django:
        env.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings.test")
    completed = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code) + epilogue],
        capture_output=True, text=True, env=env, cwd=Path(__file__).parents[3], check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def docx(body: str, *, doctype: str = "", padding: int = 0) -> bytes:
    """A Word file (python-docx's own template) whose document body is `body`, raw WordprocessingML."""
    import io
    import zipfile

    from docx import Document

    template = io.BytesIO()
    Document().save(template)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>{' ' * padding}"
    )
    members: list[tuple[str, bytes | tuple[bytes, int, int]]] = []
    with zipfile.ZipFile(template) as archive:
        for info in archive.infolist():
            content = document.encode() if info.filename == "word/document.xml" else archive.read(info)
            members.append((info.filename, content))
    return raw_zip(members)
