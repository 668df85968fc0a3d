"""Loading editions of the Kemendagri list in bulk, and switching the active one.

An edition's committed CSV files are streamed (gunzipped) into a temporary table with
PostgreSQL ``COPY`` and kept whole in ``EditionEntry``, in one transaction, so readers
never see a half-loaded edition. The active edition is then materialised into the four
level tables with one upsert per level (rows that did not change are not rewritten)
and one anti-join delete per level. A reload of an unchanged edition (same files,
same SHA-256) only refreshes the level tables, which repairs them.

Switching the active edition while villages exist is ``edition_apply``'s job
(``control_plane.editions.carry``), which moves their codes in the same transaction;
``edition_load`` activates only when nothing is active yet, or the edition already is.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from control_plane.reference.editions import DEFAULT_EDITION, EditionSource, edition_source_get
from control_plane.reference.models import Edition, EditionEntry

LEVEL_LENGTHS = {"provinsi": 2, "kabupaten": 4, "kecamatan": 6, "desa": 10}
LEVELS = (
    # (table, code length, parent column, parent length)
    ("reference_provinsi", 2, None, None),
    ("reference_kabupaten", 4, "provinsi_id", 2),
    ("reference_kecamatan", 6, "kabupaten_id", 4),
    ("reference_desa", 10, "kecamatan_id", 6),
)
_DOTTED = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


class EditionError(Exception):
    """An edition that cannot be loaded or applied; the message is for operations."""


def _copy_files(cur, source: EditionSource) -> None:
    """Stream every file of the edition into the temporary table ``wilayah_src``."""
    raw = cur.cursor  # psycopg cursor: COPY streams each file in one round trip
    for data in source.files:
        columns = ", ".join(data.columns)
        header = ", HEADER true" if data.header else ""
        sql = f"COPY wilayah_src ({columns}) FROM STDIN WITH (FORMAT csv{header})"
        with raw.copy(sql) as copy, gzip.open(source.folder / data.filename, "rb") as fh:
            while chunk := fh.read(1 << 20):
                copy.write(chunk)


def _entries_store(cur, edition: Edition, source: EditionSource) -> None:
    cur.execute("DELETE FROM reference_editionentry WHERE edition_id = %s", [edition.pk])
    cur.execute("CREATE TEMP TABLE wilayah_src (code text, parent text, name text) ON COMMIT DROP")
    _copy_files(cur, source)
    cur.execute("SELECT count(*) FROM wilayah_src WHERE trim(code) !~ %s", [_DOTTED])
    if bad := cur.fetchone()[0]:
        raise EditionError(f"{source.name}: {bad} baris dengan kode yang tidak dikenali")
    cur.execute(
        "INSERT INTO reference_editionentry (edition_id, code, name) "
        "SELECT %s, replace(trim(code), '.', ''), trim(name) FROM wilayah_src",
        [edition.pk],
    )
    cur.execute("DROP TABLE wilayah_src")
    # Fresh statistics before the anti-joins that follow: planned with the empty
    # table's, the parent check became a nested loop over 90k × 90k rows (>10 min).
    cur.execute("ANALYZE reference_editionentry")


def _entries_check(cur, edition: Edition, source: EditionSource) -> dict[str, int]:
    """Counts per level; refuses an edition whose counts differ from what its source
    states, or where a region's parent is missing (a damaged or misread file)."""
    cur.execute(
        "SELECT length(code), count(*) FROM reference_editionentry WHERE edition_id = %s "
        "GROUP BY 1",
        [edition.pk],
    )
    by_length = dict(cur.fetchall())
    counts = {level: by_length.get(length, 0) for level, length in LEVEL_LENGTHS.items()}
    if counts != source.expected:
        raise EditionError(f"{source.name}: jumlah {counts} berbeda dari {source.expected}")
    cur.execute(
        "SELECT e.code FROM reference_editionentry e WHERE e.edition_id = %s "
        "AND length(e.code) > 2 AND NOT EXISTS (SELECT 1 FROM reference_editionentry p "
        "WHERE p.edition_id = e.edition_id AND p.code = left(e.code, CASE length(e.code) "
        "WHEN 4 THEN 2 WHEN 6 THEN 4 ELSE 6 END)) LIMIT 5",
        [edition.pk],
    )
    if orphans := [row[0] for row in cur.fetchall()]:
        raise EditionError(f"{source.name}: induk tidak ada untuk {', '.join(orphans)}")
    return counts


