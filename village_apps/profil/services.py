from django.db import transaction

from village_apps.profil.models import ProfilDesa


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
            "kode_desa": kode_desa,
            "jenis": jenis,
            "kode_kecamatan": kode_desa[:6],
            "kode_kabupaten": kode_desa[:4],
            "kode_provinsi": kode_desa[:2],
            "nama_kecamatan": nama_kecamatan,
            "nama_kabupaten": nama_kabupaten,
            "nama_provinsi": nama_provinsi,
        },
    )
    return profil
