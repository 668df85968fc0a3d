"""The registry of the Buku Administrasi Desa: what a book is, and where books come from.

A book is plain data (:class:`Book`): its columns in the regulation's layout (nested
header groups as Permendagri 47/2016's tables have them) and a function that yields its
rows for a period and a search text. One generic page, one PDF renderer and one XLSX
renderer serve every book; a village app adds a book by registering it, nothing else.

**Where books live.** Each village app that holds a book's data may keep a ``books.py``
module that calls :func:`book_register` at import time; :func:`books_all` imports every
village app's ``books`` module by name (``importlib``) the first time it is asked. This
app never imports another app's ``books`` module statically, so an app that registers a
book depends on ``buku`` and never the other way round (the import-linter sibling
contracts stay acyclic). Books made from the data of apps *below* ``buku`` (penduduk,
pembangunan, profil, …) live in ``village_apps.buku.books``.

**Rows.** ``rows(periode, cari)`` returns the book's rows for the period, one sequence
per row with one value per *leaf* column (``Column`` without children) in order,
*without* the row number when ``numbered`` (the renderers add the "NOMOR URUT"
column). Values are ``str``, ``int``, ``Decimal``, ``date``/``datetime`` or ``None``
(empty cell); the renderers format them. ``cari`` is the user's search text (already
stripped; ``""`` for none); a book filters on it as it sees fit (name, number, …).
Rows run inside the village's context (a request or ``village_context``).

This interface is what other apps program against: extend it (new fields with defaults),
never rename.
"""

from __future__ import annotations

import calendar
import importlib
import importlib.util
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from village_apps.buku.choices import BookGroup

__all__ = [
    "Book",
    "BookGroup",
    "Column",
    "Periode",
    "book_get",
    "book_register",
    "books_all",
    "leaf_columns",
]

_PERIODE = re.compile(r"^(?P<tahun>\d{4})(?:-(?P<bulan>\d{1,2}))?$")


