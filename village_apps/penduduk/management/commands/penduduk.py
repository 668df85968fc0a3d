"""``manage.py penduduk import|export --village SLUG``: OpenSID resident workbooks from
the command line. Prints a summary, or one JSON object with ``--json``; exits non-zero
when nothing was imported. Enters the village itself."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.context import village_context


class Command(BaseCommand):
    help = "Impor/ekspor data penduduk format Excel OpenSID untuk satu desa."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="aksi", required=True)
        imp = sub.add_parser("import", help="impor berkas .xlsx/.xlsm")
        imp.add_argument("--village", required=True, help="slug, id atau kode desa")
        imp.add_argument("file", help="berkas Excel format OpenSID")
        imp.add_argument("--update", action="store_true", help="perbarui penduduk ber-NIK sama")
        imp.add_argument("--json", action="store_true", help="cetak satu objek JSON")
        exp = sub.add_parser("export", help="ekspor semua penduduk")
        exp.add_argument("--village", required=True, help="slug, id atau kode desa")
        exp.add_argument("--out", required=True, help="berkas .xlsx yang ditulis")
        exp.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from village_apps.penduduk.excel import (
            BerkasDitolak,
            penduduk_ekspor_excel,
            penduduk_impor_excel,
        )

        with village_context(options["village"]):
            if options["aksi"] == "export":
                n = penduduk_ekspor_excel(target=options["out"])
                if options["json"]:
                    self.stdout.write(
                        json.dumps({"ok": True, "penduduk": n, "out": options["out"]})
                    )
                else:
                    self.stdout.write(f"{n} penduduk diekspor ke {options['out']}.")
                return
            try:
                hasil = penduduk_impor_excel(
                    source=options["file"], nama_berkas=options["file"], perbarui=options["update"]
                ).as_dict()
            except BerkasDitolak as exc:
                hasil = {
                    "ok": False,
                    "created": {},
                    "updated": {},
                    "warnings": [],
                    "errors": [{"baris": 0, "kolom": "", "nilai": "", "pesan": str(exc)}],
                }
        if options["json"]:
            self.stdout.write(json.dumps(hasil, ensure_ascii=False, default=str))
        else:
            self.stdout.write(self.human(hasil))
        if not hasil["ok"]:
            raise CommandError("tidak ada data yang diimpor", returncode=1)

    def human(self, hasil: dict[str, Any]) -> str:
        """The import's counts, then each warning and error with its row."""
        verb = "Diimpor" if hasil["ok"] else "Tidak ada yang diimpor"
        counts = ", ".join(f"{k} {v}" for k, v in hasil["created"].items()) or "-"
        updated = ", ".join(f"{k} {v}" for k, v in hasil["updated"].items())
        lines = [f"{verb}: {counts}" + (f"; diperbarui: {updated}" if updated else "")]
        for kind, items in (("peringatan", hasil["warnings"]), ("galat", hasil["errors"])):
            for item in items:
                where = f"baris {item['baris']}" + (
                    f", {item['kolom']}" if item.get("kolom") else ""
                )
                lines.append(f"{kind} ({where}): {item['pesan']}")
        return "\n".join(lines)
