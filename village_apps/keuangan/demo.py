"""A demo APBDes (idempotent; desa only; runs inside the village schema)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from village_apps.keuangan import services
from village_apps.keuangan.models import Apbdes

BARIS = [
    ("pendapatan", "4.1.1", "Hasil usaha BUM Desa", 25_000_000, 12_000_000, 8_000_000),
    ("pendapatan", "4.2.1", "Dana Desa", 980_000_000, 588_000_000, 300_000_000),
    ("pendapatan", "4.2.3", "Alokasi Dana Desa", 420_000_000, 210_000_000, 150_000_000),
    (
        "pendapatan",
        "4.2.2",
        "Bagi hasil pajak dan retribusi daerah",
        35_000_000,
        17_500_000,
        10_000_000,
    ),
    (
        "belanja",
        "1.1.01",
        "Penghasilan tetap dan tunjangan perangkat desa",
        380_000_000,
        190_000_000,
        150_000_000,
    ),
    ("belanja", "1.2.01", "Pemeliharaan kantor desa", 40_000_000, 15_000_000, 20_000_000),
    ("belanja", "2.2.01", "Penyelenggaraan posyandu", 45_000_000, 20_000_000, 15_000_000),
    ("belanja", "2.3.01", "Rabat beton jalan dusun", 420_000_000, 150_000_000, 200_000_000),
    ("belanja", "2.3.02", "Drainase lingkungan", 180_000_000, 60_000_000, 80_000_000),
    ("belanja", "3.3.01", "Pembinaan karang taruna", 20_000_000, 8_000_000, 10_000_000),
    ("belanja", "4.2.01", "Pelatihan kelompok tani", 60_000_000, 25_000_000, 20_000_000),
    ("belanja", "5.3.01", "BLT Dana Desa", 270_000_000, 135_000_000, 90_000_000),
    ("pembiayaan", "6.1.1", "SiLPA tahun sebelumnya", 15_000_000, 15_000_000, 0),
    ("pembiayaan", "6.2.2", "Penyertaan modal BUM Desa", 60_000_000, 60_000_000, 0),
]


def load_demo_village(*, village: Any) -> None:
    if getattr(village, "kind", "desa") == "kelurahan":
        return
    tahun = timezone.localdate().year
    if Apbdes.objects.filter(tahun=tahun).exists():
        return
    apbdes = services.apbdes_create(tahun=tahun, keterangan="APBDes (data demo)")
    for kelompok, kode, uraian, anggaran, s1, s2 in BARIS:
        services.baris_save(
            apbdes=apbdes, kelompok=kelompok, kode=kode, uraian=uraian,
            anggaran=anggaran, realisasi_s1=s1, realisasi_s2=s2,
        )  # fmt: skip
