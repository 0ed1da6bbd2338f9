"""Word 97–2003 (.doc) and WPS files, which many county sites still attach: converted by LibreOffice.

LibreOffice (headless, `soffice --convert-to docx`) turns the binary file into DOCX, which the DOCX
reader then reads within its limits; tables keep their merged cells, which text extractors such as
antiword lose. Each conversion runs in a fresh temporary profile with a time limit
(`limits.tool_seconds`), past which all its processes are ended. Where LibreOffice is not installed,
the finding says so.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.limits import LimitExceeded, current

TOOL_MISSING = (
    "读取旧版Word（.doc/.wps）文件需要LibreOffice，本机未安装"
    "（Debian：apt-get install libreoffice-writer-nogui）；也可将文件另存为.docx或PDF后再检查"
)

CANNOT_CONVERT = "无法读取这个旧版Word文件：LibreOffice未能转换（文件可能已损坏或已加密）"


def soffice() -> str | None:
    """The LibreOffice program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes) -> bytes:
    """The document as DOCX; `UnreadableDocument` when LibreOffice is missing or cannot convert it."""
    program = soffice()
    if program is None:
        raise UnreadableDocument("READ.tool_missing", TOOL_MISSING)
    seconds = current().tool_seconds
    with tempfile.TemporaryDirectory(prefix="gongkai-doc-") as work:
        source = Path(work) / "document.doc"
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={Path(work).as_uri()}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(Path(work) / "out"),
            str(source),
        ]
        # its own session, so that on a timeout the whole of LibreOffice (a launcher and its program) is ended
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=work,
            env={"HOME": work, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            start_new_session=True,
        )
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise LimitExceeded("tool_seconds") from None
        converted = Path(work) / "out" / "document.docx"
        if not converted.is_file():
            raise UnreadableDocument("READ.not_a_report", CANNOT_CONVERT)
        return converted.read_bytes()


def to_text(data: bytes) -> str:
    from gongkai.report.read import docx

    return docx.to_text(to_docx(data))
