"""Region names and coverage come from the loaded reference set (or the packaged CSV
before it is loaded) — both give the same answers, and the province page stays cheap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from control_plane.dashboards import regions, selectors


@pytest.fixture
def fresh_region_cache():
    regions.cache_clear()
    yield
    regions.cache_clear()


def _answers():
    return (
        regions.region_name("18"),
        regions.region_name("1801"),
        regions.region_name("1801042001"),
        regions.reference_village_count("18"),
        regions.reference_village_count("1801"),
        len(regions.reference_children("1801")),
        regions.reference_child_counts("18")["1871"],
    )


def test_reference_tables_and_csv_agree(db, fresh_region_cache):
    from control_plane.reference.models import Desa
    from control_plane.reference.services import edition_load

    Desa.objects.all().delete()
    regions.cache_clear()
    from_csv = _answers()
    assert from_csv[0] == "Lampung" and from_csv[1] == "Kabupaten Lampung Selatan"
    assert from_csv[3] == 2651

    edition_load()
    regions.cache_clear()
    assert regions._loaded()
    assert _answers() == from_csv


def test_province_view_with_reference_loaded_is_few_queries(db, fresh_region_cache, village):
    from control_plane.reference.services import edition_load

    edition_load()
    regions.cache_clear()
    selectors.region_view(code="18", exact=False)  # warm the reference cache
    with CaptureQueriesContext(connection) as ctx:
        view = selectors.region_view(code="18", exact=False)
    assert len(ctx) <= 4
    assert view.in_reference == 2651 and len(view.children) == 15
