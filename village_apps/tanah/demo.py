"""Demo land registers: parcels in the Buku Tanah di Desa (some owned by residents from
the register, some by people typed by name) and the village's own land (Buku Tanah Kas
Desa). Idempotent (keyed on the Letter C number); runs inside the village schema, after
the residents' demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from village_apps.demo import DEMO_ACTOR
from village_apps.penduduk.models import Penduduk
from village_apps.tanah.choices import AsalTanahKas, JenisLahan, Penggunaan, Peruntukan, StatusHak
from village_apps.tanah.models import TanahDesa, TanahKasDesa
from village_apps.tanah.services import tanah_desa_save, tanah_kas_desa_save

# (Letter C, persil, class, m², location, rights, use, owner typed by name; "" = the
#  next head of family in the register)
TANAH_DESA = [
    ("C-101", "12", "S.II", 4_500, "Dusun Krajan", StatusHak.HAK_MILIK, Penggunaan.SAWAH, ""),
    ("C-118", "7", "D.III", 320, "Dusun Krajan RT 002", StatusHak.HAK_MILIK,
     Penggunaan.PERUMAHAN, ""),
    ("C-132", "21", "D.II", 12_000, "Dusun Sukamaju", StatusHak.HAK_MILIK_ADAT,
     Penggunaan.PERKEBUNAN, ""),
    ("C-145", "9", "D.IV", 250, "Jl. Raya Natar", StatusHak.HAK_GUNA_BANGUNAN,
     Penggunaan.PERDAGANGAN_JASA, "CV Lampung Makmur Sejahtera"),
    ("C-157", "30", "S.III", 6_800, "Dusun Karanganyar", StatusHak.HAK_MILIK,
     Penggunaan.SAWAH, "H. Abdul Rahman (Bandar Lampung)"),
    ("C-163", "33", "D.III", 2_100, "Dusun Karanganyar", StatusHak.HAK_MILIK,
     Penggunaan.TEGALAN, "Made Suarta"),
]  # fmt: skip

# Keyword arguments of ``tanah_kas_desa_save`` (the acting user added).
TANAH_KAS = [
    {"nomor_letter_c": "C-001", "nomor_persil": "1", "kelas": "S.I", "luas": Decimal(20_000),
     "lokasi": "Dusun Krajan (bengkok kepala desa)", "asal": AsalTanahKas.ASLI,
     "jenis_lahan": JenisLahan.SAWAH, "tanggal_perolehan": dt.date(1975, 1, 1),
     "peruntukan": Peruntukan.SEWA, "ada_patok": True, "ada_papan_nama": True,
     "keterangan": "Disewakan kepada kelompok tani Sri Rejeki"},
    {"nomor_letter_c": "C-002", "nomor_persil": "4", "kelas": "D.II", "luas": Decimal(7_500),
     "lokasi": "Dusun Sukamaju", "asal": AsalTanahKas.PEMERINTAH,
     "jenis_lahan": JenisLahan.DARAT, "tanggal_perolehan": dt.date(1996, 6, 10),
     "peruntukan": Peruntukan.LAIN, "ada_patok": True, "keterangan": "Lapangan sepak bola desa"},
    {"nomor_letter_c": "C-003", "nomor_persil": "18", "kelas": "D.III", "luas": Decimal(5_000),
     "lokasi": "Dusun Karanganyar", "asal": AsalTanahKas.LAIN, "jenis_lahan": JenisLahan.KEBUN,
     "tanggal_perolehan": dt.date(2015, 3, 2), "peruntukan": Peruntukan.KERJASAMA,
     "nama_pemilik_asal": "Sutrisno (hibah)", "keterangan": "Kebun kopi dikelola BUM Desa"},
]  # fmt: skip


def load_demo_village(*, village: Any) -> int:
    """Add the parcels not recorded yet; returns how many were added."""
    kepala = iter(Penduduk.objects.filter(status_dasar=1, kk_level=1).order_by("nik"))
    added = 0
    for c, persil, kelas, luas, lokasi, hak, guna, nama in TANAH_DESA:
        pemilik = "" if nama else getattr(next(kepala, None), "nik", "")
        if TanahDesa.objects.filter(nomor_letter_c=c).exists():
            continue
        tanah_desa_save(
            nomor_letter_c=c, nomor_persil=persil, kelas=kelas, luas=Decimal(luas),
            lokasi=lokasi, status_hak=hak, penggunaan=guna, nik_pemilik=pemilik,
            nama_pemilik=nama or "Ahli waris Sumarno", actor=DEMO_ACTOR,
        )  # fmt: skip
        added += 1
    for kas in TANAH_KAS:
        if TanahKasDesa.objects.filter(nomor_letter_c=kas["nomor_letter_c"]).exists():
            continue
        tanah_kas_desa_save(**kas, actor=DEMO_ACTOR)
        added += 1
    return added
