"""What the rest of Balai may call in the population module, inside a village context:
the :class:`~village_apps.contracts.Population`, ``SnapshotSource`` and ``DemoData``
contracts (``village_apps.contracts``). Results are frozen dataclasses, never rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import IO, Any

from village_apps.contracts import SUMMARY_CATEGORY, PopulationSummary, StatRow
from village_apps.penduduk import statistik as _statistik
from village_apps.penduduk.demo import load_demo_village as _load_demo_village
from village_apps.penduduk.excel import penduduk_ekspor_excel as _penduduk_ekspor_excel
from village_apps.penduduk.selectors import statistik_sensitif_aktif as _sensitif_aktif

# ``{key: Indonesian title}`` of every statistics category.
STATISTIK_KATEGORI: Mapping[str, str] = _statistik.STATISTIK_KATEGORI


def statistik(kategori: str, *, pada: date | None = None) -> list[StatRow]:
    """Rows of living residents for one category (one query): every code of the list
    (zeros included) plus a last ``kode=None`` row "BELUM MENGISI". ``KeyError`` for an
    unknown category."""
    return [
        StatRow(
            kode=r["kode"],
            label=str(r["label"]),
            jumlah=r["jumlah"],
            laki_laki=r.get("laki_laki"),
            perempuan=r.get("perempuan"),
        )
        for r in _statistik.statistik(kategori, pada=pada)
    ]


def ringkasan() -> PopulationSummary:
    return PopulationSummary(**_statistik.ringkasan())


def statistik_sensitif_aktif() -> frozenset[str]:
    """The special categories (health, disability, pregnancy, contraception) the village
    turned on for public outputs; every other special category stays off them."""
    return _sensitif_aktif()


def penduduk_export(*, target: IO[bytes]) -> int:
    """OpenSID's resident workbook written to ``target`` (audited in the village);
    returns the number of residents."""
    return _penduduk_ekspor_excel(target=target)


def load_demo_village(*, village: Any) -> int:
    """Demo residents, families and hamlets (idempotent); returns residents created."""
    return _load_demo_village(village=village)


def snapshot_contributions(
    *, publishable: Callable[[str], bool]
) -> Mapping[str, Sequence[StatRow]]:
    """The headline totals and every publishable statistics category."""
    summary = ringkasan()
    rows: dict[str, Sequence[StatRow]] = {
        SUMMARY_CATEGORY: [
            StatRow(
                kode="penduduk",
                label="Penduduk",
                jumlah=summary.penduduk,
                laki_laki=summary.laki_laki,
                perempuan=summary.perempuan,
            ),
            *(
                StatRow(kode=key, label=key.replace("_", " ").capitalize(), jumlah=value)
                for key, value in (
                    ("keluarga", summary.keluarga),
                    ("rumah_tangga", summary.rumah_tangga),
                    ("dusun", summary.dusun),
                )
            ),
        ]
    }
    for kategori in STATISTIK_KATEGORI:
        if publishable(kategori):
            rows[kategori] = statistik(kategori)
    return rows
