"""Demo legal products: the regulations and decisions a village enacts in a year, at
different stages, most promulgated so the public JDIH page lists them. Idempotent
(keyed on kind and title); runs inside the village schema."""

from __future__ import annotations

from typing import Any

from village_apps.demo import DEMO_ACTOR, demo_date
from village_apps.produk_hukum.choices import JenisProdukHukum as J
from village_apps.produk_hukum.models import ProdukHukum
from village_apps.produk_hukum.services import produk_hukum_save

# (kind, number, title, summary, dated steps as fractions of the year so far:
#  agreed with the BPD, evaluated, enacted, reported, promulgated; None = not yet)
PRODUK = [
    (J.PERDES, "1", "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran {tahun}",
     "Pendapatan, belanja dan pembiayaan desa selama satu tahun anggaran.",
     (0.00, 0.02, 0.04, 0.05, 0.05)),
    (J.PERKADES, "1", "Penjabaran Anggaran Pendapatan dan Belanja Desa Tahun Anggaran {tahun}",
     "Rincian APBDes per kegiatan, sumber dana dan pelaksana.",
     (None, None, 0.05, 0.06, 0.06)),
    (J.PERDES, "2", "Rencana Pembangunan Jangka Menengah Desa Tahun {tahun}–{tahun5}",
     "Visi, misi dan arah pembangunan desa enam tahun ke depan.",
     (0.15, None, 0.18, 0.20, 0.20)),
    (J.KEPKADES, "5", "Penetapan Keluarga Penerima Bantuan Langsung Tunai Dana Desa Tahun {tahun}",
     "Daftar keluarga penerima BLT Dana Desa hasil musyawarah desa khusus.",
     (None, None, 0.10, 0.11, None)),
    (J.KEPKADES, "12", "Pembentukan Tim Pelaksana Kegiatan Pembangunan Desa Tahun {tahun}",
     "Susunan TPK rabat beton jalan dusun dan drainase lingkungan.",
     (None, None, 0.25, None, None)),
    (J.PERKADES, "2", "Rencana Kerja Pemerintah Desa Tahun {tahun1}",
     "Kegiatan prioritas desa untuk tahun anggaran berikutnya.",
     (None, None, 0.75, 0.77, 0.77)),
    (J.PERDES, "", "Perubahan Anggaran Pendapatan dan Belanja Desa Tahun Anggaran {tahun}",
     "Penyesuaian APBDes dengan SiLPA dan perubahan pagu Dana Desa.",
     (0.85, 0.92, None, None, None)),
    (J.PERDES, "", "Pengelolaan Tanah Kas Desa",
     "Tata cara sewa dan pemanfaatan tanah kas desa (bengkok).",
     (None, None, None, None, None)),
]  # fmt: skip


def load_demo_village(*, village: Any) -> int:
    """Add the products not recorded yet; returns how many were added."""
    tahun = demo_date(0).year
    added = 0
    for jenis, nomor, tentang, uraian, langkah in PRODUK:
        tentang = tentang.format(tahun=tahun, tahun1=tahun + 1, tahun5=tahun + 5)
        if ProdukHukum.objects.filter(jenis=jenis, tentang=tentang).exists():
            continue
        disepakati, evaluasi, ditetapkan, dilaporkan, diundangkan = (
            demo_date(f) if f is not None else None for f in langkah
        )
        produk_hukum_save(
            jenis=jenis, nomor=nomor, tentang=tentang, uraian=uraian,
            tanggal_disepakati=disepakati,
            nomor_evaluasi=f"900/{40 + added}/IV.02/{tahun}" if evaluasi else "",
            tanggal_evaluasi=evaluasi, tanggal_ditetapkan=ditetapkan,
            nomor_dilaporkan=f"140/{12 + added}/{tahun}" if dilaporkan else "",
            tanggal_dilaporkan=dilaporkan,
            nomor_diundangkan=nomor if diundangkan else "", tanggal_diundangkan=diundangkan,
            actor=DEMO_ACTOR,
        )  # fmt: skip
        added += 1
    return added
