"""Recording population events. Each event changes the resident's ``status_dasar`` and
writes its log row (and the audit row) in one transaction, so the monthly report,
counted from the log, always agrees with the live totals."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.penduduk.models import Penduduk
from village_apps.peristiwa.choices import KodePeristiwa, KodePeristiwaKeluarga
from village_apps.peristiwa.models import PERISTIWA_KELUAR, LogKeluarga, LogPenduduk
from village_apps.referensi import StatusDasar

# Status after each exit event.
STATUS_SESUDAH = {
    KodePeristiwa.MATI: StatusDasar.MATI,
    KodePeristiwa.PINDAH_KELUAR: StatusDasar.PINDAH,
    KodePeristiwa.HILANG: StatusDasar.HILANG,
    KodePeristiwa.PERGI: StatusDasar.PERGI,
    KodePeristiwa.TIDAK_VALID: StatusDasar.TIDAK_VALID,
}


def _cek_tanggal(penduduk: Penduduk, tanggal: date) -> None:
    if tanggal > timezone.localdate():
        raise ValidationError(
            {"tanggal_peristiwa": _("Tanggal peristiwa tidak boleh di masa depan.")}
        )
    last = (
        LogPenduduk.objects.filter(penduduk=penduduk)
        .order_by("-tanggal_peristiwa")
        .values_list("tanggal_peristiwa", flat=True)
        .first()
    )
    if last and tanggal < last:
        raise ValidationError(
            {
                "tanggal_peristiwa": _(
                    "Tanggal peristiwa tidak boleh sebelum peristiwa terakhir penduduk ini."
                )
            }
        )


def log_masuk(
    *, penduduk: Penduduk, kode: int, tanggal_peristiwa: date, actor: Actor | None = None
) -> LogPenduduk:
    """The log row of a resident entering the population (called by ``penduduk_create``
    and the import inside their transaction)."""
    if tanggal_peristiwa > timezone.localdate():
        raise ValidationError(
            {"tanggal_peristiwa": _("Tanggal peristiwa tidak boleh di masa depan.")}
        )
    return LogPenduduk.objects.create(
        penduduk=penduduk,
        kode_peristiwa=kode,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=timezone.localdate(),
        sex=penduduk.sex,
        no_kk=penduduk.keluarga.no_kk if penduduk.keluarga_id else "",
        created_by_id=(actor.user_id if actor is not None else None),
    )


@transaction.atomic
def peristiwa_catat(
    *,
    penduduk: Penduduk,
    kode: int,
    tanggal_peristiwa: date,
    tanggal_lapor: date | None = None,
    ref_pindah: int | None = None,
    meninggal_di: str = "",
    alamat_tujuan: str = "",
    catatan: str = "",
    actor: Actor | None = None,
) -> LogPenduduk:
    """Record death, moving out, missing, leaving, invalidation (exits) or a return
    (``KEMBALI``, for someone who had left). Births and arrivals create a resident:
    use ``kelahiran_catat`` / ``penduduk_create``. A dead head of family leaves the KK
    without head (logged) until the operator picks a new one."""
    penduduk = (
        Penduduk.objects.select_for_update(of=("self",))
        .select_related("keluarga")
        .get(pk=penduduk.pk)
    )
    _cek_tanggal(penduduk, tanggal_peristiwa)
    if kode in PERISTIWA_KELUAR:
        if penduduk.status_dasar != StatusDasar.HIDUP:
            raise ValidationError(_("Penduduk ini sudah tidak tercatat sebagai penduduk hidup."))
        if kode == KodePeristiwa.PINDAH_KELUAR and not ref_pindah:
            raise ValidationError({"ref_pindah": _("Pilih jenis pindah.")})
        penduduk.status_dasar = STATUS_SESUDAH[kode]
    elif kode == KodePeristiwa.KEMBALI:
        if penduduk.status_dasar not in (StatusDasar.PINDAH, StatusDasar.HILANG, StatusDasar.PERGI):
            raise ValidationError(_("Hanya penduduk yang pindah, hilang atau pergi dapat kembali."))
        penduduk.status_dasar = StatusDasar.HIDUP
    else:
        raise ValidationError(_("Peristiwa ini dicatat dengan menambah penduduk."))
    penduduk.save(update_fields=["status_dasar", "updated_at"])
    log = LogPenduduk.objects.create(
        penduduk=penduduk,
        kode_peristiwa=kode,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor or timezone.localdate(),
        sex=penduduk.sex,
        ref_pindah=ref_pindah if kode == KodePeristiwa.PINDAH_KELUAR else None,
        meninggal_di=meninggal_di,
        alamat_tujuan=alamat_tujuan,
        catatan=catatan,
        no_kk=penduduk.keluarga.no_kk if penduduk.keluarga_id else "",
        created_by_id=actor.user_id if actor is not None else None,
    )
    keluarga = penduduk.keluarga
    if kode in PERISTIWA_KELUAR and keluarga is not None and keluarga.kepala_id == penduduk.pk:
        keluarga.kepala = None
        keluarga.save(update_fields=["kepala", "updated_at"])
        LogKeluarga.objects.create(
            keluarga=keluarga,
            kode=KodePeristiwaKeluarga.KEPALA_MATI
            if kode == KodePeristiwa.MATI
            else KodePeristiwaKeluarga.ANGGOTA_KELUAR,
            penduduk=penduduk,
            tanggal=tanggal_peristiwa,
        )
    audit_record(
        action=AuditAction.UPDATE,
        object_type="penduduk",
        object_id=penduduk.pk,
        summary=f"peristiwa {kode}",
        actor=actor,
    )
    return log


@transaction.atomic
def kelahiran_catat(
    *,
    data: dict[str, Any],
    tanggal_lapor: date | None = None,
    actor: Actor | None = None,
):
    """A birth: a new resident (child of the family in ``data["keluarga"]``) whose
    entry event is ``LAHIR`` dated on the birth date (``penduduk_create`` places a
    child without an address unit of its own where its family lives)."""
    from village_apps.penduduk.services import penduduk_create

    if not data.get("tanggallahir"):
        raise ValidationError({"tanggallahir": _("Tanggal lahir wajib diisi.")})
    return penduduk_create(
        data=data,
        kode_peristiwa=KodePeristiwa.LAHIR,
        tanggal_peristiwa=data["tanggallahir"],
        actor=actor,
    )
