"""Import fixtures: a generated 10,000-row file (made once per session, reused by the
import test and the benchmark helper). OpenSID's own template is ``opensid_template``
and the users by role are ``pengguna``, both in ``tests/support``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.village_apps.penduduk.generate import tulis_berkas


@pytest.fixture(scope="session")
def berkas_10k(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("impor") / "penduduk_10k.xlsx"
    tulis_berkas(path, jumlah=10_000)
    return path


def isi_penduduk(village, jumlah: int, tmp_path: Path, *, kode: str = "180104") -> None:
    """Fill the village with ``jumlah`` generated residents through the real import."""
    from tenants.context import village_context
    from tests.village_apps.penduduk.generate import baris_penduduk
    from village_apps.penduduk.excel import penduduk_impor_excel

    rows = baris_penduduk(jumlah, kode=kode)
    path = tulis_berkas(tmp_path / f"isi-{kode}-{jumlah}.xlsx", jumlah=jumlah, rows=rows)
    with village_context(village):
        assert penduduk_impor_excel(source=str(path), nama_berkas=path.name).ok
