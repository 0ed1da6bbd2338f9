"""HTML: one self-contained, printable page as agencies publish it on the disclosure column.

Tables reproduce the official layout with its merged cells (`grid`); every header cell is a `<th>`
with `scope` and an `id`, every value cell names its headers, every table has a caption. No
scripts, no external assets: the styles are inline and print on A4 with the GB/T 9704 margins; on a phone
the tables scroll sideways inside their own box.
"""

from __future__ import annotations

from html import escape

from gongkai.report.model import AnnualReport
from gongkai.report.render.blocks import Heading, Paragraph, TableBlock, Title, report_blocks
from gongkai.report.render.fonts import Role, css_stack
from gongkai.report.render.grid import GridCell, TableGrid

GENERATOR = "gongkai"

_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
html {{ background: #fff; color: #000; }}
body {{ margin: 0 auto; max-width: 156mm; padding: 2em 1em; font: 16pt/1.75 {css_stack(Role.BODY)}; }}
h1 {{ font: 22pt/1.5 {css_stack(Role.TITLE)}; text-align: center; margin: 0 0 1em; }}
h2 {{ font: 16pt/1.75 {css_stack(Role.HEADING1)}; margin: .5em 0 0; text-indent: 2em; }}
h3 {{ font: 16pt/1.75 {css_stack(Role.HEADING2)}; margin: 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
table {{ border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.4; }}
caption {{ font-family: {css_stack(Role.HEADING1)}; font-size: 12pt; padding: .3em 0; }}
caption.sr-only {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
th, td {{ border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }}
thead th {{ font-weight: bold; text-align: center; }}
tbody th {{ font-weight: normal; text-align: left; }}
td {{ text-align: center; min-width: 2.5em; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
table.appeals {{ font-size: 9pt; }}
.table-wrap {{ overflow-x: auto; margin: .5em 0 1em; }}
.table-wrap > table {{ margin: 0; }}
@media (max-width: 640px) {{
  body {{ font-size: 13pt; padding: 1em .75em; }}
  h1 {{ font-size: 17pt; }}
  thead th {{ min-width: 3.5em; }}
  tbody th {{ min-width: 6em; }}
}}
@media print {{ body {{ max-width: none; padding: 0; }} .table-wrap {{ overflow: visible; }} }}
"""


def render_html(report: AnnualReport) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<title>{escape(report.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<main class="report">',
    ]
    in_section = False
    for block in report_blocks(report):
        match block:
            case Title(text):
                out.append(f"<h1>{escape(text)}</h1>")
            case Heading(text, 1, anchor):
                if in_section:
                    out.append("</section>")
                out.append(f'<section aria-labelledby="s-{anchor}">')
                out.append(f'<h2 id="s-{anchor}">{escape(text)}</h2>')
                in_section = True
            case Heading(text, _, _):
                out.append(f"<h3>{escape(text)}</h3>")
            case Paragraph(text):
                out.append(f"<p>{escape(text)}</p>")
            case TableBlock():
                out += _table(block)
    if in_section:
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _table(block: TableBlock) -> list[str]:
    grid = block.grid
    key = grid.table.key
    caption_class = "" if block.caption_is_heading else ' class="sr-only"'
    # a table wider than a phone's screen scrolls inside its own box, never the page (keyboard: tabindex)
    out = [f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(block.caption)}">',
           f'<table class="{escape(key)}">', f"<caption{caption_class}>{escape(block.caption)}</caption>", "<thead>"]
    for r, cells in enumerate(grid.rows):
        if r == grid.header_count:
            out += ["</thead>", "<tbody>"]
        out.append("<tr>" + "".join(_cell(grid, cell) for cell in cells) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return out


def _cell_id(grid: TableGrid, cell: GridCell) -> str:
    return f"{grid.table.key.replace('.', '-')}-{cell.row}-{cell.col}"


def _cell(grid: TableGrid, cell: GridCell) -> str:
    spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    text = escape(cell.text)
    if cell.header:
        scope = "col" if cell.colspan == 1 else "colgroup"
        return f'<th scope="{scope}" id="{_cell_id(grid, cell)}"{spans}>{text}</th>'
    if cell.label:
        scope = "row" if cell.rowspan == 1 else "rowgroup"
        return f'<th scope="{scope}" id="{_cell_id(grid, cell)}"{spans}>{text}</th>'
    headers = " ".join(_cell_id(grid, h) for h in grid.header_ids(cell))
    return f'<td headers="{headers}"{spans}>{text}</td>'
