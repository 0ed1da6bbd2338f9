"""Markdown: headings, paragraphs and pipe tables, for portals and wikis that take Markdown."""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import body_rows, header_rows


def render_markdown(report: AnnualReport) -> str:
    fmt = report.format
    out: list[str] = [f"# {report.title}", ""]
    for section in fmt.sections:
        out += [f"## {section.heading}", ""]
        if section.is_text:
            paragraphs = [p.strip() for p in report.sections[section.key].split("\n") if p.strip()]
            for paragraph in paragraphs:
                out += [paragraph, ""]
            continue
        for key in section.tables:
            table = fmt.table(key)
            if table.heading:
                out += [f"**{table.heading}**", ""]
            headers = header_rows(table)
            out.append(_pipe(headers[0]))
            out.append(_pipe(["---"] * len(headers[0])))
            out += [_pipe(cells) for cells in headers[1:] + body_rows(report, table)]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
