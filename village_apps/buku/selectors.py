"""Reads of the books: the rows of a book for a period (frozen when the period is
closed), closed periods, and the registers this app keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from village_apps.buku.models import KaderPemberdayaan, PendudukSementara, PenutupanBuku
from village_apps.buku.registry import Book, Periode, QueryRows
from village_apps.buku.rows import printed_rows, rows_decode, rows_search


@dataclass(frozen=True, slots=True)
class BookRows:
    """A book's rows for a period as every output prints them; ``penutupan`` is the
    closing whose stored rows these are (None: made from the live data)."""

    book: Book
    periode: Periode
    rows: list[Sequence[Any]]
    penutupan: PenutupanBuku | None


def penutupan_get(*, book: Book, periode: Periode) -> PenutupanBuku | None:
    return PenutupanBuku.objects.filter(buku=book.slug, periode=str(periode)).first()


def penutupan_list(*, book: Book) -> QuerySet[PenutupanBuku]:
    return PenutupanBuku.objects.filter(buku=book.slug).only("periode", "ditutup_pada")


def buku_rows_list(*, book: Book, periode: Periode, cari: str = "") -> BookRows:
    """The rows of ``book`` for ``periode``: the stored rows of a closed period, else
    the book's own rows from the live data."""
    penutupan = penutupan_get(book=book, periode=periode)
    if penutupan is not None:
        return BookRows(book, periode, rows_search(rows_decode(penutupan.baris), cari), penutupan)
    return BookRows(book, periode, [tuple(r) for r in book.rows(periode, cari)], None)


def buku_page_get(
    *, book: Book, periode: Periode, cari: str = "", halaman: str | None, per_page: int
) -> tuple[BookRows, Page]:
    """One page of a book as the page shows it: ``Page.object_list`` holds the printed
    rows (numbered on from the page's first row). A book read from one queryset
    (``QueryRows``, no JUMLAH row) is paged in the database, so a page costs a count
    and ``per_page`` rows whatever the village's size; a closed period or any other
    book is printed whole and then paged (its totals need every row)."""
    if isinstance(book.rows, QueryRows) and not book.totals:
        if penutupan_get(book=book, periode=periode) is None:
            page = Paginator(book.rows.source(periode, cari), per_page).get_page(halaman)
            rows = [tuple(book.rows.row(obj)) for obj in page.object_list]
            page.object_list = printed_rows(book, rows, start=page.start_index())
            return BookRows(book, periode, rows, None), page
    data = buku_rows_list(book=book, periode=periode, cari=cari)
    return data, Paginator(printed_rows(book, data.rows), per_page).get_page(halaman)


def penutupan_waktu_get(*, book_slug: str) -> dict[str, datetime]:
    """When each closed period of a book was closed (``"2026-05"`` → time)."""
    return dict(PenutupanBuku.objects.filter(buku=book_slug).values_list("periode", "ditutup_pada"))


def entry_periode_get(
    *, closings: dict[str, datetime], day: date, recorded_at: datetime, monthly: bool = True
) -> Periode:
    """The period a dated entry belongs to in a book that closes periods: the period of
    its date, unless that period was already closed when the entry was recorded; then
    the first period after it that was still open (a closed period is never rewritten;
    the late entry is printed in the next one)."""
    periode = Periode.containing(day, monthly=monthly)
    while True:
        closed = closings.get(str(periode)) or closings.get(str(Periode(periode.tahun)))
        if closed is None or closed > recorded_at:
            return periode
        periode = periode.next()


def penduduk_sementara_list(
    *, cari: str = "", periode: Periode | None = None
) -> QuerySet[PendudukSementara]:
    qs = PendudukSementara.objects.all()
    if periode is not None:
        # Present at some time in the period: arrived by its end, not gone before its start.
        qs = qs.filter(tanggal_datang__lte=periode.end).filter(
            Q(tanggal_pergi__isnull=True) | Q(tanggal_pergi__gte=periode.start)
        )
    if cari:
        qs = qs.filter(
            Q(nama__icontains=cari) | Q(datang_dari__icontains=cari) | Q(nomor_identitas=cari)
        )
    return qs.order_by("tanggal_datang", "id")


def kader_list(*, cari: str = "", sampai: date | None = None) -> QuerySet[KaderPemberdayaan]:
    qs = KaderPemberdayaan.objects.all()
    if sampai is not None:
        qs = qs.filter(dibuat_pada__date__lte=sampai)
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(bidang__icontains=cari))
    return qs.order_by("nama", "id")


def penutupan_all_list() -> QuerySet[PenutupanBuku]:
    """Every closed period of every book, with its row count (``jumlah_baris``, counted
    by the database: the stored rows are not loaded)."""
    from django.db.models import F, Func, IntegerField

    return (
        PenutupanBuku.objects.annotate(
            jumlah_baris=Func(
                F("baris"), function="jsonb_array_length", output_field=IntegerField()
            )
        )
        .only("buku", "periode", "ditutup_pada")
        .order_by("buku", "-periode")
    )
