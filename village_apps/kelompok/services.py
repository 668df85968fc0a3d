"""Writes of community groups and their members."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.kelompok.models import KategoriKelompok, Kelompok, KelompokAnggota


@transaction.atomic
def kelompok_create(
    *,
    nama: str,
    kode: str,
    kategori: str,
    ketua: Any = None,
    keterangan: str = "",
    actor: Actor | None = None,
) -> Kelompok:
    """A group in a category (created on first use)."""
    kat, _c = KategoriKelompok.objects.get_or_create(nama=kategori.strip())
    kelompok = Kelompok(nama=nama, kode=kode, kategori=kat, ketua=ketua, keterangan=keterangan)
    kelompok.full_clean()
    kelompok.save()
    if ketua is not None:
        KelompokAnggota.objects.get_or_create(
            kelompok=kelompok, penduduk=ketua, defaults={"jabatan": "Ketua"}
        )
    audit_record(
        action=AuditAction.CREATE, object_type="kelompok", object_id=kelompok.pk, actor=actor
    )
    return kelompok


@transaction.atomic
def kelompok_anggota_add(
    *, kelompok: Kelompok, penduduk: Any, jabatan: str = "", actor: Actor | None = None
) -> KelompokAnggota:
    anggota = KelompokAnggota(kelompok=kelompok, penduduk=penduduk, jabatan=jabatan)
    anggota.full_clean()
    anggota.save()
    audit_record(
        action=AuditAction.UPDATE, object_type="kelompok", object_id=kelompok.pk, actor=actor
    )
    return anggota
