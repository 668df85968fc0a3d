"""Small hand-written OpenSID dumps for the import tests.

``opensid_sql(tables)`` writes them the way OpenSID's own backup does (CREATE TABLE from
``SHOW CREATE TABLE``, one single-row INSERT per line); the numbers each scenario must
give are worked out by hand next to the data.
"""

from __future__ import annotations

import datetime as dt

KODE = "1801042002"  # Sidosari, the session's village_b


def _sql(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return f"'{value}'"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def _type(value) -> str:
    if isinstance(value, int):
        return "int(11)"
    if isinstance(value, dt.date):
        return "date"
    return "varchar(200)"


def opensid_sql(
    tables: dict[str, list[dict]], *, columns: dict[str, list[str]] | None = None
) -> str:
    """A dump in OpenSID's backup format. Column types are guessed from the first row."""
    lines = ["# OpenSID backup (tests)", ""]
    for name, rows in tables.items():
        cols = (columns or {}).get(name) or list(rows[0]) if rows else (columns or {})[name]
        sample = rows[0] if rows else {}
        defs = ",\n".join(f"  `{c}` {_type(sample.get(c))} DEFAULT NULL" for c in cols)
        pk = ",\n  PRIMARY KEY (`id`)" if "id" in cols else ""
        lines += [
            f"DROP TABLE IF EXISTS `{name}`;",
            f"CREATE TABLE `{name}` (\n{defs}{pk}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8;",
            "",
        ]
        collist = ", ".join(f"`{c}`" for c in cols)
        for row in rows:
            values = ", ".join(_sql(row.get(c)) for c in cols)
            lines.append(f"INSERT INTO `{name}` ({collist}) VALUES ({values});")
        lines.append("")
    return "\n".join(lines)


def _person(pid, kk, level, status, *, rtm="0", rtm_level=0, sex=1, cluster=3):
    return {
        "id": pid,
        "nama": f"Warga {pid}",
        "nik": f"{KODE}{pid:06d}",
        "id_kk": kk,
        "kk_level": level,
        "id_rtm": rtm,
        "rtm_level": rtm_level,
        "sex": sex,
        "agama_id": 1,
        "status_dasar": status,
        "id_cluster": cluster,
        "tanggallahir": dt.date(1980, 1, pid % 28 + 1),
    }


def village_tables() -> dict[str, list[dict]]:
    """Deaths, a moved-out family, a dead family head, a dead household head and a
    dissolved family. By hand, with OpenSID's rules:

    - penduduk (status_dasar 1): 1, 2, 4, 7 → 4 (3 and 8 died, 5 and 6 moved out);
    - keluarga: 10 (head 1 alive) → 1; not 11 (head 3 died), 12 (head 5 moved),
      13 (head 7 alive, but the family's latest event is 4);
    - rumah tangga: R-1 (head 1 alive) → 1; not R-2 (head 5 moved), R-3 (head 3 died);
    - dusun: rows 1 and 4 → 2;
    - kelompok: group 1 (chair 1 alive) → 1; not group 2 (chair 8 died).

    Balai counts a family / household while any member lives: it adds families 11
    (member 4) and 13 (head 7) and household R-3 (member 4).
    """
    return {
        "config": [{"id": 1, "nama_desa": "Sidosari", "kode_desa": "18.01.04.2002"}],
        "tweb_wil_clusterdesa": [
            {"id": 1, "rt": "0", "rw": "0", "dusun": "Krajan"},
            {"id": 2, "rt": "0", "rw": "001", "dusun": "Krajan"},
            {"id": 3, "rt": "001", "rw": "001", "dusun": "Krajan"},
            {"id": 4, "rt": "0", "rw": "0", "dusun": "Wetan"},
            {"id": 5, "rt": "-", "rw": "-", "dusun": "Wetan"},
        ],
        "tweb_keluarga": [
            {"id": 10, "no_kk": f"{KODE}000010", "nik_kepala": "1", "id_cluster": 3},
            {"id": 11, "no_kk": f"{KODE}000011", "nik_kepala": "3", "id_cluster": 3},
            {"id": 12, "no_kk": f"{KODE}000012", "nik_kepala": "5", "id_cluster": 5},
            {"id": 13, "no_kk": f"{KODE}000013", "nik_kepala": "7", "id_cluster": 5},
        ],
        "tweb_rtm": [
            {"id": 1, "nik_kepala": 1, "no_kk": "R-1"},
            {"id": 2, "nik_kepala": 5, "no_kk": "R-2"},
            {"id": 3, "nik_kepala": 3, "no_kk": "R-3"},
        ],
        "tweb_penduduk": [
            _person(1, 10, 1, 1, rtm="R-1", rtm_level=1),
            _person(2, 10, 3, 1, rtm="R-1", rtm_level=2, sex=2),
            _person(8, 10, 4, 2),  # died
            _person(3, 11, 1, 2, rtm="R-3", rtm_level=1),  # head died
            _person(4, 11, 3, 1, rtm="R-3", rtm_level=2, sex=2),
            _person(5, 12, 1, 3, rtm="R-2", rtm_level=1, cluster=5),  # family moved out
            _person(6, 12, 3, 3, cluster=5),
            _person(7, 13, 1, 1, cluster=5),  # family dissolved
        ],
        "log_penduduk": [
            {"id": 1, "id_pend": 8, "kode_peristiwa": 2, "tgl_peristiwa": dt.date(2022, 3, 1)},
            {"id": 2, "id_pend": 3, "kode_peristiwa": 2, "tgl_peristiwa": dt.date(2022, 4, 1)},
            {"id": 3, "id_pend": 5, "kode_peristiwa": 3, "tgl_peristiwa": dt.date(2022, 5, 1)},
            {"id": 4, "id_pend": 6, "kode_peristiwa": 3, "tgl_peristiwa": dt.date(2022, 5, 1)},
            {"id": 5, "id_pend": 7, "kode_peristiwa": 5, "tgl_peristiwa": dt.date(2021, 1, 1)},
        ],
        "log_keluarga": [
            {"id": 1, "id_kk": 11, "id_peristiwa": 2, "tgl_peristiwa": dt.date(2022, 4, 1)},
            {"id": 2, "id_kk": 12, "id_peristiwa": 3, "tgl_peristiwa": dt.date(2022, 5, 1)},
            {"id": 3, "id_kk": 13, "id_peristiwa": 1, "tgl_peristiwa": dt.date(2021, 1, 1)},
            {"id": 4, "id_kk": 13, "id_peristiwa": 4, "tgl_peristiwa": dt.date(2022, 6, 1)},
            {"id": 5, "id_kk": 10, "id_peristiwa": 1, "tgl_peristiwa": dt.date(2020, 1, 1)},
        ],
        "kelompok_master": [{"id": 1, "kelompok": "PKK", "deskripsi": ""}],
        "kelompok": [
            {"id": 1, "id_master": 1, "id_ketua": 1, "nama": "PKK Krajan", "kode": "PKK1"},
            {"id": 2, "id_master": 1, "id_ketua": 8, "nama": "Tani Makmur", "kode": "TANI"},
        ],
        "kelompok_anggota": [
            {"id": 1, "id_kelompok": 1, "id_penduduk": 1, "jabatan": "1"},
            {"id": 2, "id_kelompok": 1, "id_penduduk": 2, "jabatan": "9"},
        ],
        "program": [
            {
                "id": 1,
                "nama": "BLT",
                "sasaran": 1,
                "sdate": dt.date(2022, 1, 1),
                "edate": dt.date(2022, 12, 31),
                "asaldana": "Dana Desa",
            },
            {
                "id": 2,
                "nama": "PKH",
                "sasaran": 2,
                "sdate": dt.date(2022, 1, 1),
                "edate": dt.date(2022, 12, 31),
                "asaldana": "Pusat",
            },
            {
                "id": 3,
                "nama": "RTLH",
                "sasaran": 3,
                "sdate": dt.date(2022, 1, 1),
                "edate": dt.date(2022, 12, 31),
                "asaldana": "Provinsi",
            },
            {
                "id": 4,
                "nama": "Bibit",
                "sasaran": 4,
                "sdate": dt.date(2022, 1, 1),
                "edate": dt.date(2022, 12, 31),
                "asaldana": "Kab/Kota",
            },
        ],  # fmt: skip
        "program_peserta": [
            {"id": 1, "program_id": 1, "peserta": f"{KODE}000002"},
            {"id": 2, "program_id": 2, "peserta": f"{KODE}000010"},
            {"id": 3, "program_id": 3, "peserta": "R-1"},
            {"id": 4, "program_id": 4, "peserta": "1"},
        ],
    }


def matching_tables() -> dict[str, list[dict]]:
    """The same village without the rows where Balai and OpenSID count differently
    (families 11 and 13, household R-3): every number matches (penduduk 2 … kelompok 1)."""
    tables = village_tables()
    drop_people = {3, 4, 7}
    tables["tweb_keluarga"] = [r for r in tables["tweb_keluarga"] if r["id"] not in (11, 13)]
    tables["tweb_rtm"] = [r for r in tables["tweb_rtm"] if r["no_kk"] != "R-3"]
    tables["tweb_penduduk"] = [r for r in tables["tweb_penduduk"] if r["id"] not in drop_people]
    tables["log_penduduk"] = [r for r in tables["log_penduduk"] if r["id_pend"] not in drop_people]
    tables["log_keluarga"] = [r for r in tables["log_keluarga"] if r["id_kk"] not in (11, 13)]
    return tables
