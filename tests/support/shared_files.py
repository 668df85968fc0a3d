"""OpenSID's reference files (``../shared`` beside the checkout, or ``BALAI_SHARED_DIR``).

A test declares the files it reads, and only that test is skipped — with the missing
file in the reason — when they are absent; with ``BALAI_REQUIRE_SHARED=1`` (CI) it fails
instead::

    @pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
    def test_...(): ...

    def test_...(shared_file):
        path = shared_file("opensid/FormatImporExcel.xlsm")
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("BALAI_SHARED_DIR") or ROOT.parent / "shared")


def shared_path(relative: str) -> Path:
    """Where a shared file is (whether or not it is there): for module constants."""
    return SHARED_DIR / relative


def shared_required(relative: str) -> Path:
    """The shared file, or skip the running test (fail with ``BALAI_REQUIRE_SHARED=1``)."""
    path = shared_path(relative)
    if path.is_file():
        return path
    reason = f"OpenSID fixture {relative} not found in {SHARED_DIR} (set BALAI_SHARED_DIR)"
    if os.environ.get("BALAI_REQUIRE_SHARED") == "1":
        pytest.fail(f"{reason}; BALAI_REQUIRE_SHARED=1 requires it", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "shared_files(*paths): the test reads these files under ../shared "
        "(skipped when absent, failed with BALAI_REQUIRE_SHARED=1)",
    )


def pytest_runtest_setup(item) -> None:
    for marker in item.iter_markers("shared_files"):
        for relative in marker.args:
            shared_required(relative)


@pytest.fixture
def shared_file() -> Callable[[str], Path]:
    """``shared_file("opensid/…")``: the path, or the test is skipped/failed as above."""
    return shared_required


@pytest.fixture(scope="session")
def opensid_template() -> Path:
    """OpenSID's own resident import template (``FormatImporExcel.xlsm``)."""
    return shared_required("opensid/FormatImporExcel.xlsm")
