"""``manage.py buku list [--json]`` and ``manage.py buku export --village SLUG BOOK
--period YYYY[-MM] --format pdf|xlsx --output FILE``: the books of the Buku
Administrasi Desa from the command line. ``export`` writes the same document the book's
page prints (same rows — the stored ones of a closed period — and the same renderer),
audited as a command-line export. Enters the village itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from balai_kernel.actor import Actor
from tenants.context import village_context


class Command(BaseCommand):
    help = "Buku administrasi desa: daftar buku dan ekspor PDF/XLSX satu buku."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="aksi", required=True)
        daftar = sub.add_parser("list", help="daftar buku")
        daftar.add_argument("--json", action="store_true", help="cetak JSON")
        exp = sub.add_parser("export", help="ekspor satu buku")
        exp.add_argument("--village", required=True, help="slug, id atau kode desa")
        exp.add_argument("book", help="slug buku (lihat 'buku list')")
        exp.add_argument("--period", required=True, help="YYYY atau YYYY-MM")
        exp.add_argument(
            "--format", required=True, choices=("pdf", "xlsx"), help="pdf (cetak) atau xlsx"
        )
        exp.add_argument("--output", required=True, help="berkas yang ditulis")

    def handle(self, *args: Any, **options: Any) -> None:
        from village_apps.buku.registry import Periode, book_get, books_all

        if options["aksi"] == "list":
            with translation.override("id"):
                books = [
                    {"slug": b.slug, "title": str(b.title), "group": b.group} for b in books_all()
                ]
            if options["json"]:
                self.stdout.write(json.dumps(books, ensure_ascii=False))
            else:
                for b in books:
                    self.stdout.write(f"{b['group']:<12} {b['slug']:<36} {b['title']}")
            return
        book = book_get(options["book"])
        if book is None:
            raise CommandError(f"Buku tidak dikenal: {options['book']} (lihat 'buku list').")
        try:
            periode = Periode.parse(options["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if periode.bulan is not None and not book.monthly:
            raise CommandError(f"Buku {book.slug} disusun per tahun: --period YYYY.")
        from village_apps.buku.selectors import buku_rows_list
        from village_apps.buku.services import buku_export

        with village_context(options["village"]), translation.override("id"):
            data = buku_rows_list(book=book, periode=periode)
            content = buku_export(data=data, fmt=options["format"], actor=Actor.cli())
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"{book.slug} {periode}: {len(data.rows)} baris → {options['output']}")
