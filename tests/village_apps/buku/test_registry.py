"""The registry interface other apps program against: periods, columns, books."""

from datetime import date

import pytest

from village_apps.buku import registry
from village_apps.buku.registry import Book, Column, Periode, book_get, book_register, books_all


def test_periode_parse_bounds_and_steps():
    assert Periode.parse("2026") == Periode(2026)
    assert Periode.parse("2026-05") == Periode(2026, 5)
    assert str(Periode(2026, 5)) == "2026-05" and str(Periode(2026)) == "2026"
    assert Periode(2024, 2).end == date(2024, 2, 29)
    assert Periode(2026).start == date(2026, 1, 1) and Periode(2026).end == date(2026, 12, 31)
    assert Periode(2026, 12).next() == Periode(2027, 1)
    assert Periode(2026, 1).previous() == Periode(2025, 12)
    assert Periode(2026).next() == Periode(2027)
    for bad in ("26", "2026-13", "2026/05", ""):
        with pytest.raises(ValueError):
            Periode.parse(bad)


def test_nested_columns_give_leaves_in_order():
    columns = (
        Column("nama", "NAMA"),
        Column("jk", "JENIS KELAMIN", children=(Column("l", "L"), Column("p", "P"))),
    )
    book = Book("uji", "Uji", "umum", columns, rows=lambda periode, cari: [])
    assert [c.key for c in book.leaves()] == ["nama", "l", "p"]
    assert book.header_depth() == 2


def test_register_refuses_unknown_group_and_taken_slug(monkeypatch):
    books_all()  # discovered first, so the copy below holds every real book
    monkeypatch.setattr(registry, "_books", dict(registry._books))
    with pytest.raises(ValueError):
        book_register(Book("uji-x", "Uji", "lain", (Column("a", "A"),), rows=lambda p, c: []))
    book_register(Book("uji-y", "Uji Y", "umum", (Column("a", "A"),), rows=lambda p, c: []))
    with pytest.raises(ValueError):
        book_register(Book("uji-y", "Lain", "umum", (Column("a", "A"),), rows=lambda p, c: []))
    assert book_get("uji-y") is not None
    groups = [b.group for b in books_all()]
    assert groups == sorted(groups, key=["umum", "penduduk", "pembangunan", "keuangan"].index)


def test_book_codes_are_unique_within_a_group():
    # The regulation numbers each book once in its group (Permendagri 47/2016 Pasal 4:
    # A.1 … A.9 for the general administration); two books under one code print as the
    # same book and sort as one.
    seen: dict[tuple[str, str], str] = {}
    for book in books_all():
        if not book.code:
            continue
        key = (book.group, book.code)
        assert key not in seen, f"{book.slug} and {seen[key]} are both {book.code}"
        seen[key] = book.slug
    assert book_get("aparat-pemerintah-desa").code == "A.4"
    assert book_get("tanah-di-desa").code == "A.6"
