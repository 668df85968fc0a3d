"""Writes of the secretariat's registers. Each public service is one transaction that
also writes its audit row (incoming letters name people and their affairs); summaries
hold no names. Runs in the current village schema."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.documents import document_check, document_name
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record, register_row_delete, register_row_save
from village_apps.sekretariat.choices import StatusDisposisi, StatusSuratMasuk
from village_apps.sekretariat.models import Disposisi, Ekspedisi, SuratKeluarManual, SuratMasuk
from village_apps.sekretariat.selectors import staff_label_get

# A scanned letter of a few pages; larger files are refused before anything is stored.
SCAN_MAX_BYTES = 10 * 1024 * 1024


def _fill(obj: Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _scan_attach(surat: SuratMasuk, scan: UploadedFile | None) -> None:
    if scan is None:
        return
    tipe, ext = document_check(scan, max_bytes=SCAN_MAX_BYTES)
    scan.name = document_name(ext)
    surat.scan = scan
    surat.scan_tipe = tipe


@transaction.atomic
def surat_masuk_create(
    *,
    nomor_surat: str,
    tanggal_surat: date,
    tanggal_diterima: date,
    pengirim: str,
    perihal: str,
    jumlah_lampiran: int = 0,
    keterangan: str = "",
    scan: UploadedFile | None = None,
    actor: Actor,
) -> SuratMasuk:
    """Record an incoming letter (status *baru*), with its scan when given (checked by
    content: PDF, JPG or PNG, at most 10 MB; stored under a random name)."""
    surat = SuratMasuk(dibuat_oleh=str(actor))
    _fill(surat, {
        "nomor_surat": nomor_surat, "tanggal_surat": tanggal_surat,
        "tanggal_diterima": tanggal_diterima, "pengirim": pengirim, "perihal": perihal,
        "jumlah_lampiran": jumlah_lampiran, "keterangan": keterangan,
    })  # fmt: skip
    _scan_attach(surat, scan)
    surat.full_clean()
    surat.save()
    audit_record(
        action=AuditAction.CREATE,
        object_type="sekretariat.suratmasuk",
        object_id=surat.pk,
        actor=actor,
    )
    return surat


@transaction.atomic
def surat_masuk_update(
    *,
    surat_masuk_id: int,
    actor: Actor,
    scan: UploadedFile | None = None,
    **fields: Any,
) -> SuratMasuk:
    """Correct an incoming letter's record (any of the fields of ``surat_masuk_create``,
    or ``status``); a new scan replaces the old one."""
    surat = SuratMasuk.objects.select_for_update().get(pk=surat_masuk_id)
    allowed = {
        "nomor_surat", "tanggal_surat", "tanggal_diterima", "pengirim", "perihal",
        "jumlah_lampiran", "keterangan", "status",
    }  # fmt: skip
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    _fill(surat, fields)
    old_scan = surat.scan.name if scan is not None and surat.scan else ""
    _scan_attach(surat, scan)
    surat.full_clean()
    surat.save()
    if old_scan:
        storage = surat.scan.storage
        transaction.on_commit(lambda: storage.delete(old_scan))
    audit_record(
        action=AuditAction.UPDATE, object_type="sekretariat.suratmasuk", object_id=surat.pk,
        summary=", ".join(sorted(fields) + (["scan"] if scan is not None else [])), actor=actor,
    )  # fmt: skip
    return surat


@transaction.atomic
def surat_masuk_delete(*, surat_masuk_id: int, actor: Actor) -> None:
    """Remove a wrongly recorded incoming letter, its dispositions and its scan."""
    surat = SuratMasuk.objects.select_for_update().get(pk=surat_masuk_id)
    scan_name, storage = surat.scan.name, surat.scan.storage
    surat.delete()
    if scan_name:
        transaction.on_commit(lambda: storage.delete(scan_name))
    audit_record(
        action=AuditAction.DELETE, object_type="sekretariat.suratmasuk", object_id=surat_masuk_id,
        actor=actor,
    )  # fmt: skip


def surat_masuk_scan_open(*, surat_masuk_id: int, actor: Actor) -> SuratMasuk | None:
    """A staff member opens an incoming letter's scan (audited: letters name people).
    ``None`` when the letter is gone or has no scan."""
    surat = SuratMasuk.objects.exclude(scan="").filter(pk=surat_masuk_id).first()
    if surat is None:
        return None
    audit_record(
        action=AuditAction.VIEW,
        object_type="sekretariat.suratmasuk_scan",
        object_id=surat.pk,
        actor=actor,
    )
    return surat


@transaction.atomic
def disposisi_add(
    *,
    surat_masuk_id: int,
    penerima_id: int,
    instruksi: str,
    batas_waktu: date | None = None,
    actor: Actor,
) -> Disposisi:
    """Hand an incoming letter to an active staff member with an instruction and a due
    date (not in the past). The letter becomes *didisposisi* (also when it was closed:
    new work on it reopens it)."""
    surat = SuratMasuk.objects.select_for_update().get(pk=surat_masuk_id)
    penerima = (
        get_user_model()
        .objects.filter(pk=penerima_id, is_active=True, membership__isnull=False)
        .select_related("membership")
        .first()
    )
    if penerima is None:
        raise ValidationError(_("Penerima disposisi harus staf desa yang aktif."))
    instruksi = (instruksi or "").strip()
    if not instruksi:
        raise ValidationError(_("Instruksi disposisi wajib diisi."))
    if batas_waktu is not None and batas_waktu < timezone.localdate():
        raise ValidationError(_("Batas waktu tidak boleh sebelum hari ini."))
    disposisi = Disposisi(
        surat_masuk=surat, penerima=penerima, penerima_nama=staff_label_get(penerima)[:150],
        instruksi=instruksi, batas_waktu=batas_waktu, dibuat_oleh=str(actor),
    )  # fmt: skip
    disposisi.full_clean()
    disposisi.save()
    surat.status = StatusSuratMasuk.DIDISPOSISI
    surat.save(update_fields=["status", "diubah_pada"])
    audit_record(
        action=AuditAction.UPDATE, object_type="sekretariat.suratmasuk", object_id=surat.pk,
        summary=f"disposisi {disposisi.pk} ke akun {penerima.pk}", actor=actor,
    )  # fmt: skip
    return disposisi


@transaction.atomic
def disposisi_update(*, disposisi_id: int, catatan: str, actor: Actor) -> Disposisi:
    """The addressee reports a disposition done, with a note. Only the addressee may;
    once no disposition of the letter is open, the letter is *selesai*."""
    disposisi = Disposisi.objects.select_for_update().get(pk=disposisi_id)
    if actor.user is None or disposisi.penerima_id != actor.user.pk:
        raise ValidationError(_("Hanya penerima disposisi yang dapat menindaklanjutinya."))
    if disposisi.status == StatusDisposisi.SELESAI:
        raise ValidationError(_("Disposisi ini sudah ditindaklanjuti."))
    disposisi.catatan = (catatan or "").strip()
    disposisi.status = StatusDisposisi.SELESAI
    disposisi.selesai_pada = timezone.now()
    disposisi.full_clean()
    disposisi.save()
    surat = SuratMasuk.objects.select_for_update().get(pk=disposisi.surat_masuk_id)
    terbuka = surat.disposisi.filter(status=StatusDisposisi.TERBUKA).exists()
    if not terbuka and surat.status != StatusSuratMasuk.SELESAI:
        surat.status = StatusSuratMasuk.SELESAI
        surat.save(update_fields=["status", "diubah_pada"])
    audit_record(
        action=AuditAction.UPDATE, object_type="sekretariat.suratmasuk", object_id=surat.pk,
        summary=f"disposisi {disposisi.pk} selesai", actor=actor,
    )  # fmt: skip
    return disposisi


# --- Letters sent outside Balai and the dispatch book -----------------------------------


def _register_save(
    model: type[Model], pk: int | None, fields: dict[str, Any], *, actor: Actor, object_type: str
) -> Any:
    """Record (no ``pk``) or correct one row of a register that nothing else holds."""
    row = model.objects.select_for_update().get(pk=pk) if pk else model(dibuat_oleh=str(actor))
    return register_row_save(row=row, fields=fields, object_type=object_type, actor=actor)


def _register_delete(model: type[Model], pk: int, *, actor: Actor, object_type: str) -> None:
    row = model.objects.select_for_update().get(pk=pk)
    register_row_delete(row=row, object_type=object_type, actor=actor)


@transaction.atomic
def surat_keluar_manual_save(
    *, surat_keluar_manual_id: int | None = None, actor: Actor, **fields: Any
) -> SuratKeluarManual:
    """Record (no id) or correct a letter sent outside Balai, for the Buku Agenda:
    ``nomor_surat``, ``tanggal_surat``, ``ditujukan_kepada``, ``perihal``, ``keterangan``."""
    return _register_save(
        SuratKeluarManual, surat_keluar_manual_id, fields,
        actor=actor, object_type="sekretariat.suratkeluarmanual",
    )  # fmt: skip


@transaction.atomic
def surat_keluar_manual_delete(*, surat_keluar_manual_id: int, actor: Actor) -> None:
    _register_delete(
        SuratKeluarManual, surat_keluar_manual_id,
        actor=actor, object_type="sekretariat.suratkeluarmanual",
    )  # fmt: skip


@transaction.atomic
def ekspedisi_save(*, ekspedisi_id: int | None = None, actor: Actor, **fields: Any) -> Ekspedisi:
    """Record (no id) or correct one letter sent in the Buku Ekspedisi:
    ``tanggal_pengiriman``, ``nomor_surat``, ``tanggal_surat``, ``isi_singkat``,
    ``ditujukan_kepada``, ``keterangan``."""
    return _register_save(
        Ekspedisi, ekspedisi_id, fields, actor=actor, object_type="sekretariat.ekspedisi"
    )


@transaction.atomic
def ekspedisi_delete(*, ekspedisi_id: int, actor: Actor) -> None:
    _register_delete(Ekspedisi, ekspedisi_id, actor=actor, object_type="sekretariat.ekspedisi")
