"""Fleet upgrades: public schema, template, then villages in rings.

Resumability comes from the per-village state, not from the run: every village's
DDL, its ``django_migrations`` rows and its new fingerprint commit together, so a
runner killed at any point leaves each village either upgraded (and recorded) or
untouched, and the next run simply plans again from the recorded states.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from datetime import datetime
from datetime import time as dtime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from control_plane.fleet import runner, worker
from control_plane.fleet.models import MigrationState, RunStatus, UpgradeRun
from control_plane.fleet.selectors import (
    code_graph,
    fleet_plan,
    key_label,
    upgradable_villages,
)
from tenants import routing
from tenants import schema as tenant_schema
from tenants.models import Village
from tenants.regions import PROVINCE_TIMEZONES, province_timezone

log = logging.getLogger(__name__)

RING_CHECK_MIN = 20  # judge a ring's failure rate mid-ring only after this many attempts


class FleetError(Exception):
    """An upgrade request that cannot run; the message is for the operator (Indonesian)."""


# --- migration states --------------------------------------------------------------------


def migration_state_register(*, migrations: list[tuple[str, str]]) -> str:
    """Remember which migrations a fingerprint stands for; return the fingerprint."""
    fp = tenant_schema.fingerprint(migrations)
    MigrationState.objects.get_or_create(
        fingerprint=fp, defaults={"migrations": sorted(key_label(m) for m in migrations)}
    )
    return fp


def village_states_resolve(*, villages: QuerySet[Village]) -> int:
    """Read the migration state of villages with no known fingerprint from their schemas.

    Only villages whose fingerprint is empty or unregistered are opened (one per
    unregistered fingerprint: equal fingerprints mean equal migration sets). Returns
    how many schemas were read.
    """
    known = set(MigrationState.objects.values_list("fingerprint", flat=True))
    unknown = villages.exclude(migration_fingerprint__in=known)
    opened = 0
    seen: set[str] = set()
    for village_id, schema_name, fp in unknown.values_list(
        "id", "schema_name", "migration_fingerprint"
    ).iterator():
        if fp and fp in seen:
            continue
        applied = tenant_schema.schema_applied_migrations(schema_name)
        opened += 1
        new_fp = migration_state_register(migrations=applied)
        seen.add(new_fp)
        if new_fp != fp:
            Village.objects.filter(pk=village_id).update(migration_fingerprint=new_fp)
    return opened


# --- rings and windows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ring:
    name: str
    where: Q


def ring_list(*, ring: str, villages: QuerySet[Village]) -> list[Ring]:
    """``canary``, ``kabupaten:<code>`` or ``all`` (canary, then kabupaten by kabupaten)."""
    if ring == "canary":
        return [Ring("canary", Q(is_canary=True))]
    if ring.startswith("kabupaten:"):
        code = ring.partition(":")[2]
        if not (code.isdigit() and len(code) == 4):
            raise FleetError(_("Kode kabupaten harus 4 digit, misalnya kabupaten:1801."))
        return [Ring(ring, Q(kabupaten_code=code))]
    if ring != "all":
        raise FleetError(_("Gelombang tidak dikenal: gunakan canary, kabupaten:<kode> atau all."))
    codes = villages.order_by().values_list("kabupaten_code", flat=True).distinct()
    return [Ring("canary", Q(is_canary=True))] + [
        Ring(f"kabupaten:{code}", Q(kabupaten_code=code)) for code in sorted(codes)
    ]


def window_parse(window: str) -> tuple[dtime, dtime]:
    try:
        start, end = (dtime.fromisoformat(part.strip()) for part in window.split("-"))
    except ValueError as exc:
        raise FleetError(_("Jendela pemeliharaan harus berbentuk HH:MM-HH:MM.")) from exc
    return start, end


def window_open(*, window: str, tz_name: str, now: datetime) -> bool:
    """Whether ``now`` falls in the window in ``tz_name`` local time (may wrap midnight)."""
    start, end = window_parse(window)
    local = now.astimezone(ZoneInfo(tz_name)).time()
    return start <= local < end if start <= end else (local >= start or local < end)


def window_filter(*, window: str, now: datetime) -> Q:
    """Villages whose province's local time is inside the window (WIB/WITA/WIT)."""
    open_codes = [
        code
        for code, tz_name in PROVINCE_TIMEZONES.items()
        if window_open(window=window, tz_name=tz_name, now=now)
    ]
    found = Q(provinsi_code__in=open_codes)
    if window_open(window=window, tz_name=province_timezone(""), now=now):
        found |= ~Q(provinsi_code__in=list(PROVINCE_TIMEZONES))  # unlisted: WIB
    return found


