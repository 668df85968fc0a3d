"""Dashboard pages: drill-down, exact vs public numbers, access, downloads, query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai_kernel.actor import Actor
from control_plane.dashboards.services import kabupaten_setting_update


def test_public_province_page_is_suppressed_and_lists_coverage(public_client, published):
    response = public_client.get("/dasbor/wilayah/18/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tampilan publik" in html
    assert "Lampung Selatan" in html
    assert "dari" in html and "2.651" in html  # coverage against the reference list
    assert 'id="chart-penduduk"' in html
    assert "style=" not in html and "<script" not in html


def test_public_village_page_hides_small_counts(public_client, published):
    html = public_client.get("/dasbor/wilayah/1801042001/").content.decode()
    # Hajimena has 3 Christian men and 2 Hindu women: both shown as <5.
    assert "&lt;5" in html
    assert ">3<" not in html.replace(" ", "")


def test_ops_sees_exact_numbers(ops_client, published):
    html = ops_client.get("/dasbor/wilayah/1801042001/").content.decode()
    assert "Tampilan internal" in html
    assert "&lt;5" not in html


def test_manager_exact_only_for_own_kabupaten(manager_client, published):
    own = manager_client.get("/dasbor/wilayah/1801/").content.decode()
    other = manager_client.get("/dasbor/wilayah/1802/").content.decode()
    assert "Tampilan internal" in own
    assert "Tampilan publik" in other


def test_closed_kabupaten_hides_drill_down_from_public(public_client, ops_client, published):
    kabupaten_setting_update(kabupaten_code="1801", public=False, actor=Actor.named("uji"))
    assert public_client.get("/dasbor/wilayah/180104/").status_code == 403
    assert public_client.get("/dasbor/wilayah/1801042001/").status_code == 403
    assert ops_client.get("/dasbor/wilayah/180104/").status_code == 200


def test_csv_download_matches_table(public_client, published):
    page = public_client.get("/dasbor/wilayah/180104/?urut=penduduk&arah=turun").content.decode()
    data = public_client.get("/dasbor/wilayah/180104/unduh.csv?urut=penduduk&arah=turun")
    assert data["Cache-Control"].startswith("public")
    rows = list(csv.reader(io.StringIO(data.content.decode())))
    assert rows[0][0] == "Kode"
    assert [r[0] for r in rows[1:3]] == ["1801042001", "1801042002"]
    assert page.index("1801042001") < page.index("1801042002")
    xlsx = public_client.get("/dasbor/wilayah/180104/unduh.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.parametrize("code", ["18", "1801", "180104", "1801042001"])
def test_pages_make_a_bounded_number_of_queries(public_client, published, code):
    public_client.get(f"/dasbor/wilayah/{code}/")  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        assert public_client.get(f"/dasbor/wilayah/{code}/").status_code == 200
    assert len(ctx) <= 10


def test_unknown_region_is_404(public_client, db):
    assert public_client.get("/dasbor/wilayah/99/").status_code == 404
