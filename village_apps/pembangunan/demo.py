"""Demo development projects (idempotent; runs inside the village schema)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from village_apps.pembangunan import services
from village_apps.pembangunan.models import Proyek


def load_demo_village(*, village: Any) -> None:
    tahun = timezone.localdate().year
    proyek = [
        (
            "Rabat beton jalan Dusun Krajan",
            "Dusun Krajan RT 02",
            ["dd"],
            420_000_000,
            "TPK Desa",
            85,
            "600 m x 3 m",
        ),
        (
            "Drainase lingkungan",
            "Dusun Sukamaju",
            ["dd", "swadaya"],
            180_000_000,
            "TPK Desa",
            40,
            "350 m",
        ),
    ]
    for nama, lokasi, dana, anggaran, pelaksana, progres, volume in proyek:
        if not Proyek.objects.filter(nama=nama).exists():
            services.proyek_save(
                nama=nama, lokasi=lokasi, tahun=tahun, sumber_dana=dana, anggaran=anggaran,
                pelaksana=pelaksana, progres=progres, volume=volume,
            )  # fmt: skip