# --- steps before the villages -------------------------------------------------------------


def public_schema_migrate() -> None:
    """Migrate the public schema (control plane) with Django's executor."""
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    connection.set_schema_to_public()


def template_upgrade() -> str:
    """Bring the provisioning template to the code's state (every kind): new villages
    start current. Registers the code's state and returns its fingerprint."""
    tenant_schema.template_ensure()
    connection.set_schema_to_public()
    return migration_state_register(migrations=list(code_graph().order))


# A running run's runner holds pg_advisory_lock(RUN_LOCK_NAMESPACE, run id) on its own
# connection; PostgreSQL drops it when that process dies, however it dies.
RUN_LOCK_NAMESPACE = 0x464C5452  # "FLTR"


def _run_lock(run_id: int, *, take: bool) -> bool:
    """Take (``take``) or release the liveness lock of a run; True when taken/released."""
    fn = "pg_try_advisory_lock" if take else "pg_advisory_unlock"
    with connection.cursor() as cur:
        cur.execute(f"SELECT {fn}(%s, %s)", [RUN_LOCK_NAMESPACE, run_id])
        return bool(cur.fetchone()[0])


def upgrade_run_stale_interrupt(*, now: datetime | None = None) -> int:
    """Mark ``running`` runs whose runner is gone as interrupted.

    A runner is gone when nobody holds its run's liveness lock: it was killed, crashed
    or lost its connection. Exact, unlike a heartbeat, which a long batch can outlast.
    Called by every new run and by ``fleet status``."""
    now = now or timezone.now()
    gone = []
    for run_id in UpgradeRun.objects.filter(status=RunStatus.RUNNING).values_list("pk", flat=True):
        if _run_lock(run_id, take=True):
            _run_lock(run_id, take=False)
            gone.append(run_id)
    return UpgradeRun.objects.filter(pk__in=gone, status=RunStatus.RUNNING).update(
        status=RunStatus.INTERRUPTED, finished_at=now
    )


# --- the run ---------------------------------------------------------------------------------


