"""What fills the ``[kode]`` fields: the village, the resident, the letter, the signer,
and the template's own extra fields (``form_*``).

Values are plain strings keyed by the lowercase kode; ``merge.render`` applies the
case rule of each occurrence. ``KNOWN_FIELDS`` is the set the importer checks
templates against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.surat import pihak as pihak_mod
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
    "id_bdt",
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
# The camat, for letters the camat acknowledges (from the letter settings).
CAMAT_FIELDS = ("nama_kepala_camat", "nip_kepala_camat")
BASE_FIELDS = frozenset(
    VILLAGE_FIELDS + RESIDENT_FIELDS + LETTER_FIELDS + SIGNER_FIELDS + CAMAT_FIELDS
)
# The other people a letter names (``pihak.PERAN``: ``[nama_pelapor]``, ``[nik_saksi_i]``…).
ROLE_FIELDS = frozenset(
    code for peran in pihak_mod.PERAN.values() for code in pihak_mod.role_codes(peran)
)
# The subject's family on the register, in KK order (OpenSID's ``[klg1_nama]`` …): rows of
# a table, so a family smaller than the table leaves its last rows empty.
KELUARGA_MAX = 10
KELUARGA_BASE = (
    "no",
    "nik",
    "nama",
    "ttl",
    "tempatlahir",
    "tanggallahir",
    "jenis_kelamin",
    "hubungan_kk",
    "agama",
    "pekerjaan",
    "alamat",
    "status_kawin",
    "warga_negara",
)
KELUARGA_FIELDS = frozenset(
    f"klg{n}_{base}" for n in range(1, KELUARGA_MAX + 1) for base in KELUARGA_BASE
)
# Tables of the family members who come along (``pihak["pengikut"]``), made by Balai.
PENGIKUT_FIELDS = ("pengikut_surat", "pengikut_pindah", "pengikut_kis")
# Fields no record holds, typed on the letter's form though the template does not list
# them among its own (``kode_isian``).
TYPED_FIELDS: dict[str, dict[str, Any]] = {
    "pengikut_kartu_kis": {
        "kode": "pengikut_kartu_kis",
        "nama": _("Identitas yang tertulis pada kartu KIS"),
        "tipe": "textarea",
        "required": True,
    },
}
# Codes OpenSID's templates write for a field under another name (typos included): the
# alias prints the field's value.
ALIASES = {
    "nomer_surat": "nomor_surat",
    "nama_dusun": "dusun",
    "nama_rw": "rw",
    "nama_rt": "rt",
    "form_pelapor": "nama_pelapor",
    "form_asal_kepmilikan_tanah": "form_asal_kepemilikan_tanah",
    "tempat_dilahirkann": "tempat_dilahirkan",
}
KNOWN_FIELDS = frozenset(
    BASE_FIELDS
    | ROLE_FIELDS
    | pihak_mod.PERISTIWA_CODES
    | KELUARGA_FIELDS
    | set(PENGIKUT_FIELDS)
    | set(TYPED_FIELDS)
    | set(ALIASES)
)
# Markup produced by Balai itself, inserted unescaped.
RAW_FIELDS = ("qr_code", *PENGIKUT_FIELDS)
# Fields given at issue whatever the data: the number and the QR (a preview shows
# stand-ins), so the pre-issue check does not look at them.
ISSUE_FIELDS = frozenset({"nomor_surat", "nomer_surat", "format_nomor_surat", "qr_code"})
# Fields that may stay empty on a letter: the signer's NIP (a village head who is not
# a civil servant has none; the "NIP" label then disappears with it).
# So may the rows of a family table past the family's size (``KELUARGA_FIELDS``).
MAY_BE_EMPTY = frozenset(SIGNER_FIELDS_NIP) | KELUARGA_FIELDS

# Filled on the letter's form (besides the template's own fields): the other people,
# the subject's event, Balai's typed fields.
FILLED_ON_FORM = ROLE_FIELDS | pihak_mod.PERISTIWA_CODES | frozenset(TYPED_FIELDS)

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
    "hubungan": _("hubungan dengan yang bersangkutan"),
    "nama_ayah": _("nama ayah"),
    "nama_ibu": _("nama ibu"),
    "id_bdt": _("nomor BDT rumah tangga"),
    "nama_kepala_camat": _("nama camat"),
    "nip_kepala_camat": _("NIP camat"),
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
        "id_bdt": penduduk.rumah_tangga.bdt if penduduk.rumah_tangga_id is not None else "",
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
    "id_bdt": "180104000123",
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


def outsider_values(orang: pihak_mod.Orang, *, today: dt.date) -> dict[str, str]:
    """A subject who is not on the register (typed in): the person's own fields; what
    only the register knows (unit, family, records) prints "-"."""
    values = dict.fromkeys(RESIDENT_FIELDS, "-")
    person = pihak_mod.orang_values(orang, today=today)
    values.update({k: v for k, v in person.items() if k in RESIDENT_FIELDS})
    values["no_kk"] = orang.no_kk or "-"
    return values


def keluarga_values(anggota: list[Any], *, today: dt.date) -> dict[str, str]:
    """``[klgN_*]``: the members of the subject's family (``penduduk.Penduduk`` rows in
    KK order); rows past the family's size are empty."""
    values = dict.fromkeys(KELUARGA_FIELDS, "")
    for n, penduduk in enumerate(anggota[:KELUARGA_MAX], start=1):
        person = pihak_mod.orang_values(pihak_mod.Orang.from_penduduk(penduduk), today=today)
        person.update(no=str(n), hubungan_kk=_display(penduduk, "kk_level"))
        values.update({f"klg{n}_{base}": person.get(base, "") for base in KELUARGA_BASE})
    return values


