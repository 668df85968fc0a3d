"""Attachment forms (lampiran): the Dukcapil forms of Permendagri 108/2019 and the
marriage forms (N-1 … N-6) printed after a letter, in the same PDF.

Three parts, so that only the adapter changes when a letter carries more data:

- :class:`DataLampiran` — the one plain, typed input of every form: the village, the
  letter, and the people it names (subject, family, reporter, witnesses, parents, the
  baby, the deceased, the couple …) as :class:`Orang`, plus the event details;
- the registry (:data:`FORMULIR`, filled by ``formulir.py``): a form code → its title,
  paper, which letters attach it by default, and its layout as a list of blocks
  (:class:`Kotak` boxed characters, :class:`Tanggal` date boxes, :class:`Pilih` ticked
  options, :class:`Daftar` a table of family members, signatures …), each naming the
  value it prints by a path into :class:`DataLampiran` (``"pelapor.nik"``);
- :func:`data_from_letter`, the adapter: a letter's merge values, the resident and the
  form fields → :class:`DataLampiran`.

:func:`render_html` lays a form out as HTML (``surat/lampiran/formulir.html``) for the
letter's PDF (``pdf.render_pdf`` puts each form on its own page, in its own paper size).
Values are escaped by the template engine; nothing an operator types reaches markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import get_template

from village_apps.surat.merge import tanggal_indo

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# --- The input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Orang:
    """A person a letter names (from the register or typed in). Empty strings and
    ``None`` mean "not known": the form prints empty boxes for them."""

    nik: str = ""
    nama: str = ""
    no_kk: str = ""
    tempat_lahir: str = ""
    tanggal_lahir: dt.date | None = None
    umur: str = ""
    jenis_kelamin: str = ""
    agama: str = ""
    pekerjaan: str = ""
    pendidikan: str = ""
    status_kawin: str = ""
    kewarganegaraan: str = ""
    gol_darah: str = ""
    hubungan: str = ""
    alamat: str = ""
    rt: str = ""
    rw: str = ""
    dusun: str = ""
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""
    provinsi: str = ""
    kode_pos: str = ""
    telepon: str = ""
    nama_ayah: str = ""
    nama_ibu: str = ""
    nik_ayah: str = ""
    nik_ibu: str = ""
    akta_lahir: str = ""
    paspor: str = ""
    bin: str = ""  # bin/binti: the father's name as the marriage forms write it


@dataclass(frozen=True)
class Wilayah:
    desa: str = ""
    sebutan_desa: str = "Desa"
    kecamatan: str = ""
    kabupaten: str = ""
    provinsi: str = ""
    kode_desa: str = ""
    kode_kecamatan: str = ""
    kode_kabupaten: str = ""
    kode_provinsi: str = ""
    kode_pos: str = ""
    alamat_kantor: str = ""


@dataclass(frozen=True)
class Kelahiran:
    tempat_dilahirkan: str = ""  # RS/SB, Puskesmas, Polindes, Rumah, Lainnya
    pukul: str = ""
    jenis_kelahiran: str = ""  # Tunggal, Kembar 2 …
    anak_ke: str = ""
    penolong: str = ""  # Dokter, Bidan/Perawat, Dukun, Lainnya
    berat: str = ""
    panjang: str = ""


@dataclass(frozen=True)
class Kematian:
    tanggal: dt.date | None = None
    pukul: str = ""
    sebab: str = (
        ""  # Sakit biasa/tua, Wabah penyakit, Kecelakaan, Kriminalitas, Bunuh diri, Lainnya
    )
    tempat: str = ""
    yang_menerangkan: str = ""  # Dokter, Tenaga Kesehatan, Kepolisian, Lainnya


@dataclass(frozen=True)
class Pindah:
    alasan: str = ""
    klasifikasi: str = ""
    jenis_kepindahan: str = ""
    status_kk_tidak_pindah: str = ""
    status_kk_pindah: str = ""
    tanggal: dt.date | None = None
    tujuan: Orang = field(default_factory=Orang)  # the destination address (alamat … kode_pos)
    jumlah_pengikut: str = ""


@dataclass(frozen=True)
class Perkawinan:
    hari: str = ""
    tanggal: dt.date | None = None
    pukul: str = ""
    tempat: str = ""
    maskawin: str = ""
    wali: Orang = field(default_factory=Orang)
    hubungan_wali: str = ""
    status_pria: str = ""
    status_wanita: str = ""
    istri_ke: str = ""
    pasangan_terdahulu: str = ""
    tanggal_meninggal_terdahulu: dt.date | None = None
    tempat_meninggal_terdahulu: str = ""


@dataclass(frozen=True)
class DataLampiran:
    """Everything an attachment form prints. Built by :func:`data_from_letter` (or by a
    test with every field filled)."""

    wilayah: Wilayah = field(default_factory=Wilayah)
    nomor_surat: str = ""
    tanggal_surat: dt.date | None = None
    jenis_pelaporan: str = ""  # F-2.01: the event reported (its option's number or text)
    keperluan: str = ""
    keterangan: str = ""
    pemohon: Orang = field(default_factory=Orang)
    kepala_keluarga: Orang = field(default_factory=Orang)
    anggota: tuple[Orang, ...] = ()  # the subject's family, head first
    pengikut: tuple[Orang, ...] = ()  # those who move with the subject (the moving forms)
    pelapor: Orang = field(default_factory=Orang)
    saksi1: Orang = field(default_factory=Orang)
    saksi2: Orang = field(default_factory=Orang)
    ayah: Orang = field(default_factory=Orang)
    ibu: Orang = field(default_factory=Orang)
    anak: Orang = field(default_factory=Orang)
    almarhum: Orang = field(default_factory=Orang)
    pasangan: Orang = field(default_factory=Orang)  # the subject's spouse or intended spouse
    pria: Orang = field(default_factory=Orang)
    wanita: Orang = field(default_factory=Orang)
    ayah_pria: Orang = field(default_factory=Orang)
    ibu_pria: Orang = field(default_factory=Orang)
    ayah_wanita: Orang = field(default_factory=Orang)
    ibu_wanita: Orang = field(default_factory=Orang)
    identitas_lain: Orang = field(default_factory=Orang)  # the other identity (beda identitas)
    kelahiran: Kelahiran = field(default_factory=Kelahiran)
    kematian: Kematian = field(default_factory=Kematian)
    pindah: Pindah = field(default_factory=Pindah)
    perkawinan: Perkawinan = field(default_factory=Perkawinan)
    ttd_nama: str = ""
    ttd_jabatan: str = ""


def nilai(data: Any, path: str) -> Any:
    """The value at ``path`` (``"pelapor.nik"``); a path that names nothing raises
    ``AttributeError`` (the registry's test walks every path of every form)."""
    value = data
    for part in path.split("."):
        value = getattr(value, part)
    return value


def teks(value: Any) -> str:
    """A value as printed: dates as ``17 Mei 1990``, ``None`` as nothing."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return tanggal_indo(value)
    return str(value).strip()


# --- The layout --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bagian:
    """A section heading (``DATA PELAPOR``)."""

    judul: str


@dataclass(frozen=True)
class Kotak:
    """A label and the value in ``n`` boxed character cells (upper case, as the
    regulation's forms are filled); a value longer than the boxes wraps to more rows."""

    label: str
    path: str
    n: int = 30
    no: str = ""


@dataclass(frozen=True)
class Tanggal:
    """A date as boxes: ``Tgl [][]  Bln [][]  Thn [][][][]`` (and the day's name when
    ``hari``)."""

    label: str
    path: str
    no: str = ""
    hari: bool = False


@dataclass(frozen=True)
class Pilih:
    """Numbered options, the chosen one ticked (matched by its text or its number)."""

    label: str
    path: str
    opsi: tuple[str, ...]
    no: str = ""


@dataclass(frozen=True)
class Isi:
    """A label and the value written out on a line (for long free text)."""

    label: str
    path: str
    no: str = ""


@dataclass(frozen=True)
class Paragraf:
    """Fixed text of the form (a statement, a note). ``{path}`` inserts a value."""

    teks: str
    kecil: bool = False


@dataclass(frozen=True)
class Daftar:
    """A table of people (``anggota``): columns of (heading, field of :class:`Orang`)."""

    path: str
    kolom: tuple[tuple[str, str], ...]
    baris: int = 6  # at least this many rows (blank ones to fill by hand)


@dataclass(frozen=True)
class Tandatangan:
    """Signature columns: (the line above, the role, path of the name or ``""``)."""

    kolom: tuple[tuple[str, str, str], ...]


Blok = Bagian | Kotak | Tanggal | Pilih | Isi | Paragraf | Daftar | Tandatangan


@dataclass(frozen=True)
class Formulir:
    """One attachment form: its code as printed top right, its title, paper, the
    letters (template slugs, Balai's and OpenSID's) that attach it by default, whether
    it prints the village header with the area code boxes, and its blocks."""

    kode: str
    judul: str
    blok: tuple[Blok, ...]
    untuk: frozenset[str] = frozenset()
    ukuran: str = "F4"
    kepala: bool = True
    subjudul: str = ""

    @property
    def slug(self) -> str:
        return self.kode.lower().replace(".", "-")


FORMULIR: dict[str, Formulir] = {}


def register(*forms: Formulir) -> None:
    for form in forms:
        FORMULIR[form.kode] = form


def formulir_pilihan() -> list[tuple[str, str]]:
    """(code, "code — title") of every registered form, in code order."""
    return [(k, f"{k} — {FORMULIR[k].judul.capitalize()}") for k in sorted(FORMULIR)]


def lampiran_bawaan(slug: str) -> list[str]:
    """The forms a template attaches by default (by its slug)."""
    return [k for k in sorted(FORMULIR) if slug in FORMULIR[k].untuk]


def kode_dikenal(kodes: Iterable[str]) -> list[str]:
    """The registered form codes among ``kodes`` (OpenSID writes ``F-1.01,F-1.02``;
    codes it prints that Balai has no form for, such as SPS, are left out), in order,
    once each."""
    by_upper = {k.upper(): k for k in FORMULIR}
    found = [by_upper.get(str(k).strip().upper()) for k in kodes]
    return list(dict.fromkeys(k for k in found if k))


# --- Rendering ----------------------------------------------------------------------------------


def sel(value: str, n: int) -> list[list[str]]:
    """``value`` split into rows of ``n`` character cells (upper case; at least one row,
    the last padded with blanks)."""
    chars = list(" ".join(value.upper().split()))
    rows = [chars[i : i + n] for i in range(0, len(chars), n)] or [[]]
    rows[-1] = rows[-1] + [""] * (n - len(rows[-1]))
    return rows


def _tanggal_sel(value: Any) -> dict[str, Any]:
    if isinstance(value, dt.date):
        return {
            "hari": list(HARI[value.weekday()].upper()),
            "tgl": list(f"{value.day:02d}"),
            "bln": list(f"{value.month:02d}"),
            "thn": list(f"{value.year:04d}"),
        }
    return {"hari": [""] * 6, "tgl": ["", ""], "bln": ["", ""], "thn": [""] * 4}


def _pilih(value: str, opsi: tuple[str, ...]) -> list[dict[str, Any]]:
    chosen = value.strip().lower()
    return [
        {
            "no": i,
            "teks": o.replace(" ", "\u00a0"),
            "pilih": bool(chosen) and chosen in {o.lower(), str(i)},
        }
        for i, o in enumerate(opsi, start=1)
    ]


def _isi_paragraf(text: str, data: DataLampiran) -> str:
    """``{path}`` in a form's fixed text replaced by the value (plain text; the template
    escapes it)."""
    out, rest = [], text
    while "{" in rest:
        before, _, after = rest.partition("{")
        path, _, rest = after.partition("}")
        out += [before, teks(nilai(data, path)) or "……………………"]
    return "".join(out) + rest


def _baris(blok: Blok, data: DataLampiran) -> dict[str, Any]:
    kind = type(blok).__name__.lower()
    row: dict[str, Any] = {"jenis": kind, "blok": blok}
    if isinstance(blok, Kotak):
        row["sel"] = sel(teks(nilai(data, blok.path)), blok.n)
    elif isinstance(blok, Tanggal):
        row.update(_tanggal_sel(nilai(data, blok.path)))
    elif isinstance(blok, Pilih):
        row["opsi"] = _pilih(teks(nilai(data, blok.path)), blok.opsi)
    elif isinstance(blok, Isi):
        row["nilai"] = teks(nilai(data, blok.path))
    elif isinstance(blok, Paragraf):
        row["teks"] = _isi_paragraf(blok.teks, data)
    elif isinstance(blok, Daftar):
        orang = list(nilai(data, blok.path))
        rows = [[teks(getattr(o, k)) for _, k in blok.kolom] for o in orang]
        rows += [[""] * len(blok.kolom)] * max(blok.baris - len(rows), 0)
        row["baris"] = rows
    elif isinstance(blok, Tandatangan):
        row["kolom"] = [
            {
                "atas": _isi_paragraf(a, data),
                "peran": _isi_paragraf(p, data),
                "nama": teks(nilai(data, n)) if n else "",
            }
            for a, p, n in blok.kolom
        ]
    return row


def render_html(kode: str, data: DataLampiran) -> str:
    """One form filled with ``data``, as the HTML of one (or more) printed pages."""
    form = FORMULIR[kode]
    context = {
        "form": form,
        "data": data,
        "kode_wilayah": sel(data.wilayah.kode_desa.replace(".", ""), 10)[0],
        "baris": [_baris(b, data) for b in form.blok],
        "subjudul": _isi_paragraf(form.subjudul, data),
    }
    return get_template("surat/lampiran/formulir.html").render(context)


def paths(form: Formulir) -> list[str]:
    """Every value path a form reads (for the registry's own test)."""
    found = []
    for blok in form.blok:
        if isinstance(blok, Kotak | Tanggal | Pilih | Isi | Daftar):
            found.append(blok.path)
        elif isinstance(blok, Tandatangan):
            found += [n for _, _, n in blok.kolom if n]
    return found


def replace(data: DataLampiran, **changes: Any) -> DataLampiran:
    return dataclasses.replace(data, **changes)


def _contoh_orang(nama: str, nik_akhir: str, **extra: Any) -> Orang:
    values: dict[str, Any] = {
        "nik": f"180104410000{nik_akhir}",
        "nama": nama,
        "no_kk": "1801042000000002",
        "tempat_lahir": "Lampung Selatan",
        "tanggal_lahir": dt.date(1990, 5, 17),
        "umur": "35",
        "jenis_kelamin": "Laki-laki",
        "agama": "Islam",
        "pekerjaan": "Petani/Pekebun",
        "pendidikan": "SLTA/Sederajat",
        "status_kawin": "Kawin",
        "kewarganegaraan": "WNI",
        "gol_darah": "O",
        "hubungan": "Kepala Keluarga",
        "alamat": "Jl. Melati No. 5",
        "rt": "001",
        "rw": "002",
        "dusun": "Mawar",
        "desa": "Hajimena",
        "kecamatan": "Natar",
        "kabupaten": "Lampung Selatan",
        "provinsi": "Lampung",
        "kode_pos": "35362",
        "telepon": "081234567890",
        "nama_ayah": "Slamet",
        "nama_ibu": "Sri Wahyuni",
        "nik_ayah": "1801044100000003",
        "nik_ibu": "1801044100000004",
        "akta_lahir": "1801-LT-01012000-0001",
        "paspor": "C1234567",
        "bin": "Slamet",
    }
    values.update(extra)
    return Orang(**values)


def contoh_lengkap() -> DataLampiran:
    """Every field of every form filled (the registry's test and the template pages'
    example): shows each form's whole layout with realistic values."""
    budi = _contoh_orang("Budi Santoso", "0001")
    siti = _contoh_orang(
        "Siti Rahmawati", "0002", jenis_kelamin="Perempuan", hubungan="Istri", bin="Ahmad"
    )
    anak = _contoh_orang(
        "Putri Ayu Lestari",
        "0005",
        tanggal_lahir=dt.date(2026, 11, 20),
        umur="0",
        jenis_kelamin="Perempuan",
        hubungan="Anak",
        status_kawin="Belum Kawin",
        pekerjaan="Belum/Tidak Bekerja",
        pendidikan="Tidak/Belum Sekolah",
    )
    return DataLampiran(
        wilayah=Wilayah(
            desa="Hajimena",
            kecamatan="Natar",
            kabupaten="Lampung Selatan",
            provinsi="Lampung",
            kode_desa="1801042001",
            kode_kecamatan="180104",
            kode_kabupaten="1801",
            kode_provinsi="18",
            kode_pos="35362",
            alamat_kantor="Jl. Raya Hajimena No. 1",
        ),
        nomor_surat="474.1/001/1801042001/XII/2026",
        tanggal_surat=dt.date(2026, 12, 7),
        jenis_pelaporan="1",
        keperluan="1",
        keterangan="Sesuai akta kelahiran",
        pemohon=budi,
        kepala_keluarga=budi,
        anggota=(budi, siti, anak),
        pengikut=(budi, siti, anak),
        pelapor=budi,
        saksi1=_contoh_orang("Agus Salim", "0006"),
        saksi2=_contoh_orang("Wayan Sudarma", "0007", agama="Hindu"),
        ayah=budi,
        ibu=siti,
        anak=anak,
        almarhum=_contoh_orang("Karto Wiryo", "0008", tanggal_lahir=dt.date(1940, 1, 2)),
        pasangan=siti,
        pria=budi,
        wanita=siti,
        ayah_pria=_contoh_orang("Slamet", "0003"),
        ibu_pria=_contoh_orang("Sri Wahyuni", "0004", jenis_kelamin="Perempuan"),
        ayah_wanita=_contoh_orang("Ahmad", "0009"),
        ibu_wanita=_contoh_orang("Aminah", "0010", jenis_kelamin="Perempuan"),
        identitas_lain=_contoh_orang("Budi Santosa", "0001"),
        kelahiran=Kelahiran(
            tempat_dilahirkan="Puskesmas",
            pukul="08.30",
            jenis_kelahiran="Tunggal",
            anak_ke="2",
            penolong="Bidan/Perawat",
            berat="3,2",
            panjang="49",
        ),
        kematian=Kematian(
            tanggal=dt.date(2026, 12, 1),
            pukul="14.00",
            sebab="Sakit biasa/tua",
            tempat="Rumah",
            yang_menerangkan="Tenaga Kesehatan",
        ),
        pindah=Pindah(
            alasan="Pekerjaan",
            klasifikasi="Antar Kab/Kota",
            jenis_kepindahan="Kep. Keluarga dan Seluruh Angg. Keluarga",
            status_kk_tidak_pindah="Tidak Ada Angg. Keluarga Yang Ditinggal",
            status_kk_pindah="Nama Kep. Keluarga dan Nomor KK Tetap",
            tanggal=dt.date(2026, 12, 20),
            tujuan=_contoh_orang(
                "Budi Santoso",
                "0001",
                alamat="Jl. Kenanga No. 9",
                rt="004",
                rw="005",
                desa="Way Halim",
                kecamatan="Kedaton",
                kabupaten="Kota Bandar Lampung",
                kode_pos="35141",
            ),
            jumlah_pengikut="2",
        ),
        perkawinan=Perkawinan(
            hari="Sabtu",
            tanggal=dt.date(2026, 12, 26),
            pukul="09.00",
            tempat="Masjid Al-Ikhlas Hajimena",
            maskawin="Seperangkat alat salat",
            wali=_contoh_orang("Ahmad", "0009"),
            hubungan_wali="Ayah kandung",
            status_pria="Belum Kawin",
            status_wanita="Belum Kawin",
            istri_ke="1",
            pasangan_terdahulu="-",
            tanggal_meninggal_terdahulu=None,
            tempat_meninggal_terdahulu="-",
        ),
        ttd_nama="Drs. H. Sutrisno",
        ttd_jabatan="Kepala Desa Hajimena",
    )


# --- The adapter: a letter → DataLampiran -------------------------------------------------------

# The people a letter names besides its subject, as the template's own fields give them:
# ``<peran>_<field>`` or ``form_<peran>_<field>`` (``form_pelapor_nik``,
# ``form_saksi1_nama`` …; fields are those of :class:`Orang`).
PERAN = (
    "pelapor",
    "saksi1",
    "saksi2",
    "ayah",
    "ibu",
    "anak",
    "almarhum",
    "pasangan",
    "pria",
    "wanita",
    "ayah_pria",
    "ibu_pria",
    "ayah_wanita",
    "ibu_wanita",
    "identitas_lain",
)
_ORANG_FIELDS = tuple(f.name for f in dataclasses.fields(Orang))
# The event a letter records, by its template (slug): F-2.01's "Jenis Pelaporan".
_PELAPORAN = (("lahir-mati", "2"), ("kelahiran", "1"), ("kematian", "7"), ("nikah", "3"))


def tanggal_baca(text: str) -> dt.date | None:
    """A date as a form field gives it: ISO (``2026-12-01``, the date input) or
    ``1/12/2026``/``01-12-2026``; ``None`` when it is none of these."""
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def orang_dari_penduduk(penduduk: Any, *, today: dt.date) -> Orang:
    """A resident on the register as :class:`Orang` (the same values the letter merges:
    ``fields.resident_values``)."""
    from village_apps.surat import fields

    if penduduk is None:
        return Orang()
    v = fields.resident_values(penduduk, today=today)
    unit = penduduk.wilayah if penduduk.wilayah_id is not None else None

    def isi(key: str) -> str:
        value = v.get(key, "")
        return "" if value == "-" else value

    return Orang(
        nik=penduduk.nik,
        nama=penduduk.nama,
        no_kk=isi("no_kk"),
        tempat_lahir=penduduk.tempatlahir,
        tanggal_lahir=penduduk.tanggallahir,
        umur=isi("usia").removesuffix(" tahun"),
        jenis_kelamin=isi("jenis_kelamin"),
        agama=isi("agama"),
        pekerjaan=isi("pekerjaan"),
        pendidikan=isi("pendidikan_kk"),
        status_kawin=isi("status_kawin"),
        kewarganegaraan=isi("warga_negara"),
        gol_darah=isi("gol_darah"),
        hubungan=isi("hubungan_kk"),
        alamat=penduduk.alamat or isi("alamat"),
        rt=isi("rt"),
        rw=isi("rw"),
        dusun=isi("dusun") if unit else "",
        telepon=getattr(penduduk, "telepon", "") or "",
        nama_ayah=penduduk.nama_ayah,
        nama_ibu=penduduk.nama_ibu,
        nik_ayah=isi("nik_ayah"),
        nik_ibu=isi("nik_ibu"),
        akta_lahir=isi("akta_lahir"),
        paspor=isi("dokumen_pasport"),
        bin=penduduk.nama_ayah,
    )


# ``pihak.py``'s roles → the forms' (``saksi_1`` is F-2.01's "Saksi I").
_PIHAK_PERAN = {
    "pelapor": "pelapor",
    "saksi_1": "saksi1",
    "saksi_2": "saksi2",
    "ayah": "ayah",
    "ibu": "ibu",
    "pasangan": "pasangan",
}


def _orang_pihak(orang: Any, *, today: dt.date) -> Orang:
    """A person the letter names (``pihak.Orang``: codes and an ISO date) as the forms
    print them (labels, a date)."""
    from village_apps.surat import pihak as pihak_mod

    v = pihak_mod.orang_values(orang, today=today)
    return Orang(
        nik=orang.nik,
        nama=orang.nama,
        no_kk=orang.no_kk,
        tempat_lahir=orang.tempatlahir,
        tanggal_lahir=orang.tanggal_lahir,
        umur=v["usia"].removesuffix(" tahun"),
        jenis_kelamin=v["jenis_kelamin"],
        agama=v["agama"],
        pekerjaan=v["pekerjaan"],
        status_kawin=v["status_kawin"],
        kewarganegaraan=v["warga_negara"],
        hubungan=orang.hubungan,
        alamat=orang.alamat,
    )


def _orang_isian(values: dict[str, str], peran: str) -> dict[str, Any]:
    """The fields of ``peran`` that the letter's own fields fill (``form_pelapor_nama``)."""
    found: dict[str, Any] = {}
    for name in _ORANG_FIELDS:
        raw = values.get(f"form_{peran}_{name}") or values.get(f"{peran}_{name}") or ""
        if raw.strip():
            found[name] = tanggal_baca(raw) if name == "tanggal_lahir" else raw.strip()
    return found


def _subjek_dari_values(values: dict[str, str]) -> Orang:
    """The subject of a letter composed from values only (the template example)."""
    return Orang(
        nik=values.get("nik", ""),
        nama=values.get("nama", ""),
        no_kk=values.get("no_kk", ""),
        tempat_lahir=values.get("tempatlahir", ""),
        jenis_kelamin=values.get("jenis_kelamin", ""),
        agama=values.get("agama", ""),
        pekerjaan=values.get("pekerjaan", ""),
        status_kawin=values.get("status_kawin", ""),
        kewarganegaraan=values.get("warga_negara", ""),
        alamat=values.get("alamat", ""),
        rt=values.get("rt", ""),
        rw=values.get("rw", ""),
        dusun=values.get("dusun", ""),
        nama_ayah=values.get("nama_ayah", ""),
        nama_ibu=values.get("nama_ibu", ""),
    )


def _wilayah(values: dict[str, str]) -> Wilayah:
    """The village, its district … and its codes, from the merge values."""
    return Wilayah(
        desa=values.get("nama_desa", ""),
        sebutan_desa=values.get("sebutan_desa", "Desa") or "Desa",
        kecamatan=values.get("nama_kecamatan", ""),
        kabupaten=" ".join(
            p for p in (values.get("sebutan_kabupaten", ""), values.get("nama_kabupaten", "")) if p
        ),
        provinsi=values.get("nama_provinsi", ""),
        kode_desa=values.get("kode_desa", ""),
        kode_kecamatan=values.get("kode_kecamatan", ""),
        kode_kabupaten=values.get("kode_kabupaten", ""),
        kode_provinsi=values.get("kode_provinsi", ""),
        kode_pos=values.get("kode_pos", ""),
        alamat_kantor=values.get("alamat_desa", ""),
    )


def _people(
    *,
    slug: str,
    values: dict[str, str],
    subjek: Orang,
    keluarga: tuple[Orang, ...],
    kepala: Orang,
    pihak: dict[str, Any],
    tanggal: dt.date,
) -> dict[str, Orang]:
    """Who fills each role of the forms: the subject, their family and parents, the
    people the letter names (``pihak``), then what the letter's own fields say."""
    people: dict[str, Orang] = {"pelapor": subjek, "pasangan": Orang()}
    perempuan = subjek.jenis_kelamin.lower().startswith("p")
    bayi = values.get("form_nama_bayi", "").strip()
    if bayi:  # Balai's birth letter: the subject is a parent, the baby in the form
        people["anak"] = Orang(
            nama=bayi,
            tempat_lahir=values.get("form_tempat_lahir", ""),
            tanggal_lahir=tanggal_baca(values.get("form_tanggal_lahir", "")),
            no_kk=subjek.no_kk,
            kewarganegaraan=subjek.kewarganegaraan,
        )
        people["ibu" if perempuan else "ayah"] = subjek
        pasangan = next((o for o in keluarga if o.hubungan in {"Istri", "Suami"}), None)
        if pasangan is not None and pasangan.nik != subjek.nik:
            people["ayah" if perempuan else "ibu"] = pasangan
        elif subjek.hubungan in {"Istri", "Suami"}:
            people["ayah" if perempuan else "ibu"] = kepala
    elif "kelahiran" in slug or "lahir" in slug:
        people["anak"] = subjek
        people["ayah"] = Orang(nama=subjek.nama_ayah, nik=subjek.nik_ayah)
        people["ibu"] = Orang(nama=subjek.nama_ibu, nik=subjek.nik_ibu)
    else:
        people["ayah"] = Orang(nama=subjek.nama_ayah, nik=subjek.nik_ayah)
        people["ibu"] = Orang(nama=subjek.nama_ibu, nik=subjek.nik_ibu)
    if "kematian" in slug:
        people["almarhum"] = subjek
    people["pria" if not perempuan else "wanita"] = subjek
    for role, peran in _PIHAK_PERAN.items():  # the people the letter names
        if pihak.get(role) is not None:
            people[peran] = _orang_pihak(pihak[role], today=tanggal)
    pasangan = people.get("pasangan", Orang())
    if pasangan.nama:
        people["wanita" if not perempuan else "pria"] = pasangan
    for peran in PERAN:  # what the letter's own fields say wins
        typed = _orang_isian(values, peran)
        if typed:
            people[peran] = dataclasses.replace(people.get(peran, Orang()), **typed)
    return people


def _peristiwa(isian: Callable[..., str], tujuan: Orang) -> dict[str, Any]:
    """The birth, death, move and marriage details the forms print, each read by
    ``isian`` from the subject's event or the letter's own fields."""
    return dict(
        kelahiran=Kelahiran(
            tempat_dilahirkan=isian("form_tempat_dilahirkan"),
            pukul=isian("form_jam_kelahiran", "form_waktu_lahir", "form_jam_lahir"),
            jenis_kelahiran=isian("form_jenis_kelahiran"),
            anak_ke=isian("form_kelahiran_anak", "form_kelahiran_anak_ke", "form_anak_ke"),
            penolong=isian("form_penolong_kelahiran"),
            berat=isian("form_berat_lahir"),
            panjang=isian("form_panjang_lahir"),
        ),
        kematian=Kematian(
            tanggal=tanggal_baca(isian("form_tanggal_kematian")),
            pukul=isian("form_jam_kematian"),
            sebab=isian("form_penyebab_kematian", "form_sebab", "form_sebab_kematian"),
            tempat=isian("form_tempat_kematian"),
            yang_menerangkan=isian("form_yang_menerangkan"),
        ),
        pindah=Pindah(
            alasan=isian("form_alasan_pindah"),
            klasifikasi=isian("form_klasifikasi_pindah"),
            jenis_kepindahan=isian("form_jenis_kepindahan"),
            status_kk_tidak_pindah=isian("form_status_kk_bagi_yang_tidak_pindah"),
            status_kk_pindah=isian("form_status_kk_bagi_yang_pindah"),
            tanggal=tanggal_baca(isian("form_tanggal_pindah")),
            tujuan=tujuan,
            jumlah_pengikut=isian("form_jumlah_pengikut"),
        ),
        perkawinan=Perkawinan(
            hari=isian("form_hari_nikah"),
            tanggal=tanggal_baca(isian("form_tanggal_nikah")),
            pukul=isian("form_jam_nikah"),
            tempat=isian("form_tempat_nikah"),
            maskawin=isian("form_maskawin_nikah"),
            hubungan_wali=isian("form_hubungan_dengan_wali"),
            status_pria=isian("form_status_kawin_pria"),
            status_wanita=isian("form_status_kawin_wanita"),
            istri_ke=isian("form_istrike", "form_istri_ke"),
        ),
    )


def data_from_letter(
    *,
    slug: str,
    values: dict[str, str],
    penduduk: Any,
    anggota: Iterable[Any] = (),
    tanggal: dt.date,
    pihak: dict[str, Any] | None = None,
) -> DataLampiran:
    """What a letter's attachment forms print, from the letter: ``values`` are its merge
    values (village, resident, signer, number, the template's own fields), ``penduduk``
    its subject, ``anggota`` the subject's family (in KK order).

    The subject fills ``pemohon`` and is, unless the letter names them, also the
    reporter (a parent reports a birth), the deceased on a death letter, the child on
    OpenSID's birth letter (whose subject is the child); Balai's birth letter names the
    baby in ``form_nama_bayi`` … and the subject is then the father or mother.

    ``pihak`` are the people the letter names, as ``surat/pihak.py`` keeps them (role →
    person; ``pengikut`` a list; the subject's event in ``pihak["subjek"].peristiwa``):
    they fill the reporter, witnesses, parents, spouse and who moves along, and the
    birth or death details."""
    subjek = orang_dari_penduduk(penduduk, today=tanggal)
    if penduduk is None:  # a letter composed from values only (the template example)
        subjek = _subjek_dari_values(values)
    wilayah = _wilayah(values)
    # The subject's address completed with the village (the register holds the street
    # and unit; the forms box the village, district … too).
    subjek = dataclasses.replace(
        subjek,
        desa=subjek.desa or wilayah.desa,
        kecamatan=subjek.kecamatan or wilayah.kecamatan,
        kabupaten=subjek.kabupaten or wilayah.kabupaten,
        provinsi=subjek.provinsi or wilayah.provinsi,
        kode_pos=subjek.kode_pos or wilayah.kode_pos,
    )
    keluarga = tuple(orang_dari_penduduk(p, today=tanggal) for p in anggota) or (subjek,)
    kepala = next((o for o in keluarga if o.hubungan == "Kepala Keluarga"), None) or Orang(
        nama=values.get("kepala_kk", ""), no_kk=subjek.no_kk
    )
    kepala = dataclasses.replace(
        kepala,
        alamat=kepala.alamat or subjek.alamat,
        rt=kepala.rt or subjek.rt,
        rw=kepala.rw or subjek.rw,
        dusun=kepala.dusun or subjek.dusun,
    )
    pihak = pihak or {}
    people = _people(
        slug=slug,
        values=values,
        subjek=subjek,
        keluarga=keluarga,
        kepala=kepala,
        pihak=pihak,
        tanggal=tanggal,
    )
    peristiwa = dict(getattr(pihak.get("subjek"), "peristiwa", None) or {})
    if peristiwa.get("tanggal_kelahiran") and people.get("anak") is subjek:
        people["anak"] = dataclasses.replace(
            subjek, tanggal_lahir=tanggal_baca(peristiwa["tanggal_kelahiran"])
        )
    pengikut = tuple(_orang_pihak(o, today=tanggal) for o in pihak.get("pengikut") or [])

    def isian(*keys: str) -> str:
        """The first of ``keys`` filled: the subject's event (``pihak``) or a form field."""
        for k in keys:
            value = str(peristiwa.get(k.removeprefix("form_"), "") or values.get(k, "")).strip()
            if value:
                return value
        return ""

    tujuan = Orang(
        alamat=isian("form_alamat_tujuan"),
        rt=isian("form_rt_tujuan"),
        rw=isian("form_rw_tujuan"),
        dusun=isian("form_dusun_tujuan"),
        desa=isian("form_desa_atau_kelurahan_tujuan"),
        kecamatan=isian("form_kecamatan_tujuan"),
        kabupaten=isian("form_kabupaten_tujuan"),
        provinsi=isian("form_provinsi_tujuan"),
        kode_pos=isian("form_kode_pos_tujuan"),
        telepon=isian("form_telepon_tujuan"),
    )
    return DataLampiran(
        wilayah=wilayah,
        nomor_surat=values.get("format_nomor_surat", ""),
        tanggal_surat=tanggal,
        jenis_pelaporan=next((kode for kata, kode in _PELAPORAN if kata in slug), ""),
        keperluan=isian("form_jenis_permohonan", "form_alasan_permohonan", "form_keperluan"),
        keterangan=isian("form_keterangan", "form_perbedaan"),
        pemohon=subjek,
        kepala_keluarga=kepala,
        anggota=keluarga,
        pengikut=pengikut or keluarga,
        **_peristiwa(isian, tujuan),
        ttd_nama=values.get("nama_pamong", ""),
        ttd_jabatan=values.get("jabatan", ""),
        **{k: v for k, v in people.items()},
    )


# The forms themselves register on import (``formulir.py`` imports this module's blocks).
from village_apps.surat import formulir  # noqa: E402, F401
