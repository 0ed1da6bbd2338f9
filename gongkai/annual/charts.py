"""Small bar charts drawn as SVG on the server: no script, no CDN, readable without colour (values printed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 34, 58
PALETTE = ("#17406f", "#a4161a", "#1e6b34", "#8a4b00", "#5b4a9b", "#4f5b67")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(value)


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], *, stacked: bool = False) -> str:
    """Bars per category (grouped, or stacked), a y axis from 0, the values on the bars, a legend below."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    peak = max(totals if stacked else [v for s in series for v in s.values] or [0], default=0)
    top = _nice_max(peak)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#fff"/>',
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(6):
        value = top * i / 5
        y = TOP + plot_h - plot_h * i / 5
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dbe2"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4f5b67">{value:g}</text>')
    slot = plot_w / max(len(categories), 1)
    bars = 1 if stacked else max(len(series), 1)
    bar_w = slot * 0.7 / bars
    for i, category in enumerate(categories):
        x0 = LEFT + slot * i + slot * 0.15
        base = TOP + plot_h
        for k, s in enumerate(series):
            value = s.values[i]
            height = plot_h * value / top if top else 0
            x = x0 if stacked else x0 + k * bar_w
            y = base - height
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
                f'fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{escape(category)} {escape(s.label)}：{value}</title></rect>"
            )
            if not stacked and value:
                out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{value}</text>')
            if stacked:
                base = y
        if stacked:
            out.append(f'<text x="{x0 + bar_w / 2:.1f}" y="{base - 3:.1f}" text-anchor="middle">{totals[i]}</text>')
        out.append(
            f'<text x="{LEFT + slot * i + slot / 2:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">'
            f"{escape(category)}</text>"
        )
    x = LEFT
    for k, s in enumerate(series):
        y = HEIGHT - 18
        out.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>')
        out.append(f'<text x="{x + 14}" y="{y}">{escape(s.label)}</text>')
        x += 24 + 13 * len(s.label)
    out.append("</svg>")
    return "\n".join(out)
