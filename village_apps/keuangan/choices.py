"""APBDes structure after Permendagri 20/2018 (Pengelolaan Keuangan Desa), Lampiran.

Rows are entered at their most detailed level (a kegiatan or a rincian); every level
above is derived from the codes, so a total can never disagree with its rows.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kelompok(models.TextChoices):
    PENDAPATAN = "pendapatan", _("Pendapatan")
    BELANJA = "belanja", _("Belanja")
    PEMBIAYAAN = "pembiayaan", _("Pembiayaan")


# A leaf code per kelompok: pendapatan 4.<kelompok>.<jenis>[.<obyek>],
# belanja <bidang>.<sub bidang>.<kegiatan>[.<rincian>], pembiayaan 6.<1|2>.<jenis>[.<obyek>].
POLA_KODE = {
    Kelompok.PENDAPATAN: re.compile(r"^4\.[1-3]\.\d{1,2}(\.\d{1,3})?$"),
    Kelompok.BELANJA: re.compile(r"^[1-5]\.\d{1,2}\.\d{1,2}(\.\d{1,3})?$"),
    Kelompok.PEMBIAYAAN: re.compile(r"^6\.[12]\.\d{1,2}(\.\d{1,3})?$"),
}
CONTOH_KODE = {
    Kelompok.PENDAPATAN: "4.2.1 (Dana Desa)",
    Kelompok.BELANJA: "2.3.01 (bidang.sub-bidang.kegiatan)",
    Kelompok.PEMBIAYAAN: "6.1.1 (SiLPA tahun sebelumnya)",
}

NAMA_INDUK = {
    Kelompok.PENDAPATAN: {
        "4": "Pendapatan",
        "4.1": "Pendapatan Asli Desa",
        "4.2": "Pendapatan Transfer",
        "4.3": "Pendapatan Lain-lain",
    },
    Kelompok.BELANJA: {
        "1": "Bidang Penyelenggaraan Pemerintahan Desa",
        "1.1": "Penyelenggaraan Belanja Siltap, Tunjangan dan Operasional Pemerintahan Desa",
        "1.2": "Sarana dan Prasarana Pemerintahan Desa",
        "1.3": "Administrasi Kependudukan, Pencatatan Sipil, Statistik dan Kearsipan",
        "1.4": "Tata Praja Pemerintahan, Perencanaan, Keuangan dan Pelaporan",
        "1.5": "Pertanahan",
        "2": "Bidang Pelaksanaan Pembangunan Desa",
        "2.1": "Pendidikan",
        "2.2": "Kesehatan",
        "2.3": "Pekerjaan Umum dan Penataan Ruang",
        "2.4": "Kawasan Permukiman",
        "2.5": "Kehutanan dan Lingkungan Hidup",
        "2.6": "Perhubungan, Komunikasi dan Informatika",
        "2.7": "Energi dan Sumber Daya Mineral",
        "2.8": "Pariwisata",
        "3": "Bidang Pembinaan Kemasyarakatan",
        "3.1": "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "3.2": "Kebudayaan dan Keagamaan",
        "3.3": "Kepemudaan dan Olah Raga",
        "3.4": "Kelembagaan Masyarakat",
        "4": "Bidang Pemberdayaan Masyarakat",
        "4.1": "Kelautan dan Perikanan",
        "4.2": "Pertanian dan Peternakan",
        "4.3": "Peningkatan Kapasitas Aparatur Desa",
        "4.4": "Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga",
        "4.5": "Koperasi, Usaha Mikro Kecil dan Menengah",
        "4.6": "Dukungan Penanaman Modal",
        "4.7": "Perdagangan dan Perindustrian",
        "5": "Bidang Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa",
        "5.1": "Penanggulangan Bencana",
        "5.2": "Keadaan Darurat",
        "5.3": "Keadaan Mendesak",
    },
    Kelompok.PEMBIAYAAN: {
        "6": "Pembiayaan",
        "6.1": "Penerimaan Pembiayaan",
        "6.2": "Pengeluaran Pembiayaan",
    },
}
BIDANG = [str(i) for i in range(1, 6)]
# Short bidang names for chart labels.
BIDANG_SINGKAT = {
    "1": "1. Pemerintahan",
    "2": "2. Pembangunan",
    "3": "3. Kemasyarakatan",
    "4": "4. Pemberdayaan",
    "5": "5. Bencana & darurat",
}
