"""Writing development projects and their photos."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.images import image_prepare
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.pembangunan.choices import SumberDana
from village_apps.pembangunan.models import FotoProyek, Proyek
from village_apps.web.cache import situs_cache_invalidate


@transaction.atomic
def proyek_save(
    *,
    nama: str,
    lokasi: str,
    tahun: int,
    sumber_dana: list[str],
    anggaran: Decimal | int = 0,
    pelaksana: str = "",
    progres: int = 0,
    volume: str = "",
    keterangan: str = "",
    proyek: Proyek | None = None,
    actor: Actor | None = None,
) -> Proyek:
    """Create or update a project (validated by the model's constraints)."""
    baru = proyek is None
    proyek = proyek or Proyek()
    proyek.nama, proyek.lokasi, proyek.tahun = nama.strip(), lokasi.strip(), tahun
    if not sumber_dana or any(s not in SumberDana.values for s in sumber_dana):
        raise ValidationError(_("Pilih sumber dana dari daftar."))
    proyek.sumber_dana = list(dict.fromkeys(sumber_dana))
    proyek.anggaran, proyek.pelaksana, proyek.progres = anggaran, pelaksana.strip(), progres
    proyek.volume, proyek.keterangan = volume.strip(), keterangan.strip()
    proyek.full_clean()
    proyek.save()
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE,
        object_type="pembangunan.proyek",
        object_id=proyek.pk,
        actor=actor,
    )
    situs_cache_invalidate()
    return proyek


@transaction.atomic
def proyek_delete(*, proyek: Proyek, actor: Actor | None = None) -> None:
    """Delete a project and its photos."""
    audit_record(
        action=AuditAction.DELETE,
        object_type="pembangunan.proyek",
        object_id=proyek.pk,
        actor=actor,
    )
    for foto in proyek.foto.all():
        foto.gambar.delete(save=False)
    proyek.delete()
    situs_cache_invalidate()


@transaction.atomic
def foto_proyek_add(
    *, proyek: Proyek, gambar: UploadedFile, keterangan: str = "", actor: Actor | None = None
) -> FotoProyek:
    """Attach a progress photo, resized and re-encoded."""
    foto = FotoProyek(proyek=proyek, keterangan=keterangan.strip())
    foto.gambar.save(gambar.name, image_prepare(gambar), save=False)
    foto.save()
    audit_record(
        action=AuditAction.CREATE, object_type="pembangunan.foto", object_id=foto.pk, actor=actor
    )
    situs_cache_invalidate()
    return foto
