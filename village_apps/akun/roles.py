"""The built-in roles of a village office and the modules of the permission matrix,
as plain data.

A village's roles are rows (``Peran``): the built-ins below are seeded by migration
``0003`` into every village (and so into the template every new village is cloned
from); the admin edits their grants — except the admin role's, which holds every
right so that the village can never lock itself out — and adds roles of their own.
Until a village's schema has the rows (the window of a fleet upgrade between the
expand and the heavy migration), ``permissions`` falls back to these defaults.

A grant is ``"<module>.<action>"``: the module is the URL namespace a view declares in
``@requires`` (``penduduk``, ``surat``, …), the action one of ``choices.Action``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.akun.choices import Action, VillageRole

# Modules whose pages hold residents' personal data: a role that may change, delete or
# export in one of them must also see full NIK/KK numbers (its forms and files carry
# them), so a masked role is a read-only role there.
PERSONAL_MODULES = frozenset(
    {
        "penduduk",
        "keluarga",
        "peristiwa",
        "kelompok",
        "bantuan",
        "surat",
        "mandiri",
        "pengaduan",
        "opensid_import",
        "buku",
        "tanah",  # land owners: residents' names and NIK
    }
)
# Reserved to the admin role: staff accounts and roles. Nobody else may grant rights,
# so the last-admin guard is the only thing between a village and a lock-out.
ADMIN_ONLY_MODULES = frozenset({"akun"})
# Labels of the matrix rows (a test checks every declared module has one).
MODULE_LABELS = {
    "penduduk": _("Penduduk"),
    "keluarga": _("Keluarga dan rumah tangga"),
    "wilayah": _("Wilayah (dusun, RW, RT)"),
    "peristiwa": _("Peristiwa kependudukan"),
    "kelompok": _("Kelompok"),
    "opensid_import": _("Impor data OpenSID"),
    "surat": _("Surat"),
    "mandiri": _("Layanan mandiri (permohonan warga)"),
    "keuangan": _("Keuangan (APBDes)"),
    "bantuan": _("Program bantuan"),
    "pembangunan": _("Pembangunan"),
    "buku": _("Buku administrasi desa"),
    "produk_hukum": _("Produk hukum desa"),
    "inventaris": _("Inventaris dan kekayaan desa"),
    "tanah": _("Tanah desa"),
    "web": _("Situs web"),
    "pengaduan": _("Pengaduan"),
    "sekretariat": _("Sekretariat (surat masuk, agenda, ekspedisi)"),
    "profil": _("Profil desa"),
    "audit": _("Jejak audit"),
    "akun": _("Staf dan peran"),
}
DATA_MODULES = (
    "penduduk",
    "keluarga",
    "wilayah",
    "peristiwa",
    "kelompok",
    "surat",
    "mandiri",
    "keuangan",
    "bantuan",
    "pembangunan",
    "web",
    "pengaduan",
    "buku",
    "sekretariat",
    "produk_hukum",
    "inventaris",
    "tanah",
)
# Roles of the first release, mapped when migration 0003 runs (and read so meanwhile).
LEGACY_ROLES = {"viewer": VillageRole.PENINJAU}


def grants(modules: tuple[str, ...] | list[str], actions: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{m}.{a}" for m in modules for a in actions)


@dataclass(frozen=True)
class BuiltinRole:
    slug: str
    hak: frozenset[str]
    lihat_nik: bool
    semua: bool = False  # every right in every module (the admin)


_READ = (Action.VIEW, Action.APPROVE)
_OFFICE = (
    "keuangan",
    "bantuan",
    "pembangunan",
    "web",
    "pengaduan",
    "kelompok",
    "produk_hukum",
    "inventaris",
    "tanah",
)
BUILTIN_ROLES: dict[str, BuiltinRole] = {
    r.slug: r
    for r in (
        BuiltinRole(VillageRole.ADMIN, frozenset(), lihat_nik=True, semua=True),
        # Today's operator: everything but the village's settings.
        BuiltinRole(
            VillageRole.OPERATOR,
            grants(
                DATA_MODULES,
                (Action.VIEW, Action.CHANGE, Action.DELETE, Action.EXPORT, Action.APPROVE),
            ),
            lihat_nik=True,
        ),
        # The secretary issues letters, but does not do the operator's check of
        # residents' requests (``mandiri.change``): one person, one step of the chain.
        BuiltinRole(
            VillageRole.SEKDES,
            grants(DATA_MODULES, (*_READ, Action.EXPORT))
            | grants(("surat",), (Action.CHANGE,))
            # The secretary keeps the registers of letters in and out.
            | grants(("sekretariat",), (Action.CHANGE, Action.DELETE)),
            lihat_nik=True,
        ),
        # The head disposes incoming letters to staff (``sekretariat.change``).
        BuiltinRole(
            VillageRole.KADES,
            grants(DATA_MODULES, _READ) | grants(("sekretariat",), (Action.CHANGE,)),
            lihat_nik=True,
        ),
        BuiltinRole(
            VillageRole.KASI,
            grants(DATA_MODULES, _READ)
            | grants(_OFFICE, (Action.CHANGE, Action.DELETE, Action.EXPORT)),
            lihat_nik=True,
        ),
        # Today's viewer: reads (masked numbers) and its step of a letter.
        BuiltinRole(VillageRole.PENINJAU, grants(DATA_MODULES, _READ), lihat_nik=False),
    )
}


def builtin_grants_backfill(peran_model: Any, module: str) -> None:
    """Add to the village's built-in roles the default grants of ``module`` (those
    ``BUILTIN_ROLES`` gives it): the data migration of a module added after villages
    were seeded runs this, so its pages open for the roles that use them. Grants the
    admin removed from a role in other modules stay removed; nothing is taken away."""
    for peran in peran_model.objects.filter(bawaan=True, slug__in=list(BUILTIN_ROLES)):
        default = {h for h in BUILTIN_ROLES[peran.slug].hak if h.split(".", 1)[0] == module}
        if not default <= set(peran.hak or ()):
            peran.hak = sorted(set(peran.hak or ()) | default)
            peran.save(update_fields=["hak"])
