"""``manage.py surat templates import --village SLUG FILE [--json]``: import OpenSID's
letter templates (``template_surat_tinymce.json``) into one village, as the import page
does. Prints a summary, or one JSON object with ``--json``::

    {"ok": true, "imported": 42, "unfilled": {}}

``unfilled`` maps a template's name to the fields a letter with every form field filled
would still leave empty (``services.format_surat_unfilled``): ``{}`` is a complete import.
Errors (no such village, unreadable file, nothing imported) print ``{"ok": false,
"error": …}`` and exit non-zero. Enters the village itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.context import village_context

MAKS_BERKAS = 5 * 1024 * 1024  # as the import page


class Command(BaseCommand):
    help = "Format surat: impor format OpenSID untuk satu desa."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="objek", required=True)
        templates = sub.add_parser("templates", help="format surat")
        aksi = templates.add_subparsers(dest="aksi", required=True)
        imp = aksi.add_parser("import", help="impor berkas JSON format surat OpenSID")
        imp.add_argument("--village", required=True, help="slug, id atau kode desa")
        imp.add_argument("file", help="template_surat_tinymce.json")
        imp.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            hasil = self.templates_import(options["village"], Path(options["file"]))
        except (ValidationError, ObjectDoesNotExist, OSError, ValueError) as exc:
            pesan = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            hasil = {"ok": False, "error": pesan or exc.__class__.__name__}
        if options["json"]:
            self.stdout.write(json.dumps(hasil, ensure_ascii=False))
        else:
            self.stdout.write(self.human(hasil))
        if not hasil["ok"]:
            raise CommandError(hasil.get("error") or "tidak ada format yang diimpor", returncode=1)

    def templates_import(self, village: str, path: Path) -> dict[str, Any]:
        from village_apps.surat.services import format_surat_import

        if path.stat().st_size > MAKS_BERKAS:
            raise ValueError("Berkas lebih dari 5 MB.")
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, RecursionError) as exc:
            raise ValueError("Berkas bukan JSON yang sah.") from exc
        with village_context(village):
            report = format_surat_import(items=items)
        imported = len(report.created) + len(report.updated)
        return {
            "ok": imported > 0,
            "imported": imported,
            "created": len(report.created),
            "updated": len(report.updated),
            "unfilled": report.unmapped,
            "errors": report.errors,
            "warnings": report.peringatan,
            **({} if imported else {"error": "Tidak ada format yang diimpor."}),
        }

    def human(self, hasil: dict[str, Any]) -> str:
        if not hasil["ok"]:
            lines = [f"Galat: {hasil.get('error', '')}"]
            lines += [f"galat: {e}" for e in hasil.get("errors", [])]
            return "\n".join(lines)
        lines = [f"Diimpor {hasil['imported']} format ({hasil['created']} baru)."]
        for nama, kode in hasil["unfilled"].items():
            lines.append(f"belum terisi ({nama}): {', '.join(kode)}")
        lines += [f"galat: {e}" for e in hasil["errors"]]
        lines += [f"peringatan: {w}" for w in hasil["warnings"]]
        return "\n".join(lines)
