"""``manage.py opensid import --village SLUG DUMP`` — see ``opensid_import.services``."""

import json

from django.core.management.base import BaseCommand, CommandError

from village_apps.opensid_import.services import opensid_import


class Command(BaseCommand):
    help = "Impor cadangan OpenSID (.sql, .sql.gz, .sid) ke sebuah desa Balai."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="impor satu desa")
        imp.add_argument("dump", help="berkas cadangan basis data OpenSID")
        imp.add_argument("--village", required=True, help="subdomain (slug) desa tujuan")
        imp.add_argument("--desa-zip", default=None, help="arsip folder desa/ (zip)")
        imp.add_argument("--kode-desa", default="", help="desa yang dipilih dari database gabungan")
        imp.add_argument("--strict", action="store_true", help="kode desa berbeda = galat")
        imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        imp.add_argument(
            "--accept-differences", action="store_true", help="terima selisih angka verifikasi"
        )
        imp.add_argument(
            "--replace",
            metavar="SLUG",
            default="",
            help="ganti data desa yang sudah ada; ulangi subdomain desa sebagai konfirmasi",
        )
        imp.add_argument("--json", action="store_true", help="cetak laporan sebagai satu JSON")

    def handle(self, *args, **opts):
        if opts["replace"] and opts["replace"] != opts["village"]:
            raise CommandError("Konfirmasi --replace harus sama dengan subdomain desa (--village).")
        laporan = opensid_import(
            village=opts["village"],
            dump_path=opts["dump"],
            desa_zip=opts["desa_zip"],
            kode_desa=opts["kode_desa"],
            strict=opts["strict"],
            dry_run=opts["dry_run"],
            accept_differences=opts["accept_differences"],
            replace=bool(opts["replace"]),
        )
        data = laporan.as_dict()
        if opts["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
        else:
            self._print(data)
        if not laporan.ok:
            raise CommandError("Impor gagal; tidak ada data yang disimpan.")

    def _print(self, data: dict) -> None:
        self.stdout.write(f"{'angka':<14}{'OpenSID':>10}{'Balai':>10}")
        for key, value in data["source"].items():
            self.stdout.write(f"{key:<14}{value:>10}{data['balai'].get(key, '-'):>10}")
        for kind in ("differences",):
            for key, lines in data[kind].items():
                self.stdout.write(f"selisih {key}:")
                for line in lines:
                    self.stdout.write(f"  {line}")
        for line in data["warnings"]:
            self.stdout.write(f"peringatan: {line}")
        for line in data["errors"]:
            self.stderr.write(f"galat: {line}")
        self.stdout.write(f"tidak dipetakan: {len(data['unmapped'])} tabel/kolom")
