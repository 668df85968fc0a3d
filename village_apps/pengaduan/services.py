"""Writing complaints and replies."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from balai_kernel import abuse
from balai_kernel.actor import Actor
from balai_kernel.images import image_prepare
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_lockout, audit_record
from village_apps.pengaduan.choices import StatusPengaduan
from village_apps.pengaduan.models import Pengaduan, Tanggapan

# No 0/O, 1/I/L: the code is read aloud and typed on phones.
ABJAD = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def pengaduan_batas(*, actor: Actor) -> str | None:
    """Count one submission from this address (``ABUSE_LIMITS["pengaduan"]``, per village).
    Returns the Indonesian message when the address is locked and nothing may be
    stored; the submission that starts a lockout still goes through, and is audited."""
    refused = abuse.submission_refusal(
        actor,
        "pengaduan",
        on_lockout=lambda lockout: audit_lockout(
            lockout=lockout, object_type="pengaduan", actor=actor
        ),
    )
    return None if refused is None else abuse.refusal_message(refused, login=False)


def kode_lacak_baru() -> str:
    """8 random characters (31^8 ≈ 8.5e11 codes), so codes cannot be guessed."""
    return "".join(secrets.choice(ABJAD) for _ in range(8))


def _teks(nilai: str) -> str:
    # Stored as plain text (templates escape it again on output).
    return strip_tags(nilai or "").strip()


def pengaduan_kirim(
    *, judul: str, isi: str, nama: str = "", kontak: str = "", foto: UploadedFile | None = None
) -> Pengaduan:
    """Record a complaint from the public site and give it a fresh tracking code.
    The audit row holds no name or contact."""
    judul, isi = _teks(judul), _teks(isi)
    if not judul or not isi:
        raise ValidationError(_("Judul dan isi pengaduan wajib diisi."))
    gambar = image_prepare(foto) if foto is not None else None
    for _percobaan in range(5):
        try:
            with transaction.atomic():
                pengaduan = Pengaduan(
                    kode_lacak=kode_lacak_baru(), judul=judul[:150], isi=isi[:4000],
                    nama=_teks(nama)[:100], kontak=_teks(kontak)[:100],
                )  # fmt: skip
                if gambar is not None:
                    pengaduan.foto.save(gambar.name, gambar, save=False)
                pengaduan.save()
                audit_record(
                    action=AuditAction.CREATE, object_type="pengaduan", object_id=pengaduan.pk
                )
                return pengaduan
        except IntegrityError:
            continue  # tracking code collision: draw again
    raise RuntimeError("tidak dapat membuat kode lacak unik")


@transaction.atomic
def tanggapan_add(*, pengaduan: Pengaduan, isi: str, status: str, actor: Actor) -> Tanggapan:
    """An operator answers and/or moves the complaint to a new status (selesai closes it)."""
    isi = _teks(isi)
    if status not in StatusPengaduan.values:
        raise ValidationError(_("Status tidak dikenal."))
    if not isi:
        raise ValidationError(_("Tanggapan wajib diisi."))
    tanggapan = Tanggapan.objects.create(
        pengaduan=pengaduan, isi=isi, status_baru=status, petugas_id=actor.user_id
    )
    pengaduan.status = status
    pengaduan.save(update_fields=["status", "diubah_pada"])
    audit_record(
        action=AuditAction.UPDATE, object_type="pengaduan", object_id=pengaduan.pk,
        summary=f"tanggapan, status {status}", actor=actor,
    )  # fmt: skip
    return tanggapan


def pengaduan_foto_open(*, pengaduan_id: int, actor: Actor) -> Pengaduan | None:
    """An operator opens a complaint's photo (audited: it can show people and houses).
    ``None`` when the complaint is gone or has no photo."""
    pengaduan = Pengaduan.objects.exclude(foto="").filter(pk=pengaduan_id).first()
    if pengaduan is None:
        return None
    audit_record(
        action=AuditAction.VIEW, object_type="pengaduan_foto", object_id=pengaduan.pk, actor=actor
    )
    return pengaduan
