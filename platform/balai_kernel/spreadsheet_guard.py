"""Hostile workbooks in: one guard for every Excel import (docs/security.md, "Bad input");
exports are :mod:`balai_kernel.spreadsheet_export`.

**Imports** (residents, APBDes, aid programmes) hand the upload to a parser (calamine or
openpyxl) that would decompress and expand whatever it is given. :func:`xlsx_check`
runs first, reads the archive in 1 MB pieces and never holds more than that:

- the file must be a ZIP (every .xlsx is one) of at most ``MAX_MEMBERS`` members,
  unencrypted, stored or deflated;
- the sizes the archive declares are checked before anything is decompressed (total
  against the caller's budget, ratio of each large member against ``MAX_RATIO``), then
  every member is decompressed once and counted: its real size must equal the declared
  one, because a bomb with a lying header passes any check of declared sizes and
  calamine (Rust) trusts the stream, not the header;
- XML members may not carry a DTD (``<!DOCTYPE``/``<!ENTITY``): entity expansion is
  another way to make a small file huge, and no spreadsheet program writes one;
- a shared string (``sharedStrings.xml``) is counted once for every cell that refers to
  it, because the parsers copy it into each cell: one 1 MB string referred to by 100,000
  cells is 100 GB in memory although the file is a few hundred kilobytes. A single
  string of more than ``MAX_CELL_BYTES`` is refused outright (Excel's own limit is
  32,767 characters per cell);
- formula cells without a saved value are recorded (not refused): see :class:`EmptyFormulas`.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import unescape

from django.utils.translation import gettext as _

from balai_kernel.numbers import number_format
from balai_kernel.spreadsheet_export import XML_CONTROL

MB = 1024 * 1024
MAX_MEMBERS = 1000
MAX_RATIO = 100  # legitimate sheets compress about 10:1
RATIO_FROM = MB  # small members (printer settings …) may compress better
MAX_CELL_BYTES = 256 * 1024  # XML of one shared string; far above 32,767 characters
MAX_COLUMNS = 128  # column DX; OpenSID's resident sheet has 43
_CHUNK = MB
_PEEK = 32 * MB
_MAX_REST = 64 * 1024  # an XML tag longer than this is not a spreadsheet's
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SI_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si>")
# A cell referring to a shared string: <c r="B7" s="3" t="s"><v>12</v></c>.
_SI_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\bt=[\"']s[\"'][^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>\s*(\d+)\s*<"
)
# Any cell start tag and its r attribute (the slow path, for unusual writers).
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])([^>]*)>")
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
_ATTR_T = re.compile(rb"""(?:^|\s)t\s*=\s*["']([^"']*)["']""")
_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
# A formula cell with no value, or an empty one: <c r="D5"><f>B5*2</f></c>, openpyxl's
# <c r="D5"><f>B5*2</f><v /></c>, a shared formula <c r="D6"><f t="shared" si="0"/></c>.
# Groups: the cell's attributes, the formula text, the (empty) <v> element if any.
_EMPTY_FORMULA = re.compile(
    rb"<" + _NS + rb"c(?=[\s>])([^>]*?)(?<!/)>\s*"
    rb"<" + _NS + rb"f(?=[\s/>])[^>]*?(?:/>|(?<!/)>([^<]*)</" + _NS + rb"f\s*>)\s*"
    rb"(<" + _NS + rb"v\s*/>|<" + _NS + rb"v\s*>\s*</" + _NS + rb"v\s*>)?\s*"
    rb"</" + _NS + rb"c\s*>"
)
_CELL_CLOSE = re.compile(rb"</" + _NS + rb"c\s*>")
_WORKBOOK_SHEET = re.compile(rb"<" + _NS + rb"sheet(?=[\s/>])([^>]*)>")
_RELATIONSHIP = re.compile(rb"<" + _NS + rb"Relationship(?=[\s/>])([^>]*)>")
_ATTR_NAME = re.compile(rb"""(?:^|\s)name\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTR_RID = re.compile(rb"""(?:^|\s)(?:[A-Za-z_][\w.-]*:)?id\s*=\s*["']([^"']*)["']""")
_ATTR_ID = re.compile(rb"""(?:^|\s)Id\s*=\s*["']([^"']*)["']""")
_ATTR_TARGET = re.compile(rb"""(?:^|\s)Target\s*=\s*["']([^"']*)["']""")
MAX_FORMULAS_PER_COLUMN = 100  # formula cells remembered per column (all are counted)


