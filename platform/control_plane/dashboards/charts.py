"""Server-side SVG charts: no script, no inline style (the CSP allows neither).

Colours and fonts come from classes styled in ``dashboards/dasbor.css``; geometry is
given as SVG presentation attributes, which the CSP does not restrict. Every chart
carries its title (shown by the page as the figure's caption, and the SVG's
``<title>``) and its values as text (``<desc>``, read by screen readers through
``aria-labelledby``), so nothing is only a picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from balai_kernel.numbers import number_format

BAR_HEIGHT = 22
LABEL_WIDTH = 190
CHART_WIDTH = 640
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Chart:
    """A chart for a page: ``title`` is the figure's caption, ``svg`` the drawing."""

    chart_id: str
    title: str
    svg: SafeString


def _shown(value: object) -> str:
    if isinstance(value, int):
        return number_format(value)
    return str(value if value is not None else "–")


def bar_chart(title: str, items: list[tuple[str, object]], *, chart_id: str) -> Chart:
    """Horizontal bars, one per (label, value). Values that are not numbers (hidden
    cells) are listed with their mark and no bar, so nothing hidden is drawn."""
    numbers = [v for _l, v in items if isinstance(v, int)]
    top = max(numbers, default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = BAR_HEIGHT * len(items) + 8
    summary = "; ".join(f"{label}: {_shown(value)}" for label, value in items)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(summary)}</desc>'
    ]
    for index, (label, value) in enumerate(items):
        y = index * BAR_HEIGHT + 4
        text = escape(label if len(label) <= 28 else label[:27] + "…")
        parts.append(f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + 15}">{text}</text>')
        width = 0
        if isinstance(value, int):
            width = max(1, round(span * value / top)) if value else 0
            parts.append(
                f'<rect class="bar bar-{index % 6}" x="{LABEL_WIDTH}" y="{y + 2}" '
                f'width="{width}" height="{BAR_HEIGHT - 6}"><title>{escape(label)}: '
                f"{_shown(value)}</title></rect>"
            )
        parts.append(
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6}" y="{y + 15}">'
            f"{escape(_shown(value))}</text>"
        )
    parts.append("</svg>")
    svg = mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
    return Chart(chart_id=chart_id, title=title, svg=svg)
