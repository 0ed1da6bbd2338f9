"""A report as a sequence of blocks (title, headings, paragraphs, tables): what every document renderer lays out.

The order and the texts are those of `text.render_text`, so that a document's `to_text` gives back
the report text the text reader knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.report.model import AnnualReport
from gongkai.report.render.grid import TableGrid, table_grid

# （一）主动公开 — a short numbered line inside a text section is a level-2 heading (楷体 in GB/T 9704)
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)][^。；;，,：:！!？?]{1,24}$")


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: 一、总体情况; 2: （一）主动公开
    anchor: str = ""  # the section key, for ids


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class TableBlock:
    grid: TableGrid
    caption: str  # the table heading (第二十条第（一）项) or, for accessibility only, the section title
    caption_is_heading: bool  # whether the caption is a line of the report text


Block = Title | Heading | Paragraph | TableBlock


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def report_blocks(report: AnnualReport) -> Iterator[Block]:
    fmt = report.format
    yield Title(report.title)
    for section in fmt.sections:
        yield Heading(section.heading, 1, section.key)
        if section.is_text:
            for paragraph in paragraphs(report.sections[section.key]):
                yield Heading(paragraph, 2) if _SUBHEADING.match(paragraph) else Paragraph(paragraph)
            continue
        for key in section.tables:
            table = fmt.table(key)
            caption = table.heading or section.title
            yield TableBlock(table_grid(report, table), caption, bool(table.heading))
