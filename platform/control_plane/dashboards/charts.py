"""Server-side SVG charts: no script, no inline style (the CSP allows neither).

Colours and fonts come from classes styled in ``dashboards/dasbor.css``; geometry is
given as SVG presentation attributes, which the CSP does not restrict.
"""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from balai_kernel.numbers import number_format

BAR_HEIGHT = 22
LABEL_WIDTH = 190
CHART_WIDTH = 640
VALUE_WIDTH = 90


_fmt = number_format


def bar_chart(title: str, items: list[tuple[str, object]], *, chart_id: str = "") -> SafeString:
    """Horizontal bars, one per (label, value). Values that are not numbers (hidden
    cells) are listed with their mark and no bar, so nothing hidden is drawn."""
    numbers = [v for _l, v in items if isinstance(v, int)]
    top = max(numbers, default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = BAR_HEIGHT * len(items) + 8
    parts = [
        format_html(
            '<svg class="chart" id="{}" role="img" aria-label="{}" viewBox="0 0 {} {}" '
            'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>',
            chart_id,
            title,
            CHART_WIDTH,
            height,
            CHART_WIDTH,
            height,
            title,
        )
    ]
    for index, (label, value) in enumerate(items):
        y = index * BAR_HEIGHT + 4
        text = escape(label if len(label) <= 28 else label[:27] + "…")
        parts.append(f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + 15}">{text}</text>')
        if isinstance(value, int):
            width = max(1, round(span * value / top)) if value else 0
            parts.append(
                f'<rect class="bar bar-{index % 6}" x="{LABEL_WIDTH}" y="{y + 2}" '
                f'width="{width}" height="{BAR_HEIGHT - 6}"><title>{text}: {_fmt(value)}</title></rect>'
            )
            shown = _fmt(value)
        else:
            width, shown = 0, escape(str(value if value is not None else "–"))
        parts.append(
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6}" y="{y + 15}">{shown}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every text is escaped above
