"""What fills the ``[kode]`` fields: the village, the resident, the letter, the signer,
and the template's own extra fields (``form_*``).

Values are plain strings keyed by the lowercase kode; ``merge.render`` applies the
case rule of each occurrence. ``KNOWN_FIELDS`` is the set the importer checks
templates against.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.surat.merge import bulan_romawi, tanggal_indo
from village_apps.wilayah.alamat import address_line, unit_name

VILLAGE_FIELDS = (
    "nama_desa",
    "kode_desa",
    "sebutan_desa",
    "nama_kecamatan",
    "kode_kecamatan",
    "sebutan_kecamatan",
    "sebutan_camat",
    "nama_kabupaten",
    "kode_kabupaten",
    "sebutan_kabupaten",
    "nama_provinsi",
    "kode_provinsi",
    "alamat_desa",
    "kode_pos",
    "sebutan_dusun",
    "sebutan_kepala_desa",
    "sebutan_nip_desa",
    "nama_kepala_desa",
)
# A resident's records that many people do not have (no passport, never divorced): a
# letter prints "-" for them, as Dukcapil forms do, instead of a blank.
RESIDENT_DASH_FIELDS = (
    "gol_darah",
    "nik_ayah",
    "nik_ibu",
    "akta_lahir",
    "akta_perkawinan",
    "tanggalperkawinan",
    "akta_perceraian",
    "tanggalperceraian",
    "dokumen_pasport",
    "tanggal_akhir_paspor",
    "alamat_sebelumnya",
    "cacat",
    "pendidikan_sedang",
)
RESIDENT_FIELDS = (
    "nik",
    "nama",
    "tempatlahir",
    "tanggallahir",
    "ttl",
    "usia",
    "jenis_kelamin",
    "agama",
    "pekerjaan",
    "status_kawin",
    "warga_negara",
    "pendidikan_kk",
    "alamat",
    "dusun",
    "rw",
    "rt",
    "no_kk",
    "kepala_kk",
    "hubungan_kk",
    "nama_ayah",
    "nama_ibu",
    *RESIDENT_DASH_FIELDS,
)
LETTER_FIELDS = (
    "judul_surat",
    "kode_surat",
    "nomor_surat",
    "format_nomor_surat",
    "tgl_surat",
    "tahun",
    "bulan_romawi",
    "mulai_berlaku",
    "berlaku_sampai",
    "qr_code",
)
SIGNER_FIELDS = ("nama_pamong", "nip_pamong", "jabatan", "atas_nama")
SIGNER_FIELDS_NIP = ("sebutan_nip_desa", "nip_pamong")
KNOWN_FIELDS = frozenset(VILLAGE_FIELDS + RESIDENT_FIELDS + LETTER_FIELDS + SIGNER_FIELDS)
# Markup produced by Balai itself, inserted unescaped.
RAW_FIELDS = ("qr_code",)
# Fields given at issue whatever the data: the number and the QR (a preview shows
# stand-ins), so the pre-issue check does not look at them.
ISSUE_FIELDS = frozenset({"nomor_surat", "format_nomor_surat", "qr_code"})
# Fields that may stay empty on a letter: the signer's NIP (a village head who is not
# a civil servant has none; the "NIP" label then disappears with it).
MAY_BE_EMPTY = frozenset(SIGNER_FIELDS_NIP)

# What the pre-issue check calls a field in its messages.
FIELD_NAMES = {
    "nama_desa": _("nama desa"),
    "kode_desa": _("kode desa"),
    "nama_kecamatan": _("nama kecamatan"),
    "kode_kecamatan": _("kode kecamatan"),
    "nama_kabupaten": _("nama kabupaten/kota"),
    "kode_kabupaten": _("kode kabupaten/kota"),
    "nama_provinsi": _("nama provinsi"),
    "kode_provinsi": _("kode provinsi"),
    "alamat_desa": _("alamat kantor desa"),
    "kode_pos": _("kode pos"),
    "nama_kepala_desa": _("nama kepala desa"),
    "nik": _("NIK"),
    "nama": _("nama"),
    "tempatlahir": _("tempat lahir"),
    "tanggallahir": _("tanggal lahir"),
    "ttl": _("tempat/tanggal lahir"),
    "usia": _("umur (tanggal lahir)"),
    "jenis_kelamin": _("jenis kelamin"),
    "agama": _("agama"),
    "pekerjaan": _("pekerjaan"),
    "status_kawin": _("status perkawinan"),
    "warga_negara": _("kewarganegaraan"),
    "pendidikan_kk": _("pendidikan dalam KK"),
    "alamat": _("alamat"),
    "dusun": _("dusun"),
    "rw": _("RW"),
    "rt": _("RT"),
    "no_kk": _("nomor KK"),
    "kepala_kk": _("kepala keluarga"),
    "hubungan_kk": _("hubungan dalam keluarga"),
    "nama_ayah": _("nama ayah"),
    "nama_ibu": _("nama ibu"),
    "mulai_berlaku": _("tanggal mulai berlaku"),
    "berlaku_sampai": _("tanggal berlaku sampai"),
}


def sebutan_kepala(jenis: str) -> str:
    """What the head of the village is called: "Lurah" in a kelurahan."""
    return "Lurah" if jenis == "kelurahan" else "Kepala Desa"


def village_values(profil: Any, *, jenis: str = "desa") -> dict[str, str]:
    """Identity of the village from its profile (``profil.ProfilDesa``)."""
    kabupaten = profil.nama_kabupaten or ""
    is_kota = kabupaten.lower().startswith("kota")
    sebutan_desa = "Kelurahan" if jenis == "kelurahan" else "Desa"
    return {
        "nama_desa": profil.nama_desa,
        "kode_desa": profil.kode_desa,
        "sebutan_desa": sebutan_desa,
        "nama_kecamatan": profil.nama_kecamatan,
        "kode_kecamatan": profil.kode_kecamatan,
        "sebutan_kecamatan": "Kecamatan",
        "sebutan_camat": "Camat",
        # OpenSID writes "[sebutan_kabupaten] [nama_kabupaten]": drop a leading "Kota"/"Kabupaten".
        "nama_kabupaten": kabupaten.removeprefix("Kota ").removeprefix("Kabupaten ")
        if kabupaten
        else "",
        "kode_kabupaten": profil.kode_kabupaten,
        "sebutan_kabupaten": "Kota" if is_kota else "Kabupaten",
        "nama_provinsi": profil.nama_provinsi,
        "kode_provinsi": profil.kode_provinsi,
        "alamat_desa": profil.alamat_kantor,
        "kode_pos": profil.kode_pos,
        "sebutan_dusun": "Dusun",
        "sebutan_kepala_desa": sebutan_kepala(jenis),
        "sebutan_nip_desa": "NIP",
        "nama_kepala_desa": profil.nama_kepala_desa,
    }


def _display(obj: Any, field: str) -> str:
    """A choice field's label ("" when unset)."""
    if getattr(obj, field) is None:
        return ""
    return str(getattr(obj, f"get_{field}_display")())


