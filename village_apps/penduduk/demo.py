"""Demo residents for a demo village: three dusun, a dozen families, ~40 residents.

Idempotent (keyed on NIK/KK numbers derived from the village code), so running the
demo twice changes nothing. Call inside the village: ``village_context(village)``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from village_apps import referensi as c

_NAMA_L = ["Ahmad", "Budi", "Slamet", "Joko", "Agus", "Wayan", "Rudi", "Hendra", "Yusuf", "Dedi"]
_NAMA_P = ["Siti", "Sri", "Dewi", "Ani", "Nur", "Ratna", "Wulan", "Endang", "Rina", "Lestari"]
_MARGA = ["Saputra", "Wijaya", "Hidayat", "Lestari", "Susanto", "Pratama", "Rahayu", "Kurniawan"]
_DUSUN = ["Dusun Krajan", "Dusun Sukamaju", "Dusun Karanganyar"]


def _nik(kode_desa: str, lahir: date, sex: int, seq: int) -> str:
    day = lahir.day + (40 if sex == 2 else 0)
    return f"{kode_desa[:6]}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}{seq:04d}"


@transaction.atomic
def load_demo_village(*, village: Any) -> int:
    """Create the demo population in the current schema; returns residents created."""
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk
    from village_apps.penduduk.services import penduduk_create
    from village_apps.wilayah.services import wilayah_ensure

    kode = str(getattr(village, "code", "") or "1801042001").zfill(10)
    rng = random.Random(kode)  # noqa: S311 - demo data, not security
    created = 0
    seq = 0
    for f in range(12):
        no_kk = f"{kode[:6]}{f + 1:02d}0120{f + 1:04d}"
        rt = wilayah_ensure(dusun=_DUSUN[f % 3], rw=f"00{f % 2 + 1}", rt=f"00{f % 4 + 1}")
        keluarga, _created = Keluarga.objects.get_or_create(
            no_kk=no_kk, defaults={"alamat": f"Jl. Merdeka No. {f + 1}", "wilayah": rt}
        )
        marga = _MARGA[f % len(_MARGA)]
        ayah_lahir = date(1960 + rng.randrange(25), rng.randrange(1, 13), rng.randrange(1, 28))
        anggota = [
            (f"{_NAMA_L[f % 10]} {marga}", 1, c.SHDK.KEPALA_KELUARGA, ayah_lahir),
            (f"{_NAMA_P[f % 10]}", 2, c.SHDK.ISTRI, ayah_lahir + timedelta(days=900)),
        ]
        for a in range(rng.randrange(1, 4)):
            sex = rng.choice((1, 2))
            nama = (_NAMA_L if sex == 1 else _NAMA_P)[(f + a + 3) % 10]
            anggota.append(
                (f"{nama} {marga}", sex, c.SHDK.ANAK, ayah_lahir + timedelta(days=9000 + 700 * a))
            )
        for nama, sex, shdk, lahir in anggota:
            seq += 1
            nik = _nik(kode, lahir, sex, seq)
            data = {
                "nik": nik,
                "nama": nama,
                "sex": sex,
                "tempatlahir": "Lampung Selatan",
                "tanggallahir": lahir,
                "agama_id": rng.choice((1, 1, 1, 2, 4)),
                "pendidikan_kk_id": rng.randrange(1, 9),
                "pekerjaan_id": rng.choice((1, 2, 3, 9, 15, 19, 88)),
                "status_kawin": 2 if shdk in (1, 3) else 1,
                "kk_level": shdk,
                "golongan_darah_id": rng.randrange(1, 14),
                "keluarga": keluarga,
                "wilayah": rt,
                "alamat": keluarga.alamat,
            }  # drawn before the existence check so every run draws the same numbers
            if Penduduk.objects.filter(nik=nik).exists():
                continue
            penduduk_create(data=data)
            created += 1
    return created
