"""A facade for tests: statistics from a small table the test creates in the village schema.

It fulfils ``village_apps.contracts.SnapshotSource`` and ``OpenDKSource`` exactly as a
village app would, so the publisher, rollups and suppression run unchanged on real
village data.
"""

from collections.abc import Callable

from django.db import connection

from village_apps.contracts import StatRow

TABLE = "uji_warga"


def table_create() -> None:
    with connection.cursor() as c:
        c.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (sex char(1), agama text, surat text, keluarga int)"
        )


def table_drop() -> None:
    with connection.cursor() as c:
        c.execute(f"DROP TABLE IF EXISTS {TABLE}")


def warga_add(sex: str, agama: str, n: int = 1, surat: str = "", keluarga: int = 0) -> None:
    with connection.cursor() as c:
        for _ in range(n):
            c.execute(
                f"INSERT INTO {TABLE} VALUES (%s, %s, %s, %s)",  # noqa: S608
                [sex, agama, surat or None, keluarga],
            )


def snapshot_contributions(*, publishable: Callable[[str], bool]) -> dict[str, list[StatRow]]:
    return {
        category: [StatRow(**row) for row in rows]
        for category, rows in _contributions().items()
        if publishable(category)
    }


def _contributions() -> dict[str, list[dict]]:
    with connection.cursor() as c:
        c.execute("SELECT to_regclass(%s)", [TABLE])
        if c.fetchone()[0] is None:
            return {}
        c.execute(f"SELECT agama, sex, count(*) FROM {TABLE} GROUP BY 1, 2")  # noqa: S608
        agama: dict[str, dict] = {}
        for key, sex, n in c.fetchall():
            row = agama.setdefault(
                key, {"kode": key, "label": key.title(), "laki_laki": 0, "perempuan": 0}
            )
            row["laki_laki" if sex == "L" else "perempuan"] += n
        for row in agama.values():
            row["jumlah"] = row["laki_laki"] + row["perempuan"]
        male = sum(r["laki_laki"] for r in agama.values())
        female = sum(r["perempuan"] for r in agama.values())
        c.execute(f"SELECT coalesce(sum(keluarga), 0) FROM {TABLE}")  # noqa: S608
        families = int(c.fetchone()[0])
        c.execute(f"SELECT surat, count(*) FROM {TABLE} WHERE surat IS NOT NULL GROUP BY 1")  # noqa: S608
        letters = [{"kode": k, "label": k.upper(), "jumlah": n} for k, n in c.fetchall()]
    return {
        "ringkasan": [
            {
                "kode": "penduduk",
                "label": "Penduduk",
                "laki_laki": male,
                "perempuan": female,
                "jumlah": male + female,
            },
            {"kode": "keluarga", "label": "Keluarga", "jumlah": families},
        ],
        "agama": list(agama.values()),
        "surat": letters,
        "apbdes": [
            {"kode": "belanja_anggaran", "label": "Anggaran belanja", "jumlah": 1_000_000_000},
            {
                "kode": "belanja_realisasi",
                "label": "Realisasi belanja",
                "jumlah": 400_000_000 + 1000 * (male + female),
            },
        ],
    }


def opendk_rows() -> dict[str, list[dict]]:
    """OpenDK datasets, keyed by OpenDK's column names (the convention)."""
    return {
        "program_bantuan": [
            {
                "id": 1,
                "nama": "BLT Dana Desa",
                "sasaran": 1,
                "status": 1,
                "sdate": "2026-01-01",
                "edate": "2026-12-31",
                "ndesc": "Uji",
            }
        ],
        "pembangunan": [
            {"id": 7, "judul": "Jalan usaha tani", "anggaran": 150_000_000, "tahun_anggaran": 2026}
        ],
    }
