"""Demo content of the village identity: the head of the village and two officials who
sign letters, the office's address and contacts, and a logo — what a letterhead and a
letter's signature need. Idempotent: fields the village already filled are kept. Runs
inside the village schema, before the letters app's demo issues its letter."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from balai_kernel.actor import Actor
from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.profil.services import aparatur_save, profil_update

KEPALA = ["Suparman", "Hendra Gunawan", "Sri Mulyani", "Ahmad Fauzi", "Dewi Lestari"]
SEKRETARIS = ["Rina Marlina", "Joko Susilo", "Yusuf Hidayat", "Ani Rahayu", "Bambang Irawan"]


def demo_logo() -> bytes:
    """A plain emblem drawn here (a shield with a star, rice and cotton), PNG with a
    transparent background: no third-party artwork in the demo."""
    size = 240
    gambar = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pena = ImageDraw.Draw(gambar)
    perisai = [(30, 20), (210, 20), (210, 120), (120, 225), (30, 120)]
    pena.polygon(perisai, fill=(22, 101, 52, 255), outline=(202, 138, 4, 255), width=8)
    bintang = [(120, 48), (130, 78), (162, 78), (136, 96), (146, 126),
               (120, 108), (94, 126), (104, 96), (78, 78), (110, 78)]  # fmt: skip
    pena.polygon(bintang, fill=(250, 204, 21, 255))
    for x in range(70, 175, 15):  # rice on the left, cotton on the right
        warna = (250, 204, 21, 255) if x < 120 else (255, 255, 255, 255)
        pena.ellipse((x - 6, 150 - abs(x - 120) // 3, x + 6, 162 - abs(x - 120) // 3), fill=warna)
    keluaran = io.BytesIO()
    gambar.save(keluaran, format="PNG")
    return keluaran.getvalue()


def load_demo_village(*, village: Any) -> int:
    """Fill what is still empty; returns how many officials were added."""
    profil = ProfilDesa.objects.filter(pk=1).first()
    if profil is None:
        return 0
    actor = Actor.named("demo")
    n = int(str(getattr(village, "code", "") or "0")[-3:] or 0)
    nama = profil.nama_desa
    kosong = {
        "alamat_kantor": f"Jl. Raya {nama} No. 1",
        "kode_pos": f"35{n % 1000:03d}",
        "telepon": f"0721-7{n % 1000:03d}00",
        "email": f"pemdes.{getattr(village, 'slug', 'desa')}@contoh.desa.id",
        "nama_kepala_desa": KEPALA[n % len(KEPALA)],
    }
    data = {key: value for key, value in kosong.items() if not getattr(profil, key)}
    if not profil.logo:
        data["logo"] = SimpleUploadedFile("logo-desa.png", demo_logo(), "image/png")
    if data:
        profil_update(data=data, actor=actor)
    added = 0
    if not Aparatur.objects.exists():
        kepala = ProfilDesa.objects.get(pk=1).nama_kepala_desa
        for urutan, (orang, jabatan) in enumerate(
            [(kepala, "Kepala Desa"), (SEKRETARIS[n % len(SEKRETARIS)], "Sekretaris Desa")]
        ):
            aparatur_save(
                aparatur=Aparatur(nama=orang, jabatan=jabatan, boleh_ttd=True, urutan=urutan),
                actor=actor,
            )
            added += 1
    return added