def pengikut_values(
    pengikut: list[pihak_mod.Orang], *, subjek: pihak_mod.Orang | None, today: dt.date
) -> dict[str, str]:
    """The tables of the family members who come along (markup, values escaped):
    ``[pengikut_kis]`` lists the subject too; without anyone the others print "-"."""
    from django.utils.html import escape

    def table(people: list[pihak_mod.Orang]) -> str:
        if not people:
            return "-"
        head = "".join(
            f"<th>{h}</th>"
            for h in ("No", "NIK", "Nama", "Jenis Kelamin", "Tempat/Tgl Lahir", "Hubungan")
        )
        rows = []
        for n, orang in enumerate(people, start=1):
            v = pihak_mod.orang_values(orang, today=today)
            cells = (str(n), v["nik"], v["nama"], v["jenis_kelamin"], v["ttl"], v["hubungan"])
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        return (
            '<table class="pengikut" border="1" cellspacing="0" cellpadding="2">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    with_subject = ([subjek] if subjek is not None else []) + list(pengikut)
    return {
        "pengikut_surat": table(list(pengikut)),
        "pengikut_pindah": table(list(pengikut)),
        "pengikut_kis": table(with_subject),
    }


def camat_values(*, nama: str, nip: str) -> dict[str, str]:
    return {"nama_kepala_camat": nama, "nip_kepala_camat": nip}


def role_values(pihak: dict[str, Any], *, today: dt.date) -> dict[str, str]:
    """The other people's fields and the subject's event fields."""
    values = pihak_mod.peran_values(pihak, today=today)
    values.update(pihak_mod.peristiwa_values(pihak.get(pihak_mod.SUBJEK)))
    return values


def aliases_apply(values: dict[str, str]) -> None:
    """Give each alias (:data:`ALIASES`) the value of the field it stands for."""
    for alias, target in ALIASES.items():
        values[alias] = values.get(target, "")


def field_name(kode: str) -> str:
    """What a message calls the field ``kode`` ("tempat/tanggal lahir" for
    ``[tempat_tgl_lahir_saksi_i]``, "Jam lahir" for ``[jam_kelahiran]``)."""
    peran = role_of(kode)
    if peran is not None:
        for akhiran in sorted(peran.akhiran, key=len, reverse=True):
            if kode.endswith(f"_{akhiran}"):
                base = kode.removesuffix(f"_{akhiran}")
                base = "ttl" if base == "tempat_tgl_lahir" else base
                return str(FIELD_NAMES.get(base, base))
    for group in pihak_mod.PERISTIWA.values():
        for code, nama, _tipe in group:
            if code == kode:
                return str(nama)
    return str(FIELD_NAMES.get(kode, kode))


def role_of(kode: str) -> pihak_mod.Peran | None:
    """The role whose field ``kode`` is (``nama_saksi_i`` → Saksi 1)."""
    for peran in pihak_mod.PERAN.values():
        if kode in pihak_mod.role_codes(peran):
            return peran
    return None


def _example_orang(nama: str, nik: str, sex: int, hubungan: str) -> pihak_mod.Orang:
    return pihak_mod.Orang(
        sumber=pihak_mod.SumberOrang.LUAR,
        nama=nama,
        nik=nik,
        tempatlahir="Lampung Selatan",
        tanggallahir="1985-03-02",
        sex=sex,
        agama_id=1,
        pekerjaan_id=9,
        warganegara_id=1,
        status_kawin=2,
        alamat="Jl. Kenanga No. 7 RT 003 RW 001 Dusun Melati",
        no_kk="1801040000000009",
        hubungan=hubungan,
    )


# Everyone a template can name, every field filled: what the template check (on save
# and import) merges with, beside ``EXAMPLE_RESIDENT``.
EXAMPLE_PIHAK: dict[str, Any] = {
    slug: _example_orang(f"Contoh {peran.nama}", f"18010400000001{i:02d}", 1 + i % 2, "Kerabat")
    for i, (slug, peran) in enumerate(pihak_mod.PERAN.items(), start=10)
}
EXAMPLE_PIHAK[pihak_mod.SUBJEK] = pihak_mod.Orang(
    sumber=pihak_mod.SumberOrang.PENDUDUK,
    nama="Budi Santoso",
    peristiwa={
        "tanggal_kelahiran": "2026-11-30",
        "jam_kelahiran": "08:15",
        "tempat_dilahirkan": "Puskesmas Hajimena",
        "kelahiran_anak": "2",
        "berat_lahir": "3100",
        "panjang_lahir": "49",
        "penolong_kelahiran": "Bidan",
        "jenis_kelahiran": "Tunggal",
        "tanggal_kematian": "2026-11-29",
        "jam_kematian": "21:40",
        "tempat_kematian": "Rumah",
        "penyebab_kematian": "Sakit",
        "yang_menerangkan_kematian": "Dokter",
    },
)
EXAMPLE_PIHAK[pihak_mod.PENGIKUT] = [
    _example_orang("Contoh Pengikut", "1801040000000199", 2, "Anak")
]
EXAMPLE_KELUARGA = {
    f"klg{n}_{base}": str(n) if base == "no" else f"({base} anggota {n})"
    for n in range(1, KELUARGA_MAX + 1)
    for base in KELUARGA_BASE
}
EXAMPLE_CAMAT = camat_values(nama="Drs. Contoh Camat", nip="197001011990031001")
EXAMPLE_TYPED = {kode: f"({spec['nama']})" for kode, spec in TYPED_FIELDS.items()}


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


def isian_specs(kode_isian: list[dict], template: str) -> list[dict]:
    """The fields the letter's form asks for: the template's own (``kode_isian``), then
    Balai's typed fields (:data:`TYPED_FIELDS`) the template prints."""
    from village_apps.surat.merge import fields_used

    own = {str(f.get("kode", "")).strip("[]").lower() for f in kode_isian}
    used = fields_used(template)
    return list(kode_isian) + [
        dict(spec) for kode, spec in TYPED_FIELDS.items() if kode in used and kode not in own
    ]


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


@dataclass(frozen=True)
class BagianForm:
    """What a letter's form asks for besides the template's own fields: the roles
    (``(slug, label)``; ``subjek`` first for a subject typed in), the event fields
    (``(kode, label, input type, required)``) and whether to choose who comes along."""

    peran: list[tuple[str, str]]
    peristiwa: list[tuple[str, str, str, bool]]
    pengikut: bool


def form_parts(template: str, *, subjek_luar: bool) -> BagianForm:
    from village_apps.surat.merge import fields_used

    codes = fields_used(template)
    codes |= {ALIASES[c] for c in codes if c in ALIASES}
    peran = [(pihak_mod.SUBJEK, str(_("Yang bersangkutan")))] if subjek_luar else []
    peran += [(p.slug, str(p.nama)) for p in pihak_mod.peran_used(codes, known=BASE_FIELDS)]
    hari = {t for h, t in pihak_mod.HARI_PERISTIWA.items() if h in codes}
    peristiwa = [
        (kode, str(nama), tipe, kode in codes or kode in hari)
        for jenis in pihak_mod.peristiwa_used(codes)
        for kode, nama, tipe in pihak_mod.PERISTIWA[jenis]
    ]
    return BagianForm(
        peran=peran,
        peristiwa=peristiwa,
        pengikut=not subjek_luar and bool(codes & set(PENGIKUT_FIELDS)),
    )
