"""Writes of families (KK) and households: creation, new head, split."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from village_apps.audit.models import AuditAction
from village_apps.audit.services import audit_record
from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.choices import SHDK, StatusDasar
from village_apps.penduduk.models import Penduduk
from village_apps.peristiwa.models import KodePeristiwaKeluarga, LogKeluarga


@transaction.atomic
def keluarga_create(
    *,
    no_kk: str = "",
    alamat: str = "",
    wilayah: Any = None,
    kelas_sosial: int | None = None,
    user: Any = None,
    request: HttpRequest | None = None,
) -> Keluarga:
    """A new KK (empty number → OpenSID temporary number). Members are added as
    residents with ``keluarga`` set; the first with SHDK 1 becomes the head."""
    from village_apps.penduduk.services import nomor_sementara_baru

    keluarga = Keluarga(
        no_kk=no_kk.strip() or nomor_sementara_baru(jenis="kk"),
        alamat=alamat,
        wilayah=wilayah,
        kelas_sosial=kelas_sosial,
        tgl_daftar=timezone.localdate(),
    )
    keluarga.full_clean()
    keluarga.save()
    LogKeluarga.objects.create(
        keluarga=keluarga, kode=KodePeristiwaKeluarga.KK_BARU, tanggal=timezone.localdate()
    )
    audit_record(
        action=AuditAction.CREATE,
        object_type="keluarga",
        object_id=keluarga.pk,
        request=request,
        user=user,
    )
    return keluarga


@transaction.atomic
def keluarga_ganti_kepala(
    *, keluarga: Keluarga, kepala: Penduduk, user: Any = None, request: HttpRequest | None = None
) -> Keluarga:
    """Make a living member the head (SHDK 1); the former head, if still a living
    member, becomes ``LAINNYA`` until the operator corrects the relation."""
    if kepala.keluarga_id != keluarga.pk or kepala.status_dasar != StatusDasar.HIDUP:
        raise ValidationError(_("Kepala keluarga harus anggota keluarga ini yang masih hidup."))
    Penduduk.objects.filter(keluarga=keluarga, kk_level=SHDK.KEPALA_KELUARGA).exclude(
        pk=kepala.pk
    ).update(kk_level=SHDK.LAINNYA)
    Penduduk.objects.filter(pk=kepala.pk).update(kk_level=SHDK.KEPALA_KELUARGA)
    keluarga.kepala = kepala
    keluarga.save(update_fields=["kepala", "updated_at"])
    LogKeluarga.objects.create(
        keluarga=keluarga,
        kode=KodePeristiwaKeluarga.GANTI_KEPALA,
        penduduk=kepala,
        tanggal=timezone.localdate(),
    )
    audit_record(
        action=AuditAction.UPDATE,
        object_type="keluarga",
        object_id=keluarga.pk,
        request=request,
        user=user,
    )
    return keluarga


@transaction.atomic
def keluarga_pecah(
    *,
    keluarga: Keluarga,
    anggota: list[Penduduk],
    kepala: Penduduk,
    no_kk_baru: str = "",
    user: Any = None,
    request: HttpRequest | None = None,
) -> Keluarga:
    """Split members off into a new KK (pecah KK) headed by ``kepala``."""
    ids = {p.pk for p in anggota} | {kepala.pk}
    if Penduduk.objects.filter(pk__in=ids).exclude(keluarga=keluarga).exists():
        raise ValidationError(_("Semua anggota yang dipecah harus anggota KK asal."))
    baru = keluarga_create(
        no_kk=no_kk_baru,
        alamat=keluarga.alamat,
        wilayah=keluarga.wilayah,
        user=user,
        request=request,
    )
    Penduduk.objects.filter(pk__in=ids).update(keluarga=baru)
    if keluarga.kepala_id in ids:
        keluarga.kepala = None
        keluarga.save(update_fields=["kepala", "updated_at"])
    kepala.refresh_from_db()
    keluarga_ganti_kepala(keluarga=baru, kepala=kepala, user=user, request=request)
    LogKeluarga.objects.create(
        keluarga=keluarga, kode=KodePeristiwaKeluarga.PECAH_KK, tanggal=timezone.localdate()
    )
    return baru


@transaction.atomic
def rumah_tangga_create(
    *, kepala: Penduduk, no_rtm: str = "", user: Any = None, request: HttpRequest | None = None
) -> RumahTangga:
    """A household headed by a resident (``rtm_level`` 1)."""
    from village_apps.penduduk.services import kode_desa_get

    if not no_rtm:
        no_rtm = f"{kode_desa_get()}{RumahTangga.objects.count() + 1:05d}"
    rtm = RumahTangga(no_rtm=no_rtm, kepala=kepala, tgl_daftar=timezone.localdate())
    rtm.full_clean()
    rtm.save()
    Penduduk.objects.filter(pk=kepala.pk).update(rumah_tangga=rtm, rtm_level=1)
    audit_record(
        action=AuditAction.CREATE,
        object_type="rumah_tangga",
        object_id=rtm.pk,
        request=request,
        user=user,
    )
    return rtm
