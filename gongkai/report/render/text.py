"""Plain text laid out as agencies publish it (the seed's layout): headings, paragraphs, tab-separated tables."""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import body_rows, header_rows


def render_text(report: AnnualReport) -> str:
    fmt = report.format
    out: list[str] = [report.title, ""]
    for section in fmt.sections:
        out += [section.heading, ""]
        if section.is_text:
            out += _paragraphs(report.sections[section.key])
            continue
        for key in section.tables:
            table = fmt.table(key)
            if table.heading:
                out.append(table.heading)
            out += ["\t".join(cells) for cells in header_rows(table)]
            out += ["\t".join(cells) for cells in body_rows(report, table)]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _paragraphs(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if paragraph.strip():
            lines += [paragraph.strip(), ""]
    return lines
