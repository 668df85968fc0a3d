"""Import fixtures: OpenSID's own template and a generated 10,000-row file (made once
per session, reused by the import test and the benchmark helper)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_DIR
from tests.village_apps.penduduk.generate import tulis_berkas

OPENSID_TEMPLATE = SHARED_DIR / "opensid" / "FormatImporExcel.xlsm"


@pytest.fixture(scope="session")
def opensid_template() -> Path:
    if not OPENSID_TEMPLATE.exists():
        pytest.skip("../shared/opensid is not beside the checkout")
    return OPENSID_TEMPLATE


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


@pytest.fixture
def pengguna(village):
    """One logged-in-able user per village role."""
    from tenants.context import village_context
    from village_apps.akun.services import village_user_create

    with village_context(village):
        return {
            role: village_user_create(
                username=f"uji-{role}", role=role, password="sandi-kuat-12345"
            )
            for role in ("admin", "operator", "viewer")
        }
