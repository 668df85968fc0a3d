"""``manage.py wilayah load``: load the Kemendagri reference set (idempotent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from control_plane.reference.services import wilayah_load


class Command(BaseCommand):
    help = "Muat data wilayah Kemendagri (provinsi, kabupaten/kota, kecamatan, desa/kelurahan)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--source", type=Path, help="berkas CSV lain (kode bertitik,nama)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        result = wilayah_load(source=opts["source"])
        if opts["json"]:
            self.stdout.write(json.dumps({"ok": True, **result}))
        else:
            self.stdout.write(
                f"Dimuat: {result['provinsi']} provinsi, {result['kabupaten']} kabupaten/kota, "
                f"{result['kecamatan']} kecamatan, {result['desa']} desa/kelurahan "
                f"dalam {result['seconds']} s."
            )
