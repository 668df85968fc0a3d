"""Writes of families (KK) and households (rumah tangga): creation, members, new head,
split, dissolution. Every write records an ``AccessAudit`` row in its transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk
from village_apps.peristiwa.choices import KodePeristiwaKeluarga
from village_apps.peristiwa.models import LogKeluarga
from village_apps.referensi import SHDK, StatusDasar


@transaction.atomic
def keluarga_create(
    *,
    no_kk: str = "",
    alamat: str = "",
    wilayah: Any = None,
    kelas_sosial: int | None = None,
    actor: Actor | None = None,
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
        actor=actor,
    )
    return keluarga


@transaction.atomic
def keluarga_ganti_kepala(
    *, keluarga: Keluarga, kepala: Penduduk, actor: Actor | None = None
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
        actor=actor,
    )
    return keluarga


@transaction.atomic
def keluarga_pecah(
    *,
    keluarga: Keluarga,
    anggota: list[Penduduk],
    kepala: Penduduk,
    no_kk_baru: str = "",
    actor: Actor | None = None,
) -> Keluarga:
    """Split members off into a new KK (pecah KK) headed by ``kepala``."""
    ids = {p.pk for p in anggota} | {kepala.pk}
    if Penduduk.objects.filter(pk__in=ids).exclude(keluarga=keluarga).exists():
        raise ValidationError(_("Semua anggota yang dipecah harus anggota KK asal."))
    baru = keluarga_create(
        no_kk=no_kk_baru,
        alamat=keluarga.alamat,
        wilayah=keluarga.wilayah,
        actor=actor,
    )
    Penduduk.objects.filter(pk__in=ids).update(keluarga=baru)
    if keluarga.kepala_id in ids:
        keluarga.kepala = None
        keluarga.save(update_fields=["kepala", "updated_at"])
    kepala.refresh_from_db()
    keluarga_ganti_kepala(keluarga=baru, kepala=kepala, actor=actor)
    LogKeluarga.objects.create(
        keluarga=keluarga, kode=KodePeristiwaKeluarga.PECAH_KK, tanggal=timezone.localdate()
    )
    return baru


RTM_KEPALA, RTM_ANGGOTA = 1, 2  # Penduduk.rtm_level


def _penduduk_kunci(penduduk: Penduduk) -> Penduduk:
    """The resident's row, locked: two operators putting the same person into two
    households at once must not both succeed."""
    return Penduduk.objects.select_for_update().get(pk=penduduk.pk)


def _rumah_tangga_nomor_baru() -> str:
    """OpenSID's household number: 10-digit village code + 5-digit sequence (the
    highest one in use + 1, so numbers freed by a dissolution are not handed out twice
    while a later one exists)."""
    from village_apps.penduduk.services import kode_desa_get

    prefix = kode_desa_get().zfill(10)[:10]
    last = RumahTangga.objects.filter(no_rtm__regex=rf"^{prefix}[0-9]{{5}}$").aggregate(
        m=Max("no_rtm")
    )["m"]
    return f"{prefix}{int(last[10:]) + 1 if last else 1:05d}"


def _boleh_masuk(penduduk: Penduduk) -> None:
    if penduduk.status_dasar != StatusDasar.HIDUP:
        raise ValidationError(
            _(
                "Hanya penduduk berstatus hidup (masih tercatat di desa) yang dapat masuk rumah tangga."
            )
        )
    if penduduk.rumah_tangga_id is not None:
        nomor = RumahTangga.objects.filter(pk=penduduk.rumah_tangga_id).values_list(
            "no_rtm", flat=True
        )
        raise ValidationError(
            _(
                "Penduduk ini sudah anggota rumah tangga %(nomor)s. Keluarkan dulu dari rumah "
                "tangga itu."
            )
            % {"nomor": nomor.first() or "-"}
        )


@transaction.atomic
def rumah_tangga_create(
    *, kepala: Penduduk, no_rtm: str = "", actor: Actor | None = None
) -> RumahTangga:
    """A household headed by a living resident (``rtm_level`` 1) who belongs to no other
    household (a resident is in at most one: ``Penduduk.rumah_tangga`` is one FK; this
    check gives the operator a clear message instead of silently moving them). An empty
    number gets OpenSID's ``kode desa`` + sequence."""
    kepala = _penduduk_kunci(kepala)
    _boleh_masuk(kepala)
    no_rtm = no_rtm.strip() or _rumah_tangga_nomor_baru()
    if RumahTangga.objects.filter(no_rtm=no_rtm).exists():
        raise ValidationError({"no_rtm": _("Nomor rumah tangga ini sudah dipakai.")})
    rtm = RumahTangga(no_rtm=no_rtm, kepala=kepala, tgl_daftar=timezone.localdate())
    rtm.full_clean()
    rtm.save()
    Penduduk.objects.filter(pk=kepala.pk).update(rumah_tangga=rtm, rtm_level=RTM_KEPALA)
    audit_record(
        action=AuditAction.CREATE,
        object_type="rumah_tangga",
        object_id=rtm.pk,
        summary=f"kepala: penduduk {kepala.pk}",
        actor=actor,
    )
    return rtm


