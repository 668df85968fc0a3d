"""Reading OpenSID backups without MySQL.

Supports what villages actually hand over:
- OpenSID's own "Backup Seluruh Database" (CodeIgniter dbutil): ``DROP``/``CREATE TABLE``,
  one single-row ``INSERT INTO `t` (cols…) VALUES (…);`` per line, ``#`` comments, views;
- phpMyAdmin / mysqldump variants: multi-row ``VALUES``, ``/*!…*/`` and ``--`` comments,
  ``LOCK TABLES``, ``_binary '…'`` and ``0x…`` literals, inserts without a column list;
- gzip-compressed dumps (``.sql.gz``), detected by content;
- ``.sid`` backups (OpenSID ≥ 24.08): JSON ``{"info": …, "tabel": {name: {"primary_key", "data"}}}``.

The file is read in blocks and split into statements by a tokenizer that knows strings,
identifiers and comments, so a ``;`` inside a value never ends a statement. Column types
come from the ``CREATE TABLE`` text; values are converted once (ints, decimals, dates with
``0000-00-00`` → ``None``). Anything unreadable raises :class:`DumpError` with its line.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from balai_kernel.numbers import number_format

BLOCK = 1 << 20
# Limits against hostile or broken backups (docs/security.md, "Bad input"): a gzip
# bomb or a file without a single ``;`` must end in a DumpError, not in a worker that
# runs out of memory. The largest real OpenSID village dumps are far below these.
MAX_DECOMPRESSED = 2 * 1024**3  # bytes read from a (decompressed) dump
MAX_STATEMENT = 16 * 1024 * 1024  # characters of one statement
MAX_KEPT_ROWS = 1_000_000  # rows of the imported tables held in memory

_STATEMENT_TOKEN = re.compile(
    r"""
      '(?:[^'\\]|\\.|'')*'
    | "(?:[^"\\]|\\.|"")*"
    | `(?:[^`]|``)*`
    | /\*.*?\*/
    | \#[^\n]*
    | --(?=[ \t\n\r]|$)[^\n]*
    | ;
    | [^'"`/#;-]+
    | .
    """,
    re.S | re.X,
)

_VALUE_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>'(?:[^'\\]|\\.|'')*')
    | (?P<bstr>_(?:binary|utf8mb4|utf8|latin1)\s*'(?:[^'\\]|\\.|'')*')
    | (?P<hex>0x[0-9A-Fa-f]*|[xX]'[0-9A-Fa-f]*')
    | (?P<bits>[bB]'[01]*')
    | (?P<null>NULL\b)
    | (?P<bool>TRUE\b|FALSE\b)
    | (?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)
    | (?P<func>CURRENT_TIMESTAMP(?:\(\))?|NOW\(\))
    | (?P<open>\()
    | (?P<close>\))
    | (?P<comma>,)
    )""",
    re.X | re.I,
)

_ESCAPES = {
    "0": "\0",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\x1a",
    "\\": "\\",
    "'": "'",
    '"': '"',
}
_ESCAPE_RE = re.compile(r"\\(.)|''", re.S)
_INSERT_RE = re.compile(
    r"^(?:INSERT|REPLACE)\s+(?:LOW_PRIORITY\s+|DELAYED\s+|HIGH_PRIORITY\s+)?(?:IGNORE\s+)?(?:INTO\s+)?"
    r"(?P<table>`(?:[^`]|``)+`|[\w$]+)\s*(?:\((?P<cols>[^)]*)\))?\s*VALUES\s*",
    re.I | re.S,
)
_CREATE_RE = re.compile(
    r"^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<table>`(?:[^`]|``)+`|[\w$]+)\s*\(", re.I
)
_COLUMN_RE = re.compile(
    r"^\s*`(?P<name>(?:[^`]|``)+)`\s+(?P<type>[A-Za-z]+)(?P<args>\([^)]*\))?(?P<rest>.*)$"
)
_PK_RE = re.compile(r"^\s*PRIMARY\s+KEY\s*\((?P<cols>[^)]*)\)", re.I)
_FK_RE = re.compile(
    r"FOREIGN\s+KEY\s*\((?P<cols>[^)]*)\)\s*REFERENCES\s*(?P<table>`(?:[^`]|``)+`|[\w$]+)\s*\((?P<ref>[^)]*)\)",
    re.I,
)

INT_TYPES = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit"}
DECIMAL_TYPES = {"decimal", "numeric", "float", "double", "real"}
DATE_TYPES = {"date"}
DATETIME_TYPES = {"datetime", "timestamp"}


