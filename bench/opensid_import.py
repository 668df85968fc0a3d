"""OpenSID import benchmark: OpenSID's demo dump and a synthetic 30,000-resident dump.

    uv run python bench/opensid_import.py [--quick] [--residents N]

Builds a private database with two provisioned villages and times
``opensid_import`` end to end (read the .sql without MySQL, check, write in one
transaction, verify OpenSID's dashboard numbers against Balai's):

- the demo dump ``../shared/opensid/contoh_data_awal_20220601.sql`` (goal ≤ 10 s);
- a generated OpenSID-format dump with N residents (default 30,000; ``--quick``
  5,000), 4 per family, one household per family, an event per resident and family
  (goal ≤ 60 s at 30,000).

Baseline: none exists (OpenSID offers no import of another OpenSID's backup; a
village re-types its registers or restores the whole MySQL database), so the goals
are the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from _common import ROOT, database_url, django_setup, emit, setup_done, setup_only_add, table

from balai_kernel.actor import Actor

SHARED = Path(os.environ.get("BALAI_SHARED_DIR") or ROOT.parent / "shared")  # as the tests
SAMPLE = SHARED / "opensid" / "contoh_data_awal_20220601.sql"
GOALS = {"sample_s": 10.0, "synthetic_30k_s": 60.0}


def setup(db_url: str):
    django_setup(db_url, production=True)
    from django.core.management import call_command

    from control_plane.provisioning.services import village_provision
    from tenants import schema, services

    call_command("migrate_schemas", "--shared", verbosity=0, interactive=False)
    schema.template_ensure()
    villages = []
    for code, name in (("1801042001", "contoh"), ("1801042002", "sintetis")):
        village = services.village_create(code=code, name=name.title(), slug=name, actor="bench")
        village_provision(
            village=village, actor=Actor.named("bench"), admin_password="sandi-bench-12345"
        )  # noqa: S106 - bench
        village.refresh_from_db()
        villages.append(village)
    return villages


def _insert(table_name: str, cols: list[str], values: list) -> str:
    def sql(v) -> str:
        return "NULL" if v is None else "'" + str(v).replace("'", "\\'") + "'"

    collist = ", ".join(f"`{c}`" for c in cols)
    row = ", ".join(sql(v) for v in values)
    return f"INSERT INTO `{table_name}` ({collist}) VALUES ({row});\n"  # noqa: S608 - a file we write


def _create(table_name: str, cols: dict[str, str]) -> str:
    defs = ",\n".join(f"  `{c}` {t} DEFAULT NULL" for c, t in cols.items())
    return (
        f"DROP TABLE IF EXISTS `{table_name}`;\nCREATE TABLE `{table_name}` (\n{defs},\n"
        "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8;\n"
    )


def synthetic_dump(path: Path, residents: int, kode: str) -> None:
    """An OpenSID-format dump (one INSERT per line) with ``residents`` people."""
    families = residents // 4
    with path.open("w", encoding="utf-8") as out:
        out.write("# OpenSID backup (synthetic)\n")
        out.write(
            _create(
                "config",
                {"id": "int(11)", "nama_desa": "varchar(100)", "kode_desa": "varchar(100)"},
            )
        )
        out.write(_insert("config", ["id", "nama_desa", "kode_desa"], [1, "Sintetis", kode]))
        wil = {"id": "int(11)", "rt": "varchar(10)", "rw": "varchar(10)", "dusun": "varchar(50)"}
        out.write(_create("tweb_wil_clusterdesa", wil))
        leaves, wid = [], 0
        for d in range(1, 11):
            for rw, rt in (
                [("0", "0")]
                + [(f"{w:03d}", "0") for w in (1, 2)]
                + [(f"{w:03d}", f"{t:03d}") for w in (1, 2) for t in range(1, 6)]
            ):
                wid += 1
                out.write(_insert("tweb_wil_clusterdesa", list(wil), [wid, rt, rw, f"Dusun {d}"]))
                if rt != "0":
                    leaves.append(wid)
        kel = {"id": "int(11)", "no_kk": "varchar(16)", "nik_kepala": "varchar(200)",
               "id_cluster": "int(11)", "tgl_daftar": "datetime", "alamat": "text"}  # fmt: skip
        out.write(_create("tweb_keluarga", kel))
        for f in range(1, families + 1):
            out.write(_insert("tweb_keluarga", list(kel), [
                f, f"{kode}{f:06d}", (f - 1) * 4 + 1, leaves[f % len(leaves)],
                "2020-01-02 03:04:05", f"Jalan {f}",
            ]))  # fmt: skip
        rtm = {
            "id": "int(11)",
            "nik_kepala": "int(11)",
            "no_kk": "varchar(30)",
            "tgl_daftar": "datetime",
        }
        out.write(_create("tweb_rtm", rtm))
        for f in range(1, families + 1):
            out.write(
                _insert(
                    "tweb_rtm", list(rtm), [f, (f - 1) * 4 + 1, f"RT{f:07d}", "2020-01-02 00:00:00"]
                )
            )
        pen = {"id": "int(11)", "nama": "varchar(100)", "nik": "varchar(16)", "id_kk": "int(11)",
               "kk_level": "tinyint(2)", "id_rtm": "varchar(30)", "rtm_level": "int(11)",
               "sex": "tinyint(4)", "tempatlahir": "varchar(100)", "tanggallahir": "date",
               "agama_id": "int(1)", "pendidikan_kk_id": "int(1)", "pekerjaan_id": "int(1)",
               "status_kawin": "tinyint(4)", "warganegara_id": "tinyint(4)", "id_cluster": "int(11)",
               "status": "int(11)", "status_dasar": "tinyint(4)", "nama_ayah": "varchar(100)",
               "nama_ibu": "varchar(100)", "golongan_darah_id": "int(11)", "alamat_sekarang": "varchar(200)",
               "waktu_lahir": "varchar(5)"}  # fmt: skip
        out.write(_create("tweb_penduduk", pen))
        born = dt.date(1950, 1, 1)
        for p in range(1, residents + 1):
            f = (p - 1) // 4 + 1
            level = 1 if (p - 1) % 4 == 0 else 4
            out.write(_insert("tweb_penduduk", list(pen), [
                p, f"Warga Sintetis {p}", f"{kode}{p:06d}", f if f <= families else None,
                level, f"RT{f:07d}" if f <= families else "0", 1 if level == 1 else 2,
                1 + p % 2, "Kalianda", born + dt.timedelta(days=p % 25000), 1 + p % 6,
                1 + p % 10, 1 + p % 80, 1 + p % 4, 1, leaves[f % len(leaves)], 1,
                1 if p % 50 else 2, f"Ayah {p}", f"Ibu {p}", 1 + p % 13, f"Jalan {f}", "08:00",
            ]))  # fmt: skip
        log = {"id": "int(11)", "id_pend": "int(11)", "kode_peristiwa": "tinyint(4)",
               "tgl_lapor": "datetime", "tgl_peristiwa": "date", "catatan": "text"}  # fmt: skip
        out.write(_create("log_penduduk", log))
        for p in range(1, residents + 1):
            kode_peristiwa = 5 if p % 50 else 2
            out.write(_insert("log_penduduk", list(log), [
                p, p, kode_peristiwa, "2021-02-03 00:00:00", "2021-02-01", "",
            ]))  # fmt: skip
        logk = {
            "id": "int(11)",
            "id_kk": "int(11)",
            "id_peristiwa": "int(11)",
            "tgl_peristiwa": "datetime",
        }
        out.write(_create("log_keluarga", logk))
        for f in range(1, families + 1):
            out.write(_insert("log_keluarga", list(logk), [f, f, 1, "2020-01-02 00:00:00"]))


def run(village, path: Path) -> tuple[float, dict]:
    from village_apps.opensid_import.services import opensid_import

    start = time.perf_counter()
    laporan = opensid_import(village=village, dump_path=path, accept_differences=True)
    elapsed = time.perf_counter() - start
    assert laporan.ok, laporan.errors[:5]
    return elapsed, laporan.as_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5,000 synthetic residents")
    parser.add_argument("--residents", type=int, default=30_000)
    setup_only_add(parser)
    args = parser.parse_args()
    residents = 20 if args.setup_only else 5_000 if args.quick else args.residents
    if not SAMPLE.exists():  # before the setup, not after it
        raise SystemExit(
            f"{SAMPLE} is missing: set BALAI_SHARED_DIR to the folder holding opensid/"
        )
    contoh, sintetis = setup(database_url("bench_opensid_import"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sintetis.sql"
        start = time.perf_counter()
        synthetic_dump(path, residents, sintetis.code)
        generate_s = time.perf_counter() - start
        if args.setup_only:
            setup_done("opensid_import", residents=residents, dump_bytes=path.stat().st_size)
        sample_s, sample = run(contoh, SAMPLE)
        synthetic_s, synthetic = run(sintetis, path)
    rows = [
        ["contoh_data_awal_20220601.sql", sample["source"]["penduduk"], f"{sample_s:.2f}", "≤ 10"],
        [f"sintetis ({residents} penduduk)", synthetic["source"]["penduduk"], f"{synthetic_s:.2f}",
         "≤ 60" if residents >= 30_000 else "-"],
    ]  # fmt: skip
    print(table(rows, ["dump", "penduduk hidup", "detik", "target"]))
    print(
        f"(dump sintetis dibuat dalam {generate_s:.1f} s; selisih: {synthetic['differences'] or '-'})"
    )
    balai = {
        "sample_s": round(sample_s, 3),
        "sample_matches": sample["source"] == sample["balai"],
        "synthetic_residents": residents,
        "synthetic_s": round(synthetic_s, 3),
        "synthetic_matches": synthetic["source"] == synthetic["balai"],
        "synthetic_rows_per_s": round(sum(synthetic["imported"].values()) / synthetic_s),
    }
    emit(
        "opensid_import",
        balai,
        {"goal_sample_s": GOALS["sample_s"], "goal_synthetic_30k_s": GOALS["synthetic_30k_s"]},
    )


if __name__ == "__main__":
    main()