class SpreadsheetRejected(ValueError):
    """The upload is not a workbook the import may open; the message is for the operator."""


@dataclass(frozen=True)
class FormulaCell:
    """One finding about formula cells without a saved value, for an import's report."""

    baris: int
    kolom: str
    rumus: str  # "=B5*2", cut for the report; "" on the "… and N more" line
    pesan: str


@dataclass
class EmptyFormulas:
    """Formula cells of one sheet that have no value saved with them.

    Excel, LibreOffice and Google Sheets save each formula's last result in ``<v>``,
    and that is what calamine and openpyxl (``data_only``) read. A tool that writes
    formulas without computing them (openpyxl ``ws["D5"] = "=1+2"``, many scripts)
    leaves ``<v>`` out or empty, and both parsers then return an empty cell: an APBDes
    amount silently became 0. So the imports refuse those cells instead.

    Found while :func:`xlsx_check` already streams the sheet XML, which costs nothing
    extra for a sheet without formulas (one substring test per 1 MB piece) and one
    C-level regex pass per piece that has any: no second parse, no openpyxl
    ``data_only`` / formula comparison (two full loads, ~10 s for 50,000 residents).
    Memory stays bounded: per column every such cell is counted, but only the first
    ``MAX_FORMULAS_PER_COLUMN`` are remembered (a refused import needs no more to explain
    itself). A formula whose saved result is the empty string (``t="str"`` with an
    empty ``<v>``, as Excel writes ``=IF(A1="";"";…)``) has a value and is not listed.
    """

    sel: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # column → (row, formula)
    jumlah: dict[int, int] = field(default_factory=dict)  # column (1 = A) → how many

    def catat(self, kolom: int, baris: int, rumus: str) -> None:
        self.jumlah[kolom] = self.jumlah.get(kolom, 0) + 1
        daftar = self.sel.setdefault(kolom, [])
        if len(daftar) < MAX_FORMULAS_PER_COLUMN:
            daftar.append((baris, rumus))

    def temuan(
        self,
        kolom: Mapping[int, str],
        *,
        baris_awal: int = 2,
        baris_akhir: int | None = None,
        angka: frozenset[int] | set[int] = frozenset(),
    ) -> list[FormulaCell]:
        """Findings in the columns the import reads (``kolom``: column number → name
        shown to the operator; ``angka``: which of them hold numbers), rows
        ``baris_awal``..``baris_akhir``, ordered by row."""
        hasil: list[FormulaCell] = []
        for nomor, nama in kolom.items():
            diingat = self.sel.get(nomor, [])
            daftar = [
                (b, r)
                for b, r in diingat
                if b >= baris_awal and (baris_akhir is None or b <= baris_akhir)
            ]
            pesan = _formula_message(nomor in angka)
            hasil += [FormulaCell(b, nama, r, pesan) for b, r in daftar]
            lain = self.jumlah.get(nomor, 0) - len(diingat)
            if daftar and lain > 0:
                hasil.append(
                    FormulaCell(
                        daftar[-1][0],
                        nama,
                        "",
                        _(
                            "Masih ada %(n)s sel lain di kolom ini yang berisi rumus "
                            "tanpa nilai tersimpan."
                        )
                        % {"n": _thousands(lain)},
                    )
                )
        hasil.sort(key=lambda t: (t.baris, t.rumus == ""))
        return hasil


def _formula_message(angka: bool) -> str:
    if angka:
        return _(
            "sel berisi rumus tanpa nilai tersimpan; buka dan simpan ulang berkas di Excel, "
            "atau ketik angkanya."
        )
    return _(
        "sel berisi rumus tanpa nilai tersimpan; buka dan simpan ulang berkas di Excel, "
        "atau ketik isinya."
    )


@dataclass
class CheckResult:
    """What :func:`xlsx_check` learnt besides "not refused": formula cells without a
    saved value, per sheet name (as calamine and openpyxl name the sheets)."""

    rumus_kosong: dict[str, EmptyFormulas] = field(default_factory=dict)

    def rumus(self, lembar: str) -> EmptyFormulas:
        return self.rumus_kosong.get(lembar) or EmptyFormulas()


