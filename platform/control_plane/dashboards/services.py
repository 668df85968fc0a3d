"""Publishing village snapshots, rolling them up, and computing public suppression.

A publish reads the village through its facades (inside ``village_context``), then in
one public-schema transaction replaces the village's values and recomputes the rollups
of its kecamatan, kabupaten and provinsi with SQL ``GROUP BY``. Rollups of one province
are serialised by a transaction-level advisory lock, so two villages publishing at once
never lose each other's numbers. Snapshots hold aggregates only (no personal data), so
no audit row is written; the snapshot's ``version`` and ``generated_at`` are its record.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Hashable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from balai_kernel.actor import Actor
from balai_kernel.disclosure.policy import counts_people
from balai_kernel.disclosure.suppression import Constraint, Problem, suppress
from control_plane.dashboards.categories import POPULATION_KEY, SUMMARY, category_get
from control_plane.dashboards.collect import Row, village_rows_collect
from control_plane.dashboards.models import (
    HIDE_ALL,
    HIDE_L,
    HIDE_P,
    HIDE_T,
    KabupatenDashboardSetting,
    RegionStat,
    SnapshotValue,
    VillageSnapshot,
)
from control_plane.dashboards.selectors import KABUPATEN_VERSION_KEY
from tenants.choices import VillageStatus
from tenants.context import village_context
from tenants.models import Village
from village_apps.contracts import ClosedBookFile, ClosedBookPeriod, ClosedBooks, facade_get

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 5
SUPPRESSION_DELAY_SECONDS = 10
SEXES = (("L", "laki_laki", HIDE_L), ("P", "perempuan", HIDE_P), ("T", "jumlah", HIDE_T))
PUBLISHED_STATUSES = (VillageStatus.ACTIVE, VillageStatus.SUSPENDED)


# --- Publishing ---------------------------------------------------------------------


def snapshot_publish(*, village_id: int) -> VillageSnapshot | None:
    """Read the village's statistics and publish them as its new snapshot version.

    Villages that are not active or suspended publish nothing. Defers the province's
    suppression pass (debounced) in the same transaction.
    """
    village = Village.objects.filter(pk=village_id, status__in=PUBLISHED_STATUSES).first()
    if village is None:
        return None
    # Labels are stored as data in the source language, whoever asked for the publish.
    with village_context(village), translation.override(settings.LANGUAGE_CODE):
        rows, sources = village_rows_collect()
    connection.set_schema_to_public()
    return snapshot_store(village=village, rows=rows, sources=sources)


def snapshot_store(
    *, village: Village, rows: Iterable[Row], sources: list[str] | None = None
) -> VillageSnapshot:
    """Replace the village's values with ``rows`` and refresh the rollups above it."""
    from control_plane.reference.selectors import edition_active_name

    with transaction.atomic():
        _province_lock(village.provinsi_code)
        # Read under the lock: ``wilayah apply`` may have moved the village's codes
        # (and the active edition) since the caller read them.
        village.refresh_from_db(
            fields=["code", "kecamatan_code", "kabupaten_code", "provinsi_code"]
        )
        codes = {
            "village_code": village.code,
            "kecamatan_code": village.kecamatan_code,
            "kabupaten_code": village.kabupaten_code,
            "provinsi_code": village.provinsi_code,
        }
        snapshot, _created = VillageSnapshot.objects.select_for_update().get_or_create(
            village=village, defaults={**codes, "generated_at": timezone.now()}
        )
        snapshot.version += 1
        snapshot.generated_at = timezone.now()
        snapshot.sources = sources or []
        snapshot.reference_edition = edition_active_name()
        for field, value in codes.items():
            setattr(snapshot, field, value)
        snapshot.save()
        SnapshotValue.objects.filter(snapshot=snapshot).delete()
        places: dict[str, int] = defaultdict(int)
        values = []
        for r in rows:  # in the order the village apps list them
            values.append(
                SnapshotValue(
                    snapshot=snapshot,
                    category=r.category,
                    key=r.key,
                    label=r.label,
                    laki_laki=r.laki_laki,
                    perempuan=r.perempuan,
                    jumlah=r.jumlah,
                    position=places[r.category],
                    **codes,
                )
            )
            places[r.category] += 1
        SnapshotValue.objects.bulk_create(values)
        rollup_refresh(
            kecamatan_codes=[village.kecamatan_code],
            kabupaten_codes=[village.kabupaten_code],
            provinsi_codes=[village.provinsi_code],
        )
        suppression_request(provinsi_code=village.provinsi_code)
    return snapshot


