"""The people a letter names (``pihak``): its subject and everyone else the template
prints — the reporter, the witnesses, the parents, the spouse, the proxy, the buyer —
each taken from the register or typed in for someone who is not on it.

One structure serves the letter, its attachment forms and its archive, frozen on the
issued letter as ``SuratKeluar.pihak``::

    {
      "subjek":  {"sumber": "penduduk", "penduduk_id": 12, "nik": "…", "nama": "…", …,
                  "peristiwa": {"tanggal_kelahiran": "2026-12-01", "jam_kelahiran": "08:15",
                                "tempat_dilahirkan": "…", "kelahiran_anak": "2", …}},
      "pelapor": {"sumber": "penduduk", "penduduk_id": 40, …, "hubungan": "Ayah"},
      "saksi_1": {"sumber": "luar", "penduduk_id": null, "nik": "…", "nama": "…", …},
      "pengikut": [{…}, {…}]          # the one list: family members who come along
    }

Every person (:class:`Orang`) has the same keys (:data:`ORANG_KEYS`): identity as codes
of OpenSID's lists (``sex``, ``agama_id``, ``pekerjaan_id``, ``warganegara_id``,
``status_kawin``; the Dukcapil forms print codes, the letter prints their labels),
``tanggallahir`` as an ISO date, ``hubungan`` (relation to the subject, as typed) and
``peristiwa`` (event fields: the birth of the baby or the death of the deceased, who are
the subject of OpenSID's Keterangan Kelahiran / Kematian; keys in :data:`PERISTIWA`).

OpenSID names a role's merge fields ``<field>_<suffix>`` (``[nama_pelapor]``,
``[tempat_tgl_lahir_saksi_i]``, ``[pekerjaan_penerima_kuasa]``): :data:`PERAN` lists
each role with its suffixes, :func:`orang_values` the fields of one person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.referensi import Agama, Pekerjaan, Sex, StatusKawin, Warganegara
from village_apps.surat.merge import tanggal_indo
from village_apps.wilayah.alamat import address_line

SUBJEK = "subjek"
PENGIKUT = "pengikut"


class SumberOrang(models.TextChoices):
    PENDUDUK = "penduduk", _("Data penduduk desa")
    LUAR = "luar", _("Bukan penduduk terdaftar (diketik)")


@dataclass(frozen=True)
class Peran:
    """A role a template can name: ``akhiran`` are OpenSID's suffixes of its fields."""

    slug: str
    nama: Any  # lazy translation
    akhiran: tuple[str, ...]


# In the order the letter's form shows them.
PERAN: dict[str, Peran] = {
    p.slug: p
    for p in (
        Peran("ayah", _("Ayah"), ("ayah",)),
        Peran("ibu", _("Ibu"), ("ibu",)),
        Peran("pasangan", _("Pasangan / calon pasangan"), ("pasangan", "cpw", "dcpw")),
        Peran("pelapor", _("Pelapor"), ("pelapor",)),
        Peran("saksi_1", _("Saksi 1"), ("saksi_i", "saksi_1", "saksi1")),
        Peran("saksi_2", _("Saksi 2"), ("saksi_ii", "saksi_2", "saksi2")),
        Peran("kuasa", _("Penerima kuasa"), ("penerima_kuasa", "kuasa")),
        Peran("penjual", _("Penjual"), ("penjual",)),
        Peran("pembeli", _("Pembeli"), ("pembeli",)),
        Peran("penerima_izin", _("Penerima izin"), ("penerima_izin",)),
    )
}

# A person's merge fields, without the role's suffix (the subject's are these bare).
ORANG_FIELDS = (
    "nik",
    "nama",
    "tempatlahir",
    "tanggallahir",
    "ttl",
    "tempat_tgl_lahir",
    "usia",
    "jenis_kelamin",
    "agama",
    "pekerjaan",
    "warga_negara",
    "status_kawin",
    "alamat",
    "no_kk",
    "hubungan",
)

