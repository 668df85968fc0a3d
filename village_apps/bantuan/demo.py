"""A demo aid programme with a few demo residents (idempotent; inside the village schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from village_apps.bantuan import services
from village_apps.bantuan.choices import AsalDana, Sasaran
from village_apps.bantuan.models import Peserta, Program


def load_demo_village(*, village: Any) -> None:
    from village_apps.penduduk.models import Penduduk

    program = Program.objects.filter(nama="BLT Dana Desa").first()
    if program is None:
        tahun = timezone.localdate().year
        program = services.program_save(
            nama="BLT Dana Desa", sasaran=Sasaran.PENDUDUK, asal_dana=AsalDana.DANA_DESA,
            mulai=dt.date(tahun, 1, 1), selesai=dt.date(tahun, 12, 31),
            keterangan="Bantuan langsung tunai dari Dana Desa",
        )  # fmt: skip
    if Peserta.objects.filter(program=program).exists():
        return
    for penduduk in Penduduk.objects.filter(kk_level=1).order_by("nik")[:5]:
        services.peserta_add(program=program, pengenal=penduduk.nik)
