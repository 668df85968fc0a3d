from village_apps.profil.models import ProfilDesa


def profil_get() -> ProfilDesa | None:
    """The village identity of the current schema (None before seeding)."""
    return ProfilDesa.objects.filter(pk=1).first()