def snapshot_request(*, village_id: int, delay_seconds: int | None = None) -> bool:
    """Ask for a publish of the village a few seconds from now. A burst of changes
    collapses into one job: a queued job per village holds a queueing lock, and the
    later requests find it taken. Returns whether a new job was queued."""
    from procrastinate.exceptions import AlreadyEnqueued

    from control_plane.dashboards.tasks import snapshot_publish_task

    if delay_seconds is None:
        delay_seconds = getattr(settings, "DASHBOARD_DEBOUNCE_SECONDS", DEBOUNCE_SECONDS)
    job = snapshot_publish_task.configure(
        queueing_lock=f"dasbor-snapshot-{village_id}",
        schedule_in={"seconds": delay_seconds},
    )
    try:
        with transaction.atomic():
            job.defer(village_id=village_id)
    except (AlreadyEnqueued, IntegrityError):
        return False
    return True


def village_snapshots_request() -> int:
    """Queue a publish for every published village (the nightly fan-out, in the worker)."""
    ids = list(Village.objects.filter(status__in=PUBLISHED_STATUSES).values_list("pk", flat=True))
    return sum(snapshot_request(village_id=pk, delay_seconds=0) for pk in ids)


def _province_lock(provinsi_code: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"dasbor:{provinsi_code}"])


# --- Rollups ----------------------------------------------------------------------------

_VALUE = "dashboards_snapshotvalue"
_REGION = "dashboards_regionstat"
_COLUMNS = (
    "level, region_code, parent_code, category, key, label, "
    "laki_laki, perempuan, jumlah, villages, hidden, position"
)


def rollup_refresh(
    *,
    kecamatan_codes: Iterable[str] = (),
    kabupaten_codes: Iterable[str] = (),
    provinsi_codes: Iterable[str] = (),
) -> None:
    """Recompute the given regions bottom-up: kecamatan = Σ villages, kabupaten =
    Σ kecamatan, provinsi = Σ kabupaten. Callers hold the province lock."""
    kec, kab, prov = list(kecamatan_codes), list(kabupaten_codes), list(provinsi_codes)
    with connection.cursor() as cursor:
        if kec:
            cursor.execute(
                f"DELETE FROM {_REGION} WHERE level = 'kecamatan' AND region_code = ANY(%s)",  # noqa: S608
                [kec],
            )
            cursor.execute(
                f"INSERT INTO {_REGION} ({_COLUMNS}) "  # noqa: S608
                "SELECT 'kecamatan', kecamatan_code, kabupaten_code, category, key, max(label), "
                "sum(laki_laki), sum(perempuan), sum(jumlah), count(*), %s, min(position) "
                f"FROM {_VALUE} WHERE kecamatan_code = ANY(%s) "
                "GROUP BY kecamatan_code, kabupaten_code, category, key",
                [HIDE_ALL, kec],
            )
        for level, child, codes, parent_len in (
            ("kabupaten", "kecamatan", kab, 2),
            ("provinsi", "kabupaten", prov, 0),
        ):
            if not codes:
                continue
            cursor.execute(
                f"DELETE FROM {_REGION} WHERE level = %s AND region_code = ANY(%s)",  # noqa: S608
                [level, codes],
            )
            cursor.execute(
                f"INSERT INTO {_REGION} ({_COLUMNS}) "  # noqa: S608
                "SELECT %s, parent_code, left(parent_code, %s), category, key, max(label), "
                "sum(laki_laki), sum(perempuan), sum(jumlah), sum(villages), %s, min(position) "
                f"FROM {_REGION} WHERE level = %s AND parent_code = ANY(%s) "
                "GROUP BY parent_code, category, key",
                [level, parent_len, HIDE_ALL, child, codes],
            )


