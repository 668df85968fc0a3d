"""Public statistics: the village's published cells (the same the open-data API shows),
SVG charts without hidden bars, no personal data, every published category reachable,
special categories only when turned on, cached per village."""

import re

import pytest

from tests.security.disclosure import (
    HAJIMENA,
    SIDOSARI,
    SPECIAL_CATEGORIES,
    publish,
    scan,
    warga_create,
)
from village_apps.penduduk.facade import STATISTIK_KATEGORI


@pytest.fixture
def warga(village, village_b):
    warga_create(village, HAJIMENA, prefix="1801042001")
    warga_create(village_b, SIDOSARI, prefix="1801042002")
    publish(village, village_b)


def _api_cells(public_client, code, category):
    body = public_client.get(f"/api/v1/wilayah/{code}").json()
    return {
        r["label"]: (r["laki_laki"], r["perempuan"], r["jumlah"])
        for r in body["statistik"]
        if r["kategori"] == category
    }


def _page_cells(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)[1]
    cells = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        texts = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        cells[texts[0]] = tuple(int(t.replace(".", "")) if t.isdigit() else t for t in texts[1:4])
    return cells


def test_sex_table_totals_and_no_personal_data(village_client, public_client, warga):
    html = village_client.get("/statistik/jenis-kelamin/").content.decode()
    assert "<svg" in html
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)[1]
    shown = re.findall(r'class="num">([^<]+)<', foot)[:3]
    # The population as the open-data API publishes it (60 people; by sex as published).
    population = _api_cells(public_client, "1801042001", "ringkasan")["Penduduk"]
    assert shown == [str(v).replace("<", "&lt;") for v in population] and shown[2] == "60"
    assert "Rahasia" not in html and "1801042001" not in html


def test_page_shows_exactly_the_open_data_cells(village_client, public_client, warga):
    """Religion has a small cell (3 Khonghucu men): the village page shows the same
    marks and numbers as the open-data API, cell for cell, so the two together reveal
    nothing the API alone does not."""
    html = village_client.get("/statistik/agama/").content.decode()
    page = _page_cells(html)
    api = _api_cells(public_client, "1801042001", "agama")
    assert page["KHONGHUCU"][0] == "&lt;5" and api["KHONGHUCU"][0] == "<5"
    assert {k: tuple(str(v).replace("<", "&lt;") for v in vs) for k, vs in api.items()} == {
        k: tuple(str(v) for v in vs) for k, vs in page.items()
    }
    assert all(not (1 <= n <= 4) for n, _w in scan(village_client.get("/statistik/agama/")).counts)


def test_hidden_cells_have_no_bar(village_client, warga):
    html = village_client.get("/statistik/agama/").content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S)[0]
    bar = re.search(r'KHONGHUCU</text><rect [^>]*width="([\d.]+)%"', svg)
    assert bar and float(bar[1]) == 0


def test_every_published_category_renders(village_client, warga):
    index = village_client.get("/statistik/").content.decode()
    for kode in STATISTIK_KATEGORI:
        response = village_client.get(f"/statistik/{kode}/")
        if kode in SPECIAL_CATEGORIES:
            assert response.status_code == 404, kode
            assert f'href="/statistik/{kode}/"' not in index
        else:
            assert response.status_code == 200, kode
            assert f'href="/statistik/{kode}/"' in index
    assert village_client.get("/statistik/tidak-ada/").status_code == 404


def test_home_shows_headline_counts(village_client, warga):
    html = village_client.get("/").content.decode()
    assert "Sekilas data" in html and "Penduduk" in html
    assert "Rahasia" not in html


def test_without_a_published_snapshot_nothing_is_shown(village_client, village):
    warga_create(village, HAJIMENA, prefix="1801042001")
    html = village_client.get("/statistik/").content.decode()
    assert "Belum ada data." in html and "Sekilas" not in html
    assert scan(village_client.get("/statistik/")).small() == []


def test_charts_are_never_scaled_so_labels_keep_their_size():
    """Finding 15: a 640-unit viewBox drawn 358 px wide on a phone shrank 12 px labels
    to ~6 px. The chart has no viewBox: it is as wide as its column, bars and value
    positions are percentages, and each label sits above its bar at full width."""
    from village_apps.web.grafik import BAR_SPAN, svg_batang

    svg = svg_batang(
        [("Petani/pekebun", 40), ("Belum/tidak bekerja", 10), ("x", "<5")], judul="Uji"
    )
    assert "viewBox" not in svg and 'width="100%"' in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)%"', svg)]
    assert widths == [BAR_SPAN, BAR_SPAN / 4, 0.0]
    assert re.findall(r'<text x="0" y="(\d+)" class="grafik-label">', svg) == ["16", "60", "104"]
