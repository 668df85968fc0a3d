"""What the rest of Balai may ask of a village app: typed contracts, in one place.

Every village app has a ``facade.py``; this module says which contracts each facade
fulfils (:data:`FACADES`) and what each contract is (a :class:`typing.Protocol` whose
members are the facade's module-level functions, results as frozen dataclasses). The
control plane imports nothing of ``village_apps`` but this module and the facades, and
it reaches a facade only through :func:`facade_get` / :func:`facades_offering`, never by
probing a module for attributes. ``tests/village_apps/test_contracts.py`` checks every
facade against its contracts (names and signatures), so a renamed parameter fails
there, not in a nightly publish.

Facades run inside a village context (``tenants.context.village_context``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import ModuleType
from typing import IO, Any, Protocol, cast

# --- results ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatRow:
    """One row of a statistics table: a code, its label and counts by sex.

    ``kode`` None is the "BELUM MENGISI" row; ``laki_laki``/``perempuan`` are None where
    sex does not apply (letters, money)."""

    kode: str | int | None
    label: str
    jumlah: int
    laki_laki: int | None = None
    perempuan: int | None = None


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A village staff account as operations see it (``villages users SLUG list``)."""

    username: str
    role: str
    jabatan: str
    active: bool
    second_factor: bool


@dataclass(frozen=True, slots=True)
class PopulationSummary:
    """Headline totals of living residents, families and households with a living
    member, and hamlets."""

    penduduk: int
    laki_laki: int
    perempuan: int
    keluarga: int
    rumah_tangga: int
    dusun: int


@dataclass(frozen=True, slots=True)
class EventCount:
    laki_laki: int
    perempuan: int
    jumlah: int


@dataclass(frozen=True, slots=True)
class MonthlyEvents:
    """Births, deaths, arrivals and departures of one month (by event date)."""

    tahun: int
    bulan: int
    lahir: EventCount
    mati: EventCount
    datang: EventCount
    pindah: EventCount


@dataclass(frozen=True, slots=True)
class ApbdesSummary:
    tahun: int
    pendapatan: Decimal
    belanja: Decimal
    pendapatan_realisasi: Decimal
    belanja_realisasi: Decimal
    pembiayaan_netto: Decimal
    belanja_per_bidang: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class VillageAccount:
    """A village staff account as operations may see it: no password, no personal data
    beyond the address its set-password link goes to."""

    username: str
    email: str
    role: str

    @property
    def email_masked(self) -> str:
        """``ad***@contoh.id``: enough to recognise the address, not to read it out."""
        local, at, domain = self.email.partition("@")
        return f"{local[:2]}***{at}{domain}" if at else ""


@dataclass(frozen=True, slots=True)
class ClosedBookPeriod:
    """A closed period of one of the village's administration books (Buku Administrasi
    Desa) as the kecamatan and the province read it: which book, which period
    (``"2026"`` / ``"2026-05"``), when it was closed and how many rows it holds."""

    slug: str
    title: str
    group: str
    code: str
    periode: str
    ditutup_pada: datetime
    baris: int


@dataclass(frozen=True, slots=True)
class ClosedBookFile:
    """A closed period's book as a file (PDF or XLSX), ready to serve."""

    filename: str
    content_type: str
    content: bytes


# Category codes the snapshot knows by name (``control_plane.dashboards.categories``).
SUMMARY_CATEGORY = "ringkasan"
EVENTS_CATEGORY = "peristiwa"


# --- contracts -------------------------------------------------------------------


class SnapshotSource(Protocol):
    """Statistics an app publishes into the anonymous dashboards' snapshot.

    ``publishable(category)`` tells whether a category may leave the village (the
    disclosure policy, passed in by the caller so that village apps need not know
    it); a source skips the others instead of computing them."""

    def snapshot_contributions(
        self, *, publishable: Callable[[str], bool]
    ) -> Mapping[str, Sequence[StatRow]]: ...


class Population(Protocol):
    """The population register, read by dashboards, open data and the OpenDK export."""

    STATISTIK_KATEGORI: Mapping[str, str]

    def statistik(self, kategori: str, *, pada: date | None = None) -> list[StatRow]: ...

    def ringkasan(self) -> PopulationSummary: ...

    def statistik_sensitif_aktif(self) -> frozenset[str]: ...

    def penduduk_export(self, *, target: IO[bytes]) -> int: ...


class PopulationEvents(Protocol):
    """The monthly population report's movements (births, deaths, arrivals, departures)."""

    def peristiwa_bulanan(self, *, tahun: int, bulan: int) -> MonthlyEvents: ...


@dataclass(frozen=True, slots=True)
class ProyekSelesai:
    """A finished development project (progress 100 %), as the asset register reads it
    to offer it for registration (``village_apps.inventaris``)."""

    pk: int
    nama: str
    lokasi: str
    tahun: int
    anggaran: Decimal
    sumber_dana: tuple[str, ...]
    volume: str
    pelaksana: str


class FinishedProjects(Protocol):
    """Finished projects, for the registers that record what they built."""

    def proyek_selesai_list(self, *, kecuali: Sequence[int] = ()) -> list[ProyekSelesai]: ...

    def proyek_selesai_get(self, *, pk: int) -> ProyekSelesai | None: ...


