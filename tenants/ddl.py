"""The DDL (and seed rows) of one schema, read from the catalog of that schema only.

``pg_dump --schema`` reads the catalog of the whole database whatever ``--schema``
says: at 2,640 villages (785k ``pg_class`` rows) one dump of the template took
77–136 s, most of it in one query over ``pg_depend``, and 0.7–2 GB of client memory.
This module asks only for the relations of one namespace, through the catalog's own
indexes (``pg_attribute`` by ``attrelid``, ``pg_constraint`` by ``conrelid``,
``pg_index`` by ``indrelid``, ``pg_depend`` by ``objid``) plus one pass over
``pg_class`` to list the namespace's relations; it runs once per migration
fingerprint, when the template is refreshed.

What a village schema holds is what Django migrations make: tables with identity
columns, defaults, primary keys, unique/check/foreign-key constraints and indexes,
plus the seed rows data migrations write. Anything else in the schema (a view, a
function, a trigger, a type, row-level security) is refused with a message instead of
being silently left out of every village made from the template.

The output names the schema ``__SCHEMA__``; ``tests/tenants/test_template_ddl.py``
proves that a schema made from it is what ``pg_dump`` sees in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

PLACEHOLDER = "__SCHEMA__"
_TABLE_RE = re.compile(r"^CREATE TABLE __SCHEMA__\.(\w+) \(", re.M)
_SEQUENCE_RE = re.compile(r"(?:SEQUENCE NAME|CREATE SEQUENCE) __SCHEMA__\.(\w+)")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _q(name: str) -> str:
    """A name as pg_dump prints it: bare when it is a plain lower-case identifier."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) else _ident(name)


_TYPED_LITERAL_RE = re.compile(r"'(?:[^']|'')*'::([a-z][a-z0-9_ .\"]*(?:\([0-9, ]+\))?)")


def _array_items(sql: str, start: int) -> tuple[list[str], int] | None:
    """The top-level items of the ``ARRAY[`` whose body starts at ``start`` and the
    index of its closing ``]``; None when a quote or bracket is left open."""
    items, depth, item_start, i, quoted = [], 0, start, start, False
    while i < len(sql):
        ch = sql[i]
        if quoted:
            if ch == "'" and sql[i + 1 : i + 2] == "'":
                i += 1
            elif ch == "'":
                quoted = False
        elif ch == "'":
            quoted = True
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == "]" or (ch == "," and depth == 0):
            items.append(sql[item_start:i].strip())
            if ch == "]":
                return items, i
            item_start = i + 1
        elif ch == ")":
            return None
        i += 1
    return None


def _reparsable(sql: str) -> str:
    """Deparsed SQL that parses back into the expression it was printed from.

    PostgreSQL prints a coercion of an array literal (what ``col IN ('a', 'b')`` on a
    varchar column becomes: ``ARRAY['a'::character varying, ...]`` coerced to
    ``text[]``) as ``(ARRAY[...])::text[]``; parsed again, that cast is pushed into the
    elements and pg_get_indexdef/pg_get_constraintdef of the copy prints
    ``ARRAY[('a'::character varying)::text, ...]`` — the same rows, another
    definition (pg_dump has the same round trip). Casting the literal to its own type
    first, ``(ARRAY[...]::character varying[])::text[]``, keeps the coercion a coercion
    of the whole array, so the copy prints exactly what the original prints. Only
    arrays whose elements are all literals of one type are touched."""
    out, pos = [], 0
    while (at := sql.find("(ARRAY[", pos)) >= 0:
        body_start = at + len("(ARRAY[")
        out.append(sql[pos:body_start])
        pos = body_start
        found = _array_items(sql, body_start)
        if found is None or not sql.startswith(")::", found[1] + 1):
            continue
        items, end = found
        types = {m.group(1) if (m := _TYPED_LITERAL_RE.fullmatch(item)) else None for item in items}
        if len(types) == 1 and None not in types:
            out.append(f"{sql[body_start:end]}]::{types.pop()}[]")
            pos = end + 1
    out.append(sql[pos:])
    return "".join(out)


class UnsupportedObject(RuntimeError):
    """The schema holds an object the template DDL does not reproduce."""