def age_on(born: dt.date | None, today: dt.date) -> str:
    if born is None:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{years} tahun"


def resident_values(penduduk: Any, *, today: dt.date) -> dict[str, str]:
    """A resident's fields from a ``penduduk.Penduduk``, with its RT → RW → dusun and
    family already loaded (``select_related``; see ``selectors.penduduk_for_letter``).

    ``dusun``/``rw``/``rt`` are the bare names (templates write "[Sebutan_dusun]
    [Dusun]"); ``alamat`` is the whole address through the one formatter
    (``wilayah.alamat``), so neither can print "Dusun Dusun Krajan"."""
    if penduduk is None:
        return {}
    born = penduduk.tanggallahir
    unit = penduduk.wilayah if penduduk.wilayah_id is not None else None
    keluarga = penduduk.keluarga
    kepala = keluarga.kepala if keluarga is not None else None
    values = {
        "nik": penduduk.nik,
        "nama": penduduk.nama,
        "tempatlahir": penduduk.tempatlahir,
        "tanggallahir": tanggal_indo(born),
        # Both parts or nothing: "Lampung Selatan, " is not a place and date of birth.
        "ttl": f"{penduduk.tempatlahir}, {tanggal_indo(born)}"
        if penduduk.tempatlahir and born
        else "",
        "usia": age_on(born, today),
        "jenis_kelamin": _display(penduduk, "sex"),
        "agama": _display(penduduk, "agama_id"),
        "pekerjaan": _display(penduduk, "pekerjaan_id"),
        "status_kawin": _display(penduduk, "status_kawin"),
        "warga_negara": _display(penduduk, "warganegara_id"),
        "pendidikan_kk": _display(penduduk, "pendidikan_kk_id"),
        "gol_darah": _display(penduduk, "golongan_darah_id"),
        "alamat": address_line(penduduk.alamat, unit),
        "dusun": unit_name(unit.rw.dusun.nama, "dusun") if unit else "",
        "rw": unit_name(unit.rw.nama, "rw") if unit else "",
        "rt": unit_name(unit.nama, "rt") if unit else "",
        "no_kk": keluarga.no_kk if keluarga is not None else "",
        "kepala_kk": kepala.nama if kepala is not None else "",
        "hubungan_kk": _display(penduduk, "kk_level"),
        "nama_ayah": penduduk.nama_ayah,
        "nama_ibu": penduduk.nama_ibu,
        "nik_ayah": penduduk.ayah_nik,
        "nik_ibu": penduduk.ibu_nik,
        "akta_lahir": penduduk.akta_lahir,
        "akta_perkawinan": penduduk.akta_perkawinan,
        "tanggalperkawinan": tanggal_indo(penduduk.tanggalperkawinan),
        "akta_perceraian": penduduk.akta_perceraian,
        "tanggalperceraian": tanggal_indo(penduduk.tanggalperceraian),
        "dokumen_pasport": penduduk.dokumen_pasport,
        "tanggal_akhir_paspor": tanggal_indo(penduduk.tanggal_akhir_paspor),
        "alamat_sebelumnya": penduduk.alamat_sebelumnya,
        "cacat": _display(penduduk, "cacat_id"),
        "pendidikan_sedang": _display(penduduk, "pendidikan_sedang_id"),
    }
    for key in RESIDENT_DASH_FIELDS:
        values[key] = (values[key] or "").strip() or "-"
    return values