class DumpError(ValueError):
    """A line of the dump cannot be read; nothing from this dump may be imported."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"baris {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Column:
    name: str
    type: str
    unsigned: bool = False


@dataclass
class Table:
    name: str
    columns: list[Column] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)
    line: int = 0

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def types(self) -> dict[str, str]:
        return {c.name: c.type for c in self.columns}


@dataclass
class Dump:
    """What a dump holds: table definitions, rows of the tables asked for, raw counts of all."""

    tables: dict[str, Table] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    kept: int = 0  # rows held in ``rows`` (bounded by MAX_KEPT_ROWS)
    info: dict[str, Any] = field(default_factory=dict)
    repaired_text: int = 0
    kind: str = "sql"


def _ident(text: str) -> str:
    text = text.strip()
    if text.startswith("`") and text.endswith("`"):
        return text[1:-1].replace("``", "`")
    return text


def _unescape(body: str) -> str:
    return _ESCAPE_RE.sub(
        lambda m: "'" if m.group(0) == "''" else _ESCAPES.get(m.group(1), m.group(1)), body
    )


_MOJIBAKE = re.compile("[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡-¿]")


def _repair_once(value: str) -> str | None:
    for codec in ("cp1252", "latin-1"):
        try:
            return value.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def repair_text(value: str) -> tuple[str, bool]:
    """Undo UTF-8 text that was stored as latin1 and encoded again ("Ã©" → "é"),
    up to three layers deep (seen in real OpenSID data)."""
    repaired = False
    for _ in range(3):
        if not _MOJIBAKE.search(value):
            break
        fixed = _repair_once(value)
        if fixed is None or fixed == value:
            break
        value, repaired = fixed, True
    return value, repaired


class _Limited(io.RawIOBase):
    """A binary stream that refuses to yield more than ``MAX_DECOMPRESSED`` bytes and
    turns a truncated or corrupt gzip stream into a DumpError."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - memoryview/bytearray
        try:
            n = self.raw.readinto(buffer)
        except (EOFError, OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise DumpError(0, "berkas terkompresi rusak atau terpotong") from exc
        self.read_bytes += n or 0
        if self.read_bytes > MAX_DECOMPRESSED:
            raise DumpError(
                0, f"isi cadangan lebih dari {MAX_DECOMPRESSED // 1024**3} GB setelah dibuka"
            )
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _open_text(path: Path) -> io.TextIOBase:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(
        io.BufferedReader(_Limited(raw), BLOCK),
        encoding="utf-8",
        errors="surrogateescape",
        newline="",
    )


_WHOLE_STATEMENT = re.compile(
    r"""(?>
          [^'"`;#/-]++
        | '(?:[^'\\]|\\.|'')*+'
        | "(?:[^"\\]|\\.|"")*+"
        | `(?:[^`]|``)*+`
        | /\*.*?\*/
        | \#[^\n]*+
        | --(?=[ \t\r\n])[^\n]*+
        | /(?!\*)
        | -(?!-[ \t\r\n])
    )*+;""",
    re.S | re.X,
)


def _strip_comments(text: str) -> str:
    """Remove comments outside strings (slow path, only for statements that may have them)."""
    out = []
    for m in _STATEMENT_TOKEN.finditer(text):
        tok = m.group(0)
        if tok.startswith(("/*", "#")) or (
            tok.startswith("--") and (len(tok) == 2 or tok[2] in " \t\r\n")
        ):
            out.append(" ")
        else:
            out.append(tok)
    return "".join(out).strip()


def _clean(text: str) -> str:
    if "#" in text or "/*" in text or "--" in text:
        return _strip_comments(text)
    return text.strip()


def iter_statements(fh: io.TextIOBase) -> Iterator[tuple[int, str]]:
    """Yield ``(line, statement)`` with comments removed and strings intact.

    One regular-expression match per statement (atomic groups, no backtracking), so a
    ``;`` inside a string never ends a statement and large dumps stay fast.
    """
    buf = ""
    pos = 0
    line = 1
    eof = False
    while True:
        m = _WHOLE_STATEMENT.match(buf, pos)
        if m is None or (m.end() == len(buf) and not eof):
            if eof:
                rest = buf[pos:]
                if _clean(rest) if rest.strip() else "":
                    leading = len(rest) - len(rest.lstrip())
                    raise DumpError(
                        line + rest[:leading].count("\n"),
                        "pernyataan rusak atau tidak diakhiri titik koma",
                    )
                return
            if len(buf) - pos > MAX_STATEMENT:
                raise DumpError(line, "pernyataan terlalu panjang (tanpa titik koma?)")
            chunk = fh.read(BLOCK)
            if not chunk:
                eof = True
            buf = buf[pos:] + chunk
            pos = 0
            continue
        raw = m.group(0)
        leading = len(raw) - len(raw.lstrip())
        text = _clean(raw[:-1])
        if text:
            yield line + raw[:leading].count("\n"), text
        line += raw.count("\n")
        pos = m.end()


def parse_create_table(line: int, text: str) -> Table:
    m = _CREATE_RE.match(text)
    if not m:
        raise DumpError(line, "CREATE TABLE tidak dapat dibaca")
    table = Table(name=_ident(m.group("table")), line=line)
    body = text[m.end() :]
    depth, current, items = 0, [], []
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                items.append("".join(current))
                break
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    else:
        raise DumpError(line, f"CREATE TABLE {table.name} tidak lengkap")
    for item in items:
        cm = _COLUMN_RE.match(item.replace("\n", " "))
        if cm:
            table.columns.append(
                Column(
                    cm.group("name").replace("``", "`"),
                    cm.group("type").lower(),
                    "unsigned" in cm.group("rest").lower(),
                )
            )
            continue
        pk = _PK_RE.match(item)
        if pk:
            table.primary_key = [_ident(c) for c in pk.group("cols").split(",")]
        fk = _FK_RE.search(item)
        if fk:
            table.foreign_keys.append(
                (
                    [_ident(c) for c in fk.group("cols").split(",")],
                    _ident(fk.group("table")),
                    [_ident(c) for c in fk.group("ref").split(",")],
                )
            )
    if not table.columns:
        raise DumpError(line, f"CREATE TABLE {table.name} tanpa kolom")
    return table


def _scalar(kind: str, raw: str) -> Any:
    if kind == "str":
        return _unescape(raw[1:-1])
    if kind == "bstr":
        return _unescape(raw[raw.index("'") + 1 : -1])
    if kind == "hex":
        digits = raw[2:] if raw.lower().startswith("0x") else raw[2:-1]
        return bytes.fromhex(digits).decode("utf-8", errors="replace")
    if kind == "bits":
        return int(raw[2:-1] or "0", 2)
    if kind == "null":
        return None
    if kind == "bool":
        return 1 if raw.upper() == "TRUE" else 0
    if kind == "num":
        return int(raw) if re.fullmatch(r"[-+]?\d+", raw) else Decimal(raw)
    return None  # CURRENT_TIMESTAMP and the like: no literal value


def parse_values(line: int, text: str, pos: int) -> Iterator[list[Any]]:
    """Parse ``(…),(…)`` tuples starting at ``pos``."""
    n = len(text)
    while True:
        m = _VALUE_TOKEN.match(text, pos)
        if not m or m.lastgroup != "open":
            raise DumpError(line, "daftar VALUES rusak (diharapkan '(')")
        pos = m.end()
        row: list[Any] = []
        while True:
            m = _VALUE_TOKEN.match(text, pos)
            if not m or m.lastgroup in ("open", "close", "comma"):
                raise DumpError(line, "nilai tidak dapat dibaca")
            row.append(_scalar(m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
            m = _VALUE_TOKEN.match(text, pos)
            if not m or m.lastgroup not in ("comma", "close"):
                raise DumpError(line, "nilai tidak dipisahkan koma")
            pos = m.end()
            if m.lastgroup == "close":
                break
        yield row
        m = _VALUE_TOKEN.match(text, pos)
        if m and m.lastgroup == "comma":
            pos = m.end()
            continue
        if text[pos:].strip() == "" or re.match(r"\s*ON\s+DUPLICATE\s+KEY", text[pos:], re.I):
            return
        if pos >= n:
            return
        raise DumpError(line, "teks tak terduga setelah VALUES")


def convert(value: Any, type_name: str) -> Any:
    """Convert a literal to Python by the column's MySQL type."""
    if value is None:
        return None
    try:
        if type_name in INT_TYPES:
            if isinstance(value, str):
                value = value.strip()
                return int(value) if value not in ("",) else None
            return int(value)
        if type_name in DECIMAL_TYPES:
            return Decimal(str(value)) if str(value).strip() != "" else None
        if type_name in DATE_TYPES:
            text = str(value)
            if text.startswith("0000-00-00") or not text:
                return None
            return dt.date.fromisoformat(text[:10])
        if type_name in DATETIME_TYPES:
            text = str(value)
            if text.startswith("0000-00-00") or not text:
                return None
            return dt.datetime.fromisoformat(text.replace("T", " ")[:19])
    except (ValueError, InvalidOperation) as exc:
        raise ValueError(f"nilai {value!r} bukan {type_name}") from exc
    return value if not isinstance(value, (int, Decimal)) else str(value)


@functools.lru_cache(maxsize=512)
def _column_list(text: str) -> list[str]:
    """One INSERT per row repeats the same column list: parse each list once."""
    return [_ident(c) for c in text.split(",")]


def read_sql(path: Path, keep: set[str] | None = None) -> Dump:
    dump = Dump(kind="sql")
    with _open_text(path) as fh:
        for line, stmt in iter_statements(fh):
            head = stmt[:30].upper()
            if head.startswith("CREATE TABLE"):
                table = parse_create_table(line, stmt)
                dump.tables[table.name] = table
                dump.counts.setdefault(table.name, 0)
            elif head.startswith(("INSERT", "REPLACE")):
                m = _INSERT_RE.match(stmt)
                if not m:
                    raise DumpError(line, "INSERT tidak dapat dibaca")
                name = _ident(m.group("table"))
                table = dump.tables.get(name)
                cols = _column_list(m.group("cols")) if m.group("cols") else None
                if cols is None:
                    if table is None:
                        raise DumpError(
                            line, f"INSERT ke {name} tanpa daftar kolom dan tanpa CREATE TABLE"
                        )
                    cols = table.column_names()
                types = table.types() if table else {}
                wanted = keep is None or name in keep
                for values in parse_values(line, stmt, m.end()):
                    if len(values) != len(cols):
                        raise DumpError(
                            line, f"{name}: {len(values)} nilai untuk {len(cols)} kolom"
                        )
                    dump.counts[name] = dump.counts.get(name, 0) + 1
                    if not wanted:
                        continue
                    row = {}
                    for col, value in zip(cols, values, strict=True):
                        if isinstance(value, str):
                            value, fixed = repair_text(value)
                            dump.repaired_text += fixed
                        try:
                            row[col] = convert(value, types.get(col, "varchar"))
                        except ValueError as exc:
                            raise DumpError(line, f"{name}.{col}: {exc}") from exc
                    dump.rows.setdefault(name, []).append(row)
                    dump.kept += 1
                    if dump.kept > MAX_KEPT_ROWS:
                        raise DumpError(
                            line, f"lebih dari {number_format(MAX_KEPT_ROWS)} baris data"
                        )
            # DROP, SET, LOCK/UNLOCK TABLES, CREATE VIEW, ALTER … DISABLE KEYS: nothing to import
    return dump


def read_sid(path: Path, keep: set[str] | None = None) -> Dump:
    """An OpenSID ``.sid`` backup (JSON). Primary keys in it are shifted: trust no id across tables
    except where the mapping re-keys them."""
    with _open_text(path) as fh:
        try:
            data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise DumpError(exc.lineno, f"JSON rusak: {exc.msg}") from exc
        except RecursionError as exc:
            raise DumpError(1, "JSON bersarang terlalu dalam") from exc
    if not isinstance(data, dict) or not isinstance(data.get("tabel"), dict):
        raise DumpError(1, "bukan berkas .sid OpenSID (tidak ada 'tabel')")
    info = data.get("info")
    dump = Dump(kind="sid", info=info if isinstance(info, dict) else {})
    for name, spec in data["tabel"].items():
        rows = (spec or {}).get("data") if isinstance(spec, dict) else None
        if not isinstance(spec, dict) or not isinstance(rows or [], list):
            raise DumpError(1, f"tabel {name} di berkas .sid tidak berbentuk yang dikenal")
        rows = rows or []
        if not all(isinstance(r, dict) for r in rows):
            raise DumpError(1, f"baris tabel {name} di berkas .sid bukan objek")
        columns = list(rows[0].keys()) if rows else []
        pk = spec.get("primary_key")
        if not isinstance(pk, str | list | type(None)):
            pk = None
        dump.tables[name] = Table(
            name=name,
            columns=[Column(c, "varchar") for c in columns],
            primary_key=[pk] if isinstance(pk, str) else list(pk or []),
        )
        dump.counts[name] = len(rows)
        if keep is None or name in keep:
            dump.rows[name] = [dict(r) for r in rows]
    return dump


def read_dump(path: str | Path, keep: set[str] | None = None) -> Dump:
    """Read a ``.sql``, ``.sql.gz`` or ``.sid`` backup."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(2)
    if path.suffix.lower() == ".sid" or (head[:1] == b"{"):
        return read_sid(path, keep)
    if head == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as gz:
                first = gz.read(1)
        except (EOFError, OSError, zlib.error) as exc:
            raise DumpError(0, "berkas terkompresi rusak atau terpotong") from exc
        if first == b"{":
            return read_sid(path, keep)
    return read_sql(path, keep)
