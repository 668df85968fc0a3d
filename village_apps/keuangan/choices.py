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
    Kelompok.PENDAPATAN: _("4.2.1 (Dana Desa)"),
    Kelompok.BELANJA: _("2.3.01 (bidang.sub-bidang.kegiatan)"),
    Kelompok.PEMBIAYAAN: _("6.1.1 (SiLPA tahun sebelumnya)"),
}

NAMA_INDUK = {
    Kelompok.PENDAPATAN: {
        "4": _("Pendapatan"),
        "4.1": _("Pendapatan Asli Desa"),
        "4.2": _("Pendapatan Transfer"),
        "4.3": _("Pendapatan Lain-lain"),
    },
    Kelompok.BELANJA: {
        "1": _("Bidang Penyelenggaraan Pemerintahan Desa"),
        "1.1": _("Penyelenggaraan Belanja Siltap, Tunjangan dan Operasional Pemerintahan Desa"),
        "1.2": _("Sarana dan Prasarana Pemerintahan Desa"),
        "1.3": _("Administrasi Kependudukan, Pencatatan Sipil, Statistik dan Kearsipan"),
        "1.4": _("Tata Praja Pemerintahan, Perencanaan, Keuangan dan Pelaporan"),
        "1.5": _("Pertanahan"),
        "2": _("Bidang Pelaksanaan Pembangunan Desa"),
        "2.1": _("Pendidikan"),
        "2.2": _("Kesehatan"),
        "2.3": _("Pekerjaan Umum dan Penataan Ruang"),
        "2.4": _("Kawasan Permukiman"),
        "2.5": _("Kehutanan dan Lingkungan Hidup"),
        "2.6": _("Perhubungan, Komunikasi dan Informatika"),
        "2.7": _("Energi dan Sumber Daya Mineral"),
        "2.8": _("Pariwisata"),
        "3": _("Bidang Pembinaan Kemasyarakatan"),
        "3.1": _("Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"),
        "3.2": _("Kebudayaan dan Keagamaan"),
        "3.3": _("Kepemudaan dan Olah Raga"),
        "3.4": _("Kelembagaan Masyarakat"),
        "4": _("Bidang Pemberdayaan Masyarakat"),
        "4.1": _("Kelautan dan Perikanan"),
        "4.2": _("Pertanian dan Peternakan"),
        "4.3": _("Peningkatan Kapasitas Aparatur Desa"),
        "4.4": _("Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga"),
        "4.5": _("Koperasi, Usaha Mikro Kecil dan Menengah"),
        "4.6": _("Dukungan Penanaman Modal"),
        "4.7": _("Perdagangan dan Perindustrian"),
        "5": _("Bidang Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa"),
        "5.1": _("Penanggulangan Bencana"),
        "5.2": _("Keadaan Darurat"),
        "5.3": _("Keadaan Mendesak"),
    },
    Kelompok.PEMBIAYAAN: {
        "6": _("Pembiayaan"),
        "6.1": _("Penerimaan Pembiayaan"),
        "6.2": _("Pengeluaran Pembiayaan"),
    },
}
BIDANG = [str(i) for i in range(1, 6)]
# Short bidang names for chart labels.
BIDANG_SINGKAT = {
    "1": _("1. Pemerintahan"),
    "2": _("2. Pembangunan"),
    "3": _("3. Kemasyarakatan"),
    "4": _("4. Pemberdayaan"),
    "5": _("5. Bencana & darurat"),
}