@transaction.atomic
def rumah_tangga_anggota_add(
    *,
    rumah_tangga: RumahTangga,
    penduduk: Penduduk,
    actor: Actor | None = None,
) -> Penduduk:
    """Add a living resident who is in no household yet as a member (``rtm_level`` 2)."""
    penduduk = _penduduk_kunci(penduduk)
    if penduduk.rumah_tangga_id == rumah_tangga.pk:
        raise ValidationError(_("Penduduk ini sudah anggota rumah tangga ini."))
    _boleh_masuk(penduduk)
    Penduduk.objects.filter(pk=penduduk.pk).update(rumah_tangga=rumah_tangga, rtm_level=RTM_ANGGOTA)
    audit_record(
        action=AuditAction.UPDATE,
        object_type="rumah_tangga",
        object_id=rumah_tangga.pk,
        summary=f"anggota ditambah: penduduk {penduduk.pk}",
        actor=actor,
    )
    penduduk.refresh_from_db()
    return penduduk


@transaction.atomic
def rumah_tangga_anggota_remove(
    *,
    rumah_tangga: RumahTangga,
    penduduk: Penduduk,
    actor: Actor | None = None,
) -> None:
    """Take a member out of the household. The head cannot leave: the operator first
    names another head, or dissolves the household."""
    penduduk = _penduduk_kunci(penduduk)
    if penduduk.rumah_tangga_id != rumah_tangga.pk:
        raise ValidationError(_("Penduduk ini bukan anggota rumah tangga ini."))
    if rumah_tangga.kepala_id == penduduk.pk:
        raise ValidationError(
            _(
                "Kepala rumah tangga tidak dapat dikeluarkan. Ganti kepala rumah tangga dulu, "
                "atau bubarkan rumah tangga ini."
            )
        )
    Penduduk.objects.filter(pk=penduduk.pk).update(rumah_tangga=None, rtm_level=None)
    audit_record(
        action=AuditAction.UPDATE,
        object_type="rumah_tangga",
        object_id=rumah_tangga.pk,
        summary=f"anggota dikeluarkan: penduduk {penduduk.pk}",
        actor=actor,
    )


@transaction.atomic
def rumah_tangga_ganti_kepala(
    *,
    rumah_tangga: RumahTangga,
    kepala: Penduduk,
    actor: Actor | None = None,
) -> RumahTangga:
    """Make a living member the head; the former head stays as an ordinary member."""
    kepala = _penduduk_kunci(kepala)
    if kepala.rumah_tangga_id != rumah_tangga.pk or kepala.status_dasar != StatusDasar.HIDUP:
        raise ValidationError(
            _("Kepala rumah tangga harus anggota rumah tangga ini yang masih hidup.")
        )
    if rumah_tangga.kepala_id == kepala.pk:
        raise ValidationError(_("Penduduk ini sudah menjadi kepala rumah tangga ini."))
    Penduduk.objects.filter(rumah_tangga=rumah_tangga, rtm_level=RTM_KEPALA).exclude(
        pk=kepala.pk
    ).update(rtm_level=RTM_ANGGOTA)
    Penduduk.objects.filter(pk=kepala.pk).update(rtm_level=RTM_KEPALA)
    rumah_tangga.kepala = kepala
    rumah_tangga.save(update_fields=["kepala"])
    audit_record(
        action=AuditAction.UPDATE,
        object_type="rumah_tangga",
        object_id=rumah_tangga.pk,
        summary=f"kepala diganti: penduduk {kepala.pk}",
        actor=actor,
    )
    return rumah_tangga


@transaction.atomic
def rumah_tangga_bubar(*, rumah_tangga: RumahTangga, actor: Actor | None = None) -> None:
    """Dissolve a household: its members leave it and the row is deleted. Refused while
    an aid programme lists it as a participant, because deleting would silently delete
    that participation (``bantuan.Peserta`` cascades)."""
    rumah_tangga = RumahTangga.objects.select_for_update().get(pk=rumah_tangga.pk)
    if rumah_tangga.peserta_set.exists():
        raise ValidationError(
            _(
                "Rumah tangga ini masih menjadi peserta program bantuan. Keluarkan dulu dari "
                "program bantuan sebelum dibubarkan."
            )
        )
    pk = rumah_tangga.pk
    Penduduk.objects.filter(rumah_tangga=rumah_tangga).update(rumah_tangga=None, rtm_level=None)
    rumah_tangga.delete()
    audit_record(
        action=AuditAction.DELETE,
        object_type="rumah_tangga",
        object_id=pk,
        actor=actor,
    )