class OpenDKSource(Protocol):
    """Rows for the OpenDK sync export, keyed by dataset and OpenDK's column names.
    Never personal data: residents go through :class:`Population` (audited)."""

    def opendk_rows(self) -> Mapping[str, Sequence[Mapping[str, Any]]]: ...


class DemoData(Protocol):
    """Demo content for ``./balai demo`` (idempotent; called inside the village)."""

    def load_demo_village(self, *, village: Any) -> int | None: ...


class Accounts(Protocol):
    """Village staff accounts: the first admin made at provisioning, the set-password
    link e-mailed to them, the admins (for the operations console's set-password link),
    and what operations do for a village from the command line (``manage.py villages
    users``; every change audited in the village as the CLI's)."""

    def village_user_create(
        self,
        *,
        username: str,
        role: str = ...,
        email: str = ...,
        password: str | None = ...,
        jabatan: str = ...,
        nama: str = ...,
        ganti_sandi: bool = ...,
        actor: Any = ...,
    ) -> Any: ...

    def village_user_password_link_get(self, *, username: str) -> str: ...

    def village_staff_list(self) -> list[StaffMember]: ...

    def village_staff_add(
        self, *, username: str, role: str, email: str = ..., password: str = ..., actor: Any
    ) -> StaffMember: ...

    def village_staff_role_update(self, *, username: str, role: str, actor: Any) -> StaffMember: ...

    def village_staff_suspend(self, *, username: str, actor: Any) -> StaffMember: ...

    def village_staff_resume(self, *, username: str, actor: Any) -> StaffMember: ...

    def village_admin_list(self) -> list[VillageAccount]: ...


class VillageProfile(Protocol):
    """The village's identity, seeded at provisioning and carried across editions of
    the Kemendagri code list."""

    def profil_seed(
        self,
        *,
        nama_desa: str,
        kode_desa: str,
        jenis: str,
        nama_kecamatan: str = ...,
        nama_kabupaten: str = ...,
        nama_provinsi: str = ...,
    ) -> Any: ...

    def profil_wilayah_set(
        self,
        *,
        kode_desa: str,
        jenis: str,
        nama_desa: str,
        nama_desa_lama: str,
        nama_kecamatan: str,
        nama_kabupaten: str,
        nama_provinsi: str,
        edisi: str,
    ) -> Any: ...


class ClosedBooks(Protocol):
    """The village's closed book periods, read from above the village (camat, province
    officials). Only what was stored when a period was closed, never live data; the
    NIK/KK columns masked (these readers do not hold "lihat NIK/KK lengkap"); every
    read audited in the village, naming ``actor`` (a control-plane account: its label
    and ``role``, no village user)."""

    def penutupan_list(self, *, actor: Any) -> list[ClosedBookPeriod]: ...

    def penutupan_export(
        self, *, slug: str, periode: str, fmt: str, actor: Any
    ) -> ClosedBookFile | None: ...


class Finance(Protocol):
    """The APBDes totals of a year (None when the village has none)."""

    def apbdes_ringkasan(self, *, tahun: int) -> ApbdesSummary | None: ...


# Which contracts each village app's facade fulfils. Every app under ``village_apps``
# in ``TENANT_APPS`` is listed (a test fails on a missing one); an empty tuple says the
# app offers nothing outside the village yet.
FACADES: dict[str, tuple[type, ...]] = {
    "profil": (VillageProfile, DemoData),
    "akun": (Accounts,),
    "audit": (),
    "wilayah": (),
    "penduduk": (Population, SnapshotSource, DemoData),
    "keluarga": (),
    "kelompok": (),
    "peristiwa": (PopulationEvents, SnapshotSource),
    "surat": (DemoData,),
    "mandiri": (),
    "web": (DemoData,),
    "keuangan": (Finance, DemoData),
    "bantuan": (OpenDKSource, DemoData),
    "pengaduan": (),
    "pembangunan": (OpenDKSource, FinishedProjects, DemoData),
    "opensid_import": (),
    "sekretariat": (DemoData,),
    "kelola": (),
    "buku": (ClosedBooks, DemoData),
    "tte": (),
    "produk_hukum": (DemoData,),
    "inventaris": (DemoData,),
    "tanah": (DemoData,),
}


def facade_module(app: str) -> ModuleType:
    return importlib.import_module(f"village_apps.{app}.facade")


def facade_get[P](app: str, contract: type[P]) -> P:
    """The facade of ``app`` as ``contract``; a LookupError when the app does not
    declare it (a programming error, never a missing optional feature)."""
    if contract not in FACADES.get(app, ()):
        raise LookupError(f"village_apps.{app} does not fulfil {contract.__name__}")
    return cast(P, facade_module(app))


def facades_offering[P](contract: type[P]) -> Iterator[tuple[str, P]]:
    """``(module name, facade)`` of every installed app that fulfils ``contract``."""
    from django.apps import apps

    for app, contracts in FACADES.items():
        if contract in contracts and apps.is_installed(f"village_apps.{app}"):
            yield f"village_apps.{app}.facade", cast(P, facade_module(app))
