"""Reads for the dashboards and the open-data API.

Everything here reads the public schema only (snapshots and rollups); nothing loops
over village schemas. ``exact=False`` gives the public numbers: hidden cells become
``"<5"`` (a count of 1–4) or ``"x"`` (hidden so that another cannot be recovered).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Max, Min
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from balai_kernel.disclosure import policy
from balai_kernel.disclosure.source import PublicRow, PublicTable, VillageStatistics
from control_plane.dashboards import regions
from control_plane.dashboards.categories import (
    POPULATION_KEY,
    SUMMARY,
    Category,
    category_get,
    category_order,
)
from control_plane.dashboards.models import (
    HIDE_L,
    HIDE_P,
    HIDE_T,
    KabupatenDashboardSetting,
    RegionStat,
    SnapshotValue,
    VillageSnapshot,
)

Number = policy.Count
COMPARISON_CATEGORIES = (SUMMARY, "surat", "apbdes")
CHART_ROWS = 10
CHILD_LEVEL = {"provinsi": "kabupaten", "kabupaten": "kecamatan", "kecamatan": "desa"}
FRESHNESS_FIELD = {2: "kabupaten_code", 4: "kecamatan_code", 6: "village_code"}
FILTER_FIELD = {2: "provinsi_code", 4: "kabupaten_code", 6: "kecamatan_code", 10: "village_code"}
KABUPATEN_VERSION_KEY = "dasbor:kabupaten:{}:versi"


def mask(value: int | None, hidden: bool, exact: bool) -> Number:
    """The exact value for internal views; the public one (``policy.mask``) otherwise."""
    return value if exact else policy.mask(value, hidden=hidden)


@dataclass
class StatRow:
    key: str
    label: str
    laki_laki: Number
    perempuan: Number
    jumlah: Number
    position: int = 0


def _stat_row_order(position: int, key: str) -> tuple[int, int, int, str]:
    """The order of a category's rows everywhere: the place the village app gave the key
    (age bands from the youngest, codes in their official order), then — for rows
    published before places were stored — numeric keys by number, "belum mengisi" last.
    Never the key as text, which put "Di bawah 1" before "40–44" and "1–4" after it."""
    if key == "belum_mengisi":
        return (position, 2, 0, key)
    if key.isdigit():
        return (position, 0, int(key), "")
    return (position, 1, 0, key)


@dataclass
class CategoryTable:
    category: Category
    rows: list[StatRow]

    @property
    def rows_shown(self) -> list[StatRow]:
        """The rows a page lists: a row counting nobody says nothing (pekerjaan has ~90
        codes, most of them 0 in any village); a hidden count stays, as its mark."""
        return [r for r in self.rows if r.jumlah != 0]

    @property
    def zero_rows(self) -> int:
        return len(self.rows) - len(self.rows_shown)

    def chart_items(self, *, limit: int = CHART_ROWS) -> list[tuple[str, Number]]:
        """Bars for the category's chart, in the category's order: every row counting
        someone; a nominal category with more than ``limit`` of them shows its largest
        ``limit - 1`` and one "Lainnya" bar for the rest — their sum, or the hidden
        mark when one of them is hidden (a sum reveals nothing only when all its
        parts are published)."""
        rows = self.rows_shown
        if self.category.ordinal or len(rows) <= limit:
            return [(r.label, r.jumlah) for r in rows]
        ranked = sorted(rows, key=lambda r: r.jumlah if isinstance(r.jumlah, int) else -1)
        rest = ranked[: len(rows) - (limit - 1)]
        folded = {id(r) for r in rest}
        kept = [r for r in rows if id(r) not in folded]
        other: Number = (
            sum(r.jumlah for r in rest)  # type: ignore[misc]
            if all(isinstance(r.jumlah, int) for r in rest)
            else policy.COMPLEMENT
        )
        return [(r.label, r.jumlah) for r in kept] + [(str(_("Lainnya")), other)]


@dataclass
class ChildRow:
    code: str
    name: str
    on_platform: int = 0
    in_reference: int = 0
    penduduk: Number = None
    laki_laki: Number = None
    perempuan: Number = None
    keluarga: Number = None
    surat: Number = None
    apbdes_anggaran: int | None = None
    apbdes_realisasi: int | None = None
    oldest: datetime | None = None
    newest: datetime | None = None
    has_data: bool = False

    @property
    def realisasi_persen(self) -> float | None:
        if not self.apbdes_anggaran or self.apbdes_realisasi is None:
            return None
        return round(100 * self.apbdes_realisasi / self.apbdes_anggaran, 1)


@dataclass
class RegionView:
    code: str
    level: str
    name: str
    exact: bool
    breadcrumbs: list[tuple[str, str]]
    tables: list[CategoryTable] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    on_platform: int = 0
    in_reference: int = 0
    oldest: datetime | None = None
    newest: datetime | None = None
    version: int | None = None
    # Whether the region's kabupaten opens its public view (provinsi: always).
    public: bool = True
    # The level below was left out: a closed kabupaten in a public view.
    children_withheld: bool = False
    # The edition of the Kemendagri list the figures are keyed by (their snapshots';
    # the active edition where nothing is published yet).
    edition: str = ""

    @property
    def has_data(self) -> bool:
        return bool(self.tables)

    def table(self, code: str) -> CategoryTable | None:
        return next((t for t in self.tables if t.category.code == code), None)

    @property
    def penduduk(self) -> StatRow | None:
        summary = self.table(SUMMARY)
        return next((r for r in summary.rows if r.key == POPULATION_KEY), None) if summary else None


def kabupaten_is_public(code: str) -> bool:
    setting = KabupatenDashboardSetting.objects.filter(kabupaten_code=code[:4]).first()
    return setting is None or setting.public


def kabupaten_settings() -> dict[str, bool]:
    return dict(KabupatenDashboardSetting.objects.values_list("kabupaten_code", "public"))


STAT_FIELDS = (
    "category",
    "key",
    "label",
    "laki_laki",
    "perempuan",
    "jumlah",
    "hidden",
    "position",
)


def _stat_rows(rows: Iterable[dict[str, Any]], exact: bool) -> list[CategoryTable]:
    grouped: dict[str, list[StatRow]] = defaultdict(list)
    for r in rows:
        hidden = r["hidden"]
        grouped[r["category"]].append(
            StatRow(
                key=r["key"],
                label=r["label"],
                laki_laki=mask(r["laki_laki"], bool(hidden & HIDE_L), exact),
                perempuan=mask(r["perempuan"], bool(hidden & HIDE_P), exact),
                jumlah=mask(r["jumlah"], bool(hidden & HIDE_T), exact),
                position=r["position"],
            )
        )
    return [
        CategoryTable(
            category_get(code), sorted(rows, key=lambda r: _stat_row_order(r.position, r.key))
        )
        for code, rows in sorted(grouped.items(), key=lambda kv: category_order(kv[0]))
    ]


def _region_rows(level: str, code: str) -> tuple[list[dict[str, Any]], tuple]:
    """A region's rollup rows, its villages' count/oldest/newest snapshot and whether its
    kabupaten is public, in one round trip (the API's hot path)."""
    field = FILTER_FIELD[len(code)]
    # The column name comes from a constant map, never from the request.
    sql = (
        "WITH s AS (SELECT count(*) AS n, min(generated_at) AS oldest, "  # noqa: S608
        "max(generated_at) AS newest, string_agg(DISTINCT reference_edition, ',') AS edition "
        f"FROM dashboards_villagesnapshot WHERE {field} = %s), "
        "k AS (SELECT bool_and(public) AS public FROM dashboards_kabupatendashboardsetting "
        "WHERE kabupaten_code = %s) "
        "SELECT s.n, s.oldest, s.newest, coalesce(k.public, true), s.edition, "
        "r.category, r.key, r.label, r.laki_laki, "
        "r.perempuan, r.jumlah, r.hidden, r.position "
        "FROM s CROSS JOIN k LEFT JOIN dashboards_regionstat r "
        "ON r.level = %s AND r.region_code = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [code, code[:4], level, code])
        fetched = cursor.fetchall()
    head = tuple(fetched[0][:5]) if fetched else (0, None, None, True, None)
    rows = [dict(zip(STAT_FIELDS, r[5:], strict=True)) for r in fetched if r[5] is not None]
    return rows, head


def breadcrumbs(code: str) -> list[tuple[str, str]]:
    chain = [code[:n] for n in (2, 4, 6, 10) if n <= len(code)]
    names = regions.region_names(chain)
    return [(c, names[c]) for c in chain]


def region_view(*, code: str, exact: bool, with_children: bool = True) -> RegionView | None:
    """A region (2, 4 or 6 digits) or a village (10 digits) with its statistics and,
    for regions, the comparison rows of the level below. None for unknown codes."""
    level = regions.level_of(code)
    if level is None:
        return None
    name = regions.region_name(code)
    if (
        name == code
        and not VillageSnapshot.objects.filter(**{f"{FILTER_FIELD[len(code)]}": code}).exists()
    ):
        return None
    view = RegionView(code=code, level=level, name=name, exact=exact, breadcrumbs=breadcrumbs(code))
    if level == "desa":
        view.public = kabupaten_is_public(code)
        snapshot = VillageSnapshot.objects.filter(village_code=code).first()
        view.in_reference = regions.reference_village_count(code)
        if snapshot:
            values = SnapshotValue.objects.filter(snapshot=snapshot).values(*STAT_FIELDS)
            view.tables = _stat_rows(values, exact)
            view.oldest = view.newest = snapshot.generated_at
            view.version = snapshot.version
            view.on_platform = 1
        view.edition = (snapshot and snapshot.reference_edition) or regions.active_edition()
        return view
    rows, head = _region_rows(level, code)
    view.on_platform, view.oldest, view.newest, view.public, edition = head
    view.edition = edition or regions.active_edition()
    view.tables = _stat_rows(rows, exact)
    view.in_reference = regions.reference_village_count(code)
    # A closed kabupaten publishes its own totals only: its kecamatan (and what lies
    # below them) stay out of every public view, rows and coverage included.
    view.children_withheld = not (exact or view.public)
    if with_children and not view.children_withheld:
        view.children = region_children(code=code, exact=exact)
    return view


def region_children(*, code: str, exact: bool) -> list[ChildRow]:
    """Comparison rows of the level below ``code``: every child in the reference list,
    with numbers where its villages publish; villages not yet on the platform stay in
    the list (with empty numbers) so coverage is visible."""
    child_len = regions.CHILD_LENGTH[len(code)]
    ref_children = regions.reference_children(code)
    rows: dict[str, ChildRow] = {}
    if child_len == 10:
        values = SnapshotValue.objects.filter(
            kecamatan_code=code, category__in=COMPARISON_CATEGORIES
        ).values_list(
            "village_code", "category", "key", "laki_laki", "perempuan", "jumlah", "hidden"
        )
        fresh = VillageSnapshot.objects.filter(kecamatan_code=code).values_list(
            "village_code", "generated_at", "generated_at"
        )
        counts = {c: 1 for c, _a, _b in fresh}
    else:
        values = RegionStat.objects.filter(
            level=CHILD_LEVEL[regions.level_of(code)],
            parent_code=code,
            category__in=COMPARISON_CATEGORIES,
        ).values_list(
            "region_code", "category", "key", "laki_laki", "perempuan", "jumlah", "hidden"
        )
        group = Substr("village_code", 1, child_len)
        agg = (
            VillageSnapshot.objects.filter(**{FILTER_FIELD[len(code)]: code})
            .annotate(child=group)
            .values("child")
            .annotate(n=Count("id"), oldest=Min("generated_at"), newest=Max("generated_at"))
        )
        fresh = [(a["child"], a["oldest"], a["newest"]) for a in agg]
        counts = {a["child"]: a["n"] for a in agg}
    names = regions.region_names(set(ref_children) | set(counts))
    ref_counts = regions.reference_child_counts(code) if child_len < 10 else {}
    for child in sorted(set(ref_children) | set(counts)):
        rows[child] = ChildRow(
            code=child,
            name=names[child],
            on_platform=counts.get(child, 0),
            in_reference=ref_counts.get(child, 0) if child_len < 10 else int(child in ref_children),
        )
    for child, oldest, newest in fresh:
        rows[child].oldest, rows[child].newest = oldest, newest
    letters: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for child, category, key, male, female, total, hidden in values:
        row = rows.get(child)
        if row is None:
            continue
        row.has_data = True
        if category == SUMMARY and key == POPULATION_KEY:
            row.penduduk = mask(total, bool(hidden & HIDE_T), exact)
            row.laki_laki = mask(male, bool(hidden & HIDE_L), exact)
            row.perempuan = mask(female, bool(hidden & HIDE_P), exact)
        elif category == SUMMARY and key == "keluarga":
            row.keluarga = mask(total, bool(hidden & HIDE_T), exact)
        elif category == "surat":
            letters[child].append((total, bool(hidden & HIDE_T)))
        elif category == "apbdes" and key == "belanja_anggaran":
            row.apbdes_anggaran = total
        elif category == "apbdes" and key == "belanja_realisasi":
            row.apbdes_realisasi = total
    for child, cells in letters.items():
        # A sum is published only when all its parts are, so it reveals nothing new.
        if exact or not any(h for _v, h in cells):
            rows[child].surat = sum(v for v, _h in cells)
        else:
            rows[child].surat = policy.COMPLEMENT
    return list(rows.values())


SORT_KEYS = {
    "kode": lambda r: r.code,
    "nama": lambda r: r.name.lower(),
    "desa": lambda r: r.on_platform,
    "cakupan": lambda r: r.on_platform / r.in_reference if r.in_reference else 0,
    "penduduk": lambda r: _num(r.penduduk),
    "keluarga": lambda r: _num(r.keluarga),
    "surat": lambda r: _num(r.surat),
    "realisasi": lambda r: r.realisasi_persen if r.realisasi_persen is not None else -1,
    "pembaruan": lambda r: r.oldest.timestamp() if r.oldest else 0,
}


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int) else -1.0


def children_sort(rows: list[ChildRow], key: str, descending: bool) -> list[ChildRow]:
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["kode"]), reverse=descending)