@dataclass(frozen=True, slots=True, order=True)
class Periode:
    """A book's period: a whole year (``bulan`` None) or one month of it."""

    tahun: int
    bulan: int | None = None

    def __post_init__(self) -> None:
        if not 1900 <= self.tahun <= 9999:
            raise ValueError(f"tahun di luar jangkauan: {self.tahun}")
        if self.bulan is not None and not 1 <= self.bulan <= 12:
            raise ValueError(f"bulan di luar jangkauan: {self.bulan}")

    @classmethod
    def parse(cls, text: str) -> Periode:
        """``"2026"`` or ``"2026-05"``; ValueError otherwise."""
        match = _PERIODE.match((text or "").strip())
        if not match:
            raise ValueError(f"periode tidak dikenali: {text!r} (YYYY atau YYYY-MM)")
        bulan = match["bulan"]
        return cls(int(match["tahun"]), int(bulan) if bulan else None)

    @classmethod
    def containing(cls, day: date, *, monthly: bool = True) -> Periode:
        return cls(day.year, day.month if monthly else None)

    @property
    def monthly(self) -> bool:
        return self.bulan is not None

    @property
    def start(self) -> date:
        """First day of the period."""
        return date(self.tahun, self.bulan or 1, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        bulan = self.bulan or 12
        return date(self.tahun, bulan, calendar.monthrange(self.tahun, bulan)[1])

    def next(self) -> Periode:
        if self.bulan is None:
            return Periode(self.tahun + 1)
        if self.bulan == 12:
            return Periode(self.tahun + 1, 1)
        return Periode(self.tahun, self.bulan + 1)

    def previous(self) -> Periode:
        if self.bulan is None:
            return Periode(self.tahun - 1)
        if self.bulan == 1:
            return Periode(self.tahun - 1, 12)
        return Periode(self.tahun, self.bulan - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        """The machine form (``2026`` / ``2026-05``): URLs, the CLI, stored keys."""
        return f"{self.tahun}" if self.bulan is None else f"{self.tahun}-{self.bulan:02d}"


@dataclass(frozen=True, slots=True)
class Column:
    """A header cell. A column with ``children`` is a group header spanning them (the
    regulation's two- and three-level headers); only leaf columns hold values."""

    key: str
    label: Any  # str or lazy translation: the header text
    children: tuple[Column, ...] = ()
    # Relative width in the PDF/XLSX (1 = a short number column).
    width: float = 1.0
    # Holds a NIK or KK number: masked on the page for a role without ``lihat_nik``.
    personal_number: bool = False

    @property
    def leaf(self) -> bool:
        return not self.children

    def leaves(self) -> Iterator[Column]:
        if self.leaf:
            yield self
        for child in self.children:
            yield from child.leaves()

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


RowsFunc = Callable[[Periode, str], Iterable[Sequence[Any]]]


@dataclass(frozen=True, slots=True)
class QueryRows:
    """A book's rows read from one queryset, one row per object, as ``Book.rows``.

    Called, it is an ordinary rows function (every row, for print and export). But a
    page of the book then reads only its own objects — a count and a slice in the
    database (``selectors.buku_page_get``) — where a generator would build every row
    of the period first: Buku Induk at 5,000 residents took 0.7 s a page that way,
    nearly all of it making model objects for rows nobody sees."""

    source: Callable[[Periode, str], Any]  # (periode, cari) -> ordered QuerySet
    row: Callable[[Any], Sequence[Any]]

    def __call__(self, periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
        return (self.row(obj) for obj in self.source(periode, cari))


@dataclass(frozen=True, slots=True)
class Book:
    """One book of the Buku Administrasi Desa.

    - ``slug``: its address (``/kelola/buku/<slug>/``) and CLI name; unique.
    - ``group``: ``BookGroup`` value (umum, penduduk, pembangunan, keuangan).
    - ``module``: the permission-matrix module whose VIEW right reads the book (the
      data's own module, or ``buku``); EXPORT is needed for PDF/XLSX.
    - ``landscape``: the regulation prints it on landscape paper.
    - ``closable``: a period of the book can be closed (its rows frozen as printed).
    - ``monthly``: the page offers months (default) or only years.
    - ``numbered``: the renderers add the "NOMOR URUT" column before ``columns``.
    - ``code``: the regulation's letter (``A.1``, ``B.1``, …), for ordering and print.
    - ``entry_url``: URL name of the screen where the book's own rows are entered
      (books whose data nothing else holds), ``""`` for generated books.
    - ``totals``: the renderers add a JUMLAH row summing numeric leaf columns.
    """

    slug: str
    title: Any
    group: str
    columns: tuple[Column, ...]
    rows: RowsFunc
    landscape: bool = True
    module: str = "buku"
    closable: bool = False
    monthly: bool = True
    numbered: bool = True
    code: str = ""
    entry_url: str = ""
    totals: bool = False
    description: Any = ""

    def leaves(self) -> tuple[Column, ...]:
        return leaf_columns(self.columns)

    def header_depth(self) -> int:
        return max((c.depth() for c in self.columns), default=1)


def leaf_columns(columns: Sequence[Column]) -> tuple[Column, ...]:
    return tuple(leaf for column in columns for leaf in column.leaves())


_books: dict[str, Book] = {}
_discovered = False
_lock = threading.Lock()
_GROUP_ORDER = {g.value: i for i, g in enumerate(BookGroup)}


def book_register(book: Book) -> Book:
    """Add a book (at import time of an app's ``books`` module). Registering the same
    slug again replaces it only with an equal definition (module reloads in tests)."""
    if book.group not in _GROUP_ORDER:
        raise ValueError(f"kelompok buku tidak dikenal: {book.group!r}")
    if not book.columns:
        raise ValueError(f"buku {book.slug} tanpa kolom")
    existing = _books.get(book.slug)
    if existing is not None and (existing.title, existing.group) != (book.title, book.group):
        raise ValueError(f"slug buku sudah dipakai: {book.slug}")
    _books[book.slug] = book
    return book


def _autodiscover() -> None:
    global _discovered
    if _discovered:
        return
    with _lock:
        if _discovered:
            return
        from django.apps import apps

        for config in apps.get_app_configs():
            if not config.name.startswith("village_apps."):
                continue
            name = f"{config.name}.books"
            # find_spec, not a bare try/except ImportError: an error inside an app's
            # books module must surface, not hide its books.
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)
        _discovered = True


def books_all() -> list[Book]:
    """Every registered book, in the regulation's order (group, code, title)."""
    _autodiscover()
    return sorted(
        _books.values(), key=lambda b: (_GROUP_ORDER[b.group], _code_key(b.code), str(b.title))
    )


def book_get(slug: str) -> Book | None:
    _autodiscover()
    return _books.get(slug)


def _code_key(code: str) -> tuple[Any, ...]:
    parts = re.split(r"[.\s]", code or "~")
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in parts)
