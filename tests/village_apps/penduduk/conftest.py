"""Import fixtures: OpenSID's own template and a generated 10,000-row file (made once
per session, reused by the import test and the benchmark helper)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.village_apps.penduduk.generate import tulis_berkas

OPENSID_TEMPLATE = (
    Path(__file__).resolve().parents[4] / "shared" / "opensid" / "FormatImporExcel.xlsm"
)


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
