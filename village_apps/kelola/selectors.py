"""The operators' home: what waits for them today and, while a village is new, its
first steps — each done or not as the village's data says, never as someone ticked it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from village_apps.keluarga.models import Keluarga
from village_apps.mandiri.choices import OPEN_STATUSES
from village_apps.mandiri.models import Permohonan
from village_apps.penduduk.models import Penduduk
from village_apps.pengaduan.choices import StatusPengaduan
from village_apps.pengaduan.models import Pengaduan
from village_apps.profil.selectors import penandatangan_list, profil_get
from village_apps.referensi import StatusDasar
from village_apps.surat.models import SuratKeluar
from village_apps.wilayah.models import Dusun


@dataclass(frozen=True, slots=True)
class Ringkasan:
    """Today's figures: living residents, families, open self-service requests, open
    complaints and letters issued this month."""

    penduduk: int
    keluarga: int
    permohonan_terbuka: int
    pengaduan_terbuka: int
    surat_bulan_ini: int


@dataclass(frozen=True, slots=True)
class Langkah:
    """One first step of a new village: what it is, where it is done (a URL name of the
    village URLconf), the module it needs and whether the data shows it done."""

    kode: str
    judul: Any
    keterangan: Any
    url_name: str
    modul: str
    selesai: bool


def ringkasan_get() -> Ringkasan:
    bulan_ini = timezone.localdate().replace(day=1)
    return Ringkasan(
        penduduk=Penduduk.objects.filter(status_dasar=StatusDasar.HIDUP).count(),
        keluarga=Keluarga.objects.count(),
        permohonan_terbuka=Permohonan.objects.filter(status__in=OPEN_STATUSES).count(),
        pengaduan_terbuka=Pengaduan.objects.filter(
            status__in=(StatusPengaduan.BARU, StatusPengaduan.DIPROSES)
        ).count(),
        surat_bulan_ini=SuratKeluar.objects.filter(tanggal__gte=bulan_ini).count(),
    )


def langkah_list() -> list[Langkah]:
    """The first-run checklist, in the order a new village does it."""
    profil = profil_get()
    return [
        Langkah(
            "profil",
            _("Lengkapi profil desa"),
            _("Alamat kantor dan nama kepala desa: dipakai di kop dan tanda tangan surat."),
            "profil:identitas",
            "profil",
            bool(profil and profil.alamat_kantor and profil.nama_kepala_desa),
        ),
        Langkah(
            "aparatur",
            _("Catat aparatur desa"),
            _("Minimal satu pejabat aktif yang boleh menandatangani surat."),
            "profil:aparatur_tambah",
            "profil",
            penandatangan_list().exists(),
        ),
        Langkah(
            "wilayah",
            _("Susun wilayah"),
            _("Dusun, RW dan RT tempat penduduk tinggal."),
            "wilayah:daftar",
            "penduduk",
            Dusun.objects.exists(),
        ),
        Langkah(
            "penduduk",
            _("Masukkan data penduduk"),
            _("Impor cadangan OpenSID, impor berkas Excel, atau tambah satu per satu."),
            "opensid_import:unggah",
            "penduduk",
            Penduduk.objects.exists(),
        ),
        Langkah(
            "surat",
            _("Terbitkan surat pertama"),
            _("Pilih warga dan jenis surat; hasilnya PDF dengan kode QR verifikasi."),
            "surat:buat",
            "surat",
            SuratKeluar.objects.exists(),
        ),
    ]
