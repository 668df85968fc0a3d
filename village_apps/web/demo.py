"""Demo content of the village website (idempotent; runs inside the village schema)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from village_apps.web import services
from village_apps.web.models import Agenda, Artikel, Halaman, Kategori, PengaturanSitus

ARTIKEL = [
    ("Kerja bakti membersihkan saluran irigasi", "Kegiatan",
     "<p>Warga dari tiga dusun bergotong royong membersihkan saluran irigasi sepanjang 2 km "
     "menjelang musim tanam.</p><p>Kegiatan dipimpin kepala dusun dan diikuti lebih dari 80 warga.</p>"),
    ("Jadwal posyandu balita bulan ini", "Pengumuman",
     "<p>Posyandu balita dilaksanakan di balai desa setiap <strong>Selasa minggu kedua</strong>, "
     "pukul 08.00–11.00. Bawa buku KIA.</p>"),
    ("Musyawarah desa penyusunan RKP Desa", "Berita Desa",
     "<p>Pemerintah desa mengundang seluruh unsur masyarakat menghadiri musyawarah desa untuk "
     "menyusun Rencana Kerja Pemerintah Desa tahun depan.</p>"),
]  # fmt: skip


def load_demo_village(*, village: Any) -> None:
    if not PengaturanSitus.objects.filter(pk=1).exists():
        services.pengaturan_situs_update(
            sambutan=f"<p>Selamat datang di situs resmi Desa {village.name}. Melalui situs ini kami "
            "menyampaikan informasi pemerintahan, pembangunan dan pelayanan secara terbuka.</p>",
            deskripsi=f"Situs resmi Desa {village.name}: berita, statistik, APBDes dan layanan warga.",
            jam_pelayanan="Senin–Jumat 08.00–15.00 WIB",
        )
    kategori = {k.nama: k for k in Kategori.objects.all()}
    for judul, nama_kategori, isi in ARTIKEL:
        if nama_kategori not in kategori:
            kategori[nama_kategori] = services.kategori_save(nama=nama_kategori)
        if not Artikel.objects.filter(judul=judul).exists():
            services.artikel_save(
                judul=judul, isi=isi, kategori=kategori[nama_kategori], terbit=True
            )
    if not Halaman.objects.filter(slug="sejarah-desa").exists():
        services.halaman_save(
            judul="Sejarah Desa",
            isi=f"<p>Desa {village.name} dibuka oleh para perintis pada masa kolonial dan "
            "berkembang menjadi desa pertanian.</p>",
        )
    if not Agenda.objects.exists():
        services.agenda_save(
            judul="Musyawarah Desa", tanggal=timezone.localdate() + timedelta(days=7),
            waktu="09.00 WIB", lokasi="Balai desa",
        )  # fmt: skip
