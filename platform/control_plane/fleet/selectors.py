"""Reads: the code's tenant migration graph, per-group upgrade plans, fleet status.

A plan never opens a village schema when the village's recorded fingerprint is
known: villages are grouped by fingerprint in one query, and each group's applied
migrations come from ``MigrationState``. Only villages with no recorded state (or a
fingerprint nobody registered) are looked up in their schema, once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache

from django.db import models
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from control_plane.fleet.classify import (
    EXPAND,
    KIND_ORDER,
    initial_models,
    is_project_migration,
    migration_classify,
)
from control_plane.fleet.models import MigrationState, UpgradeAttempt, UpgradeRun
from tenants import schema as tenant_schema
from tenants.choices import VillageStatus
from tenants.models import Village

Key = tuple[str, str]
# Suspended villages are read-only for users, not for upgrades; archived ones are left alone.
UPGRADABLE_STATUSES = (VillageStatus.ACTIVE, VillageStatus.SUSPENDED)


def key_label(key: Key) -> str:
    return f"{key[0]}.{key[1]}"


def label_key(label: str) -> Key:
    app, _, name = label.partition(".")
    return (app, name)


@dataclass(frozen=True)
class CodeGraph:
    """The tenant migrations the running code knows, in dependency order."""

    order: tuple[Key, ...]
    parents: dict[Key, frozenset[Key]]
    kinds: dict[Key, str]
    fast: dict[Key, bool]  # atomic and expressible as SQL: eligible for the fast runner
    fingerprint: str

    def required(self) -> frozenset[Key]:
        """Migrations the running code may depend on: every expand migration."""
        return frozenset(k for k in self.order if self.kinds[k] == EXPAND)


@cache
def code_graph() -> CodeGraph:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = set(tenant_schema.tenant_app_labels())
    order: list[Key] = []
    seen: set[Key] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node[0] in labels and node not in seen:
                seen.add(node)
                order.append(node)
    parents, kinds, fast = {}, {}, {}
    new_models = initial_models([loader.graph.nodes[n] for n in order])
    for node in order:
        migration = loader.graph.nodes[node]
        parents[node] = frozenset(
            p.key for p in loader.graph.node_map[node].parents if p.key[0] in labels
        )
        kinds[node] = (
            migration_classify(migration, new_models=new_models.get(node[0], set())).kind
            if is_project_migration(migration)
            else EXPAND
        )
        fast[node] = migration.atomic and all(op.reduces_to_sql for op in migration.operations)
    return CodeGraph(tuple(order), parents, kinds, fast, tenant_schema.fingerprint(order))


def graph_reset() -> None:
    """Forget cached migration graphs (after the code's migrations changed, e.g. in tests)."""
    code_graph.cache_clear()
    tenant_schema.code_fingerprint.cache_clear()


@dataclass
class GroupPlan:
    """Villages sharing one migration state and what the requested kind applies to them."""

    source: str
    villages: int
    apply: list[str]
    blocked: list[str] = field(default_factory=list)
    target: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def state_migrations(fingerprints: set[str]) -> dict[str, frozenset[Key]]:
    rows = MigrationState.objects.filter(fingerprint__in=fingerprints).values_list(
        "fingerprint", "migrations"
    )
    return {fp: frozenset(label_key(m) for m in migs) for fp, migs in rows}


def group_plan(*, source: str, applied: frozenset[Key], kind: str, villages: int) -> GroupPlan:
    """Pending migrations of ``kind`` or earlier whose tenant parents are (or will be) applied."""
    graph = code_graph()
    limit = KIND_ORDER[kind]
    available = set(applied)
    apply, blocked = [], []
    for node in graph.order:
        if node in applied:
            continue
        if KIND_ORDER[graph.kinds[node]] <= limit and graph.parents[node] <= available:
            available.add(node)
            apply.append(key_label(node))
        else:
            blocked.append(key_label(node))
    known = [k for k in available if k in graph.parents or k in applied]
    return GroupPlan(
        source=source,
        villages=villages,
        apply=apply,
        blocked=blocked,
        target=tenant_schema.fingerprint(known) if apply else source,
    )


def upgradable_villages() -> QuerySet[Village]:
    return Village.objects.filter(status__in=UPGRADABLE_STATUSES)


def fleet_plan(*, kind: str = "all", villages: QuerySet[Village] | None = None) -> list[GroupPlan]:
    """Plan per fingerprint group, from recorded states only.

    Callers resolve villages with unknown states first
    (``services.village_states_resolve``); a group whose fingerprint is unregistered
    is planned as if nothing were applied, which the runner's guard then refuses.
    """
    kind = "contract" if kind == "all" else kind
    qs = upgradable_villages() if villages is None else villages
    counts = dict(
        qs.values_list("migration_fingerprint")
        .annotate(n=Count("id"))
        .values_list("migration_fingerprint", "n")
    )
    states = state_migrations(set(counts))
    plans = [
        group_plan(source=fp, applied=states.get(fp, frozenset()), kind=kind, villages=n)
        for fp, n in sorted(counts.items(), key=lambda item: -item[1])
    ]
    return plans


def plan_summary(plans: list[GroupPlan]) -> dict:
    pending = [p for p in plans if p.apply]
    return {
        "code_fingerprint": code_graph().fingerprint,
        "villages": sum(p.villages for p in plans),
        "villages_to_upgrade": sum(p.villages for p in pending),
        "groups": [p.as_dict() for p in plans],
    }


class SchemaState(models.TextChoices):
    """Where a village's schema stands against the code, from recorded data only."""

    CURRENT = "current", _("Mutakhir")
    BEHIND = "behind", _("Tertinggal dari kode")
    FAILED = "failed", _("Gagal dimutakhirkan")
    UNKNOWN = "unknown", _("Belum tercatat")


def fingerprint_known_filter(fingerprints: set[str]) -> set[str]:
    """Those of ``fingerprints`` whose migrations are known: the code's own state (the
    template's) and every registered ``MigrationState``. One query."""
    code = code_graph().fingerprint
    found = set(
        MigrationState.objects.filter(fingerprint__in=fingerprints - {code}).values_list(
            "fingerprint", flat=True
        )
    )
    return found | ({code} & fingerprints)


def schema_state_get(*, fingerprint: str, upgrade_status: str, known: set[str]) -> str:
    """A village's ``SchemaState``: its last upgrade attempt when that failed (until a
    retry or ``village_failure_clear``), else its recorded fingerprint against the code's."""
    if upgrade_status == "failed":
        return SchemaState.FAILED
    if fingerprint and fingerprint == code_graph().fingerprint:
        return SchemaState.CURRENT
    return SchemaState.BEHIND if fingerprint in known else SchemaState.UNKNOWN


def fleet_state_counts_get(villages: QuerySet[Village] | None = None) -> dict[str, int]:
    """Villages per ``SchemaState`` (every state present, zero or not): one ``GROUP BY``
    over the recorded fingerprints plus one lookup of the few distinct ones — no village
    schema is opened, whatever the fleet's size."""
    qs = upgradable_villages() if villages is None else villages
    rows = list(
        qs.order_by()
        .values_list("migration_fingerprint", "upgrade_status")
        .annotate(n=Count("id"))
        .values_list("migration_fingerprint", "upgrade_status", "n")
    )
    known = fingerprint_known_filter({fp for fp, _status, _n in rows})
    counts = dict.fromkeys(SchemaState.values, 0)
    for fp, upgrade_status, n in rows:
        counts[schema_state_get(fingerprint=fp, upgrade_status=upgrade_status, known=known)] += n
    return counts


@dataclass(frozen=True)
class AppVersion:
    """One tenant app: the latest migration the village has, and the template's."""

    app: str
    village: str
    template: str

    @property
    def current(self) -> bool:
        return self.village == self.template


@dataclass(frozen=True)
class SchemaVersion:
    """A village's schema version against the template's (the code's), from its
    recorded fingerprint and ``MigrationState`` — never from its schema."""

    fingerprint: str
    template_fingerprint: str
    state: str
    pending: list[str]
    apps: list[AppVersion]

    @property
    def state_label(self) -> str:
        return str(SchemaState(self.state).label)


def _latest_per_app(keys: set[Key] | frozenset[Key]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in keys:
        latest[app] = max(latest.get(app, ""), name)
    return latest


def village_schema_version_get(*, village: Village) -> SchemaVersion:
    """The latest applied migration per app of ``village`` next to the template's, and
    the migrations a fleet upgrade would still apply. Two small queries at most."""
    graph = code_graph()
    fp = village.migration_fingerprint
    known = fingerprint_known_filter({fp}) if fp else set()
    applied: frozenset[Key] | None = None
    if fp == graph.fingerprint:
        applied = frozenset(graph.order)
    elif fp in known:
        applied = state_migrations({fp})[fp]
    template = _latest_per_app(set(graph.order))
    mine = _latest_per_app(applied) if applied is not None else {}
    pending = (
        group_plan(source=fp, applied=applied, kind="contract", villages=1).apply
        if applied is not None
        else []
    )
    return SchemaVersion(
        fingerprint=fp,
        template_fingerprint=graph.fingerprint,
        state=schema_state_get(fingerprint=fp, upgrade_status=village.upgrade_status, known=known),
        pending=pending,
        apps=[AppVersion(app, mine.get(app, ""), template[app]) for app in sorted(template)],
    )


def village_schema_pending_get(*, fingerprints: set[str]) -> dict[str, int | None]:
    """How many migrations a fleet upgrade would apply per recorded fingerprint
    (``None``: not recorded) — for a page of villages, a handful of fingerprints."""
    graph = code_graph()
    states = state_migrations(fingerprints - {graph.fingerprint})
    states[graph.fingerprint] = frozenset(graph.order)
    return {
        fp: (
            len(group_plan(source=fp, applied=states[fp], kind="contract", villages=1).apply)
            if fp in states
            else None
        )
        for fp in fingerprints
    }


def fleet_status(*, failures_limit: int = 100) -> dict:
    """Villages per schema state, the failed villages with their errors, and the last runs."""
    qs = upgradable_villages()
    by_state = fleet_state_counts_get(qs)
    failed = list(
        failed_villages()
        .order_by("code")
        .values("id", "slug", "code", "kabupaten_code", "upgrade_error", "last_upgrade_at")[
            :failures_limit
        ]
    )
    for row in failed:
        row["last_upgrade_at"] = (
            row["last_upgrade_at"].isoformat() if row["last_upgrade_at"] else None
        )
    graph = code_graph()
    return {
        "code_fingerprint": graph.fingerprint,
        "villages": sum(by_state.values()),
        "behind_code": sum(by_state.values()) - by_state[SchemaState.CURRENT],
        "by_status": by_state,
        "failed": failed,
        "failed_total": by_state[SchemaState.FAILED],
        "runs": [run_as_dict(r) for r in UpgradeRun.objects.all()[:5]],
    }


def run_as_dict(run: UpgradeRun) -> dict:
    return {
        "id": run.pk,
        "status": run.status,
        "kind": run.kind,
        "ring": run.ring,
        "current_ring": run.current_ring,
        "total": run.total,
        "succeeded": run.succeeded,
        "failed": run.failed,
        "skipped": run.skipped,
        "deferred": run.deferred,
        "percent": run.percent,
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "detail": run.detail,
    }


def run_failures(*, run: UpgradeRun, limit: int = 50) -> list[dict]:
    return list(
        UpgradeAttempt.objects.filter(run=run, status="failed")
        .select_related("village")
        .values("village__slug", "village__code", "error", "created_at")[:limit]
    )


def schema_lacks_required(fingerprint: str) -> bool:
    """Whether a village at ``fingerprint`` lacks a migration the running code needs.

    Answered from the code graph and ``MigrationState`` and cached per process per
    fingerprint (there are only a handful), so the request path costs nothing.
    """
    graph = code_graph()
    if not fingerprint or fingerprint == graph.fingerprint:
        return False
    hit = _lacks_cache.get(fingerprint)
    if hit is None:
        migs = state_migrations({fingerprint}).get(fingerprint)
        hit = False if migs is None else not graph.required() <= migs
        if len(_lacks_cache) > 1000:
            _lacks_cache.clear()
        _lacks_cache[fingerprint] = hit
    return hit


_lacks_cache: dict[str, bool] = {}


def run_latest() -> UpgradeRun | None:
    return UpgradeRun.objects.first()


def failed_villages() -> QuerySet[Village]:
    """Villages whose last upgrade failed."""
    return upgradable_villages().filter(upgrade_status="failed").order_by("code")


def fleet_upgrade_job_get() -> dict | None:
    """The console's fleet upgrade job while it waits or runs (``id``, ``status``)."""
    from procrastinate.contrib.django.models import ProcrastinateJob

    return (
        ProcrastinateJob.objects.filter(
            task_name="control_plane.fleet.tasks.fleet_upgrade_task", status__in=["todo", "doing"]
        )
        .order_by("-id")
        .values("id", "status", "args")
        .first()
    )


def fleet_village_list() -> QuerySet[Village]:
    """Upgradable villages for the fleet page, by code (paged by the caller)."""
    return (
        upgradable_villages()
        .order_by("code")
        .only("name", "slug", "code", "migration_fingerprint", "upgrade_status", "last_upgrade_at")
    )


def fleet_village_rows_build(villages: list[Village]) -> list[dict]:
    """One page of villages with their schema state and pending migrations: the page's
    few distinct fingerprints are looked up once, no schema is opened."""
    fingerprints = {v.migration_fingerprint for v in villages if v.migration_fingerprint}
    known = fingerprint_known_filter(fingerprints)
    pending = village_schema_pending_get(fingerprints=fingerprints & known)
    rows = []
    for v in villages:
        state = schema_state_get(
            fingerprint=v.migration_fingerprint, upgrade_status=v.upgrade_status, known=known
        )
        rows.append(
            {
                "village": v,
                "state": state,
                "state_label": SchemaState(state).label,
                "pending": pending.get(v.migration_fingerprint),
            }
        )
    return rows


def fleet_kabupaten_list() -> list[str]:
    """Kabupaten codes with upgradable villages (the rings of an ``all`` run)."""
    return list(
        upgradable_villages()
        .order_by("kabupaten_code")
        .values_list("kabupaten_code", flat=True)
        .distinct()
    )
