"""Population statistics: counts of living residents by category, split by sex.

Each category is one GROUP BY query (never one query per resident or per code); rows
for codes nobody has are filled in with zeros so charts keep a stable shape, and
residents without a value are counted under ``kode=None`` ("BELUM MENGISI").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from village_apps import referensi as c
from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk

# key → (field, code list)
_KODE: dict[str, tuple[str, type | None]] = {
    "jenis-kelamin": ("sex", c.Sex),
    "agama": ("agama_id", c.Agama),
    "pendidikan-kk": ("pendidikan_kk_id", c.PendidikanKK),
    "pendidikan-sedang": ("pendidikan_sedang_id", c.PendidikanSedang),
    "pekerjaan": ("pekerjaan_id", c.Pekerjaan),
    "status-kawin": ("status_kawin", c.StatusKawin),
    "hubungan-keluarga": ("kk_level", c.SHDK),
    "warganegara": ("warganegara_id", c.Warganegara),
    "golongan-darah": ("golongan_darah_id", c.GolonganDarah),
    "disabilitas": ("cacat_id", c.Cacat),
    "sakit-menahun": ("sakit_menahun_id", c.SakitMenahun),
    "akseptor-kb": ("cara_kb_id", c.CaraKB),
    "asuransi": ("id_asuransi", c.Asuransi),
    "status-penduduk": ("status", c.StatusPenduduk),
    "ktp-el": ("ktp_el", c.KtpEl),
    "status-rekam": ("status_rekam", c.StatusRekam),
    "kehamilan": ("hamil", c.Hamil),
}

STATISTIK_KATEGORI: dict[str, str] = {
    "umur": _("Kelompok umur"),
    "umur-kategori": _("Kategori umur"),
    "jenis-kelamin": _("Jenis kelamin"),
    "agama": _("Agama"),
    "pendidikan-kk": _("Pendidikan dalam KK"),
    "pendidikan-sedang": _("Pendidikan sedang ditempuh"),
    "pekerjaan": _("Pekerjaan"),
    "status-kawin": _("Status perkawinan"),
    "hubungan-keluarga": _("Hubungan dalam keluarga"),
    "warganegara": _("Kewarganegaraan"),
    "golongan-darah": _("Golongan darah"),
    "disabilitas": _("Penyandang disabilitas"),
    "sakit-menahun": _("Sakit menahun"),
    "akseptor-kb": _("Akseptor KB"),
    "asuransi": _("Asuransi kesehatan"),
    "status-penduduk": _("Status penduduk"),
    "ktp-el": _("Kepemilikan KTP-el"),
    "status-rekam": _("Status rekam KTP-el"),
    "kehamilan": _("Status kehamilan"),
    "dusun": _("Wilayah (dusun)"),
}

# OpenSID's ``tweb_penduduk_umur`` groups (status 1): five-year bands.
UMUR_KELOMPOK: list[tuple[str, int, int]] = [
    ("Di bawah 1 Tahun", 0, 0),
    ("1 s/d 4 Tahun", 1, 4),
    *[(f"{a} s/d {a + 4} Tahun", a, a + 4) for a in range(5, 75, 5)],
    ("Di atas 75 Tahun", 75, 10_000),
]
UMUR_KATEGORI: list[tuple[str, int, int]] = [
    ("BALITA", 0, 5),
    ("ANAK-ANAK", 6, 17),
    ("DEWASA", 18, 30),
    ("TUA", 31, 10_000),
]
BELUM_MENGISI = _("BELUM MENGISI")


class _Umur(Func):
    """Age in whole years at a given date (PostgreSQL ``age``)."""

    template = "date_part('year', age(%(on)s::date, %(expressions)s))::int"
    output_field = IntegerField()


def _hidup() -> QuerySet[Penduduk]:
    return Penduduk.objects.filter(status_dasar=c.StatusDasar.HIDUP)


_BY_SEX = {
    "laki_laki": Count("id", filter=Q(sex=c.Sex.LAKI_LAKI)),
    "perempuan": Count("id", filter=Q(sex=c.Sex.PEREMPUAN)),
}


def _row(kode: object, label: object, lk: int, pr: int) -> dict:
    return {"kode": kode, "label": str(label), "laki_laki": lk, "perempuan": pr, "jumlah": lk + pr}


def _by_code(field: str, codes: type) -> list[dict]:
    counts = {
        r[field]: (r["laki_laki"], r["perempuan"])
        for r in _hidup().values(field).annotate(**_BY_SEX).order_by()
    }
    rows = [_row(int(code), label, *counts.pop(code, (0, 0))) for code, label in codes.choices]
    missing = [counts.pop(None, (0, 0))]
    for unknown in counts.values():  # codes outside the list (should not happen): keep counted
        missing.append(unknown)
    lk, pr = sum(m[0] for m in missing), sum(m[1] for m in missing)
    rows.append(_row(None, BELUM_MENGISI, lk, pr))
    return rows


def _by_age(bands: Iterable[tuple[str, int, int]], on: date) -> list[dict]:
    counts: dict[int | None, tuple[int, int]] = {
        r["umur"]: (r["laki_laki"], r["perempuan"])
        for r in _hidup()
        .annotate(umur=_Umur(F("tanggallahir"), on=f"'{on.isoformat()}'"))
        .values("umur")
        .annotate(**_BY_SEX)
        .order_by()
    }
    rows = []
    for i, (label, lo, hi) in enumerate(bands, start=1):
        lk = sum(v[0] for k, v in counts.items() if k is not None and lo <= k <= hi)
        pr = sum(v[1] for k, v in counts.items() if k is not None and lo <= k <= hi)
        rows.append(_row(i, label, lk, pr))
    lk, pr = counts.get(None, (0, 0))
    rows.append(_row(None, BELUM_MENGISI, lk, pr))
    return rows


def _by_dusun() -> list[dict]:
    from village_apps.wilayah.models import Dusun

    return [
        _row(d.pk, d.nama, d.laki_laki, d.perempuan)
        for d in Dusun.objects.annotate(
            laki_laki=Count(
                "rw_set__rt_set__penduduk_set",
                filter=Q(
                    rw_set__rt_set__penduduk_set__status_dasar=c.StatusDasar.HIDUP,
                    rw_set__rt_set__penduduk_set__sex=c.Sex.LAKI_LAKI,
                ),
            ),
            perempuan=Count(
                "rw_set__rt_set__penduduk_set",
                filter=Q(
                    rw_set__rt_set__penduduk_set__status_dasar=c.StatusDasar.HIDUP,
                    rw_set__rt_set__penduduk_set__sex=c.Sex.PEREMPUAN,
                ),
            ),
        ).order_by("nama")
    ]


def statistik(kategori: str, *, pada: date | None = None) -> list[dict]:
    """Rows ``{kode, label, laki_laki, perempuan, jumlah}`` of living residents for one
    category key of ``STATISTIK_KATEGORI`` (one query). Raises ``KeyError`` for an
    unknown key. ``pada`` is the reference date for ages (default: today)."""
    if kategori not in STATISTIK_KATEGORI:
        raise KeyError(kategori)
    if kategori == "umur":
        return _by_age(UMUR_KELOMPOK, pada or timezone.localdate())
    if kategori == "umur-kategori":
        return _by_age(UMUR_KATEGORI, pada or timezone.localdate())
    if kategori == "dusun":
        return _by_dusun()
    field, codes = _KODE[kategori]
    return _by_code(field, codes)


def ringkasan() -> dict[str, int]:
    """Headline totals: living residents (all/L/P), families and households with at
    least one living member, dusun."""
    from village_apps.wilayah.models import Dusun

    totals = _hidup().aggregate(penduduk=Count("id"), **_BY_SEX)
    return {
        "penduduk": totals["penduduk"],
        "laki_laki": totals["laki_laki"],
        "perempuan": totals["perempuan"],
        "keluarga": Keluarga.objects.filter(anggota__status_dasar=c.StatusDasar.HIDUP)
        .distinct()
        .count(),
        "rumah_tangga": RumahTangga.objects.filter(anggota__status_dasar=c.StatusDasar.HIDUP)
        .distinct()
        .count(),
        "dusun": Dusun.objects.count(),
    }
