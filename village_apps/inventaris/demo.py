"""Demo assets of the village (Buku Inventaris dan Kekayaan Desa): one or more of each
KIB category A–F, bought, given or granted, and two mutations so an asset's history
shows (a laptop damaged, an old typewriter written off). Idempotent (keyed on the
register number); runs inside the village schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from village_apps.demo import DEMO_ACTOR, demo_date
from village_apps.inventaris.choices import JenisMutasi, KategoriAset, Kondisi, SumberAset
from village_apps.inventaris.models import Aset
from village_apps.inventaris.services import aset_save, mutasi_aset_add

K, S = KategoriAset, SumberAset
# (register number, category, name, specification, quantity, area m², location,
#  document, source, acquired (a date, or a fraction of this year so far), value, condition)
ASET = [
    ("A-001", K.TANAH, "Tanah kantor desa", "Tanah darat bersertifikat", 1, 1250,
     "Jl. Raya {desa} No. 1", "Sertifikat Hak Pakai No. 12", S.HIBAH, dt.date(1986, 3, 1),
     187_500_000, Kondisi.BAIK),
    ("B-001", K.PERALATAN, "Laptop administrasi", "Lenovo ThinkPad E14, Core i5, 8 GB", 2, None,
     "Ruang pelayanan kantor desa", "", S.APBDES, 0.10, 24_600_000, Kondisi.BAIK),
    ("B-002", K.PERALATAN, "Sepeda motor dinas", "Honda Supra X 125, 2019", 1, None,
     "Kantor desa", "BPKB No. M-04417821", S.KABUPATEN, dt.date(2019, 8, 14),
     18_750_000, Kondisi.BAIK),
    ("B-003", K.PERALATAN, "Mesin ketik", "Brother manual 13 inci", 1, None,
     "Gudang kantor desa", "", S.APBDES, dt.date(1998, 5, 2), 1_250_000, Kondisi.RUSAK_RINGAN),
    ("C-001", K.GEDUNG, "Gedung balai desa", "Permanen, beton bertulang, 12 x 20 m", 1, 240,
     "Jl. Raya {desa} No. 1", "PBG No. 645/118/IV.05/2012", S.PEMERINTAH, dt.date(2012, 11, 20),
     452_000_000, Kondisi.BAIK),
    ("C-002", K.GEDUNG, "Gedung PAUD Tunas Harapan", "Semi permanen, 7 x 9 m", 1, 63,
     "Dusun Sukamaju RT 003", "", S.HIBAH, dt.date(2016, 7, 1), 96_000_000, Kondisi.BAIK),
    ("D-001", K.JALAN, "Jalan rabat beton Dusun Krajan", "Beton K-225, 600 x 3 m", 1, 1800,
     "Dusun Krajan RT 002", "", S.APBDES, dt.date(2024, 10, 30), 385_000_000, Kondisi.BAIK),
    ("D-002", K.JALAN, "Saluran irigasi tersier Way Sekampung", "Pasangan batu, 850 m", 1, None,
     "Dusun Karanganyar", "", S.PROVINSI, dt.date(2021, 9, 6), 210_000_000, Kondisi.BAIK),
    ("E-001", K.LAINNYA, "Buku perpustakaan desa", "Buku bacaan anak dan pertanian", 320, None,
     "Pojok baca balai desa", "", S.HIBAH, 0.30, 16_000_000, Kondisi.BAIK),
    ("F-001", K.KONSTRUKSI, "Gedung posyandu Dusun Karanganyar", "Permanen, 6 x 8 m, tahap atap",
     1, 48, "Dusun Karanganyar RT 001", "", S.APBDES, 0.55, 95_000_000, Kondisi.BAIK),
]  # fmt: skip


def load_demo_village(*, village: Any) -> int:
    """Add the assets not recorded yet, and their mutations; returns assets added."""
    added = 0
    for row in ASET:
        nomor, kat, nama, spek, jumlah, luas, lokasi, dok, sumber, tgl, nilai, kondisi = row
        if Aset.objects.filter(nomor_register=nomor).exists():
            continue
        aset_save(
            kategori=kat, nama=nama, spesifikasi=spek, jumlah=jumlah,
            luas=Decimal(luas) if luas else None, lokasi=lokasi.format(desa=village.name),
            nomor_dokumen=dok, nomor_register=nomor, sumber=sumber, nilai_perolehan=nilai, kondisi_awal=kondisi,
            tanggal_perolehan=tgl if isinstance(tgl, dt.date) else demo_date(tgl),
            actor=DEMO_ACTOR,
        )  # fmt: skip
        added += 1
    laptop = Aset.objects.get(nomor_register="B-001")
    if not laptop.mutasi.exists():
        mutasi_aset_add(
            aset=laptop, jenis=JenisMutasi.KONDISI, tanggal=demo_date(0.8),
            kondisi_baru=Kondisi.RUSAK_RINGAN, keterangan="Engsel layar satu unit patah",
            actor=DEMO_ACTOR,
        )  # fmt: skip
    mesin_ketik = Aset.objects.get(nomor_register="B-003")
    if not mesin_ketik.mutasi.exists():
        mutasi_aset_add(
            aset=mesin_ketik, jenis=JenisMutasi.HAPUS, tanggal=demo_date(0.4),
            dasar=f"Keputusan Kepala Desa Nomor 9 Tahun {demo_date(0).year}",
            keterangan="Rusak berat, tidak dipakai lagi", actor=DEMO_ACTOR,
        )  # fmt: skip
    return added
