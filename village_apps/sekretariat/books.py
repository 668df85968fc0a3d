"""Buku Agenda and Buku Ekspedisi (Permendagri 47/2016, Buku Administrasi Umum, A.7 and
A.8) in the books registry, so they are listed, paged, closed and printed to PDF/XLSX by
the shared renderers of ``village_apps.buku`` like every other book.

Columns as the regulation's tables: the agenda's letters in and out side by side under
their group headings; the dispatch book with the recipient's signature column
(TANDA TERIMA), left empty for the paper copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.sekretariat import selectors


def agenda_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    """Letters received and sent in the period, in time order (see
    ``selectors.agenda_list``)."""
    for r in selectors.agenda_list(periode=periode, q=cari).iterator(chunk_size=500):
        yield (
            r["a_tanggal"],
            r["a_masuk_nomor"], r["a_masuk_tanggal"], r["a_pengirim"], r["a_masuk_isi"],
            r["a_keluar_nomor"], r["a_keluar_tanggal"], r["a_tujuan"], r["a_keluar_isi"],
            r["a_keterangan"],
        )  # fmt: skip


def ekspedisi_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for e in selectors.ekspedisi_list(periode=periode, q=cari).iterator(chunk_size=500):
        yield (
            e.tanggal_pengiriman,
            f"{e.tanggal_surat:%d-%m-%Y} / {e.nomor_surat}",
            e.isi_singkat,
            e.ditujukan_kepada,
            e.keterangan,
            "",  # the recipient signs here on paper
        )


AGENDA = book_register(
    Book(
        slug="agenda",
        title=_("Buku Agenda"),
        group=BookGroup.UMUM,
        code="A.7",
        module="sekretariat",
        entry_url="sekretariat:agenda",
        columns=(
            Column("tanggal", "TANGGAL PENERIMAAN / PENGIRIMAN SURAT", width=1.3),
            Column(
                "masuk",
                "SURAT MASUK",
                children=(
                    Column("masuk_nomor", "NOMOR", width=1.5),
                    Column("masuk_tanggal", "TANGGAL", width=1.1),
                    Column("pengirim", "PENGIRIM", width=1.6),
                    Column("masuk_isi", "ISI SINGKAT", width=2.2),
                ),
            ),
            Column(
                "keluar",
                "SURAT KELUAR",
                children=(
                    Column("keluar_nomor", "NOMOR", width=1.5),
                    Column("keluar_tanggal", "TANGGAL", width=1.1),
                    Column("tujuan", "DITUJUKAN KEPADA", width=1.6),
                    Column("keluar_isi", "ISI SINGKAT", width=2.2),
                ),
            ),
            Column("keterangan", "KETERANGAN", width=1.4),
        ),
        rows=agenda_rows,
        description=_(
            "Surat masuk dan surat keluar, termasuk setiap surat yang diterbitkan di Balai."
        ),
    )
)
EKSPEDISI = book_register(
    Book(
        slug="ekspedisi",
        title=_("Buku Ekspedisi"),
        group=BookGroup.UMUM,
        code="A.8",
        module="sekretariat",
        entry_url="sekretariat:ekspedisi",
        columns=(
            Column("tanggal_pengiriman", "TANGGAL PENGIRIMAN", width=1.3),
            Column("nomor_tanggal", "TANGGAL DAN NOMOR SURAT", width=2.2),
            Column("isi", "ISI SINGKAT SURAT YANG DIKIRIM", width=3),
            Column("tujuan", "DITUJUKAN KEPADA", width=2),
            Column("keterangan", "KETERANGAN", width=1.5),
            Column("tanda_terima", "TANDA TERIMA", width=1.5),
        ),
        rows=ekspedisi_rows,
        description=_("Surat yang dikirim, dengan kolom tanda terima penerima."),
    )
)