def village_statistics_public(*, village_id: int, kabupaten_code: str) -> VillageStatistics:
    """A village's own public statistics, for its website: exactly the cells the
    dashboards and the open-data API publish for it (the same stored flags), nothing
    while its kabupaten is closed. Two queries."""
    if not kabupaten_is_public(kabupaten_code):
        return VillageStatistics(open=False)
    snapshot = VillageSnapshot.objects.filter(village_id=village_id).first()
    if snapshot is None:
        return VillageStatistics(open=True)
    rows: dict[str, list[PublicRow]] = defaultdict(list)
    # In publishing order: the facade's order of keys ("belum mengisi" last).
    for r in (
        SnapshotValue.objects.filter(snapshot=snapshot)
        .order_by("position", "id")
        .values(*STAT_FIELDS)
    ):
        hidden = r["hidden"]
        rows[r["category"]].append(
            PublicRow(
                key=r["key"],
                label=r["label"],
                laki_laki=policy.mask(r["laki_laki"], hidden=bool(hidden & HIDE_L)),
                perempuan=policy.mask(r["perempuan"], hidden=bool(hidden & HIDE_P)),
                jumlah=policy.mask(r["jumlah"], hidden=bool(hidden & HIDE_T)),
            )
        )
    population = next((r for r in rows.get(SUMMARY, ()) if r.key == POPULATION_KEY), None)
    tables = {
        code: PublicTable(
            category=code,
            rows=tuple(items),
            total=population if category_get(code).partitions_population else None,
        )
        for code, items in rows.items()
    }
    return VillageStatistics(open=True, tables=tables, generated_at=snapshot.generated_at)


