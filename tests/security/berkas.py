"""Hostile workbooks for the bad-input suite, written as raw ZIP streams (fast enough for
100,000 rows or a several-hundred-megabyte sheet, and able to lie where openpyxl won't)."""

from __future__ import annotations

import io
import random
import re
import string
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml(teks: str) -> str:
    """Escaped as Excel writes it: control characters as ``_xHHHH_`` (raw ones are not
    allowed in XML)."""
    return _KONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", escape(teks))


@dataclass(frozen=True)
class Rumus:
    """A formula cell, optionally with the value Excel cached for it."""

    teks: str
    cached: str | None = None


def _bagian_tetap(nama_lembar: list[str], shared: bool) -> dict[str, str]:
    sheets = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, n in enumerate(nama_lembar, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{NS_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(nama_lembar) + 1)
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(nama_lembar) + 1)
    )
    if shared:
        n = len(nama_lembar) + 1
        rels += (
            f'<Relationship Id="rId{n}" Type="{NS_R}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}">'
            f'<Relationship Id="rId1" Type="{NS_R}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{NS_R}">'
            f"<sheets>{sheets}</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}">{rels}'
            "</Relationships>"
        ),
    }


def _sel(ref: str, nilai, shared: dict[str, int] | None) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, Rumus):
        cached = "" if nilai.cached is None else f"<v>{escape(nilai.cached)}</v>"
        tipe = "" if nilai.cached is None else ' t="str"'
        return f'<c r="{ref}"{tipe}><f>{escape(nilai.teks)}</f>{cached}</c>'
    if isinstance(nilai, bool):
        return f'<c r="{ref}" t="b"><v>{int(nilai)}</v></c>'
    if isinstance(nilai, int | float):
        return f'<c r="{ref}"><v>{nilai!r}</v></c>'
    teks = str(nilai)
    if shared is not None:
        indeks = shared.setdefault(teks, len(shared))
        return f'<c r="{ref}" t="s"><v>{indeks}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_xml(teks)}</t></is></c>'


_HURUF = [get_column_letter(k) for k in range(1, 200)]


def _baris_xml(nomor: int, baris: Iterable, shared: dict[str, int] | None) -> str:
    sel = "".join(_sel(f"{_HURUF[k]}{nomor}", v, shared) for k, v in enumerate(baris))
    return f'<row r="{nomor}">{sel}</row>'


def _lembar(baris: Iterable[Iterable], shared: dict[str, int] | None) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
    for nomor, isi in enumerate(baris, start=1):
        yield _baris_xml(nomor, isi, shared)
    yield "</sheetData></worksheet>"


def _sst(shared: dict[str, int]) -> str:
    items = "".join(
        f'<si><t xml:space="preserve">{_xml(t)}</t></si>'
        for t, _i in sorted(shared.items(), key=lambda kv: kv[1])
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">{items}</sst>'


def xlsx(lembar: dict[str, list[list]], *, shared: bool = False) -> bytes:
    """A small workbook: sheet name → rows. Text as shared or inline strings."""
    keluar = io.BytesIO()
    tabel: dict[str, int] | None = {} if shared else None
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zf:
        for nama, isi in _bagian_tetap(list(lembar), shared).items():
            zf.writestr(nama, isi)
        for i, baris in enumerate(lembar.values(), start=1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", "".join(_lembar(baris, tabel)))
        if tabel is not None:
            zf.writestr("xl/sharedStrings.xml", _sst(tabel))
    return keluar.getvalue()


def xlsx_aliran(lembar: dict[str, tuple[list[str], list[str], int]], *, level: int = 1) -> bytes:
    """Large workbooks fast: sheet name → (heading, one %-template per cell, row count).
    Every cell template takes the sheet row number (``"Warga %d"``, ``"%016d"``)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for nama, isi in _bagian_tetap(list(lembar), False).items():
            zf.writestr(nama, isi)
        for i, (judul, sel, jumlah) in enumerate(lembar.values(), start=1):
            templat = (
                '<row r="%d">'
                + "".join(
                    f'<c r="{_HURUF[k]}%d" t="inlineStr"><is><t>{t}</t></is></c>'
                    for k, t in enumerate(sel)
                )
                + "</row>"
            )
            argumen = templat.count("%")
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as fh:
                fh.write(next(_lembar([], None)).encode())
                fh.write(_baris_xml(1, judul, None).encode())
                for awal in range(2, jumlah + 2, 10_000):
                    akhir = min(awal + 10_000, jumlah + 2)
                    fh.write(
                        "".join(templat % ((n,) * argumen) for n in range(awal, akhir)).encode()
                    )
                fh.write(b"</sheetData></worksheet>")
    return keluar.getvalue()


def bom_zip(nama_lembar: str, header: list[str], *, mb: int, level: int = 1) -> bytes:
    """A valid workbook whose sheet XML decompresses to ``mb`` megabytes of rows."""
    kepala = _bagian_tetap([nama_lembar], False)
    satu = _baris_xml(2, ["x"] * len(header), None).encode()
    blok = satu * (1024 * 1024 // len(satu))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for nama, isi in kepala.items():
            zf.writestr(nama, isi)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode())
            fh.write(_baris_xml(1, header, None).encode())
            for _ in range(mb):
                fh.write(blok)
            fh.write(b"</sheetData></worksheet>")
    return keluar.getvalue()


def bohongi_ukuran(data: bytes, anggota: str, ukuran: int) -> bytes:
    """The same archive, but ``anggota`` declares an uncompressed size of ``ukuran``
    (local header and central directory): a bomb that passes declared-size checks."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(anggota)
    assert info.file_size < 0xFFFFFFFF, "no zip64 member"
    struct.pack_into("<I", buf, info.header_offset + 22, ukuran)
    nama = anggota.encode()
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        panjang = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + panjang]) == nama:
            struct.pack_into("<I", buf, pos + 24, ukuran)
            break
        pos = buf.find(b"PK\x01\x02", pos + 4)
    else:
        raise AssertionError("central directory entry not found")
    return bytes(buf)


def bom_string_bersama(
    nama_lembar: str, header: list[str], *, panjang: int, sel: int, acak: bool = False
) -> bytes:
    """A small file whose every data cell in the first column refers to one shared
    string of ``panjang`` characters: tiny on disk, ``sel × panjang`` bytes once parsed.
    ``acak`` makes the string incompressible (so no ratio check catches it first)."""
    baris = [header, *(["Y"] * len(header) for _ in range(sel))]
    if acak:
        rng = random.Random(11)
        teks_besar = "".join(rng.choices(string.ascii_letters, k=panjang))
    else:
        teks_besar = "A" * panjang
    for b in baris[1:]:
        b[0] = teks_besar
    return xlsx({nama_lembar: baris}, shared=True)
