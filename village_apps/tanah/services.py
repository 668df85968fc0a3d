"""Writing the land registers. Owners are personal data: every write is audited (the
row's id only, never the name)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from village_apps.audit.services import register_row_delete, register_row_save
from village_apps.penduduk.models import Penduduk
from village_apps.tanah.models import TanahDesa, TanahKasDesa

TEXT = ("nomor_letter_c", "nomor_persil", "kelas", "lokasi", "mutasi", "keterangan")


def _store(obj: models.Model, *, object_type: str, actor: Actor | None) -> None:
    fields = {name: getattr(obj, name) for name in TEXT}
    register_row_save(row=obj, fields=fields, object_type=object_type, actor=actor)


@transaction.atomic
def tanah_desa_save(
    *,
    luas: Decimal,
    status_hak: str,
    penggunaan: str,
    nik_pemilik: str = "",
    nama_pemilik: str = "",
    nomor_letter_c: str = "",
    nomor_persil: str = "",
    kelas: str = "",
    lokasi: str = "",
    mutasi: str = "",
    keterangan: str = "",
    tanah: TanahDesa | None = None,
    actor: Actor | None = None,
) -> TanahDesa:
    """Create or update a parcel of the Buku Tanah di Desa. The owner is the resident
    with NIK ``nik_pemilik`` when given (their name is copied), else the typed name."""
    pemilik = None
    if nik_pemilik.strip():
        pemilik = Penduduk.objects.filter(nik=nik_pemilik.strip()).first()
        if pemilik is None:
            raise ValidationError({"nik_pemilik": _("Penduduk dengan NIK ini tidak ditemukan.")})
    nama = pemilik.nama if pemilik is not None else nama_pemilik.strip()
    if not nama:
        raise ValidationError({"nama_pemilik": _("Isi NIK penduduk atau nama pemilik.")})
    tanah = tanah or TanahDesa()
    tanah.pemilik, tanah.nama_pemilik = pemilik, nama[:150]
    tanah.luas, tanah.status_hak, tanah.penggunaan = luas, status_hak, penggunaan
    tanah.nomor_letter_c, tanah.nomor_persil, tanah.kelas = nomor_letter_c, nomor_persil, kelas
    tanah.lokasi, tanah.mutasi, tanah.keterangan = lokasi, mutasi, keterangan
    _store(tanah, object_type="tanah.tanah_desa", actor=actor)
    return tanah


@transaction.atomic
def tanah_kas_desa_save(
    *,
    luas: Decimal,
    asal: str,
    jenis_lahan: str,
    nama_pemilik_asal: str = "",
    tanggal_perolehan: dt.date | None = None,
    ada_patok: bool = False,
    ada_papan_nama: bool = False,
    peruntukan: str = "",
    nomor_letter_c: str = "",
    nomor_persil: str = "",
    kelas: str = "",
    lokasi: str = "",
    mutasi: str = "",
    keterangan: str = "",
    tanah: TanahKasDesa | None = None,
    actor: Actor | None = None,
) -> TanahKasDesa:
    """Create or update a parcel of the Buku Tanah Kas Desa."""
    tanah = tanah or TanahKasDesa()
    tanah.luas, tanah.asal, tanah.jenis_lahan = luas, asal, jenis_lahan
    tanah.nama_pemilik_asal = nama_pemilik_asal.strip()
    tanah.tanggal_perolehan, tanah.peruntukan = tanggal_perolehan, peruntukan
    tanah.ada_patok, tanah.ada_papan_nama = ada_patok, ada_papan_nama
    tanah.nomor_letter_c, tanah.nomor_persil, tanah.kelas = nomor_letter_c, nomor_persil, kelas
    tanah.lokasi, tanah.mutasi, tanah.keterangan = lokasi, mutasi, keterangan
    _store(tanah, object_type="tanah.tanah_kas_desa", actor=actor)
    return tanah


@transaction.atomic
def tanah_desa_delete(*, tanah: TanahDesa, actor: Actor | None = None) -> None:
    register_row_delete(row=tanah, object_type="tanah.tanah_desa", actor=actor)


@transaction.atomic
def tanah_kas_desa_delete(*, tanah: TanahKasDesa, actor: Actor | None = None) -> None:
    register_row_delete(row=tanah, object_type="tanah.tanah_kas_desa", actor=actor)
