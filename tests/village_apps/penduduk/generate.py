"""Generate OpenSID-format resident workbooks (used by tests and bench/penduduk.py)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from village_apps.penduduk.excel import KOLOM, SHEET


def baris_penduduk(jumlah: int, *, seed: int = 4, kode: str = "180104") -> list[list]:
    """``jumlah`` valid rows in families of 1–5, NIK consistent with birth date and sex."""
    rng = random.Random(seed)  # noqa: S311 - test data
    rows: list[list] = []
    keluarga = 0
    while len(rows) < jumlah:
        keluarga += 1
        no_kk = f"{kode}{keluarga:010d}"
        dusun = f"Dusun {keluarga % 7 + 1}"
        rw, rt = f"{keluarga % 3 + 1:03d}", f"{keluarga % 5 + 1:03d}"
        for i in range(min(rng.randrange(1, 6), jumlah - len(rows))):
            sex = 1 if i == 0 else rng.choice((1, 2))
            lahir = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 30000))
            seq = len(rows) + 1
            day = lahir.day + (40 if sex == 2 else 0)
            nik = (
                f"{kode}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}{seq:04d}"[:12]
                + f"{seq % 10000:04d}"
            )
            values = {
                "alamat": f"Jl. Contoh {keluarga}",
                "dusun": dusun,
                "rw": rw,
                "rt": rt,
                "nama": f"Warga {seq} {rng.choice(['Saputra', 'Lestari', 'Wijaya'])}",
                "no_kk": no_kk,
                "nik": nik,
                "sex": sex,
                "tempatlahir": "Kalianda",
                "tanggallahir": lahir,
                "agama_id": rng.randrange(1, 8),
                "pendidikan_kk_id": rng.randrange(1, 11),
                "pendidikan_sedang_id": rng.randrange(1, 19),
                "pekerjaan_id": rng.randrange(1, 90),
                "status_kawin": rng.randrange(1, 5),
                "kk_level": 1 if i == 0 else rng.choice((3, 4, 4, 4, 7)),
                "warganegara_id": 1,
                "nama_ayah": "Ayah",
                "nama_ibu": "Ibu",
                "golongan_darah_id": rng.randrange(1, 14),
                "status_dasar": 1,
            }
            rows.append([values.get(k) for k in KOLOM])
    return rows


def tulis_berkas(path: Path, *, jumlah: int, rows: list[list] | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(KOLOM)
    for row in rows if rows is not None else baris_penduduk(jumlah):
        ws.append(row)
    wb.save(path)
    return path