def _id_chunks(qs: QuerySet[Village], size: int) -> Iterator[list[int]]:
    """Village ids in keyset-paginated chunks: memory stays flat however big the fleet."""
    last = 0
    while True:
        ids = list(qs.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        last = ids[-1]
        yield ids


class _Inline:
    """Runs chunks in this process (``--parallel 1``); same interface as the pool."""

    size = 1

    def __init__(self, programs: dict[str, runner.Program]) -> None:
        self.programs = programs

    def submit(self, run_id: int, ids: list[int], release: str) -> Future:
        future: Future = Future()
        future.set_result(
            runner.chunk_apply(
                run_id=run_id, village_ids=ids, programs=self.programs, release=release
            )
        )
        return future

    def shutdown(self) -> None:
        pass


class _Pool:
    """Worker processes (spawned: a forked child would share the parent's DB socket)."""

    def __init__(self, parallel: int, programs: dict[str, runner.Program]) -> None:
        self.size = parallel
        self.executor = ProcessPoolExecutor(
            max_workers=parallel,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.worker_init,
            initargs=(
                connection.settings_dict["NAME"],
                {source: asdict(p) for source, p in programs.items()},
            ),
        )

    def submit(self, run_id: int, ids: list[int], release: str) -> Future:
        return self.executor.submit(worker.worker_chunk, run_id, ids, release)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _run_update(run: UpgradeRun, **fields: object) -> None:
    fields["heartbeat_at"] = timezone.now()
    UpgradeRun.objects.filter(pk=run.pk).update(**fields)
    run.refresh_from_db()


def fleet_upgrade(
    *,
    actor: Actor,
    kind: str = "all",
    ring: str = "all",
    parallel: int = 1,
    max_failure_rate: float = 0.05,
    window: str = "",
    only_failed: bool = False,
    village_ids: list[int] | None = None,
    batch_size: int = 20,
    include_public: bool = True,
    include_template: bool = True,
    now: datetime | None = None,
    progress: Callable[[UpgradeRun], None] | None = None,
) -> UpgradeRun:
    """Upgrade the fleet: public schema, template, then villages ring by ring.

    Villages are those active or suspended (archived ones are not upgraded). A
    village that failed before is left alone until ``fleet retry --failed``
    (``only_failed``). Each ring must keep its failure rate at or under
    ``max_failure_rate``, else the run halts before the next ring. Villages outside
    the maintenance ``window`` (in their own local time) are deferred to a later run.
    """
    if kind not in ("expand", "heavy", "contract", "all"):
        raise FleetError(_("Jenis migrasi harus expand, heavy, contract atau all."))
    if parallel < 1 or not 0 <= max_failure_rate <= 1:
        raise FleetError(_("--parallel minimal 1 dan --max-failure-rate antara 0 dan 1."))
    now = now or timezone.now()
    if window:
        window_parse(window)
    if include_public:
        public_schema_migrate()
    if include_template:
        template_upgrade()
    else:
        migration_state_register(migrations=list(code_graph().order))
    upgrade_run_stale_interrupt(now=now)

    base = upgradable_villages()
    base = (
        base.filter(upgrade_status="failed")
        if only_failed
        else base.exclude(upgrade_status="failed")
    )
    rings = ring_list(ring=ring, villages=base)
    scope = Q()
    if ring != "all":
        scope = rings[0].where
    if village_ids is not None:
        scope &= Q(pk__in=village_ids)
    village_states_resolve(villages=base.filter(scope))
    plans = [p for p in fleet_plan(kind=kind, villages=base.filter(scope)) if p.apply]
    programs: dict[str, runner.Program] = {}
    for plan in plans:
        schemas = list(
            base.filter(scope, migration_fingerprint=plan.source).values_list(
                "schema_name", flat=True
            )[:3]
        )
        programs[plan.source] = runner.program_compile(
            source=plan.source, target=plan.target, migrations=plan.apply, schemas=schemas
        )
        _register_target(plan.source, plan.apply)

    # The run becomes visible only with its liveness lock already held, so no other
    # process can take it for a dead one (upgrade_run_stale_interrupt).
    with transaction.atomic():
        run = UpgradeRun.objects.create(
            kind=kind,
            ring="retry" if only_failed else ring,
            parallel=parallel,
            max_failure_rate=max_failure_rate,
            window=window,
            actor=str(actor),
            release=settings.BALAI_RELEASE,
            target_fingerprint=code_graph().fingerprint,
            total=sum(p.villages for p in plans),
            heartbeat_at=timezone.now(),
            detail={"groups": [p.as_dict() for p in plans]},
        )
        _run_lock(run.pk, take=True)
    try:
        _run_villages(
            run,
            rings=rings,
            pending=base.filter(scope, migration_fingerprint__in=list(programs)),
            programs=programs,
            parallel=parallel,
            window=window,
            now=now,
            batch_size=batch_size,
            max_failure_rate=max_failure_rate,
            progress=progress,
        )
    finally:
        _run_lock(run.pk, take=False)
    routing.invalidate()  # routed villages carry their fingerprint (maintenance check)
    log.info("fleet run finished", extra={"run": run.pk, "status": run.status})
    return run


def _run_villages(
    run: UpgradeRun,
    *,
    rings: list[Ring],
    pending: QuerySet[Village],
    programs: dict[str, runner.Program],
    parallel: int,
    window: str,
    now: datetime,
    batch_size: int,
    max_failure_rate: float,
    progress: Callable[[UpgradeRun], None] | None,
) -> None:
    """Upgrade the run's villages ring by ring and record how the run ended."""
    started = time.monotonic()
    in_window = window_filter(window=window, now=now) if window else Q()
    if window:
        deferred = pending.exclude(in_window).count()
        _run_update(run, deferred=deferred, total=F("total") - deferred)
    status = RunStatus.COMPLETED
    halted_ring = ""
    pool = (_Pool(parallel, programs) if parallel > 1 else _Inline(programs)) if programs else None
    try:
        for each in rings if programs else []:
            ring_qs = pending.filter(each.where).filter(in_window)
            if not ring_qs.exists():
                continue
            _run_update(run, current_ring=each.name)
            if not _ring_run(run, ring_qs, pool, batch_size, max_failure_rate, progress):
                status, halted_ring = RunStatus.HALTED, each.name
                break
    finally:
        if pool is not None:
            pool.shutdown()
    run.refresh_from_db()
    if status == RunStatus.COMPLETED and run.failed:
        status = RunStatus.FAILED
    detail = {**run.detail, "duration_s": round(time.monotonic() - started, 3)}
    if halted_ring:
        detail["halted_ring"] = halted_ring
    _run_update(run, status=status, finished_at=timezone.now(), detail=detail)


def _register_target(source: str, applied_now: list[str]) -> None:
    from control_plane.fleet.selectors import label_key, state_migrations

    before = state_migrations({source}).get(source, frozenset())
    migration_state_register(migrations=sorted(before | {label_key(m) for m in applied_now}))


def _ring_run(
    run: UpgradeRun,
    ring_qs: QuerySet[Village],
    pool: _Inline | _Pool,
    batch_size: int,
    max_failure_rate: float,
    progress: Callable[[UpgradeRun], None] | None,
) -> bool:
    """Run one ring; False when its failure rate went over the threshold."""
    attempted = failed = 0
    in_flight: set[Future] = set()
    limit = 2 * pool.size
    chunks = _id_chunks(ring_qs, batch_size)

    def collect(done: set[Future]) -> None:
        nonlocal attempted, failed
        for future in done:
            counts = future.result()
            attempted += counts["ok"] + counts["failed"]
            failed += counts["failed"]
            _run_update(
                run,
                succeeded=F("succeeded") + counts["ok"],
                failed=F("failed") + counts["failed"],
                skipped=F("skipped") + counts["skipped"],
            )
            if progress:
                progress(run)

    def over() -> bool:
        return attempted > 0 and failed / attempted > max_failure_rate

    for ids in chunks:
        in_flight.add(pool.submit(run.pk, ids, run.release))
        if len(in_flight) >= limit:
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            collect(done)
            if attempted >= RING_CHECK_MIN and over():
                break
    if in_flight:
        done, _pending = wait(in_flight)
        collect(done)
    return not over()


# One queued console run at a time (procrastinate's queueing lock), one running at a time
# (its job lock); a CLI run beside it is safe anyway (per-village advisory locks).
FLEET_UPGRADE_LOCK = "fleet-upgrade"


def fleet_upgrade_request(
    *,
    actor: Actor,
    kind: str = "all",
    ring: str = "all",
    window: str = "",
    max_failure_rate: float = 0.05,
) -> None:
    """Queue a fleet upgrade for the worker (the operations console's action): the same
    ``fleet_upgrade`` the CLI runs, with its parameters checked here first so a bad
    ring or window is refused on the page instead of failing in the worker. Raises
    ``FleetError`` when a console run is already waiting in the queue."""
    from procrastinate.exceptions import AlreadyEnqueued

    from control_plane.fleet.tasks import fleet_upgrade_task

    if kind not in ("expand", "heavy", "contract", "all"):
        raise FleetError(_("Jenis migrasi harus expand, heavy, contract atau all."))
    if not 0 <= max_failure_rate <= 1:
        raise FleetError(_("--parallel minimal 1 dan --max-failure-rate antara 0 dan 1."))
    ring_list(ring=ring, villages=Village.objects.none())
    if window:
        window_parse(window)
    try:
        # A savepoint: the refused insert must not break a transaction around us.
        with transaction.atomic():
            fleet_upgrade_task.configure(queueing_lock=FLEET_UPGRADE_LOCK).defer(
                kind=kind,
                ring=ring,
                window=window,
                max_failure_rate=max_failure_rate,
                actor=str(actor),
            )
    except AlreadyEnqueued as exc:
        raise FleetError(_("Pemutakhiran armada sudah menunggu di antrean.")) from exc
    log.info("fleet upgrade queued", extra={"ring": ring, "kind": kind})


@transaction.atomic
def village_failure_clear(*, village: Village, actor: Actor) -> None:
    """Forget a village's upgrade failure so the next ``fleet upgrade`` includes it."""
    Village.objects.filter(pk=village.pk).update(upgrade_status="", upgrade_error="")
    from tenants.services import lifecycle_event_record

    lifecycle_event_record(village=village, action="upgrade_failure_cleared", actor=actor)


def village_upgrade(*, village: Village, actor: Actor, kind: str = "all") -> UpgradeRun:
    """Bring one village to the code's migration state (e.g. right after restoring an
    export made on an older release). Same runner, same records, one village."""
    return fleet_upgrade(
        actor=actor,
        kind=kind,
        village_ids=[village.pk],
        max_failure_rate=1.0,
        include_public=False,
        include_template=False,
    )
