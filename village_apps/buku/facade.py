"""What the rest of Balai may call in the books app: the closed periods of the village's
books, read from above the village by the camat and province officials
(``village_apps.contracts.ClosedBooks``), and its demo rows (``DemoData``). Runs inside
the village's context (``tenants.context.village_context``); the ``buku`` CLI uses the
registry itself.

Only the rows stored when a period was closed leave the village, through the same
renderers the village prints with, NIK/KK columns masked; each read is audited here, in
the village's access audit, under the reader's control-plane name and role."""

from __future__ import annotations

import dataclasses

from django.utils import translation

from balai_kernel.actor import Actor
from village_apps.audit import services as audit
from village_apps.audit.choices import AuditAction
from village_apps.buku import registry, render, rows, selectors, services
from village_apps.buku.demo import load_demo_village as load_demo_village
from village_apps.buku.registry import Book, Periode
from village_apps.contracts import ClosedBookFile, ClosedBookPeriod


def _outsider(actor: Actor) -> Actor:
    """The reader as this village's audit names it: a control-plane account has no user
    in this schema, so the row carries its role and name (``camat:<username>``, like
    ``cli:<user>``, never mistaken for a village account) and no village user id."""
    return dataclasses.replace(actor, user=None, label=f"{actor.role}:{actor.label}")


def penutupan_list(*, actor: Actor) -> list[ClosedBookPeriod]:
    """Every closed period of the village's books, in the regulation's order of the
    books and newest period first; audited as one read of the list."""
    books = {b.slug: (i, b) for i, b in enumerate(registry.books_all())}
    found = [(books[p.buku], p) for p in selectors.penutupan_all_list() if p.buku in books]
    with translation.override("id"):
        result = [
            ClosedBookPeriod(
                slug=book.slug,
                title=str(book.title),
                group=book.group,
                code=book.code,
                periode=p.periode,
                ditutup_pada=p.ditutup_pada,
                baris=p.jumlah_baris or 0,
            )
            for (_order, book), p in sorted(found, key=lambda f: (f[0][0], f[1].periode))
        ]
    audit.audit_record(
        action=AuditAction.VIEW,
        object_type="buku.penutupan",
        summary=f"daftar periode tertutup, dibaca dari luar desa ({len(result)})",
        actor=_outsider(actor),
    )
    return result


def _personal_columns(book: Book) -> set[int]:
    return {i for i, column in enumerate(book.leaves()) if column.personal_number}


def penutupan_export(*, slug: str, periode: str, fmt: str, actor: Actor) -> ClosedBookFile | None:
    """The closed period ``periode`` of book ``slug`` as the village prints it (PDF or
    XLSX, the stored rows, NIK/KK masked); ``None`` when the book is unknown or that
    period is not closed (never the live rows). Audited as the village's own exports."""
    book = registry.book_get(slug)
    if book is None or fmt not in render.CONTENT_TYPES:
        return None
    try:
        parsed = Periode.parse(periode)
    except ValueError:
        return None
    penutupan = selectors.penutupan_get(book=book, periode=parsed)
    if penutupan is None:
        return None
    stored = rows.rows_mask(rows.rows_decode(penutupan.baris), _personal_columns(book))
    data = selectors.BookRows(book, parsed, stored, penutupan)
    with translation.override("id"):
        content = services.buku_export(data=data, fmt=fmt, actor=_outsider(actor))
    return ClosedBookFile(
        filename=render.book_filename(book, parsed, fmt),
        content_type=render.CONTENT_TYPES[fmt],
        content=content,
    )
