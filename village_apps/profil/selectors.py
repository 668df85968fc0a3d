from village_apps.profil.models import ProfilDesa


def profil_get() -> ProfilDesa | None:
    """The village identity of the current schema (None before seeding)."""
    return ProfilDesa.objects.filter(pk=1).first()


def aparatur_list(*, hanya_aktif: bool = False):
    from village_apps.profil.models import Aparatur

    qs = Aparatur.objects.all()
    return qs.filter(aktif=True) if hanya_aktif else qs


def penandatangan_list():
    """Active officials who may sign letters (used by the letters module)."""
    return aparatur_list(hanya_aktif=True).filter(boleh_ttd=True)
