"""Demo letter registers: incoming letters (no scans) at each status, two of them
disposed to village staff with due dates (one reported done by its addressee), the
dispatch book, and letters sent outside Balai for the Buku Agenda. Idempotent (keyed on
letter numbers); runs inside the village schema.

Dispositions go to the staff accounts the village already has (the demo's office staff,
or at least the admin made at provisioning); a village without staff gets none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from balai_kernel.actor import Actor
from village_apps.akun.choices import Action, VillageRole
from village_apps.akun.permissions import user_allows, village_role
from village_apps.demo import DEMO_ACTOR, demo_date
from village_apps.sekretariat import services
from village_apps.sekretariat.choices import StatusSuratMasuk
from village_apps.sekretariat.models import Disposisi, Ekspedisi, SuratKeluarManual, SuratMasuk
from village_apps.sekretariat.selectors import disposisi_penerima_list

# (number, sender, subject, attachments, received as a fraction of the year so far)
SURAT_MASUK = [
    ("005/112/IV.02/{tahun}", "Camat Natar",
     "Undangan rapat koordinasi penyusunan RKP Desa se-Kecamatan Natar", 1, 0.30),
    ("412.2/087/IV.03/{tahun}", "Dinas PMD Kabupaten Lampung Selatan",
     "Permintaan data realisasi Dana Desa tahap II", 2, 0.55),
    ("440/214/PKM-NTR/{tahun}", "UPTD Puskesmas Natar",
     "Jadwal bulan imunisasi anak sekolah dan posyandu", 1, 0.62),
    ("B/318/VIII/{tahun}/Polsek", "Kepolisian Sektor Natar",
     "Pemberitahuan patroli keamanan lingkungan menjelang hari raya", 0, 0.70),
    ("07/BPD/{tahun}", "Badan Permusyawaratan Desa",
     "Penyampaian hasil musyawarah BPD tentang rancangan perubahan APBDes", 1, 0.84),
    ("017/BLPG/KCP-NTR/{tahun}", "Bank Lampung KCP Natar",
     "Pemberitahuan pembaruan spesimen tanda tangan rekening kas desa", 0, 0.93),
]  # fmt: skip

# (number, addressee, subject, sent as a fraction of the year so far)
SURAT_KELUAR_MANUAL = [
    ("140/021/{kode}/{tahun}", "Camat Natar",
     "Laporan penyelenggaraan pemerintahan desa semester I", 0.50),
    ("005/034/{kode}/{tahun}", "Ketua BPD",
     "Undangan musyawarah desa pembahasan RKP Desa", 0.72),
]  # fmt: skip

# (number, addressee, short content, written, sent — fractions of the year so far)
EKSPEDISI = [
    ("140/021/{kode}/{tahun}", "Camat Natar",
     "Laporan penyelenggaraan pemerintahan desa semester I", 0.50, 0.51),
    ("412.2/026/{kode}/{tahun}", "Kepala Dinas PMD Kabupaten Lampung Selatan",
     "Laporan realisasi Dana Desa tahap II", 0.58, 0.59),
    ("005/034/{kode}/{tahun}", "Ketua BPD",
     "Undangan musyawarah desa pembahasan RKP Desa", 0.72, 0.72),
    ("005/035/{kode}/{tahun}", "Kepala Dusun Krajan, Sukamaju dan Karanganyar",
     "Undangan musyawarah desa pembahasan RKP Desa", 0.72, 0.73),
    ("470/041/{kode}/{tahun}", "Kepala UPT Dukcapil Natar",
     "Pengantar berkas perekaman KTP-el warga", 0.80, 0.81),
    ("900/047/{kode}/{tahun}", "Bank Lampung KCP Natar",
     "Spesimen tanda tangan pengelola rekening kas desa", 0.94, 0.95),
]  # fmt: skip


def _penerima() -> list[Any]:
    """Staff who keep the letter registers (may change them), in the form's order but
    those who do the work first: the secretary and the operator of a demo village, the
    head and the admin after them (a village with only its admin disposes to the
    admin)."""
    ids = [pk for pk, _label in disposisi_penerima_list()]
    users = get_user_model().objects.in_bulk(ids)
    found = [users[pk] for pk in ids if user_allows(users[pk], "sekretariat", Action.CHANGE)]
    return sorted(found, key=lambda u: village_role(u) in (VillageRole.KADES, VillageRole.ADMIN))


def _surat_masuk(tahun: int) -> dict[str, SuratMasuk]:
    surat = {}
    for nomor, pengirim, perihal, lampiran, diterima in SURAT_MASUK:
        nomor = nomor.format(tahun=tahun)
        row = SuratMasuk.objects.filter(nomor_surat=nomor).first()
        if row is None:
            tanggal = demo_date(diterima)
            ditulis = max(tanggal - dt.timedelta(days=3), dt.date(tahun, 1, 1))
            row = services.surat_masuk_create(
                nomor_surat=nomor, tanggal_surat=ditulis, tanggal_diterima=tanggal,
                pengirim=pengirim, perihal=perihal, jumlah_lampiran=lampiran, actor=DEMO_ACTOR,
            )  # fmt: skip
        surat[pengirim] = row
    return surat


def _disposisi(surat: dict[str, SuratMasuk]) -> None:
    """The camat's invitation open with one staff member; the data request done by another
    (reported by them, as the service demands); the police notice filed."""
    staff = _penerima()
    if not staff or Disposisi.objects.exists():
        return
    today = timezone.localdate()
    services.disposisi_add(
        surat_masuk_id=surat["Camat Natar"].pk, penerima_id=staff[0].pk,
        instruksi="Siapkan usulan kegiatan prioritas dan hadiri rapat koordinasi.",
        batas_waktu=today + dt.timedelta(days=5), actor=DEMO_ACTOR,
    )  # fmt: skip
    dinas = services.disposisi_add(
        surat_masuk_id=surat["Dinas PMD Kabupaten Lampung Selatan"].pk,
        penerima_id=staff[min(1, len(staff) - 1)].pk,
        instruksi="Rekap realisasi Dana Desa tahap II dan kirim ke Dinas PMD.",
        batas_waktu=today + dt.timedelta(days=2), actor=DEMO_ACTOR,
    )  # fmt: skip
    services.disposisi_update(
        disposisi_id=dinas.pk, catatan="Rekap sudah dikirim lewat surat 412.2/026.",
        actor=Actor.for_user(dinas.penerima),
    )  # fmt: skip
    polisi = surat["Kepolisian Sektor Natar"]
    if polisi.status == StatusSuratMasuk.BARU:
        services.surat_masuk_update(
            surat_masuk_id=polisi.pk, status=StatusSuratMasuk.SELESAI,
            keterangan="Diteruskan ke kepala dusun lewat grup pesan.", actor=DEMO_ACTOR,
        )  # fmt: skip


def load_demo_village(*, village: Any) -> None:
    tahun = demo_date(0).year
    kode = str(getattr(village, "code", "") or "").zfill(10)[-4:]
    _disposisi(_surat_masuk(tahun))
    for nomor, kepada, perihal, tanggal in SURAT_KELUAR_MANUAL:
        nomor = nomor.format(kode=kode, tahun=tahun)
        if not SuratKeluarManual.objects.filter(nomor_surat=nomor).exists():
            services.surat_keluar_manual_save(
                nomor_surat=nomor, tanggal_surat=demo_date(tanggal), ditujukan_kepada=kepada,
                perihal=perihal, actor=DEMO_ACTOR,
            )  # fmt: skip
    for nomor, kepada, isi, ditulis, dikirim in EKSPEDISI:
        nomor = nomor.format(kode=kode, tahun=tahun)
        if not Ekspedisi.objects.filter(nomor_surat=nomor).exists():
            services.ekspedisi_save(
                nomor_surat=nomor, tanggal_surat=demo_date(ditulis),
                tanggal_pengiriman=demo_date(dikirim), ditujukan_kepada=kepada,
                isi_singkat=isi, actor=DEMO_ACTOR,
            )  # fmt: skip