# Event fields (typed on the letter's form, kept in the subject's ``peristiwa``): the
# merge code, its label, its input type. ``hari_*`` is the weekday of the date.
PERISTIWA: dict[str, tuple[tuple[str, Any, str], ...]] = {
    "kelahiran": (
        ("tanggal_kelahiran", _("Tanggal lahir"), "date"),
        ("jam_kelahiran", _("Jam lahir"), "time"),
        ("tempat_dilahirkan", _("Tempat dilahirkan (RS, puskesmas, rumah, …)"), "text"),
        ("kelahiran_anak", _("Kelahiran anak ke-"), "number"),
        ("berat_lahir", _("Berat bayi (gram)"), "number"),
        ("panjang_lahir", _("Panjang bayi (cm)"), "number"),
        ("penolong_kelahiran", _("Penolong kelahiran"), "text"),
        ("jenis_kelahiran", _("Jenis kelahiran (tunggal, kembar 2, …)"), "text"),
    ),
    "kematian": (
        ("tanggal_kematian", _("Tanggal meninggal"), "date"),
        ("jam_kematian", _("Jam meninggal"), "time"),
        ("tempat_kematian", _("Tempat meninggal"), "text"),
        ("penyebab_kematian", _("Sebab kematian"), "text"),
        ("yang_menerangkan_kematian", _("Yang menerangkan (dokter, tenaga kesehatan, …)"), "text"),
    ),
}
HARI_PERISTIWA = {"hari_kelahiran": "tanggal_kelahiran", "hari_kematian": "tanggal_kematian"}
PERISTIWA_CODES = frozenset(
    {kode for group in PERISTIWA.values() for kode, _n, _t in group} | set(HARI_PERISTIWA)
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_CODE_LISTS = {
    "sex": Sex,
    "agama_id": Agama,
    "pekerjaan_id": Pekerjaan,
    "warganegara_id": Warganegara,
    "status_kawin": StatusKawin,
}


def _label(code_list: str, value: int | None) -> str:
    if value is None:
        return ""
    try:
        return str(_CODE_LISTS[code_list](value).label)
    except ValueError:
        return ""


@dataclass(frozen=True)
class Orang:
    """One person a letter names, as frozen on the letter (see the module docstring)."""

    sumber: str
    nama: str
    nik: str = ""
    penduduk_id: int | None = None
    tempatlahir: str = ""
    tanggallahir: str = ""  # ISO date, "" when unknown
    sex: int | None = None
    agama_id: int | None = None
    pekerjaan_id: int | None = None
    warganegara_id: int | None = None
    status_kawin: int | None = None
    alamat: str = ""
    no_kk: str = ""
    hubungan: str = ""
    peristiwa: dict[str, str] = field(default_factory=dict)

    @property
    def luar(self) -> bool:
        return self.sumber == SumberOrang.LUAR

    @property
    def tanggal_lahir(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.tanggallahir) if self.tanggallahir else None
        except ValueError:
            return None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Orang:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def from_penduduk(cls, penduduk: Any, *, hubungan: str = "") -> Orang:
        """A resident on the register (RT → RW → dusun and family loaded)."""
        unit = penduduk.wilayah if penduduk.wilayah_id is not None else None
        keluarga = penduduk.keluarga if penduduk.keluarga_id is not None else None
        born = penduduk.tanggallahir
        return cls(
            sumber=SumberOrang.PENDUDUK,
            penduduk_id=penduduk.pk,
            nik=penduduk.nik,
            nama=penduduk.nama,
            tempatlahir=penduduk.tempatlahir,
            tanggallahir=born.isoformat() if born else "",
            sex=penduduk.sex,
            agama_id=penduduk.agama_id,
            pekerjaan_id=penduduk.pekerjaan_id,
            warganegara_id=penduduk.warganegara_id,
            status_kawin=penduduk.status_kawin,
            alamat=address_line(penduduk.alamat, unit),
            no_kk=keluarga.no_kk if keluarga is not None else "",
            hubungan=hubungan,
        )


def usia(born: dt.date | None, today: dt.date) -> str:
    if born is None:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{years} tahun"


def orang_values(orang: Orang | None, *, today: dt.date) -> dict[str, str]:
    """One person's merge fields (:data:`ORANG_FIELDS`), labels for codes; every field
    present (empty when unknown, or when there is no such person)."""
    if orang is None:
        return dict.fromkeys(ORANG_FIELDS, "")
    born = orang.tanggal_lahir
    ttl = f"{orang.tempatlahir}, {tanggal_indo(born)}" if orang.tempatlahir and born else ""
    return {
        "nik": orang.nik,
        "nama": orang.nama,
        "tempatlahir": orang.tempatlahir,
        "tanggallahir": tanggal_indo(born),
        "ttl": ttl,
        "tempat_tgl_lahir": ttl,
        "usia": usia(born, today),
        "jenis_kelamin": _label("sex", orang.sex),
        "agama": _label("agama_id", orang.agama_id),
        "pekerjaan": _label("pekerjaan_id", orang.pekerjaan_id),
        "warga_negara": _label("warganegara_id", orang.warganegara_id),
        "status_kawin": _label("status_kawin", orang.status_kawin),
        "alamat": orang.alamat,
        "no_kk": orang.no_kk,
        "hubungan": orang.hubungan,
    }


def role_codes(peran: Peran) -> set[str]:
    return {f"{base}_{akhiran}" for akhiran in peran.akhiran for base in ORANG_FIELDS}


def peran_values(pihak: dict[str, Orang], *, today: dt.date) -> dict[str, str]:
    """Every role's merge fields (empty for roles the letter has no one for)."""
    values: dict[str, str] = {}
    for peran in PERAN.values():
        person = orang_values(pihak.get(peran.slug), today=today)
        for akhiran in peran.akhiran:
            values.update({f"{base}_{akhiran}": v for base, v in person.items()})
    return values


def peristiwa_values(orang: Orang | None) -> dict[str, str]:
    """The subject's event fields: dates in words, the weekday of each date."""
    data = orang.peristiwa if orang is not None else {}
    values = {}
    for group in PERISTIWA.values():
        for kode, _nama, tipe in group:
            value = str(data.get(kode, "") or "")
            if tipe == "date" and value:
                try:
                    value = tanggal_indo(dt.date.fromisoformat(value))
                except ValueError:
                    value = ""
            values[kode] = value
    for hari, tanggal in HARI_PERISTIWA.items():
        try:
            values[hari] = HARI[dt.date.fromisoformat(data.get(tanggal, "")).weekday()]
        except (TypeError, ValueError):
            values[hari] = ""
    return values


def peran_used(codes: set[str], *, known: frozenset[str]) -> list[Peran]:
    """The roles whose fields a template prints (beyond fields filled otherwise, such
    as the subject's own ``nama_ayah``), in the form's order."""
    return [p for p in PERAN.values() if (role_codes(p) - known) & codes]


def peristiwa_codes(jenis: str) -> set[str]:
    """The merge codes of one event group, its weekday included."""
    codes = {kode for kode, _nama, _tipe in PERISTIWA[jenis]}
    return codes | {hari for hari, tanggal in HARI_PERISTIWA.items() if tanggal in codes}


def peristiwa_used(codes: set[str]) -> list[str]:
    """The event groups ("kelahiran", "kematian") whose fields a template prints."""
    return [jenis for jenis in PERISTIWA if codes & peristiwa_codes(jenis)]


def pihak_json(pihak: dict[str, Any]) -> dict[str, Any]:
    """The frozen form of a letter's people (for ``SuratKeluar.pihak``)."""
    out: dict[str, Any] = {}
    for role, value in pihak.items():
        if isinstance(value, list):
            out[role] = [o.as_json() for o in value]
        elif value is not None:
            out[role] = value.as_json()
    return out


def pihak_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The people of an issued letter back as :class:`Orang` (lists stay lists)."""
    out: dict[str, Any] = {}
    for role, value in (data or {}).items():
        if isinstance(value, list):
            out[role] = [Orang.from_json(v) for v in value if isinstance(v, dict)]
        elif isinstance(value, dict):
            out[role] = Orang.from_json(value)
    return out


def pihak_daftar(data: dict[str, Any]) -> list[tuple[str, Orang]]:
    """The other people of an issued letter as ``(role label, person)``, in the form's
    order, for its detail page (the subject has its own line)."""
    people = pihak_from_json(data)
    rows = [(str(p.nama), people[p.slug]) for p in PERAN.values() if p.slug in people]
    rows += [(str(_("Pengikut")), o) for o in people.get(PENGIKUT, [])]
    return rows