# A resident with every field filled: what the template check (on save and import) and
# its example page merge a template with, so that only the template's own gaps show.
EXAMPLE_RESIDENT = {
    "nik": "1801040000000001",
    "nama": "Budi Santoso",
    "tempatlahir": "Lampung Selatan",
    "tanggallahir": "17 Mei 1990",
    "ttl": "Lampung Selatan, 17 Mei 1990",
    "usia": "35 tahun",
    "jenis_kelamin": "Laki-laki",
    "agama": "Islam",
    "pekerjaan": "Petani/Pekebun",
    "status_kawin": "Kawin",
    "warga_negara": "WNI",
    "pendidikan_kk": "SLTA/Sederajat",
    "gol_darah": "O",
    "alamat": "Jl. Melati No. 5 RT 001 RW 002 Dusun Mawar",
    "dusun": "Mawar",
    "rw": "002",
    "rt": "001",
    "no_kk": "1801040000000002",
    "kepala_kk": "Budi Santoso",
    "hubungan_kk": "Kepala Keluarga",
    "nama_ayah": "Slamet",
    "nama_ibu": "Sri Wahyuni",
    "nik_ayah": "1801040000000003",
    "nik_ibu": "1801040000000004",
    "akta_lahir": "1801-LT-01012000-0001",
    "akta_perkawinan": "-",
    "tanggalperkawinan": "-",
    "akta_perceraian": "-",
    "tanggalperceraian": "-",
    "dokumen_pasport": "-",
    "tanggal_akhir_paspor": "-",
    "alamat_sebelumnya": "-",
    "cacat": "-",
    "pendidikan_sedang": "-",
}


def letter_values(
    *,
    judul: str,
    kode_surat: str,
    nomor_urut: int | None,
    nomor: str,
    tanggal: dt.date,
    berlaku_dari: dt.date | None,
    berlaku_sampai: dt.date | None,
    qr: str,
) -> dict[str, str]:
    return {
        "judul_surat": judul,
        "kode_surat": kode_surat,
        "nomor_surat": "" if nomor_urut is None else str(nomor_urut),
        "format_nomor_surat": nomor,
        "tgl_surat": tanggal_indo(tanggal),
        "tahun": str(tanggal.year),
        "bulan_romawi": bulan_romawi(tanggal.month),
        "mulai_berlaku": tanggal_indo(berlaku_dari),
        "berlaku_sampai": tanggal_indo(berlaku_sampai),
        "qr_code": qr,
    }


def signer_values(
    *,
    nama: str,
    nip: str,
    jabatan: str,
    nama_desa: str,
    sebutan_nip: str = "NIP",
    jenis: str = "desa",
) -> dict[str, str]:
    """The signer; ``atas_nama`` adds "a.n." when someone other than the head signs.

    Without a NIP both the number and its label ("NIP") are empty: a blank line under
    the name, never "NIP -"."""
    kepala = sebutan_kepala(jenis)
    head = f"{kepala} {nama_desa}"
    atas_nama = (
        head
        if jabatan.lower() in {"", "kepala desa", "kades", "lurah"}
        else f"a.n. {head} {jabatan}"
    )
    nip = (nip or "").strip()
    return {
        "nama_pamong": nama,
        "nip_pamong": nip if nip not in {"", "-"} else "",
        "sebutan_nip_desa": sebutan_nip if nip not in {"", "-"} else "",
        "jabatan": jabatan or kepala,
        "atas_nama": atas_nama,
    }


def form_values(kode_isian: list[dict], isian: dict[str, str]) -> dict[str, str]:
    """The template's extra fields as filled in (missing ones empty)."""
    values = {}
    for field in kode_isian:
        kode = field["kode"].strip("[]").lower()
        values[kode] = str(isian.get(kode, "") or "")
    return values


def format_number(
    fmt: str, *, kode_surat: str, nomor_urut: int, kode_desa: str, tanggal: dt.date
) -> str:
    """Format the letter number (OpenSID's ``[kode_surat]/[nomor_surat, 3]/…``).

    No case rules here: numbers are printed as formatted (``XI`` stays ``XI``)."""
    from village_apps.surat.merge import FIELD_RE

    values = {
        "kode_surat": kode_surat,
        "nomor_surat": str(nomor_urut),
        "kode_desa": kode_desa,
        "bulan_romawi": bulan_romawi(tanggal.month),
        "bulan": f"{tanggal.month:02d}",
        "tahun": str(tanggal.year),
    }

    def substitute(match) -> str:  # noqa: ANN001
        key, width = match.group(1).lower(), match.group(2)
        if key not in values:
            return match.group(0)
        value = values[key]
        return value.zfill(int(width)) if width else value

    return FIELD_RE.sub(substitute, fmt)