def _rows(cur: Any, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
    cur.execute(sql, list(params))
    return cur.fetchall()


def schema_ddl(cur: Any, schema_name: str, *, data: bool = True) -> str:
    """SQL that recreates ``schema_name`` as ``__SCHEMA__``: DDL, and (``data``) its rows.

    ``cur`` is a DB-API cursor; its session's ``search_path`` is set to ``pg_catalog``
    for the duration so that every name outside it comes out schema-qualified, as
    pg_dump prints them, and restored afterwards."""
    cur.execute("SELECT current_setting('search_path')")
    saved_path = cur.fetchone()[0]
    cur.execute("SELECT set_config('search_path', 'pg_catalog', false)")
    try:
        return _schema_ddl(cur, schema_name, data=data)
    finally:
        cur.execute("SELECT set_config('search_path', %s, false)", [saved_path])


def _schema_ddl(cur: Any, schema_name: str, *, data: bool) -> str:
    found = _rows(cur, "SELECT oid FROM pg_namespace WHERE nspname = %s", [schema_name])
    if not found:
        raise ValueError(f"no schema {schema_name!r}")
    nsp = found[0][0]
    # The one pass over pg_class: no index leads with relnamespace.
    relations = _rows(
        cur,
        "SELECT oid, relname, relkind, relrowsecurity FROM pg_class "
        "WHERE relnamespace = %s ORDER BY relname",
        [nsp],
    )
    unsupported = [f"{name} ({kind})" for _oid, name, kind, _rls in relations if kind not in "riS"]
    unsupported += [f"{name} (row-level security)" for _oid, name, _k, rls in relations if rls]
    unsupported += [
        f"{name}() (function)"
        for (name,) in _rows(cur, "SELECT proname FROM pg_proc WHERE pronamespace = %s", [nsp])
    ]
    if unsupported:
        raise UnsupportedObject(
            f"schema {schema_name} holds objects the template DDL does not copy: "
            + ", ".join(sorted(unsupported))
        )
    tables = [(oid, name) for oid, name, kind, _rls in relations if kind == "r"]
    table_oids = [oid for oid, _name in tables]
    triggers = _rows(
        cur,
        "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
        "WHERE tgrelid = ANY(%s) AND NOT tgisinternal",
        [table_oids],
    )
    if triggers:
        raise UnsupportedObject(f"schema {schema_name} has triggers: {triggers}")
    sequences = {oid: name for oid, name, kind, _rls in relations if kind == "S"}
    seq_params = {
        row[0]: row[1:]
        for row in _rows(
            cur,
            "SELECT seqrelid, format_type(seqtypid, NULL), seqstart, seqincrement, seqmin, "
            "seqmax, seqcache, seqcycle FROM pg_sequence WHERE seqrelid = ANY(%s)",
            [list(sequences)],
        )
    }
    # Which sequence belongs to which column (identity or OWNED BY): pg_depend by objid.
    owners = {
        seq: (rel, attnum, deptype)
        for seq, rel, attnum, deptype in _rows(
            cur,
            "SELECT objid, refobjid, refobjsubid, deptype FROM pg_depend "
            "WHERE classid = 'pg_class'::regclass AND objid = ANY(%s) "
            "AND refclassid = 'pg_class'::regclass AND deptype IN ('a', 'i')",
            [list(sequences)],
        )
    }
    columns: dict[int, list[tuple]] = {oid: [] for oid in table_oids}
    for row in _rows(
        cur,
        "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
        "a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid), "
        "CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 "
        "THEN (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.collname) "
        "FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace "
        "WHERE c.oid = a.attcollation) END "
        "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped "
        "ORDER BY a.attrelid, a.attnum",
        [table_oids],
    ):
        columns[row[0]].append(row[1:])
    identity_seq = {
        (rel, attnum): seq for seq, (rel, attnum, kind) in owners.items() if kind == "i"
    }

    out = [f"CREATE SCHEMA {PLACEHOLDER};"]
    schema_re = re.compile(rf"(?<![\w.]){re.escape(_q(schema_name))}\.")

    def local(sql: str) -> str:
        return _reparsable(schema_re.sub(f"{PLACEHOLDER}.", sql))

    # Sequences not tied to an identity column first (a default may call nextval on them).
    for oid, name in sequences.items():
        if owners.get(oid, (0, 0, ""))[2] == "i":
            continue
        typ, start, inc, smin, smax, cache, cycle = seq_params[oid]
        out.append(
            f"CREATE SEQUENCE {PLACEHOLDER}.{_q(name)} AS {typ} START WITH {start} "
            f"INCREMENT BY {inc} MINVALUE {smin} MAXVALUE {smax} CACHE {cache}"
            f"{' CYCLE' if cycle else ''};"
        )
    for oid, name in tables:
        parts = []
        for attnum, attname, typ, notnull, identity, generated, default, collation in columns[oid]:
            col = f"    {_q(attname)} {typ}"
            if collation:
                col += f" COLLATE {collation}"
            if generated == "s":
                col += f" GENERATED ALWAYS AS ({local(default)}) STORED"
            elif default is not None:
                col += f" DEFAULT {local(default)}"
            if notnull:
                col += " NOT NULL"
            if identity:
                seq = identity_seq[(oid, attnum)]
                typ_s, start, inc, smin, smax, cache, cycle = seq_params[seq]
                kind = "ALWAYS" if identity == "a" else "BY DEFAULT"
                col += (
                    f" GENERATED {kind} AS IDENTITY (SEQUENCE NAME {PLACEHOLDER}.{_q(sequences[seq])}"
                    f" START WITH {start} INCREMENT BY {inc} MINVALUE {smin} MAXVALUE {smax}"
                    f" CACHE {cache}{' CYCLE' if cycle else ''})"
                )
            parts.append(col)
        out.append(f"CREATE TABLE {PLACEHOLDER}.{_q(name)} (\n" + ",\n".join(parts) + "\n);")
    table_name = dict(tables)
    for oid, name in sequences.items():
        rel, attnum, kind = owners.get(oid, (0, 0, ""))
        if kind == "a" and rel in table_name:
            attname = next(c[1] for c in columns[rel] if c[0] == attnum)
            out.append(
                f"ALTER SEQUENCE {PLACEHOLDER}.{_q(name)} OWNED BY "
                f"{PLACEHOLDER}.{_q(table_name[rel])}.{_q(attname)};"
            )
    constraints = _rows(
        cur,
        "SELECT conrelid, conname, contype, pg_get_constraintdef(oid), conindid FROM pg_constraint "
        "WHERE conrelid = ANY(%s) AND contype IN ('p', 'u', 'c', 'x', 'f') "
        "ORDER BY contype = 'f', conrelid, conname",
        [table_oids],
    )
    backing = {conindid for *_rest, conindid in constraints if conindid}
    for rel, conname, _contype, definition, _ind in constraints:
        out.append(
            f"ALTER TABLE ONLY {PLACEHOLDER}.{_q(table_name[rel])} "
            f"ADD CONSTRAINT {_q(conname)} {local(definition)};"
        )
    for indexrelid, definition in _rows(
        cur,
        "SELECT i.indexrelid, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = ANY(%s) ORDER BY c.relname",
        [table_oids],
    ):
        if indexrelid not in backing:
            out.append(local(definition) + ";")
    if data:
        out.extend(_data_sql(cur, schema_name, tables))
        for name in sequences.values():
            last_value, is_called = _rows(
                cur,
                f"SELECT last_value, is_called FROM {_ident(schema_name)}.{_ident(name)}",  # noqa: S608 - catalog names
            )[0]
            out.append(
                f"SELECT pg_catalog.setval('{PLACEHOLDER}.{_q(name)}', {last_value}, "
                f"{'true' if is_called else 'false'});"
            )
    return "\n".join(out) + "\n"


def _data_sql(cur: Any, schema_name: str, tables: list[tuple[int, str]]) -> list[str]:
    """INSERTs of the schema's rows. Each row travels as its record text (the same
    text form COPY uses), cast back to the table's row type on replay."""
    out = []
    for _oid, name in tables:
        rows = _rows(
            cur,
            f"SELECT quote_literal(t::text) FROM {_ident(schema_name)}.{_ident(name)} t",  # noqa: S608 - catalog names
        )
        for start in range(0, len(rows), 500):
            literals = ",\n".join(
                f"{lit}::{PLACEHOLDER}.{_q(name)}" for (lit,) in rows[start : start + 500]
            )
            out.append(
                f"INSERT INTO {PLACEHOLDER}.{_q(name)} OVERRIDING SYSTEM VALUE "  # noqa: S608 - catalog names, quoted literals
                f"SELECT * FROM unnest(ARRAY[\n{literals}\n]);"
            )
    return out


def ddl_tables(sql: str) -> list[str]:
    """Tables a template SQL creates, in its order (pg_dump's or ``schema_ddl``'s)."""
    return _TABLE_RE.findall(sql)


def ddl_sequences(sql: str) -> list[str]:
    """Sequences a template SQL creates (identity columns' and standalone ones)."""
    return list(dict.fromkeys(_SEQUENCE_RE.findall(sql)))