def rollup_rebuild(*, provinsi_code: str) -> None:
    """Recompute every rollup of a province from its villages (repair, benchmarks)."""
    with transaction.atomic():
        _province_lock(provinsi_code)
        values = SnapshotValue.objects.filter(provinsi_code=provinsi_code)
        kec = sorted(set(values.values_list("kecamatan_code", flat=True).distinct()))
        kab = sorted({c[:4] for c in kec})
        RegionStat.objects.filter(region_code__startswith=provinsi_code).delete()
        rollup_refresh(kecamatan_codes=kec, kabupaten_codes=kab, provinsi_codes=[provinsi_code])


# --- Suppression --------------------------------------------------------------------------


def suppression_request(*, provinsi_code: str) -> None:
    """Queue the province's suppression pass (one per burst, in the same transaction)."""
    from procrastinate.exceptions import AlreadyEnqueued

    from control_plane.dashboards.tasks import suppression_refresh_task

    job = suppression_refresh_task.configure(
        lock=f"dasbor-supresi-{provinsi_code}",
        queueing_lock=f"dasbor-supresi-{provinsi_code}",
        schedule_in={
            "seconds": getattr(
                settings, "DASHBOARD_SUPPRESSION_DELAY_SECONDS", SUPPRESSION_DELAY_SECONDS
            )
        },
    )
    try:
        with transaction.atomic():
            job.defer(provinsi_code=provinsi_code)
    except (AlreadyEnqueued, IntegrityError):
        pass


def suppression_problem_get(
    *,
    village_rows: Iterable[dict],
    region_rows: Iterable[dict],
    manager_kabupaten: Iterable[Iterable[str]] = (),
    camat_kecamatan: Iterable[str] = (),
) -> tuple[Problem, dict[tuple, list[tuple[str, int]]]]:
    """The cells of one province and the constraints that tie them together.

    Rows are dicts with ``id, code, parent, category, key, laki_laki, perempuan,
    jumlah``; ``code`` is the village or region code. Returns the problem and, per
    (table, row id), the cells of that row with their bit in ``hidden``.

    Insiders (``Problem.insiders``): the operators of each village know its cells
    exactly, the contract managers of each kabupaten every cell in it; a manager of
    several kabupaten (``manager_kabupaten``: the sets of kabupaten codes that one
    manager sees) knows all of theirs at once; the camat of a kecamatan
    (``camat_kecamatan``: the kecamatan that have one) every cell of it. A province
    official knows the whole province, which no published total exceeds.
    """
    values: dict[Hashable, int] = {}
    cells_of_row: dict[tuple, list[tuple[str, int]]] = {}
    cells_of_code: dict[str, list[Hashable]] = defaultdict(list)
    constraints: list[Constraint] = []
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    partitions: dict[tuple, list[str]] = defaultdict(list)
    for table, rows in (("v", village_rows), ("r", region_rows)):
        for row in rows:
            code, cat, key = row["code"], row["category"], row["key"]
            if not counts_people(cat, key):
                continue
            meta = category_get(cat)
            cells = []
            for sex, field, bit in SEXES:
                if row[field] is None:
                    continue
                cell = (code, cat, key, sex)
                values[cell] = int(row[field])
                cells.append((cell, bit))
                cells_of_code[code].append(cell)
                if row["parent"]:
                    children[(row["parent"], cat, key, sex)].append(cell)
            cells_of_row[(table, row["id"])] = cells
            if row["laki_laki"] is not None and row["perempuan"] is not None:
                constraints.append(
                    Constraint(
                        (code, cat, key, "T"), [(code, cat, key, "L"), (code, cat, key, "P")]
                    )
                )
            if meta.partitions_population:
                partitions[(code, cat)].append(key)
    for (code, cat), keys in partitions.items():
        for sex, _field, _bit in SEXES:
            constraints.append(
                Constraint(
                    (code, SUMMARY, POPULATION_KEY, sex), [(code, cat, k, sex) for k in keys]
                )
            )
    for parent, kids in children.items():
        constraints.append(Constraint(parent, kids))
    kabupaten = sorted({code[:4] for code in cells_of_code if len(code) >= 4})
    unions = {frozenset(g) & frozenset(kabupaten) for g in manager_kabupaten}
    groups = [{k} for k in kabupaten] + [set(g) for g in sorted(unions, key=sorted) if len(g) > 1]
    insiders = [
        {cell for code, cells in cells_of_code.items() if code[:4] in g for cell in cells}
        for g in groups
    ]
    insiders += [
        {cell for code, cells in cells_of_code.items() if code.startswith(kec) for cell in cells}
        for kec in sorted(set(camat_kecamatan))
    ]
    insiders += [set(cells_of_code[code]) for code in sorted(cells_of_code) if len(code) == 10]
    return Problem(values=values, constraints=constraints, insiders=insiders), cells_of_row