def xlsx_check(
    berkas: str | Path | IO[bytes],
    *,
    maks_bytes: int,
    maks_baris: int,
    maks_kolom: int = MAX_COLUMNS,
) -> CheckResult:
    """Refuse a workbook that is not a ZIP, lies about its sizes, would expand beyond
    ``maks_bytes`` (members plus shared strings counted per referring cell), or has a
    cell below ``maks_baris`` data rows (plus one heading row) or right of column
    ``maks_kolom``.

    The last check matters because calamine allocates the rectangle from A1 to the
    farthest cell: one cell at XFD1048576 asks for 550 GB and aborts the process.
    Raises :class:`SpreadsheetRejected` with an Indonesian message. A file object is
    rewound to where it was, so the caller can parse it next. Returns the formula cells
    without a saved value (:class:`EmptyFormulas`), which the import turns into row errors."""
    posisi = None if isinstance(berkas, str | Path) else berkas.tell()
    try:
        with zipfile.ZipFile(berkas) as arsip:
            return _Checker(arsip, maks_bytes, maks_baris + 1, maks_kolom).periksa()
    except SpreadsheetRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as exc:
        # NotImplementedError (other compression) is a RuntimeError.
        raise SpreadsheetRejected(
            _("Berkas bukan Excel .xlsx yang sah (arsipnya rusak atau bukan arsip ZIP).")
        ) from exc
    finally:
        if posisi is not None:
            berkas.seek(posisi)


_thousands = number_format


def _column_number(huruf: str) -> int:
    angka = 0
    for h in huruf.upper():
        angka = angka * 26 + ord(h) - 64
    return angka


