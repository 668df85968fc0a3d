"""Charts as server-side SVG: no JavaScript, nothing from another host, and no inline
styles (the CSP forbids them): bars are coloured by CSS classes from the static sheet.
Each chart carries its title (``<title>``, ``aria-label``) and every value as text
(``<desc>``), formatted by the one number and percent formatters the tables use."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from balai_kernel.numbers import number_format, percent_format

Angka = int | float | Decimal
# A public count may be a mark instead of a number ("<5", "x"): drawn without a bar.
Nilai = Angka | str | None


def _adalah_angka(nilai: object) -> bool:
    return isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool)


def _angka(nilai: Angka) -> str:
    return number_format(float(nilai) if isinstance(nilai, int) else nilai)


# Bars use at most this share of the chart's width: the value is printed after the bar.
BAR_SPAN = 70.0


def svg_batang(
    baris: Sequence[tuple[str, Nilai]],
    *,
    judul: str,
    satuan: str = "",
    kelas: Sequence[str] = (),
    persen: bool = False,
) -> SafeString:
    """A horizontal bar chart: each row's label above its bar, the value printed after it.
    A value that is not a number (a hidden count's mark) gets no bar and is printed as
    it is, so nothing hidden is drawn, and the scale comes from the numbers only. A
    negative value (net financing) is drawn by its size with the class ``negatif`` and
    printed with its sign: the chart shows the figure the page states, never 0.

    The chart is as wide as its column and is never scaled: bars and value positions
    are percentages of the width, text keeps the style sheet's size, so labels stay
    readable on a phone as on a desktop (a scaled ``viewBox`` shrank them to ~6 px)."""
    tinggi_baris = 44
    tinggi = tinggi_baris * max(len(baris), 1) + 4
    angka = [abs(float(v)) for _, v in baris if _adalah_angka(v)]
    maks = max(angka, default=0.0) or 1.0
    if persen:
        maks = max(maks, 100.0)
    teks_nilai = [
        ("–" if nilai is None else str(nilai))
        if not _adalah_angka(nilai)
        else (percent_format(nilai) if persen else f"{_angka(nilai)}{satuan}")  # type: ignore[arg-type]
        for _label, nilai in baris
    ]
    uraian = "; ".join(
        f"{label}: {teks}" for (label, _n), teks in zip(baris, teks_nilai, strict=True)
    )
    bagian = [
        f'<svg class="grafik" width="100%" height="{tinggi}" role="img" '
        f'aria-label="{escape(judul)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(judul)}</title>'
        f"<desc>{escape(uraian)}</desc>"
    ]
    for i, ((label, nilai), teks) in enumerate(zip(baris, teks_nilai, strict=True)):
        y = 2 + i * tinggi_baris
        k = kelas[i % len(kelas)] if kelas else f"seri-{i % 6}"
        if not _adalah_angka(nilai):
            w = 0.0
        else:
            w = abs(float(nilai)) / maks * BAR_SPAN  # type: ignore[arg-type]
            if float(nilai) < 0:  # type: ignore[arg-type]
                k += " negatif"
        label_pendek = label if len(label) <= 48 else label[:47] + "…"
        bagian.append(
            f'<text x="0" y="{y + 14}" class="grafik-label">{escape(label_pendek)}</text>'
            f'<rect x="0" y="{y + 20}" width="{w:.2f}%" height="16" class="{k}"/>'
            f'<text x="{w:.2f}%" dx="6" y="{y + 33}" class="grafik-nilai">{escape(teks)}</text>'
        )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # noqa: S308 - every label and value is escaped above