class SnapshotPublicSource:
    """``balai_kernel.disclosure.source.PublicSource`` over the stored snapshots
    (registered by ``DashboardsConfig.ready``)."""

    def village_statistics(self, *, village_id: int, kabupaten_code: str) -> VillageStatistics:
        return village_statistics_public(village_id=village_id, kabupaten_code=kabupaten_code)

    def kabupaten_open(self, kabupaten_code: str) -> bool:
        return kabupaten_is_public(kabupaten_code)

    def kabupaten_version(self, kabupaten_code: str) -> str:
        return kabupaten_version(kabupaten_code)


def kabupaten_version(kabupaten_code: str) -> str:
    """Changed by ``services.kabupaten_setting_update`` (the ``platform`` cache, shared by
    every process with Redis); "0" until a kabupaten's setting first changes."""
    return str(caches["platform"].get(KABUPATEN_VERSION_KEY.format(kabupaten_code), "0"))


# Village statuses a region's officials see listed (sign-ups still pending or refused
# are the managers' business, on the approval pages).
LISTED_STATUSES = ("provisioning", "active", "suspended", "archived", "failed")
VILLAGE_SCOPE_FIELD = {2: "provinsi_code", 4: "kabupaten_code", 6: "kecamatan_code", 10: "code"}


def village_activity_list(*, scope: frozenset[str] | None, query: str = "") -> Any:
    """The villages of ``scope`` (region codes, ``None``: all; empty: none) on Balai,
    by code, with their status, when they joined and their latest published snapshot
    (``snapshot_at``, ``snapshot_version``) and population (``penduduk``): one query,
    public schema only. ``query`` searches the name, subdomain or code."""
    from django.db.models import OuterRef, Q, Subquery

    from tenants.models import Village

    villages = Village.objects.filter(status__in=LISTED_STATUSES)
    if scope is not None:
        within = Q(pk__in=[])
        for code in scope:
            within |= Q(**{VILLAGE_SCOPE_FIELD[len(code)]: code})
        villages = villages.filter(within)
    if query:
        villages = villages.filter(
            Q(name__icontains=query) | Q(slug__icontains=query) | Q(code__startswith=query)
        )
    population = SnapshotValue.objects.filter(
        village_code=OuterRef("code"), category=SUMMARY, key=POPULATION_KEY
    ).values("jumlah")[:1]
    return (
        villages.annotate(
            snapshot_at=Max("snapshot__generated_at"),
            snapshot_version=Max("snapshot__version"),
            penduduk=Subquery(population),
        )
        .only("code", "name", "slug", "status", "kecamatan_code", "activated_at")
        .order_by("code")
    )