def manager_kabupaten_list(*, provinsi_code: str) -> list[frozenset[str]]:
    """For each contract manager with a kabupaten in the province, the kabupaten codes
    they see exactly (``accounts.permissions.managed_kabupaten_codes``), when more than
    one: a single kabupaten is an insider group anyway."""
    from control_plane.accounts.models import StaffProfile, StaffRole
    from control_plane.contracts.models import Contract

    codes: dict[int, set[str]] = defaultdict(set)
    for user_id, code in StaffProfile.objects.filter(role=StaffRole.CONTRACT_MANAGER).values_list(
        "user_id", "kabupaten_code"
    ):
        codes[user_id].add(code)
    for user_id, code in Contract.objects.filter(
        managers__staff_profile__role=StaffRole.CONTRACT_MANAGER
    ).values_list("managers", "kabupaten_code"):
        codes[user_id].add(code)
    found = {frozenset(c for c in cs if c.startswith(provinsi_code)) for cs in codes.values()}
    return sorted((g for g in found if len(g) > 1), key=sorted)


def camat_kecamatan_list(*, provinsi_code: str) -> list[str]:
    """The kecamatan of the province that have a camat account (each an insider group:
    its camat sees every cell of it exactly)."""
    from control_plane.accounts.models import StaffProfile, StaffRole

    return sorted(
        set(
            StaffProfile.objects.filter(
                role=StaffRole.CAMAT, region_code__startswith=provinsi_code
            ).values_list("region_code", flat=True)
        )
    )


# Constant table names only.
_PROVINCE_ROWS = (
    "SELECT 'v', id, village_code, kecamatan_code, category, key, laki_laki, perempuan, jumlah "  # noqa: S608
    f"FROM {_VALUE} WHERE provinsi_code = %s "
    "UNION ALL "
    "SELECT 'r', id, region_code, parent_code, category, key, laki_laki, perempuan, jumlah "
    f"FROM {_REGION} WHERE region_code LIKE %s"
)