def _level_tables_fill(cur, edition: Edition) -> None:
    """Make the four level tables hold exactly ``edition`` (upsert, then delete the rest)."""
    cur.execute("SELECT NOT EXISTS (SELECT 1 FROM reference_provinsi)")
    was_empty = cur.fetchone()[0]
    for table, length, parent, parent_len in LEVELS:
        columns, values, changed = "code, name", "code, name", "t.name <> EXCLUDED.name"
        updates = "name = EXCLUDED.name"
        if parent:
            columns += f", {parent}"
            values += f", left(code, {parent_len})"
            updates += f", {parent} = EXCLUDED.{parent}"
        if table == "reference_desa":
            columns += ", kind"
            values += ", CASE WHEN substr(code, 7, 1) = '1' THEN 'kelurahan' ELSE 'desa' END"
            updates += ", kind = EXCLUDED.kind"
            changed += " OR t.kind <> EXCLUDED.kind"
        cur.execute(
            f"INSERT INTO {table} AS t ({columns}) "  # noqa: S608 - constant names
            f"SELECT {values} FROM reference_editionentry "
            "WHERE edition_id = %s AND length(code) = %s "
            f"ON CONFLICT (code) DO UPDATE SET {updates} WHERE {changed}",
            [edition.pk, length],
        )
    if not was_empty:
        _level_tables_prune(cur, edition)
    # Fresh statistics for the searches that follow at once (the sign-up's search by
    # name): without them the planner scanned all 83,762 names instead of the trigram
    # index (35 ms instead of 1.5 ms) until autovacuum came by.
    for table, *_rest in LEVELS:
        cur.execute(f"ANALYZE {table}")


def _level_tables_prune(cur, edition: Edition) -> None:
    for table, _length, _parent, _plen in reversed(LEVELS):
        cur.execute(
            f"DELETE FROM {table} t WHERE NOT EXISTS ("  # noqa: S608 - constant names
            "SELECT 1 FROM reference_editionentry e WHERE e.edition_id = %s AND e.code = t.code)",
            [edition.pk],
        )


def edition_activate(*, edition: Edition) -> None:
    """Make ``edition`` the active one and the level tables hold it. Callers that have
    villages keyed by another edition use ``carry.edition_apply`` instead, which calls
    this in the transaction that moves them."""
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        _level_tables_fill(cur, edition)
    Edition.objects.filter(is_active=True).exclude(pk=edition.pk).update(is_active=False)
    if not edition.is_active:
        edition.is_active = True
        edition.activated_at = timezone.now()
        edition.save(update_fields=["is_active", "activated_at"])
    for listener in _edition_activated_listeners:
        transaction.on_commit(listener)


# Called after commit whenever the active edition changes. Apps that cache region names
# (dashboards) register here in their ``AppConfig.ready``: reference sits below them.
_edition_activated_listeners: list[Callable[[], None]] = []


def edition_activated_listener_add(listener: Callable[[], None]) -> None:
    """Run ``listener()`` after every commit that changes the active edition."""
    if listener not in _edition_activated_listeners:
        _edition_activated_listeners.append(listener)


@transaction.atomic
def edition_load(*, name: str = DEFAULT_EDITION, activate: bool | None = None) -> dict:
    """Load (or refresh) one shipped edition; returns its counts, whether it is active
    and the seconds taken.

    ``activate=None`` activates it when no edition is active yet or it already is the
    active one (its level tables are then refreshed, which repairs them); ``True``
    forces it (``edition_apply`` does, after moving the villages); ``False`` never.
    """
    started = time.perf_counter()
    source = edition_source_get(name)
    sha = source.sha256()
    connection.set_schema_to_public()
    edition = Edition.objects.select_for_update().filter(name=name).first()
    fields = {
        "title": source.title,
        "source": source.source,
        "source_url": source.source_url,
        "released_on": source.released_on,
        "licence": source.licence,
        "licence_url": source.licence_url,
        "attribution": source.attribution,
    }
    reload = edition is None or edition.sha256 != sha
    if edition is None:
        edition = Edition(name=name, sha256=sha, loaded_at=timezone.now(), **fields)
    else:
        for key, value in fields.items():
            setattr(edition, key, value)
    if reload:
        edition.sha256, edition.loaded_at = sha, timezone.now()
    edition.save()
    with connection.cursor() as cur:
        if reload or not EditionEntry.objects.filter(edition=edition).exists():
            _entries_store(cur, edition, source)
        counts = _entries_check(cur, edition, source)
    for level, count in counts.items():
        setattr(edition, level, count)
    edition.save(update_fields=list(counts))
    if activate is None:
        activate = edition.is_active or not Edition.objects.filter(is_active=True).exists()
    if activate:
        edition_activate(edition=edition)
    return {
        "edition": name,
        **counts,
        "active": edition.is_active,
        "seconds": round(time.perf_counter() - started, 3),
    }