def _column_letters(angka: int) -> str:
    huruf = ""
    while angka:
        angka, sisa = divmod(angka - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _candidate_pattern(maks_baris: int, maks_kolom: int) -> re.Pattern[bytes]:
    """Cell refs that may lie beyond the limits (a superset; each match is verified).
    Literal-prefixed, so a legitimate sheet is scanned at C speed with no match."""
    d = str(maks_baris)
    baris = rf"[0-9]{{{len(d) + 1},}}|[{d[0]}-9][0-9]{{{len(d) - 1}}}"
    k = _column_letters(maks_kolom)
    kolom = rf"[A-Za-z]{{{len(k) + 1},}}|[{k[0]}-Z{k[0].lower()}-z][A-Za-z]{{{len(k) - 1}}}"
    calon = rf'(?=(?:{kolom})[0-9]|[A-Za-z]{{1,3}}(?:{baris})")'
    return re.compile(rf'<c r="{calon}([A-Za-z]+)([0-9]+)"'.encode())


class _Checker:
    def __init__(self, arsip: zipfile.ZipFile, maks_bytes: int, maks_baris: int, maks_kolom: int):
        self.arsip = arsip
        self.maks_bytes = maks_bytes
        self.maks_baris = maks_baris
        self.maks_kolom = maks_kolom
        self.pola_calon = _candidate_pattern(maks_baris, maks_kolom)
        self.panjang_si: list[int] = []
        self.total = 0
        self.rumus: dict[str, EmptyFormulas] = {}  # member name → formula cells without value

    def terlalu_besar(self) -> SpreadsheetRejected:
        return SpreadsheetRejected(
            _(
                "Isi berkas terlalu besar setelah dibuka (lebih dari %(mb)s MB). "
                "Pecah datanya menjadi beberapa berkas."
            )
            % {"mb": self.maks_bytes // MB}
        )

    def periksa(self) -> CheckResult:
        anggota = [i for i in self.arsip.infolist() if not i.is_dir()]
        if len(anggota) > MAX_MEMBERS:
            raise SpreadsheetRejected(_("Berkas berisi terlalu banyak bagian untuk sebuah Excel."))
        for info in anggota:
            if info.flag_bits & 0x1:
                raise SpreadsheetRejected(
                    _("Berkas Excel terkunci kata sandi; buka kuncinya dulu.")
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise SpreadsheetRejected(_("Berkas bukan Excel .xlsx yang sah."))
            if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise SpreadsheetRejected(
                    _(
                        "Berkas ditolak: isinya memuai tidak wajar saat dibuka "
                        "(kemungkinan bom ZIP)."
                    )
                )
        if sum(i.file_size for i in anggota) > self.maks_bytes:
            self.intip_alamat(anggota)  # "too many rows" says more than "too big"
            raise self.terlalu_besar()
        # Shared strings first: the sheets' references are weighed by their lengths.
        anggota.sort(key=lambda i: not _base_name(i).startswith("sharedstrings"))
        for info in anggota:
            nama = info.filename.lower()
            if _base_name(info).startswith("sharedstrings"):
                self.baca(info, _SharedStringScanner(self.panjang_si))
            elif _is_sheet(info):
                lembar = _SheetScanner(self, info)
                self.baca(info, lembar)
                self.total += lembar.bytes_dirujuk()
                if lembar.rumus.jumlah:
                    self.rumus[info.filename] = lembar.rumus
            elif nama.endswith((".xml", ".rels", ".vml")):
                self.baca(info, _Scanner())
            else:  # pictures, VBA, printer settings: sizes only, no XML to scan
                self.baca(info, _Counter())
            if self.total > self.maks_bytes:
                raise self.terlalu_besar()
        if not self.rumus:
            return CheckResult()
        nama = self.nama_lembar()
        return CheckResult({nama[n.lower()]: r for n, r in self.rumus.items() if n.lower() in nama})

    def nama_lembar(self) -> dict[str, str]:
        """Member name → sheet name, from the workbook part and its relationships (the
        way calamine and openpyxl find the sheets). Only read when a sheet had formula
        cells without a value; both parts were already scanned (no DTD, sizes known)."""
        hasil: dict[str, str] = {}
        for info in self.arsip.infolist():
            if _base_name(info) not in ("workbook.xml", "workbook.bin"):
                continue
            folder = posixpath.dirname(info.filename)
            rels = posixpath.join(folder, "_rels", posixpath.basename(info.filename) + ".rels")
            try:
                relasi = self.arsip.read(rels)
            except KeyError:
                continue
            target: dict[bytes, str] = {}
            for m in _RELATIONSHIP.finditer(relasi):
                rid, tujuan = _ATTR_ID.search(m.group(1)), _ATTR_TARGET.search(m.group(1))
                if rid and tujuan:
                    t = unescape(tujuan.group(1).decode("utf-8", "replace"))
                    jalur = t.lstrip("/") if t.startswith("/") else posixpath.join(folder, t)
                    target[rid.group(1)] = posixpath.normpath(jalur).lower()
            for m in _WORKBOOK_SHEET.finditer(self.arsip.read(info)):
                nama, rid = _ATTR_NAME.search(m.group(1)), _ATTR_RID.search(m.group(1))
                if nama and rid and rid.group(1) in target:
                    teks = (nama.group(1) or nama.group(2) or b"").decode("utf-8", "replace")
                    hasil[target[rid.group(1)]] = unescape(teks, {"&quot;": '"', "&apos;": "'"})
        return hasil

    def intip_alamat(self, anggota: list[zipfile.ZipInfo]) -> None:
        """Look for a cell beyond the limits in the first ``_PEEK`` bytes of each sheet
        (rows come in order, so a too-long sheet shows it early)."""
        for info in filter(_is_sheet, anggota):
            lembar = _SheetScanner(self, info)
            dibaca = 0
            with self.arsip.open(info) as aliran:
                while dibaca < _PEEK and (potongan := aliran.read(_CHUNK)):
                    dibaca += len(potongan)
                    lembar.makan(potongan)

    def baca(self, info: zipfile.ZipInfo, pemindai: _Scanner | _Counter) -> None:
        """Decompress one member in pieces, counting its real size and scanning it."""
        sisa = self.maks_bytes - self.total
        uji = copy.copy(info)
        uji.file_size = max(sisa, 0) + 1  # read past the declared size: a lying header
        nyata = 0
        with self.arsip.open(uji) as aliran:
            while potongan := aliran.read(_CHUNK):
                nyata += len(potongan)
                if nyata > info.file_size:
                    raise SpreadsheetRejected(
                        _("Berkas ditolak: isinya lebih besar daripada yang tercatat (bom ZIP).")
                    )
                if nyata > sisa:
                    raise self.terlalu_besar()
                pemindai.makan(potongan)
        if nyata != info.file_size:
            raise SpreadsheetRejected(
                _("Berkas bukan Excel .xlsx yang sah (ukuran isi tidak cocok).")
            )
        pemindai.selesai()
        self.total += nyata

    def rujukan_tepat(self, info: zipfile.ZipInfo) -> int:
        """Second, exact pass over a sheet: the shared-string bytes its cells refer to."""
        pemindai = _RefScanner(self.panjang_si)
        with self.arsip.open(info) as aliran:
            while potongan := aliran.read(_CHUNK):
                pemindai.makan(potongan)
                if pemindai.jumlah > self.maks_bytes:
                    break
        return pemindai.jumlah


def _base_name(info: zipfile.ZipInfo) -> str:
    return info.filename.rsplit("/", 1)[-1].lower()


def _is_sheet(info: zipfile.ZipInfo) -> bool:
    """A worksheet's XML part (``xl/worksheets/sheet1.xml``)."""
    nama = info.filename.lower()
    return "worksheets/" in nama and nama.endswith(".xml")


class _Counter:
    """Counts nothing more than :meth:`_Checker.baca` does (a binary member)."""

    def makan(self, potongan: bytes) -> None:
        return None

    def selesai(self) -> None:
        return None


class _Scanner:
    """Feeds complete XML to :meth:`proses`: each piece ends before the last ``<`` seen,
    so no tag is cut in two (text between tags may be dropped; it holds no tags)."""

    def __init__(self) -> None:
        self.sisa = b""
        self.posisi = 0  # stream offset of ``self.sisa[0]``

    def makan(self, potongan: bytes) -> None:
        data = self.sisa + potongan
        potong = data.rfind(b"<")
        if potong < 0:
            self.posisi += len(data)
            self.sisa = b""
            return
        self.proses(data[:potong], self.posisi)
        self.posisi += potong
        sisa = data[potong:]
        if len(sisa) > _MAX_REST:
            tutup = sisa.find(b">", 0, _MAX_REST)
            if tutup < 0:
                raise SpreadsheetRejected(_("Berkas Excel memuat bagian XML yang tidak lazim."))
            # Keep the tag, drop the text after it (positions stay absolute).
            self.proses(sisa[: tutup + 1], self.posisi)
            self.posisi += len(sisa)
            sisa = b""
        self.sisa = sisa

    def selesai(self) -> None:
        self.proses(self.sisa, self.posisi)
        self.posisi += len(self.sisa)
        self.sisa = b""

    def proses(self, bagian: bytes, awal: int) -> None:
        if _DTD.search(bagian):
            raise SpreadsheetRejected(_("Berkas Excel memuat definisi XML yang tidak diizinkan."))


class _SharedStringScanner(_Scanner):
    """Byte length of every ``<si>`` of sharedStrings.xml, in order (an upper bound of
    the string a parser will copy into each cell that refers to it)."""

    def __init__(self, panjang: list[int]) -> None:
        super().__init__()
        self.panjang = panjang
        self.akhir_lalu = 0

    def makan(self, potongan: bytes) -> None:
        super().makan(potongan)
        if self.posisi + len(self.sisa) - self.akhir_lalu > MAX_CELL_BYTES:
            self.terlalu_panjang()

    def proses(self, bagian: bytes, awal: int) -> None:
        super().proses(bagian, awal)
        for akhir in _SI_END.finditer(bagian):
            posisi = awal + akhir.end()
            if posisi - self.akhir_lalu > MAX_CELL_BYTES:
                self.terlalu_panjang()
            self.panjang.append(posisi - self.akhir_lalu)
            self.akhir_lalu = posisi

    @staticmethod
    def terlalu_panjang() -> None:
        raise SpreadsheetRejected(
            _("Ada sel berisi teks terlalu panjang (batas Excel 32.767 karakter per sel).")
        )


class _SheetScanner(_Scanner):
    """One worksheet: cells beyond the limits, cells without an address, how many
    cells refer to shared strings, and formula cells without a saved value."""

    def __init__(self, pemeriksa: _Checker, info: zipfile.ZipInfo) -> None:
        super().__init__()
        self.pemeriksa = pemeriksa
        self.ref_si = 0
        self.info = info
        self.rumus = EmptyFormulas()
        self.ekor = b""  # a cell still open at the end of the previous piece

    def proses(self, bagian: bytes, awal: int) -> None:
        super().proses(bagian, awal)
        self.cari_rumus(bagian)
        self.ref_si += bagian.count(b't="s"')
        lazim = (
            bagian.count(b"<c ") == bagian.count(b'<c r="')
            and b":c" not in bagian
            and b"<c>" not in bagian
            and b"<c/>" not in bagian
        )
        if lazim:
            for sel in self.pemeriksa.pola_calon.finditer(bagian):
                self.periksa_alamat(sel.group(1), sel.group(2))
            return
        for sel in _CELL.finditer(bagian):
            alamat = _ATTR_R.search(sel.group(1))
            if alamat is None or not alamat.group(1) or not alamat.group(2):
                raise SpreadsheetRejected(
                    _(
                        "Berkas Excel memuat sel tanpa alamat; simpan ulang berkasnya "
                        "dengan Excel atau LibreOffice."
                    )
                )
            self.periksa_alamat(alamat.group(1), alamat.group(2))
            if b't="s"' in sel.group(1) or b"t='s'" in sel.group(1):
                self.ref_si += 1

    def cari_rumus(self, bagian: bytes) -> None:
        """Record formula cells without a value. A piece ends before a tag, not
        before a cell, so a cell still open at its end (``ekor``) is put before the
        next piece; a cell is therefore seen whole, and once."""
        data = self.ekor + bagian if self.ekor else bagian
        if b"<f" in data or b":f" in data:
            for sel in _EMPTY_FORMULA.finditer(data):
                atribut = sel.group(1)
                tipe = _ATTR_T.search(atribut)
                if sel.group(3) is not None and tipe is not None and tipe.group(1) == b"str":
                    continue  # saved result is the empty string
                alamat = _ATTR_R.search(atribut)
                if alamat is None or not alamat.group(1) or not alamat.group(2):
                    continue  # refused as a cell without address
                teks = unescape((sel.group(2) or b"").decode("utf-8", "replace"))
                self.rumus.catat(
                    _column_number(alamat.group(1).decode()),
                    int(alamat.group(2)),
                    shorten("=" + teks.strip()),
                )
        self.ekor = b""
        jendela = max(len(data) - _MAX_REST, 0)
        terakhir = None
        for terakhir in _CELL.finditer(data, jendela):  # noqa: B007 - the last one
            pass
        if terakhir is None or terakhir.group(1).endswith(b"/"):
            return
        if _CELL_CLOSE.search(data, terakhir.end()) is None:
            self.ekor = data[terakhir.start() :]

    def periksa_alamat(self, huruf: bytes, angka: bytes) -> None:
        kolom, baris = _column_number(huruf.decode()), int(angka)
        p = self.pemeriksa
        if baris > p.maks_baris:
            raise SpreadsheetRejected(
                _(
                    "Berkas berisi data sampai baris %(baris)s, padahal paling banyak "
                    "%(maks)s baris data (di bawah baris judul) per impor. Pecah menjadi "
                    "beberapa berkas, atau hapus isi di bawah data."
                )
                % {"baris": _thousands(baris), "maks": _thousands(p.maks_baris - 1)}
            )
        if kolom > p.maks_kolom:
            raise SpreadsheetRejected(
                _(
                    "Berkas berisi data di kolom %(kolom)s; paling jauh kolom %(maks)s. "
                    "Hapus isi di sebelah kanan data."
                )
                % {"kolom": huruf.decode().upper()[:5], "maks": _column_letters(p.maks_kolom)}
            )

    def bytes_dirujuk(self) -> int:
        """Shared-string bytes the cells refer to: a cheap bound when it is small enough,
        else an exact second pass."""
        terpanjang = max(self.pemeriksa.panjang_si, default=0)
        perkiraan = self.ref_si * terpanjang
        if perkiraan <= self.pemeriksa.maks_bytes - self.pemeriksa.total:
            return perkiraan
        return self.pemeriksa.rujukan_tepat(self.info)


class _RefScanner:
    """Exact sum over a sheet's cells of the shared-string bytes they refer to. Pieces
    overlap by ``_TUMPANG`` bytes so a cell cut in two is still seen (once)."""

    _TUMPANG = 512

    def __init__(self, panjang_si: list[int]) -> None:
        self.panjang_si = panjang_si
        self.jumlah = 0
        self.sisa = b""
        self.posisi = 0  # stream offset of ``self.sisa[0]``
        self.akhir_lalu = 0  # stream offset where the last counted cell ended

    def makan(self, potongan: bytes) -> None:
        data = self.sisa + potongan
        for ref in _SI_REF.finditer(data):
            if self.posisi + ref.start() < self.akhir_lalu:
                continue  # counted in the previous piece
            indeks = int(ref.group(1))
            if indeks < len(self.panjang_si):
                self.jumlah += self.panjang_si[indeks]
            self.akhir_lalu = self.posisi + ref.end()
        potong = max(len(data) - self._TUMPANG, 0)
        self.posisi += potong
        self.sisa = data[potong:]


def cell_text(nilai: Any) -> str:
    """A cell read by an import as text: whole floats without ``.0``, no NUL or other
    control characters (PostgreSQL refuses NUL; exports choke on the rest), stripped."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return XML_CONTROL.sub("", str(nilai)).strip()


def shorten(teks: str, panjang: int = 60) -> str:
    """A cell quoted back in an error message: a 1 MB cell must not make a 1 MB page."""
    return teks if len(teks) <= panjang else teks[:panjang] + "…"
