"""Readers: published reports (text, Markdown, JSON, HTML, DOCX, XLSX, PDF) back into the one model.

Structured documents are turned into report text (tables as tab-separated lines) by their own
module's `to_text(data) -> str`; one text reader then finds sections, rows and cells for them all.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport, ReportDataError
from gongkai.report.read import limits
from gongkai.report.read.sniff import decode_text, detect

logger = logging.getLogger(__name__)


@dataclass
class ReadResult:
    source: str
    report: AnnualReport | None  # None when nothing could be read as a report of a known format
    findings: list[Finding] = field(default_factory=list)
    format_id: str | None = None  # "2021", "2019", "pre2019" or None
    kind: str = "text"  # the kind of file, see sniff.KINDS


class UnreadableDocument(Exception):
    """A document that holds no readable report text (a scanned PDF, a broken file)."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def read_text(text: str, *, source: str = "") -> ReadResult:
    from gongkai.report.read.text import parse_report_text

    return parse_report_text(text, source=source)


def read_bytes(data: bytes, *, source: str = "") -> ReadResult:
    """A file's report and findings; never raises: a damaged or hostile file is a finding (see `limits`)."""
    if len(data) > limits.current().file_bytes:
        exc = limits.LimitExceeded("file_bytes", len(data))
        return ReadResult(source, None, [finding("READ.limit", exc.message)], None, "text")
    kind = detect(data, source)
    try:
        return _read_kind(data, kind, source)
    except limits.LimitExceeded as exc:
        return ReadResult(source, None, [finding("READ.limit", exc.message)], None, kind)
    except RecursionError:
        message = "文件嵌套过深，无法读取（可能是损坏或恶意构造的文件）"
        return ReadResult(source, None, [finding("READ.limit", message)], None, kind)
    except Exception as exc:  # the last resort for a reader's library; logged, so the cause can be fixed
        logger.exception("reading %s (%s) failed", source, kind)
        message = f"读取文件时出错，文件可能已损坏：{type(exc).__name__}"
        return ReadResult(source, None, [finding("READ.not_a_report", message)], None, kind)


def _read_kind(data: bytes, kind: str, source: str) -> ReadResult:
    if kind == "json":
        from gongkai.report.jsonio import loads

        try:
            report = loads(decode_text(data))
        except ReportDataError as exc:
            return ReadResult(source, None, [finding("READ.not_a_report", str(exc))], None, kind)
        return ReadResult(source, report, [], report.format_id, kind)
    if kind == "zip":
        message = "这是压缩包，不是报告文件：请解压后逐个检查，或在批量检查中上传压缩包"
        return ReadResult(source, None, [finding("READ.not_a_report", message)], None, kind)
    if kind == "text":
        text = decode_text(data)
    else:
        try:
            text = importlib.import_module(f"gongkai.report.read.{kind}").to_text(data)
        except UnreadableDocument as exc:
            return ReadResult(source, None, [finding(exc.rule, exc.message)], None, kind)
    if len(text) > limits.current().text_chars:
        raise limits.LimitExceeded("text_chars", len(text))
    result = read_text(text, source=source)
    result.kind = kind
    return result


def read_path(path: str | Path) -> ReadResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(str(path), None, [finding("READ.not_a_report", f"无法打开文件：{exc.strerror}")])
    return read_bytes(data, source=str(path))
