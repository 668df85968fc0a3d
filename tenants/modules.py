"""The catalogue of village modules: which village app URL namespaces each module
covers, which modules are always on and which a contract's plan switches.

A plan (``control_plane.billing.models.Plan.modules``) lists module codes. The
billing service copies the plan of a village's contract onto the village
(``Village.modules``: the switchable codes it may use, ``None`` = no limits), so the
per-process routing cache carries it and no request queries for it. The request
check is ``tenants.middleware.module_off_response`` (the routing middleware's
``process_view``).

Core modules are the village's registry and its front door: everything else reads
residents, families and hamlets, and a village must always be able to sign in, keep
its identity and read its audit trail. Listing a core code in a plan is harmless.

Switchable modules group apps that are sold together; the groups keep the codes the
first plans used (Dasar = penduduk, surat, web; Lengkap adds keuangan):

- ``surat``: letters, and residents' self-service (which only requests letters);
- ``web``: the public website, its back office and the public complaint form;
- ``keuangan``: APBDes, social-assistance programmes and development projects — the
  Dana Desa transparency pages.

Switching a module off never touches data: its pages answer an explanation page and
the navigation hides it; switching it on shows everything again. Every namespace of
the village URLconf must appear here exactly once (a test checks it), so a new app
is classified when it is added.

This module is plain data (no imports of village apps or the control plane), so the
control plane, the middleware and templates can all read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class VillageModule:
    """One sellable module: its code (as used in plans), Indonesian label, the URL
    namespaces of the village apps it covers and whether a plan can switch it off."""

    code: str
    label: Any  # lazy Indonesian text
    namespaces: frozenset[str]
    switchable: bool
    description: Any = ""


MODULES: tuple[VillageModule, ...] = (
    VillageModule(
        "profil",
        _("Profil desa"),
        frozenset({"profil", "kelola", "buku"}),
        switchable=False,
        description=_("Identitas desa, aparatur, beranda situs dan beranda operator."),
    ),
    VillageModule(
        "akun",
        _("Akun operator"),
        frozenset({"akun"}),
        switchable=False,
        description=_("Masuk, keluar dan atur kata sandi operator."),
    ),
    VillageModule(
        "audit",
        _("Jejak audit"),
        frozenset({"audit"}),
        switchable=False,
        description=_("Catatan siapa mengubah apa."),
    ),
    VillageModule(
        "penduduk",
        _("Kependudukan"),
        frozenset({"penduduk", "keluarga", "wilayah", "peristiwa", "kelompok", "opensid_import"}),
        switchable=False,
        description=_("Buku induk penduduk, kartu keluarga, dusun/RT/RW, peristiwa, kelompok."),
    ),
    # Registers every village must keep (Permendagri 47/2016): never switched off.
    VillageModule(
        "sekretariat",
        _("Sekretariat"),
        frozenset({"sekretariat"}),
        switchable=False,
        description=_("Surat masuk dan disposisi, buku agenda dan buku ekspedisi."),
    ),
    VillageModule(
        "administrasi",
        _("Administrasi umum"),
        frozenset({"produk_hukum", "inventaris", "tanah"}),
        switchable=False,
        description=_("Produk hukum (JDIH), inventaris dan kekayaan desa, tanah desa."),
    ),
    VillageModule(
        "surat",
        _("Surat"),
        frozenset({"surat", "mandiri", "tte"}),
        switchable=True,
        description=_("Penerbitan surat dan layanan mandiri (permohonan surat oleh warga)."),
    ),
    VillageModule(
        "web",
        _("Situs web"),
        frozenset({"web", "pengaduan"}),
        switchable=True,
        description=_("Berita, halaman, agenda, galeri, statistik dan pengaduan warga."),
    ),
    VillageModule(
        "keuangan",
        _("Keuangan"),
        frozenset({"keuangan", "bantuan", "pembangunan"}),
        switchable=True,
        description=_("APBDes, program bantuan dan pembangunan desa."),
    ),
)

BY_CODE: dict[str, VillageModule] = {m.code: m for m in MODULES}
SWITCHABLE: tuple[str, ...] = tuple(m.code for m in MODULES if m.switchable)
BY_NAMESPACE: dict[str, VillageModule] = {ns: m for m in MODULES for ns in m.namespaces}

# Pages of a switchable module that stay reachable when it is off, because they are
# the village's front door; the view itself shows less (``web:beranda`` falls back to
# the identity-only home of ``profil``). Keys are ``namespace:url_name``.
ALWAYS_OPEN: frozenset[str] = frozenset({"web:beranda", "web:robots"})


def module_codes_normalize(codes: Iterable[str] | None) -> list[str] | None:
    """The switchable module codes a plan's list enables, sorted; ``None`` (no
    limits) for ``None`` or an empty list — a plan without modules limits nothing.
    Core and unknown codes are dropped (plans are validated when they are edited)."""
    codes = list(codes or [])
    if not codes:
        return None
    return module_codes_switchable(codes)


def module_codes_switchable(codes: Iterable[str]) -> list[str]:
    """The switchable codes among ``codes``, sorted (core and unknown codes dropped)."""
    return sorted({c for c in codes if c in BY_CODE and BY_CODE[c].switchable})


def module_codes_unknown(codes: Iterable[str]) -> list[str]:
    return sorted({c for c in codes if c not in BY_CODE})


def module_enabled(village: Any, code: str) -> bool:
    """Whether ``village`` (a routed ``Village``, or anything without ``modules``) may
    use module ``code``. Reads only the row already in memory."""
    enabled = getattr(village, "modules", None)
    if enabled is None:
        return True
    module = BY_CODE.get(code)
    return module is None or not module.switchable or code in enabled


def module_for_namespace(namespace: str) -> VillageModule | None:
    return BY_NAMESPACE.get(namespace)


class ModuleSwitches:
    """Template helper: ``{% if modul.keuangan %}`` is true when the module is on."""

    def __init__(self, village: Any) -> None:
        self._village = village

    def __getitem__(self, code: str) -> bool:
        return module_enabled(self._village, code)

    def __contains__(self, code: str) -> bool:
        return self[code]
