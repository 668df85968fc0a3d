"""OpenSID tables → Balai's village apps, plus OpenSID's own dashboard numbers.

Everything here works on the rows the reader produced (``reader.Dump``). Nothing trusts
an OpenSID id: every row gets a new Balai id and references are translated through
``{old id: new id}`` maps built while writing. Checking happens before writing, so a
dump with broken references writes nothing.

The dashboard rules are OpenSID's (``Beranda`` / ``Web_dokumen`` counts):

- penduduk: ``status_dasar = 1``;
- keluarga: the head (``nik_kepala`` is a *penduduk id*) alive with ``kk_level = 1``
  and the family's latest ``log_keluarga`` event not 2/3/4 (head died/moved/lost);
- rumah tangga: the head alive with ``rtm_level = 1``;
- dusun: ``tweb_wil_clusterdesa`` rows with ``rt = '0'`` and ``rw = '0'``;
- kelompok: groups whose chair is alive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext

from balai_kernel.html import HtmlField
from village_apps.opensid_import.reader import Dump
from village_apps.opensid_import.umum import MAPPED_UMUM, UmumWriter, check_umum

HIDUP = 1
KELUARGA_BUBAR = {2, 3, 4}

# The columns Balai reads from each mapped table; everything else is listed as unmapped.
MAPPED: dict[str, set[str]] = {
    "config": {
        "id", "nama_desa", "kode_desa", "kode_pos", "nama_kecamatan", "kode_kecamatan",
        "nama_kabupaten", "kode_kabupaten", "nama_propinsi", "kode_propinsi", "logo", "lat",
        "lng", "alamat_kantor", "email_desa", "telepon", "website", "pamong_id",
        "nip_kepala_desa", "nama_kepala_desa",
    },
    "tweb_wil_clusterdesa": {"id", "rt", "rw", "dusun", "id_kepala"},
    "tweb_keluarga": {
        "id", "no_kk", "nik_kepala", "tgl_daftar", "kelas_sosial", "alamat", "id_cluster",
    },
    "tweb_rtm": {"id", "nik_kepala", "no_kk", "tgl_daftar", "bdt"},
    "tweb_penduduk": {
        "id", "nama", "nik", "id_kk", "kk_level", "id_rtm", "rtm_level", "sex", "tempatlahir",
        "tanggallahir", "agama_id", "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id",
        "status_kawin", "warganegara_id", "dokumen_pasport", "dokumen_kitas", "ayah_nik",
        "ibu_nik", "nama_ayah", "nama_ibu", "foto", "golongan_darah_id", "id_cluster", "status",
        "alamat_sebelumnya", "alamat_sekarang", "status_dasar", "hamil", "cacat_id",
        "sakit_menahun_id", "akta_lahir", "akta_perkawinan", "tanggalperkawinan",
        "akta_perceraian", "tanggalperceraian", "cara_kb_id", "telepon", "tanggal_akhir_paspor",
        "ktp_el", "status_rekam", "tag_id_card", "id_asuransi", "no_asuransi", "email", "suku",
    },
    "log_penduduk": {
        "id", "id_pend", "kode_peristiwa", "meninggal_di", "alamat_tujuan", "tgl_lapor",
        "tgl_peristiwa", "catatan", "no_kk", "ref_pindah",
    },
    "log_keluarga": {"id", "id_kk", "id_peristiwa", "tgl_peristiwa", "id_pend"},
    "tweb_desa_pamong": {
        "pamong_id", "pamong_nama", "pamong_nip", "pamong_niap", "jabatan", "jabatan_id",
        "pamong_status", "pamong_ttd", "id_pend", "pamong_nosk", "pamong_tglsk", "urut",
        "pamong_pangkat", "pamong_nohenti", "pamong_tglhenti",
    },
    "ref_jabatan": {"id", "nama"},
    "kelompok_master": {"id", "kelompok", "deskripsi"},
    "kelompok": {"id", "id_master", "id_ketua", "nama", "keterangan", "kode"},
    "kelompok_anggota": {"id", "id_kelompok", "id_penduduk", "no_anggota", "jabatan"},
    "program": {"id", "nama", "sasaran", "ndesc", "sdate", "edate", "asaldana"},
    "program_peserta": {"id", "peserta", "program_id", "no_id_kartu", "kartu_nik"},
    "kategori": {"id", "kategori", "slug"},
    "artikel": {"id", "gambar", "isi", "enabled", "tgl_upload", "id_kategori", "judul", "slug"},
    "pengaduan": {
        "id", "id_pengaduan", "nama", "email", "telepon", "judul", "isi", "status", "foto",
        "created_at",
    },
    "pembangunan": {
        "id", "sumber_dana", "judul", "keterangan", "lokasi", "volume", "tahun_anggaran",
        "pelaksana_kegiatan", "anggaran",
    },
    "tweb_surat_format": {"id", "nama", "url_surat", "kode_surat", "mandiri"},
    "log_surat": {
        "id", "id_format_surat", "id_pend", "tanggal", "tahun", "no_surat", "nama_surat",
        "nik_non_warga", "nama_non_warga", "keterangan", "id_pamong",
    },
    "keuangan_manual_rinci": {
        "id", "Tahun", "Kd_Akun", "Kd_Keg", "Kd_Rincian", "Nilai_Anggaran", "Nilai_Realisasi",
    },
    **MAPPED_UMUM,  # the Buku Administrasi Umum's tables (``umum``)
}  # fmt: skip
# Multi-village dumps carry these on every data table; they are consumed by the import.
TECHNICAL_COLUMNS = {"config_id", "created_at", "created_by", "updated_at", "updated_by"}
REQUIRED = ("config", "tweb_wil_clusterdesa", "tweb_keluarga", "tweb_penduduk")
PENGADUAN_STATUS = {1: "baru", 2: "diproses", 3: "selesai"}
ASAL_DANA = {"pusat": 1, "provinsi": 2, "kab/kota": 3, "dana desa": 4}
DIGITS = re.compile(r"[^0-9]")  # not \D: Arabic-Indic digits are \d too


@dataclass
class Laporan:
    """The import report (the JSON object the command prints)."""

    ok: bool = False
    source: dict[str, int] = field(default_factory=dict)
    balai: dict[str, int] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    imported: dict[str, int] = field(default_factory=dict)
    differences: dict[str, list[str]] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "source": self.source,
            "balai": self.balai,
            "tables": self.tables,
            "breakdown": self.breakdown,
            "imported": self.imported,
            "differences": self.differences,
            "unmapped": self.unmapped,
            "warnings": self.warnings,
            "errors": self.errors,
        }


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ref(value: Any) -> int | None:
    """OpenSID writes "no reference" as NULL, 0 or ''."""
    number = _int(value)
    return number or None


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _datetime(value: Any) -> dt.datetime | dt.date | None:
    """Dates as the reader gives them (.sql) or as text (.sid); zero dates → None."""
    if isinstance(value, dt.date):
        return value
    text = _str(value)
    if not text or text.startswith("0000"):
        return None
    try:
        return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    value = _datetime(value)
    return value.date() if isinstance(value, dt.datetime) else value


# Columns holding ids: OpenSID declares some as varchar (``nik_kepala``) and .sid files
# carry text, so they are made integers once, before any lookup.
ID_COLUMNS = {
    "id", "config_id", "id_kk", "id_cluster", "nik_kepala", "id_pend", "id_kelompok",
    "id_penduduk", "id_master", "id_ketua", "program_id", "id_kategori", "id_pengaduan",
    "pamong_id", "jabatan_id", "id_kepala", "id_format_surat",
}  # fmt: skip


def _normalise(row: dict) -> dict:
    return {k: (_int(v) if k in ID_COLUMNS else v) for k, v in row.items()}


def kode_digits(value: Any) -> str:
    return DIGITS.sub("", _str(value))


# ---------------------------------------------------------------------------- selection


def select_village(dump: Dump, *, kode_desa: str, laporan: Laporan) -> dict[str, list[dict]]:
    """The rows of one village: all of them for a single-village dump, those with the
    chosen ``config_id`` for a "database gabungan"."""
    rows = {name: [_normalise(r) for r in dump.rows.get(name, [])] for name in MAPPED}
    configs = rows["config"]
    multi = any("config_id" in table.column_names() for table in dump.tables.values())
    if not multi:
        return rows
    wanted = [c for c in configs if kode_digits(c.get("kode_desa")) == kode_desa]
    if not wanted:
        if len(configs) == 1:
            wanted = configs
        else:
            laporan.errors.append(
                gettext(
                    "Dump berisi %(n)s desa; tidak ada yang berkode %(kode_desa)s. Pilih desa dengan --kode-desa."
                )
                % {"n": len(configs), "kode_desa": kode_desa}
            )
            return {name: [] for name in MAPPED}
    config_id = wanted[0].get("id")
    chosen = {"config": wanted[:1]}
    for name, table_rows in rows.items():
        if name == "config":
            continue
        table = dump.tables.get(name)
        if table is not None and "config_id" in table.column_names():
            chosen[name] = [r for r in table_rows if r.get("config_id") == config_id]
        else:
            chosen[name] = table_rows
    return chosen


def unmapped(dump: Dump) -> list[str]:
    """Tables and columns the dump has and Balai does not read."""
    out = []
    for name, table in sorted(dump.tables.items()):
        used = MAPPED.get(name)
        if used is None:
            out.append(name)
            continue
        out += [
            f"{name}.{col}"
            for col in table.column_names()
            if col not in used and col not in TECHNICAL_COLUMNS
        ]
    return out


# ---------------------------------------------------------------------------- checks


def check(rows: dict[str, list[dict]], laporan: Laporan) -> None:
    """Broken references and rows Balai cannot hold, each reported; writes nothing."""
    check_umum(rows, laporan)
    err = laporan.errors.append
    wilayah = {r["id"] for r in rows["tweb_wil_clusterdesa"]}
    keluarga = {r["id"] for r in rows["tweb_keluarga"]}
    penduduk = {r["id"] for r in rows["tweb_penduduk"]}
    rtm = {_str(r.get("no_kk")) for r in rows["tweb_rtm"]}
    niks: Counter[str] = Counter()
    for r in rows["tweb_penduduk"]:
        pid = r["id"]
        nik = _str(r.get("nik"))
        niks[nik] += 1
        if not re.fullmatch(r"[0-9]{16}", nik):
            err(gettext("tweb_penduduk id=%(pid)s: NIK bukan 16 angka.") % {"pid": pid})
        if _ref(r.get("id_kk")) and r["id_kk"] not in keluarga:
            err(
                gettext("tweb_penduduk id=%(pid)s: id_kk=%(id_kk)s tidak ada di tweb_keluarga.")
                % {"pid": pid, "id_kk": r["id_kk"]}
            )
        if _ref(r.get("id_cluster")) and r["id_cluster"] not in wilayah:
            err(
                gettext(
                    "tweb_penduduk id=%(pid)s: id_cluster=%(id_cluster)s tidak ada di tweb_wil_clusterdesa."
                )
                % {"pid": pid, "id_cluster": r.get("id_cluster")}
            )
        id_rtm = _str(r.get("id_rtm"))
        if id_rtm not in ("", "0") and id_rtm not in rtm:
            err(gettext("tweb_penduduk id=%(pid)s: id_rtm tidak ada di tweb_rtm.") % {"pid": pid})
        if _int(r.get("sex")) is None or _int(r.get("agama_id")) is None:
            err(
                gettext("tweb_penduduk id=%(pid)s: jenis kelamin atau agama kosong.") % {"pid": pid}
            )
    for nik, n in niks.items():
        if n > 1 and nik:
            err(
                gettext("tweb_penduduk: %(n)s penduduk memakai NIK yang sama (…%(akhir)s).")
                % {"n": n, "akhir": nik[-4:]}
            )
    no_kks: Counter[str] = Counter()
    for r in rows["tweb_keluarga"]:
        no_kk = _str(r.get("no_kk"))
        no_kks[no_kk] += 1
        if not re.fullmatch(r"[0-9]{16}", no_kk):
            err(gettext("tweb_keluarga id=%(id)s: nomor KK bukan 16 angka.") % {"id": r["id"]})
        if _ref(r.get("nik_kepala")) and r["nik_kepala"] not in penduduk:
            err(
                gettext("tweb_keluarga id=%(id)s: kepala (id penduduk %(nik_kepala)s) tidak ada.")
                % {"id": r["id"], "nik_kepala": r["nik_kepala"]}
            )
        if _ref(r.get("id_cluster")) and r["id_cluster"] not in wilayah:
            err(
                gettext("tweb_keluarga id=%(id)s: id_cluster=%(id_cluster)s tidak ada.")
                % {"id": r["id"], "id_cluster": r["id_cluster"]}
            )
    for no_kk, n in no_kks.items():
        if n > 1:
            err(
                gettext("tweb_keluarga: %(n)s keluarga memakai nomor KK yang sama (…%(akhir)s).")
                % {"n": n, "akhir": no_kk[-4:]}
            )
    for r in rows["tweb_rtm"]:
        if _ref(r.get("nik_kepala")) and r["nik_kepala"] not in penduduk:
            err(
                gettext("tweb_rtm id=%(id)s: kepala (id penduduk %(nik_kepala)s) tidak ada.")
                % {"id": r["id"], "nik_kepala": r["nik_kepala"]}
            )
    for r in rows["log_penduduk"]:
        if r.get("id_pend") not in penduduk:
            err(
                gettext("log_penduduk id=%(id)s: id_pend=%(id_pend)s tidak ada.")
                % {"id": r["id"], "id_pend": r.get("id_pend")}
            )
        elif _int(r.get("kode_peristiwa")) not in range(1, 10):
            err(
                gettext("log_penduduk id=%(id)s: kode_peristiwa=%(kode_peristiwa)s tidak dikenal.")
                % {"id": r["id"], "kode_peristiwa": r.get("kode_peristiwa")}
            )
    for r in rows["log_keluarga"]:
        if r.get("id_kk") not in keluarga:
            err(
                gettext("log_keluarga id=%(id)s: id_kk=%(id_kk)s tidak ada.")
                % {"id": r["id"], "id_kk": r.get("id_kk")}
            )
    masters = {r["id"] for r in rows["kelompok_master"]}
    kelompok = {r["id"] for r in rows["kelompok"]}
    for r in rows["kelompok"]:
        if r.get("id_master") not in masters:
            err(
                gettext("kelompok id=%(id)s: id_master=%(id_master)s tidak ada.")
                % {"id": r["id"], "id_master": r.get("id_master")}
            )
        if _ref(r.get("id_ketua")) and r["id_ketua"] not in penduduk:
            err(
                gettext("kelompok id=%(id)s: ketua (id penduduk %(id_ketua)s) tidak ada.")
                % {"id": r["id"], "id_ketua": r["id_ketua"]}
            )
    for r in rows["kelompok_anggota"]:
        if r.get("id_kelompok") not in kelompok or r.get("id_penduduk") not in penduduk:
            err(
                gettext("kelompok_anggota id=%(id)s: kelompok atau penduduk tidak ada.")
                % {"id": r["id"]}
            )
    formats = {r["id"] for r in rows["tweb_surat_format"]}
    for r in rows["log_surat"]:
        if r.get("id_format_surat") not in formats:
            err(
                gettext("log_surat id=%(id)s: id_format_surat=%(id_format_surat)s tidak ada.")
                % {"id": r["id"], "id_format_surat": r.get("id_format_surat")}
            )
        if _ref(r.get("id_pend")) and r["id_pend"] not in penduduk:
            err(
                gettext("log_surat id=%(id)s: id_pend=%(id_pend)s tidak ada.")
                % {"id": r["id"], "id_pend": r["id_pend"]}
            )
    programs = {r["id"]: _int(r.get("sasaran")) for r in rows["program"]}
    targets = {
        1: {_str(r.get("nik")) for r in rows["tweb_penduduk"]},
        2: {_str(r.get("no_kk")) for r in rows["tweb_keluarga"]},
        3: rtm,
        4: {str(k) for k in kelompok},
    }
    for r in rows["program"]:
        if programs[r["id"]] not in targets:
            err(
                gettext("program id=%(id)s: sasaran=%(sasaran)s tidak dikenal.")
                % {"id": r["id"], "sasaran": r.get("sasaran")}
            )
    for r in rows["program_peserta"]:
        sasaran = programs.get(r.get("program_id"))
        if sasaran is None and r.get("program_id") not in programs:
            err(
                gettext("program_peserta id=%(id)s: program_id=%(program_id)s tidak ada.")
                % {"id": r["id"], "program_id": r.get("program_id")}
            )
        elif sasaran in targets and _str(r.get("peserta")) not in targets[sasaran]:
            err(
                gettext(
                    "program_peserta id=%(id)s: peserta tidak ditemukan untuk sasaran %(sasaran)s."
                )
                % {"id": r["id"], "sasaran": sasaran}
            )


# ---------------------------------------------------------------------------- numbers


def _latest_family_event(rows: dict[str, list[dict]]) -> dict[int, int]:
    latest: dict[int, tuple] = {}
    for r in rows["log_keluarga"]:
        key = (_date(r.get("tgl_peristiwa")) or dt.date.min, r["id"])
        kk = r.get("id_kk")
        if kk not in latest or key > latest[kk][0]:
            latest[kk] = (key, _int(r.get("id_peristiwa")))
    return {kk: event for kk, (_key, event) in latest.items()}


def source_sets(rows: dict[str, list[dict]]) -> dict[str, set]:
    """The OpenSID ids each dashboard number counts (OpenSID's rules)."""
    people = {r["id"]: r for r in rows["tweb_penduduk"]}

    def alive(pid: Any, level_field: str) -> bool:
        person = people.get(pid)
        return bool(
            person
            and _int(person.get("status_dasar")) == HIDUP
            and _int(person.get(level_field)) == 1
        )

    latest = _latest_family_event(rows)
    return {
        "penduduk": {pid for pid, p in people.items() if _int(p.get("status_dasar")) == HIDUP},
        "keluarga": {
            r["id"]
            for r in rows["tweb_keluarga"]
            if alive(r.get("nik_kepala"), "kk_level") and latest.get(r["id"]) not in KELUARGA_BUBAR
        },
        "rumah_tangga": {
            r["id"] for r in rows["tweb_rtm"] if alive(r.get("nik_kepala"), "rtm_level")
        },
        "dusun": {
            r["id"]
            for r in rows["tweb_wil_clusterdesa"]
            if _str(r.get("rt")) == "0" and _str(r.get("rw")) == "0"
        },
        "kelompok": {
            r["id"]
            for r in rows["kelompok"]
            if _int((people.get(r.get("id_ketua")) or {}).get("status_dasar")) == HIDUP
        },
    }


def breakdown(rows: dict[str, list[dict]]) -> dict[str, dict[str, int]]:
    programs = {r["id"]: _str(r.get("sasaran")) for r in rows["program"]}
    return {
        "status_dasar": dict(Counter(_str(r.get("status_dasar")) for r in rows["tweb_penduduk"])),
        "kode_peristiwa": dict(
            Counter(_str(r.get("kode_peristiwa")) for r in rows["log_penduduk"])
        ),
        "sasaran": dict(
            Counter(programs.get(r.get("program_id"), "?") for r in rows["program_peserta"])
        ),
    }


def explain(rows: dict[str, list[dict]], key: str, source: set, balai: set) -> list[str]:
    """Which OpenSID rows make the two numbers differ (ids only, no personal data)."""
    table = {
        "penduduk": "tweb_penduduk",
        "keluarga": "tweb_keluarga",
        "rumah_tangga": "tweb_rtm",
        "dusun": "tweb_wil_clusterdesa",
        "kelompok": "kelompok",
    }[key]
    people = {r["id"]: r for r in rows["tweb_penduduk"]}
    latest = _latest_family_event(rows)
    by_id = {r["id"]: r for r in rows[table]}
    out = []
    for oid in sorted(source - balai, key=str):
        out.append(
            gettext("%(tabel)s id=%(id)s: dihitung OpenSID, tidak dihitung Balai")
            % {"tabel": table, "id": oid}
        )
    for oid in sorted(balai - source, key=str):
        sebab = ""
        if key in ("keluarga", "rumah_tangga"):
            row = by_id[oid]
            head = people.get(_ref(row.get("nik_kepala")))
            if head is None:
                sebab = gettext(" (tanpa kepala)")
            elif _int(head.get("status_dasar")) != HIDUP:
                sebab = gettext(" (kepala berstatus dasar %(status)s, anggota masih hidup)") % {
                    "status": head.get("status_dasar")
                }
            elif key == "keluarga" and latest.get(oid) in KELUARGA_BUBAR:
                sebab = gettext(
                    " (peristiwa keluarga terakhir %(peristiwa)s, anggota masih hidup)"
                ) % {"peristiwa": latest[oid]}
            else:
                sebab = gettext(" (kepala bukan berstatus kepala)")
        elif key == "dusun":
            out.append(
                gettext(
                    "%(tabel)s: dusun %(dusun)s hanya ada di baris RW/RT, tidak dihitung OpenSID"
                )
                % {"tabel": table, "dusun": repr(oid)}
            )
            continue
        out.append(
            gettext("%(tabel)s id=%(id)s: tidak dihitung OpenSID, dihitung Balai%(sebab)s")
            % {"tabel": table, "id": oid, "sebab": sebab}
        )
    return out


# ---------------------------------------------------------------------------- writing


def _needs_prep(f: models.Field) -> bool:
    """Fields COPY must pass through Django: JSON, files, auto timestamps, and stored
    HTML (``HtmlField`` cleans in ``pre_save``/``get_db_prep_save``; an article body
    written as it came would reach the public site unclean)."""
    return isinstance(f, models.JSONField | models.FileField | HtmlField) or bool(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    )


def _value(f: models.Field, obj: models.Model) -> Any:
    """The value to store; an OpenSID creation time set on the object wins over
    ``auto_now_add``."""
    if getattr(f, "auto_now_add", False) and getattr(obj, f.attname) is not None:
        return getattr(obj, f.attname)
    return f.pre_save(obj, True)


class Writer(UmumWriter):
    """Writes one village's rows through bulk inserts, keeping ``{old id: new id}`` maps."""

    def __init__(
        self, rows: dict[str, list[dict]], laporan: Laporan, *, tz: str, kode_desa: str
    ) -> None:
        self.rows = rows
        self.kode_desa = kode_desa
        self.laporan = laporan
        self.tz = ZoneInfo(tz)
        self.today = dt.datetime.now(self.tz).date()
        self.penduduk: dict[int, int] = {}
        self.keluarga: dict[int, int] = {}
        self.rt: dict[int, int] = {}
        self.files: dict[str, dict[Any, str]] = defaultdict(dict)  # kind → {new id: file name}

    def _aware(self, value: Any) -> dt.datetime | None:
        value = _datetime(value)
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=self.tz) if value.tzinfo is None else value
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(), tzinfo=self.tz)
        return None

    def _count(self, name: str, n: int) -> None:
        self.laporan.imported[name] = self.laporan.imported.get(name, 0) + n

    @staticmethod
    def _fit(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
        """Strings trimmed to the column size; NULL → '' for text columns."""
        for name, value in values.items():
            f = model._meta.get_field(name)
            if isinstance(f, models.CharField | models.TextField) and not f.null:
                text = _str(value)
                values[name] = text[: f.max_length] if f.max_length else text
        return values

    def _bulk(self, model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
        """Insert by COPY (several times faster than INSERT for tens of thousands of
        residents): ids come from the table's own sequence first, so references can be
        translated right away."""
        if objs:
            table = model._meta.db_table
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [connection.ops.quote_name(table), len(objs)],
                )
                ids = [row[0] for row in cur.fetchall()]
                fields = model._meta.concrete_fields
                columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
                sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
                # Plain columns go to psycopg as they are; only JSON, files and
                # auto timestamps need Django's preparation.
                special = [_needs_prep(f) for f in fields]
                attnames = [f.attname for f in fields]
                with cur.cursor.copy(sql) as copy:
                    for obj, pk in zip(objs, ids, strict=True):
                        obj.pk = pk
                        copy.write_row(
                            [
                                f.get_db_prep_save(_value(f, obj), connection)
                                if prep
                                else getattr(obj, name)
                                for f, prep, name in zip(fields, special, attnames, strict=True)
                            ]
                        )
        self._count(model._meta.label, len(objs))
        return objs

    def _update_fk(self, model: type[models.Model], column: str, pairs: Iterable[tuple]) -> None:
        pairs = list(pairs)
        if not pairs:
            return
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cur:
            cur.execute(
                f"UPDATE {table} t SET {column} = v.ref "  # noqa: S608 - names from models
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, ref) WHERE t.id = v.id",
                [[a for a, _ in pairs], [b for _, b in pairs]],
            )

    # -- profil -----------------------------------------------------------------

    def profil(self) -> None:
        from village_apps.profil.models import Aparatur, ProfilDesa

        config = (self.rows["config"] or [{}])[0]
        data = self._fit(
            ProfilDesa,
            {
                "nama_desa": config.get("nama_desa"),
                # Balai's register of villages is authoritative for the code.
                "kode_desa": self.kode_desa,
                "nama_kecamatan": config.get("nama_kecamatan"),
                "kode_kecamatan": kode_digits(config.get("kode_kecamatan"))[:6],
                "nama_kabupaten": config.get("nama_kabupaten"),
                "kode_kabupaten": kode_digits(config.get("kode_kabupaten"))[:4],
                "nama_provinsi": config.get("nama_propinsi"),
                "kode_provinsi": kode_digits(config.get("kode_propinsi"))[:2],
                "alamat_kantor": config.get("alamat_kantor"),
                "kode_pos": kode_digits(config.get("kode_pos"))[:5],
                "telepon": config.get("telepon"),
                "email": config.get("email_desa"),
                "website": config.get("website"),
                "nip_kepala_desa": config.get("nip_kepala_desa"),
            },
        )
        for coord in ("lat", "lng"):
            try:
                data[coord] = round(Decimal(_str(config.get(coord))), 6)
            except ArithmeticError:
                data[coord] = None
        jabatan = {r["id"]: _str(r.get("nama")) for r in self.rows["ref_jabatan"]}
        aparatur = []
        for r in sorted(self.rows["tweb_desa_pamong"], key=lambda r: _int(r.get("urut")) or 0):
            person = self.penduduk.get(_ref(r.get("id_pend")))
            nama = _str(r.get("pamong_nama")) or self._nama.get(_ref(r.get("id_pend")), "")
            title = jabatan.get(_ref(r.get("jabatan_id"))) or _str(r.get("jabatan"))
            if r.get("pamong_id") == config.get("pamong_id") or "kepala desa" in title.lower():
                data.setdefault("nama_kepala_desa", nama)
            aparatur.append(
                Aparatur(
                    **self._fit(
                        Aparatur,
                        {
                            "nama": nama,
                            "nip": r.get("pamong_nip"),
                            "nipd": r.get("pamong_niap"),
                            "jabatan": title or "-",
                            "no_sk": r.get("pamong_nosk"),
                            "pangkat_golongan": r.get("pamong_pangkat"),
                            "no_sk_berhenti": r.get("pamong_nohenti"),
                        },
                    ),
                    penduduk_id=person,
                    tanggal_sk=_date(r.get("pamong_tglsk")),
                    tanggal_sk_berhenti=_date(r.get("pamong_tglhenti")),
                    aktif=_str(r.get("pamong_status")) == "1",
                    boleh_ttd=_str(r.get("pamong_ttd")) == "1",
                    urutan=min(_int(r.get("urut")) or 0, 32767),
                )
            )
        data["nama_kepala_desa"] = _str(data.get("nama_kepala_desa"))[:100]
        ProfilDesa.objects.update_or_create(pk=1, defaults=data)
        self._count("profil.ProfilDesa", 1)
        self._bulk(Aparatur, aparatur)
        if _str(config.get("logo")):
            self.files["logo"][1] = _str(config["logo"])

    # -- wilayah ----------------------------------------------------------------

    def wilayah(self) -> None:
        from village_apps.wilayah.models import RT, RW, TANPA, Dusun

        units = self.rows["tweb_wil_clusterdesa"]
        names = sorted({_str(r.get("dusun")) or TANPA for r in units})
        dusun = {d.nama: d.pk for d in self._bulk(Dusun, [Dusun(nama=n) for n in names])}

        def rw_key(r: dict) -> tuple[str, str]:
            rw = _str(r.get("rw"))
            return (_str(r.get("dusun")) or TANPA, TANPA if rw in ("", "0") else rw)

        def rt_key(r: dict) -> tuple[str, str, str]:
            rt = _str(r.get("rt"))
            return (*rw_key(r), TANPA if rt in ("", "0") else rt)

        rw_keys = sorted({rw_key(r) for r in units})
        rws = self._bulk(RW, [RW(dusun_id=dusun[d], nama=n) for d, n in rw_keys])
        rw_ids = {k: o.pk for k, o in zip(rw_keys, rws, strict=True)}
        rt_keys = sorted({rt_key(r) for r in units})
        rts = self._bulk(RT, [RT(rw_id=rw_ids[k[:2]], nama=k[2]) for k in rt_keys])
        rt_ids = {k: o.pk for k, o in zip(rt_keys, rts, strict=True)}
        # A resident pointing at a dusun or RW row lands in its "-" placeholder leaf.
        self.rt = {r["id"]: rt_ids[rt_key(r)] for r in units}
        self._heads = [
            (r, dusun[rw_key(r)[0]], rw_ids[rw_key(r)], rt_ids[rt_key(r)]) for r in units
        ]

    def wilayah_heads(self) -> None:
        from village_apps.wilayah.models import RT, RW, Dusun

        pairs: dict[type, list] = {Dusun: [], RW: [], RT: []}
        for r, dusun_id, rw_id, rt_id in self._heads:
            head = self.penduduk.get(_ref(r.get("id_kepala")))
            if head is None:
                continue
            rt, rw = _str(r.get("rt")), _str(r.get("rw"))
            if rt == "0" and rw == "0":
                pairs[Dusun].append((dusun_id, head))
            elif rt == "0":
                pairs[RW].append((rw_id, head))
            else:
                pairs[RT].append((rt_id, head))
        self._update_fk(Dusun, "kepala_id", pairs[Dusun])
        self._update_fk(RW, "ketua_id", pairs[RW])
        self._update_fk(RT, "ketua_id", pairs[RT])

    # -- keluarga, rumah tangga, penduduk --------------------------------------

    def keluarga_penduduk(self) -> None:
        from village_apps.keluarga.models import Keluarga, RumahTangga
        from village_apps.penduduk.models import Penduduk

        families = self.rows["tweb_keluarga"]
        created = self._bulk(
            Keluarga,
            [
                Keluarga(
                    **self._fit(Keluarga, {"no_kk": r.get("no_kk"), "alamat": r.get("alamat")}),
                    wilayah_id=self.rt.get(_ref(r.get("id_cluster"))),
                    kelas_sosial=_ref(r.get("kelas_sosial")),
                    tgl_daftar=_date(r.get("tgl_daftar")),
                )
                for r in families
            ],
        )
        self.keluarga = {r["id"]: o.pk for r, o in zip(families, created, strict=True)}
        households = self.rows["tweb_rtm"]
        created = self._bulk(
            RumahTangga,
            [
                RumahTangga(
                    **self._fit(RumahTangga, {"no_rtm": r.get("no_kk"), "bdt": r.get("bdt")}),
                    tgl_daftar=_date(r.get("tgl_daftar")),
                )
                for r in households
            ],
        )
        rtm = {_str(r.get("no_kk")): o.pk for r, o in zip(households, created, strict=True)}

        codes = (
            "sex agama_id pendidikan_kk_id pendidikan_sedang_id pekerjaan_id status_kawin "
            "kk_level golongan_darah_id cacat_id sakit_menahun_id cara_kb_id hamil ktp_el "
            "status_rekam id_asuransi"
        ).split()
        texts = (
            "nik nama tempatlahir no_asuransi nama_ayah nama_ibu ayah_nik ibu_nik akta_lahir "
            "dokumen_pasport dokumen_kitas akta_perkawinan akta_perceraian suku tag_id_card "
            "alamat_sebelumnya alamat_sekarang telepon email"
        ).split()
        dates = "tanggallahir tanggal_akhir_paspor tanggalperkawinan tanggalperceraian".split()
        people = self.rows["tweb_penduduk"]
        objs = []
        for r in people:
            values: dict[str, Any] = {name: r.get(name) for name in texts}
            values["alamat"] = r.get("alamat_sekarang")
            obj = Penduduk(**self._fit(Penduduk, values))
            for name in codes:
                setattr(obj, name, _int(r.get(name)))
            for name in dates:
                setattr(obj, name, _date(r.get(name)))
            obj.warganegara_id = _int(r.get("warganegara_id")) or 1
            obj.status_dasar = _int(r.get("status_dasar")) or HIDUP
            obj.status = _int(r.get("status")) or 1
            obj.keluarga_id = self.keluarga.get(_ref(r.get("id_kk")))
            obj.rumah_tangga_id = rtm.get(_str(r.get("id_rtm")))
            obj.rtm_level = _ref(r.get("rtm_level")) if obj.rumah_tangga_id else None
            obj.wilayah_id = self.rt.get(_ref(r.get("id_cluster")))
            obj.created_at = self._aware(r.get("created_at"))
            objs.append(obj)
        created = self._bulk(Penduduk, objs)
        self.penduduk = {r["id"]: o.pk for r, o in zip(people, created, strict=True)}
        self._nama = {r["id"]: _str(r.get("nama")) for r in people}
        for r, o in zip(people, created, strict=True):
            if _str(r.get("foto")):
                self.files["penduduk"][o.pk] = _str(r["foto"])
        self._update_fk(
            Keluarga,
            "kepala_id",
            (
                (self.keluarga[r["id"]], self.penduduk[r["nik_kepala"]])
                for r in families
                if _ref(r.get("nik_kepala"))
            ),
        )
        self._update_fk(
            RumahTangga,
            "kepala_id",
            (
                (rtm[_str(r.get("no_kk"))], self.penduduk[r["nik_kepala"]])
                for r in households
                if _ref(r.get("nik_kepala"))
            ),
        )
        self.rtm = rtm

    # -- events ------------------------------------------------------------------

    def peristiwa(self) -> None:
        from village_apps.peristiwa.models import LogKeluarga, LogPenduduk

        sexes = {r["id"]: _int(r.get("sex")) for r in self.rows["tweb_penduduk"]}
        logs = []
        for r in self.rows["log_penduduk"]:
            tanggal = _date(r.get("tgl_peristiwa")) or _date(r.get("tgl_lapor"))
            lapor = _date(r.get("tgl_lapor")) or tanggal
            if tanggal is None:
                tanggal = lapor = _date(r.get("created_at")) or self.today
                self.laporan.warnings.append(
                    gettext("log_penduduk id=%(id)s: tanpa tanggal, dicatat pada %(tanggal)s.")
                    % {"id": r["id"], "tanggal": tanggal}
                )
            logs.append(
                LogPenduduk(
                    **self._fit(
                        LogPenduduk,
                        {
                            "meninggal_di": r.get("meninggal_di"),
                            "alamat_tujuan": r.get("alamat_tujuan"),
                            "catatan": r.get("catatan"),
                            "no_kk": r.get("no_kk"),
                        },
                    ),
                    penduduk_id=self.penduduk[r["id_pend"]],
                    kode_peristiwa=_int(r["kode_peristiwa"]),
                    tanggal_peristiwa=tanggal,
                    tanggal_lapor=lapor,
                    sex=sexes[r["id_pend"]] or 1,
                    ref_pindah=_ref(r.get("ref_pindah")),
                )
            )
        self._bulk(LogPenduduk, logs)
        # OpenSID's family events → Balai's: 1/5 new, 2 head died, 12 split; the rest
        # (head moved/lost/left, dissolved …) become "anggota keluar" with the code noted.
        kode = {1: 1, 5: 1, 2: 2, 12: 3}
        family_logs = [
            LogKeluarga(
                keluarga_id=self.keluarga[r["id_kk"]],
                kode=kode.get(_int(r.get("id_peristiwa")) or 0, 6),
                penduduk_id=self.penduduk.get(_ref(r.get("id_pend"))),
                tanggal=_date(r.get("tgl_peristiwa")) or self.today,
                catatan=f"OpenSID log_keluarga id_peristiwa={r.get('id_peristiwa')}",
            )
            for r in self.rows["log_keluarga"]
        ]
        self._bulk(LogKeluarga, family_logs)

    # -- groups and aid ------------------------------------------------------------

    def kelompok(self) -> None:
        from village_apps.kelompok.models import KategoriKelompok, Kelompok, KelompokAnggota

        masters = self.rows["kelompok_master"]
        seen: set[str] = set()
        cats = []
        for r in masters:
            nama = _str(r.get("kelompok"))[:100] or f"Kategori {r['id']}"
            while nama in seen:
                nama = f"{nama[:90]} ({r['id']})"
            seen.add(nama)
            cats.append(KategoriKelompok(nama=nama, deskripsi=_str(r.get("deskripsi"))[:255]))
        created = self._bulk(KategoriKelompok, cats)
        master = {r["id"]: o.pk for r, o in zip(masters, created, strict=True)}
        groups = self.rows["kelompok"]
        codes: set[str] = set()
        objs = []
        for r in groups:
            kode = _str(r.get("kode"))[:30]
            if not kode or kode in codes:
                kode = f"OPENSID-{r['id']}"
            codes.add(kode)
            objs.append(
                Kelompok(
                    kategori_id=master[r["id_master"]],
                    kode=kode,
                    nama=_str(r.get("nama"))[:100],
                    ketua_id=self.penduduk.get(_ref(r.get("id_ketua"))),
                    keterangan=_str(r.get("keterangan")),
                )
            )
        created = self._bulk(Kelompok, objs)
        self.kelompok_ids = {r["id"]: o.pk for r, o in zip(groups, created, strict=True)}
        members, pairs = [], set()
        for r in self.rows["kelompok_anggota"]:
            pair = (self.kelompok_ids[r["id_kelompok"]], self.penduduk[r["id_penduduk"]])
            if pair in pairs:
                self.laporan.warnings.append(
                    gettext("kelompok_anggota id=%(id)s: anggota ganda.") % {"id": r["id"]}
                )
                continue
            pairs.add(pair)
            members.append(
                KelompokAnggota(
                    kelompok_id=pair[0],
                    penduduk_id=pair[1],
                    jabatan=_str(r.get("jabatan"))[:50],
                    no_anggota=_str(r.get("no_anggota"))[:30],
                )
            )
        self._bulk(KelompokAnggota, members)

    def bantuan(self) -> None:
        from village_apps.bantuan.models import Peserta, Program

        programs = self.rows["program"]
        objs = []
        for r in programs:
            mulai = _date(r.get("sdate")) or _date(r.get("edate")) or self.today
            selesai = max(_date(r.get("edate")) or mulai, mulai)
            objs.append(
                Program(
                    nama=_str(r.get("nama"))[:150],
                    sasaran=_int(r.get("sasaran")),
                    asal_dana=ASAL_DANA.get(_str(r.get("asaldana")).lower(), 5),
                    keterangan=_str(r.get("ndesc")),
                    mulai=mulai,
                    selesai=selesai,
                    opensid_id=str(r["id"]),
                )
            )
        created = self._bulk(Program, objs)
        program = {r["id"]: (o.pk, o.sasaran) for r, o in zip(programs, created, strict=True)}
        by_nik = {_str(r.get("nik")): self.penduduk[r["id"]] for r in self.rows["tweb_penduduk"]}
        by_kk = {_str(r.get("no_kk")): self.keluarga[r["id"]] for r in self.rows["tweb_keluarga"]}
        by_group = {str(k): v for k, v in self.kelompok_ids.items()}
        target = {
            1: ("penduduk_id", by_nik),
            2: ("keluarga_id", by_kk),
            3: ("rumah_tangga_id", self.rtm),
            4: ("kelompok_id", by_group),
        }
        peserta, seen = [], set()
        for r in self.rows["program_peserta"]:
            program_id, sasaran = program[r["program_id"]]
            column, lookup = target[sasaran]
            ref = lookup[_str(r.get("peserta"))]
            if (program_id, ref) in seen:
                self.laporan.warnings.append(
                    gettext("program_peserta id=%(id)s: peserta ganda.") % {"id": r["id"]}
                )
                continue
            seen.add((program_id, ref))
            peserta.append(
                Peserta(
                    program_id=program_id,
                    no_peserta=_str(r.get("no_id_kartu"))[:50],
                    kartu_nik=_str(r.get("kartu_nik"))[:16],
                    **{column: ref},
                )
            )
        self._bulk(Peserta, peserta)

    # -- website, complaints, projects, budget ------------------------------------

    def web(self) -> None:
        from village_apps.web.models import Artikel, Kategori

        cats = self.rows["kategori"]
        # Slugs the village already uses (its own content) stay theirs.
        slugs: set[str] = set(Kategori.objects.values_list("slug", flat=True))

        def unique(text: str, fallback: str, size: int) -> str:
            base = (slugify(text) or fallback)[: size - 10]
            slug, n = base, 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            return slug

        created = self._bulk(
            Kategori,
            [
                Kategori(
                    nama=_str(r.get("kategori"))[:80] or f"Kategori {r['id']}",
                    slug=unique(_str(r.get("slug")) or _str(r.get("kategori")), "kategori", 90),
                )
                for r in cats
            ],
        )
        kategori = {r["id"]: o.pk for r, o in zip(cats, created, strict=True)}
        slugs = set(Artikel.objects.values_list("slug", flat=True))
        articles = self.rows["artikel"]
        objs = []
        for r in articles:
            terbit = _str(r.get("enabled")) == "1"
            objs.append(
                Artikel(
                    judul=_str(r.get("judul"))[:200] or f"Artikel {r['id']}",
                    slug=unique(_str(r.get("slug")) or _str(r.get("judul")), "artikel", 220),
                    kategori_id=kategori.get(_ref(r.get("id_kategori"))),
                    isi=_str(r.get("isi")),
                    terbit=terbit,
                    dibuat_pada=self._aware(r.get("tgl_upload")),
                    diterbitkan_pada=self._aware(r.get("tgl_upload"))
                    or (dt.datetime.now(self.tz) if terbit else None),
                )
            )
        created = self._bulk(Artikel, objs)
        for r, o in zip(articles, created, strict=True):
            if _str(r.get("gambar")):
                self.files["artikel"][o.pk] = _str(r["gambar"])

    def pengaduan(self) -> None:
        from village_apps.pengaduan.models import Pengaduan, Tanggapan
        from village_apps.pengaduan.services import kode_lacak_baru

        rows = self.rows["pengaduan"]
        top = [r for r in rows if not _ref(r.get("id_pengaduan"))]
        objs = []
        for r in top:
            kontak = _str(r.get("telepon")) or _str(r.get("email"))
            objs.append(
                Pengaduan(
                    kode_lacak=kode_lacak_baru(),
                    nama=_str(r.get("nama"))[:100],
                    kontak=kontak[:100],
                    judul=_str(r.get("judul"))[:150] or "-",
                    isi=_str(r.get("isi"))[:4000],
                    status=PENGADUAN_STATUS.get(_int(r.get("status")) or 1, "baru"),
                    dibuat_pada=self._aware(r.get("created_at")),
                )
            )
        created = self._bulk(Pengaduan, objs)
        ids = {r["id"]: o.pk for r, o in zip(top, created, strict=True)}
        for r, o in zip(top, created, strict=True):
            if _str(r.get("foto")):
                self.files["pengaduan"][o.pk] = _str(r["foto"])
        answers = []
        for r in rows:
            parent = ids.get(_ref(r.get("id_pengaduan")))
            if _ref(r.get("id_pengaduan")) and parent is None:
                self.laporan.warnings.append(
                    gettext("pengaduan id=%(id)s: tanggapan tanpa induk.") % {"id": r["id"]}
                )
            elif parent:
                answers.append(
                    Tanggapan(
                        pengaduan_id=parent,
                        isi=_str(r.get("isi"))[:4000],
                        status_baru=PENGADUAN_STATUS.get(_int(r.get("status")) or 1, "baru"),
                    )
                )
        self._bulk(Tanggapan, answers)

    def pembangunan(self) -> None:
        from village_apps.pembangunan.models import Proyek

        objs = []
        for r in self.rows["pembangunan"]:
            tahun = _int(r.get("tahun_anggaran"))
            if tahun is None or not 2015 <= tahun <= 2100:
                self.laporan.warnings.append(
                    gettext(
                        "pembangunan id=%(id)s: tahun anggaran %(tahun)s di luar 2015–2100, dilewati."
                    )
                    % {"id": r["id"], "tahun": tahun}
                )
                continue
            objs.append(
                Proyek(
                    nama=_str(r.get("judul"))[:200] or "-",
                    lokasi=_str(r.get("lokasi"))[:200] or "-",
                    sumber_dana=[s for s in [_str(r.get("sumber_dana"))] if s],
                    anggaran=Decimal(str(r.get("anggaran") or 0)),
                    pelaksana=_str(r.get("pelaksana_kegiatan"))[:200],
                    tahun=tahun,
                    volume=_str(r.get("volume"))[:100],
                    keterangan=_str(r.get("keterangan")),
                )
            )
        self._bulk(Proyek, objs)

    def keuangan(self) -> None:
        from village_apps.keuangan.models import Apbdes, BarisApbdes

        groups = {"4": "pendapatan", "5": "belanja", "6": "pembiayaan"}
        lines: dict[tuple[int, str, str], list[Decimal]] = {}
        for r in self.rows["keuangan_manual_rinci"]:
            tahun = _int(r.get("Tahun"))
            kode = _str(r.get("Kd_Rincian")) or _str(r.get("Kd_Keg")) or _str(r.get("Kd_Akun"))
            kelompok = groups.get(_str(r.get("Kd_Akun"))[:1])
            if tahun is None or kelompok is None or not 2015 <= tahun <= 2100:
                self.laporan.warnings.append(
                    gettext("keuangan_manual_rinci id=%(id)s: tahun/akun tidak dikenal, dilewati.")
                    % {"id": r["id"]}
                )
                continue
            total = lines.setdefault((tahun, kelompok, kode[:20]), [Decimal(0), Decimal(0)])
            total[0] += abs(Decimal(str(r.get("Nilai_Anggaran") or 0)))
            total[1] += abs(Decimal(str(r.get("Nilai_Realisasi") or 0)))
        years = sorted({k[0] for k in lines})
        created = self._bulk(Apbdes, [Apbdes(tahun=y) for y in years])
        apbdes = {y: o.pk for y, o in zip(years, created, strict=True)}
        self._bulk(
            BarisApbdes,
            [
                BarisApbdes(
                    apbdes_id=apbdes[tahun],
                    kelompok=kelompok,
                    kode=kode,
                    uraian=kode,
                    anggaran=anggaran,
                    realisasi_s2=realisasi,
                )
                for (tahun, kelompok, kode), (anggaran, realisasi) in sorted(lines.items())
            ],
        )

    def surat(self) -> None:
        """Archived letters stay records: number, date, subject, resident, and (from
        the folder zip's ``desa/arsip/``) the file OpenSID produced. Their formats come
        over inactive (OpenSID's RTF templates are not Balai's HTML ones) unless the
        village already has a format with the same code."""
        import hashlib
        import secrets

        from village_apps.surat.models import FormatSurat, SuratKeluar

        letters = self.rows["log_surat"]
        if not letters:
            return
        used = {r["id_format_surat"] for r in letters}
        existing = {f.slug: f.pk for f in FormatSurat.objects.only("pk", "slug")}
        fmt: dict[int, int] = {}
        new, new_rows = [], []
        for r in self.rows["tweb_surat_format"]:
            if r["id"] not in used:
                continue
            slug = slugify(_str(r.get("url_surat")))[:110] or f"opensid-{r['id']}"
            if slug in existing:
                fmt[r["id"]] = existing[slug]
                continue
            existing[slug] = 0
            new_rows.append(r)
            new.append(
                FormatSurat(
                    nama=_str(r.get("nama"))[:150] or slug,
                    slug=slug,
                    kode_surat=_str(r.get("kode_surat"))[:20],
                    isi=f"<p>{escape(_str(r.get('nama')))} (format arsip OpenSID)</p>",
                    aktif=False,
                    sumber="opensid",
                )
            )
        for r, o in zip(new_rows, self._bulk(FormatSurat, new), strict=True):
            fmt[r["id"]] = o.pk
        people = {r["id"]: r for r in self.rows["tweb_penduduk"]}
        per_year: Counter[int] = Counter()
        objs = []
        empty = hashlib.sha256(b"").hexdigest()
        for r in sorted(letters, key=lambda r: r["id"]):
            tanggal = _date(r.get("tanggal")) or self.today
            tahun = _int(r.get("tahun")) or tanggal.year
            per_year[tahun] += 1
            person = people.get(_ref(r.get("id_pend"))) or {}
            objs.append(
                SuratKeluar(
                    format_id=fmt[r["id_format_surat"]],
                    lingkup="opensid",
                    tahun=tahun,
                    nomor_urut=per_year[tahun],
                    nomor=_str(r.get("no_surat"))[:120] or "-",
                    token=secrets.token_urlsafe(32),
                    perihal=(_str(r.get("keterangan")) or _str(r.get("nama_surat")))[:200] or "-",
                    tanggal=tanggal,
                    penduduk_id=self.penduduk.get(_ref(r.get("id_pend"))),
                    nama_warga=(_str(person.get("nama")) or _str(r.get("nama_non_warga")))[:150],
                    nik_warga=(_str(person.get("nik")) or _str(r.get("nik_non_warga")))[:16],
                    data={"sumber": "opensid", "berkas": _str(r.get("nama_surat"))},
                    pdf=b"",
                    pdf_sha256=empty,
                    dibuat_oleh="Impor OpenSID",
                )
            )
        created = self._bulk(SuratKeluar, objs)
        for r, o in zip(sorted(letters, key=lambda r: r["id"]), created, strict=True):
            if _str(r.get("nama_surat")):
                self.files["surat"][o.pk] = _str(r["nama_surat"])

    def write_all(self) -> None:
        self.wilayah()
        self.keluarga_penduduk()
        self.wilayah_heads()
        self.profil()
        self.peristiwa()
        self.kelompok()
        self.bantuan()
        self.web()
        if self.rows["pengaduan"]:
            self.pengaduan()
        self.pembangunan()
        self.keuangan()
        self.surat()
        self.produk_hukum()
        self.inventaris()
        self.tanah()
