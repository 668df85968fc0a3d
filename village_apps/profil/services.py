from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from balai_kernel.actor import Actor
from balai_kernel.images import image_prepare
from village_apps.profil.models import ProfilDesa

# The logo is printed 22 mm wide on letters: 600 px is 690 dpi, plenty.
LOGO_MAX_SIDE = 600


@transaction.atomic
def profil_seed(
    *,
    nama_desa: str,
    kode_desa: str,
    jenis: str,
    nama_kecamatan: str = "",
    nama_kabupaten: str = "",
    nama_provinsi: str = "",
) -> ProfilDesa:
    """Prefill the identity at provisioning. Idempotent: existing edits are kept."""
    profil, created = ProfilDesa.objects.get_or_create(
        pk=1,
        defaults={
            "nama_desa": nama_desa,
            **_wilayah(kode_desa, jenis, nama_kecamatan, nama_kabupaten, nama_provinsi),
        },
    )
    return profil


def _wilayah(
    kode_desa: str, jenis: str, nama_kecamatan: str, nama_kabupaten: str, nama_provinsi: str
) -> dict[str, str]:
    """The identity fields that come from the Kemendagri reference data."""
    return {
        "kode_desa": kode_desa,
        "jenis": jenis,
        "kode_kecamatan": kode_desa[:6],
        "kode_kabupaten": kode_desa[:4],
        "kode_provinsi": kode_desa[:2],
        "nama_kecamatan": nama_kecamatan,
        "nama_kabupaten": nama_kabupaten,
        "nama_provinsi": nama_provinsi,
    }


@transaction.atomic
def profil_wilayah_set(
    *,
    kode_desa: str,
    jenis: str,
    nama_desa: str,
    nama_desa_lama: str,
    nama_kecamatan: str,
    nama_kabupaten: str,
    nama_provinsi: str,
    edisi: str,
) -> list[str]:
    """Carry the village's identity to a new edition of the Kemendagri list (the
    platform's ``wilayah apply``): codes and region names follow the reference data.
    The village's own name changes only where it still is the reference's old name
    (``nama_desa_lama``); a spelling the village chose stays. Audited in the village;
    returns the fields that changed."""
    from village_apps.audit.choices import AuditAction
    from village_apps.audit.services import audit_record

    profil = ProfilDesa.objects.select_for_update().filter(pk=1).first()
    if profil is None:
        return []
    values = _wilayah(kode_desa, jenis, nama_kecamatan, nama_kabupaten, nama_provinsi)
    if " ".join(profil.nama_desa.upper().split()) == " ".join(nama_desa_lama.upper().split()):
        values["nama_desa"] = nama_desa
    changed = [key for key, value in values.items() if getattr(profil, key) != value]
    if changed:
        for key in changed:
            setattr(profil, key, values[key])
        profil.save(update_fields=[*changed, "updated_at"])
        audit_record(
            action=AuditAction.UPDATE,
            object_type="profil",
            object_id=1,
            summary=f"wilayah {edisi}: {', '.join(changed)}",
        )
    return changed


IDENTITAS_FIELDS = [
    "nama_desa", "alamat_kantor", "kode_pos", "telepon", "email", "website",
    "nama_kepala_desa", "nip_kepala_desa", "logo", "lat", "lng",
]  # fmt: skip


@transaction.atomic
def profil_update(*, data: dict, actor: Actor | None = None) -> ProfilDesa:
    """Edit the identity. Codes and region names stay as provisioned from the
    reference data (they identify the village across the platform). A new logo goes
    through the checked-upload path (``image_prepare``: size limit, decoded, scaled,
    re-encoded without metadata, transparency kept for the letterhead)."""
    from village_apps.audit.choices import AuditAction
    from village_apps.audit.services import audit_record

    profil = ProfilDesa.objects.get(pk=1)
    logo = data.get("logo")
    for key in IDENTITAS_FIELDS:
        if key in data and key != "logo":
            setattr(profil, key, data[key])
    if isinstance(logo, UploadedFile):
        gambar = image_prepare(logo, max_side=LOGO_MAX_SIDE, transparent=True)
        profil.logo.save(gambar.name, gambar, save=False)
    elif logo is False:  # the form's "clear" box
        profil.logo = ""
    profil.full_clean()
    profil.save()
    audit_record(action=AuditAction.UPDATE, object_type="profil", object_id=1, actor=actor)
    return profil


@transaction.atomic
def aparatur_save(*, aparatur, actor: Actor | None = None):
    """Create or change a village official (validated, audited)."""
    from village_apps.audit.choices import AuditAction
    from village_apps.audit.services import audit_record

    created = aparatur.pk is None
    aparatur.full_clean()
    aparatur.save()
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type="aparatur",
        object_id=aparatur.pk,
        actor=actor,
    )
    return aparatur