def suppression_refresh(*, provinsi_code: str) -> int:
    """Recompute which public cells of a province are hidden; returns how many are.

    Reads every cell of the province in one statement (one consistent snapshot), judges
    them without holding any lock — a pass takes about a minute for Lampung, and
    publishes must not wait for it — then writes the flags by row id. Rows replaced by a
    publish meanwhile have new ids and stay fully hidden until the next pass, and so do
    the rollups above them; one more person (or letter) in such a village changes hidden
    cells only, so none of its cells is determined by what is published and the mix
    stays safe. Passes of one province run one at a time (procrastinate ``lock``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_PROVINCE_ROWS, [provinsi_code, f"{provinsi_code}%"])
        fetched = cursor.fetchall()
    rows: dict[str, list[dict]] = {"v": [], "r": []}
    for table, pk, code, parent, category, key, male, female, total in fetched:
        rows[table].append(
            {
                "id": pk,
                "code": code,
                "parent": parent,
                "category": category,
                "key": key,
                "laki_laki": male,
                "perempuan": female,
                "jumlah": total,
            }
        )
    problem, cells_of_row = suppression_problem_get(
        village_rows=rows["v"],
        region_rows=rows["r"],
        manager_kabupaten=manager_kabupaten_list(provinsi_code=provinsi_code),
        camat_kecamatan=camat_kecamatan_list(provinsi_code=provinsi_code),
    )
    hidden = suppress(problem)
    masks: dict[tuple[str, int], list[int]] = defaultdict(list)
    for table, table_rows in rows.items():
        for row in table_rows:
            cells = cells_of_row.get((table, row["id"]), [])
            masks[(table, sum(bit for cell, bit in cells if cell in hidden))].append(row["id"])
    with transaction.atomic():
        for (table, mask), ids in masks.items():
            model = SnapshotValue if table == "v" else RegionStat
            model.objects.filter(pk__in=ids).update(hidden=mask)
    return len(hidden)


# --- Settings ------------------------------------------------------------------------------


def kabupaten_setting_update(*, kabupaten_code: str, public: bool, actor: Actor) -> None:
    """Open or close a kabupaten's public data below kabupaten level: its kecamatan and
    villages on the dashboards and in the open-data API, and its villages' own public
    statistics. After commit the kabupaten's version token changes, which retires the
    cached public pages of its villages (``selectors.kabupaten_version``)."""
    with transaction.atomic():
        KabupatenDashboardSetting.objects.update_or_create(
            kabupaten_code=kabupaten_code, defaults={"public": public, "updated_by": str(actor)}
        )
        key = KABUPATEN_VERSION_KEY.format(kabupaten_code)
        transaction.on_commit(lambda: caches["platform"].set(key, uuid.uuid4().hex, None))


# --- A village's closed books, read by the camat and province officials --------------


def _village_book_read_record(
    *, village: Village, actor: Actor, kind: str, buku: str = "", periode: str = ""
) -> None:
    from control_plane.dashboards.models import VillageBookRead

    VillageBookRead.objects.create(
        user=actor.user,
        username=actor.label,
        role=actor.role,
        village=village,
        village_code=village.code,
        buku=buku,
        periode=periode,
        kind=kind,
        ip=actor.peer_address or None,
    )


def village_book_list(*, village: Village, actor: Actor) -> list[ClosedBookPeriod]:
    """The closed book periods of ``village`` (read in its schema through the ``buku``
    facade). Audited twice in one transaction: a ``VillageBookRead`` row here and an
    access-audit row in the village. ``actor`` carries the reader's staff role."""
    from control_plane.dashboards.models import BookReadKind

    with transaction.atomic():
        with village_context(village):
            periods = facade_get("buku", ClosedBooks).penutupan_list(actor=actor)
        _village_book_read_record(village=village, actor=actor, kind=BookReadKind.LIST)
    return periods


def village_book_export(
    *, village: Village, slug: str, periode: str, fmt: str, actor: Actor
) -> ClosedBookFile | None:
    """One closed period of one of ``village``'s books as the village prints it (PDF or
    XLSX from the rows stored at closing, NIK/KK masked); ``None`` when the book is
    unknown or the period not closed. Audited here and in the village, in one
    transaction; nothing is recorded for a refused read."""
    with transaction.atomic():
        with village_context(village):
            found = facade_get("buku", ClosedBooks).penutupan_export(
                slug=slug, periode=periode, fmt=fmt, actor=actor
            )
        if found is not None:
            _village_book_read_record(
                village=village, actor=actor, kind=fmt, buku=slug, periode=periode
            )
    return found
