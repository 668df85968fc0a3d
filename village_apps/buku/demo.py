"""Demo rows of the two registers the books app keeps itself: temporary residents
(workers, students, family visits; some already gone) and community-empowerment cadres.
Idempotent (keyed on the name); runs inside the village schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

from village_apps.buku.models import KaderPemberdayaan, PendudukSementara
from village_apps.buku.services import kader_save, penduduk_sementara_save
from village_apps.demo import DEMO_ACTOR, demo_date
from village_apps.referensi import Sex, Warganegara

L, P = Sex.LAKI_LAKI, Sex.PEREMPUAN
# (name, sex, identity number, born in, born on, work, from, purpose, host,
#  arrived, left — fractions of the year so far, None = still here)
SEMENTARA = [
    ("Rizky Ananda", L, "1871021203990004", "Bandar Lampung", dt.date(1999, 3, 12),
     "Buruh harian lepas", "Kota Bandar Lampung", "Bekerja pada proyek rabat beton jalan",
     "Slamet Wijaya, Dusun Krajan RT 002", 0.35, 0.60),
    ("Putri Maharani", P, "1872034508020002", "Metro", dt.date(2002, 8, 5),
     "Pelajar/mahasiswa", "Kota Metro", "Kuliah kerja nyata Universitas Lampung",
     "Balai desa", 0.50, 0.62),
    ("Gede Wiranata", L, "1805071004880001", "Seputih Banyak", dt.date(1988, 4, 10),
     "Wiraswasta", "Kabupaten Lampung Tengah", "Berdagang di pasar desa",
     "Wayan Pratama, Dusun Sukamaju RT 001", 0.65, None),
    ("Nurhayati", P, "1806025711750003", "Kotaagung", dt.date(1975, 11, 17),
     "Mengurus rumah tangga", "Kabupaten Tanggamus", "Merawat orang tua yang sakit",
     "Siti Hidayat, Dusun Karanganyar RT 003", 0.70, None),
    ("Andi Saputra", L, "3173011506950007", "Jakarta", dt.date(1995, 6, 15),
     "Karyawan swasta", "Kota Jakarta Barat", "Penugasan kantor di pabrik pakan Natar",
     "Joko Lestari, Dusun Krajan RT 004", 0.80, None),
    ("Lina Marlina", P, "1801076203010002", "Kalianda", dt.date(2001, 3, 22),
     "Tenaga kesehatan", "Kabupaten Lampung Selatan", "Bidan magang di Puskesmas Natar",
     "Ani Kurniawan, Dusun Sukamaju RT 002", 0.88, None),
]  # fmt: skip

# (name, sex, born on, education/courses, field, address)
KADER = [
    ("Sri Wahyuni", P, dt.date(1982, 5, 14), "SMA; pelatihan kader posyandu",
     "Kesehatan (posyandu balita)", "Dusun Krajan RT 001"),
    ("Endang Susanti", P, dt.date(1979, 9, 2), "SMA; pelatihan PKK kabupaten",
     "Pemberdayaan kesejahteraan keluarga (PKK)", "Dusun Sukamaju RT 002"),
    ("Sugeng Riyadi", L, dt.date(1976, 1, 25), "SMP; sekolah lapang pengendalian hama terpadu",
     "Pertanian (kelompok tani)", "Dusun Karanganyar RT 001"),
    ("Dewi Kartika", P, dt.date(1990, 12, 8), "D2 PGSD; diklat dasar pendidik PAUD",
     "Pendidikan anak usia dini", "Dusun Sukamaju RT 003"),
    ("Hendra Kurniawan", L, dt.date(1987, 7, 19), "S1 Manajemen; pelatihan BUM Desa",
     "Ekonomi desa (BUM Desa)", "Dusun Krajan RT 002"),
    ("Yusuf Hidayat", L, dt.date(1993, 3, 30), "SMK; pelatihan bank sampah",
     "Lingkungan hidup (bank sampah)", "Dusun Karanganyar RT 004"),
]  # fmt: skip


def load_demo_village(*, village: Any) -> int:
    """Add the rows not recorded yet; returns how many were added."""
    added = 0
    for nama, sex, nomor, tempat, lahir, kerja, dari, maksud, didatangi, datang, pergi in SEMENTARA:
        if PendudukSementara.objects.filter(nama=nama).exists():
            continue
        penduduk_sementara_save(
            nama=nama, sex=sex, nomor_identitas=nomor, tempat_lahir=tempat, tanggal_lahir=lahir,
            pekerjaan=kerja, warganegara_id=Warganegara.WNI, datang_dari=dari,
            maksud_tujuan=maksud, didatangi=didatangi, tanggal_datang=demo_date(datang),
            tanggal_pergi=demo_date(pergi) if pergi is not None else None, actor=DEMO_ACTOR,
        )  # fmt: skip
        added += 1
    for nama, sex, lahir, pendidikan, bidang, alamat in KADER:
        if KaderPemberdayaan.objects.filter(nama=nama).exists():
            continue
        kader_save(
            nama=nama, sex=sex, tanggal_lahir=lahir, pendidikan=pendidikan, bidang=bidang,
            alamat=alamat, actor=DEMO_ACTOR,
        )  # fmt: skip
        added += 1
    return added
