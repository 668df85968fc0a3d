"""Issue 18, finding 11: each role lands on its own dashboard; categories keep their order
(age bands from the youngest) on every page and in the API; tables leave out rows that
count nobody and charts fold a long tail into "Lainnya"; every chart has a caption,
a title and its values as text."""

from __future__ import annotations

import re

import pytest

from control_plane.dashboards.collect import Row
from control_plane.dashboards.services import snapshot_store, suppression_refresh
from tests.control_plane.billing.fixtures import staff_client

pytestmark = pytest.mark.django_db

# The age bands as the penduduk facade lists them (OpenSID's order, keys 1…16).
BANDS = [
    "Di bawah 1 Tahun",
    "1 s/d 4 Tahun",
    *[f"{a} s/d {a + 4} Tahun" for a in range(5, 75, 5)],
    "Di atas 75 Tahun",
]


def _lower_bound(label: str) -> int:
    return 0 if label.startswith("Di bawah") else int(re.search(r"\d+", label).group())


def _rows(scale: int) -> list[Row]:
    rows = [Row("ringkasan", "penduduk", "Penduduk", 500 * scale, 500 * scale, 1000 * scale)]
    rows += [
        Row("umur", str(i), label, 30 * scale, 30 * scale, 60 * scale)
        for i, label in enumerate(BANDS, start=1)
    ]
    rows.append(Row("umur", "belum_mengisi", "BELUM MENGISI", 20 * scale, 20 * scale, 40 * scale))
    # ~90 occupations, most of them nobody's.
    rows += [
        Row("pekerjaan", str(code), f"Pekerjaan {code}", n, n, 2 * n)
        for code, n in ((c, (100 - c) * scale if c <= 14 else 0) for c in range(1, 90))
    ]
    return rows


@pytest.fixture
def snapshots_stored(village, village_b, village_x):
    snapshot_store(village=village, rows=_rows(2))
    snapshot_store(village=village_b, rows=_rows(3))
    snapshot_store(village=village_x, rows=_rows(1))
    suppression_refresh(provinsi_code="18")


def _table_labels(html: str, category: str) -> list[str]:
    table = re.search(rf'data-category="{category}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert table is not None, category
    return re.findall(r"<tr><td[^>]*>[^<]*</td><td>([^<]*)</td>", table.group(1))


@pytest.mark.parametrize("internal", [False, True])
def test_age_bands_sort_by_their_lower_bound_on_every_page_and_in_the_api(
    snapshots_stored, village, public_client, ops_client, internal
):
    client = ops_client if internal else public_client
    for code in ("18", "1801", village.code[:6], village.code):
        html = client.get(f"/dasbor/wilayah/{code}/").content.decode()
        labels = _table_labels(html, "umur")
        assert labels[-1] == "BELUM MENGISI", code
        bounds = [_lower_bound(label) for label in labels[:-1]]
        assert bounds == sorted(bounds) and len(bounds) == len(BANDS), (code, labels)
        chart = re.search(r'<svg[^>]*id="chart-umur".*?</svg>', html, re.S).group()
        drawn = re.findall(r'class="chart-label"[^>]*>([^<]*)<', chart)
        assert [_lower_bound(x) for x in drawn[:-1]] == sorted(bounds), code
    for code in ("18", "1801", village.code):
        records = public_client.get(f"/api/v1/wilayah/{code}").json()
        ages = [r["label"] for r in records["statistik"] if r["kategori"] == "umur"]
        assert [_lower_bound(a) for a in ages[:-1]] == sorted(_lower_bound(a) for a in ages[:-1])


def test_rows_counting_nobody_are_left_out_and_long_charts_fold(snapshots_stored, ops_client):
    html = ops_client.get("/dasbor/wilayah/1801/").content.decode()
    occupations = _table_labels(html, "pekerjaan")
    assert len(occupations) == 14  # the 75 occupations nobody has are not listed
    assert "75 baris bernilai 0 tidak ditampilkan." in html
    chart = re.search(r'<svg[^>]*id="chart-pekerjaan".*?</svg>', html, re.S).group()
    bars = re.findall(r'class="chart-label"[^>]*>([^<]*)<', chart)
    assert len(bars) == 10 and bars[-1] == "Lainnya"
    # The nine largest keep the category's order; "Lainnya" is the sum of the other five.
    assert bars[:-1] == [f"Pekerjaan {c}" for c in range(1, 10)]
    values = re.findall(r'class="chart-value"[^>]*>([^<]*)<', chart)
    assert values[
        -1
    ] == f"{sum(2 * (100 - c) * 3 + 2 * (100 - c) * 2 for c in range(10, 15)):,}".replace(",", ".")


def test_every_chart_has_a_caption_a_title_and_its_values_as_text(
    snapshots_stored, public_client, village
):
    for code in ("18", "1801", village.code[:6], village.code):
        html = public_client.get(f"/dasbor/wilayah/{code}/").content.decode()
        figures = re.findall(r"<figure>(.*?)</figure>", html, re.S)
        assert figures, code
        for figure in figures:
            caption = re.search(r"<figcaption[^>]*>([^<]+)</figcaption>", figure)
            svg = re.search(r'<svg[^>]*aria-labelledby="([^"]+)"', figure)
            assert caption and svg, figure[:200]
            title = re.search(r"<title id=\"[^\"]+\">([^<]+)</title>", figure).group(1)
            desc = re.search(r"<desc id=\"[^\"]+\">([^<]+)</desc>", figure).group(1)
            assert title == caption.group(1).strip()
            labels = re.findall(r'class="chart-label"[^>]*>([^<]*)<', figure)
            assert all(label.rstrip("…") in desc for label in labels)


def test_each_role_lands_on_the_dashboard_of_its_scope(db, public_client, ops_client):
    assert public_client.get("/dasbor/").url.endswith("/dasbor/wilayah/18/")
    assert ops_client.get("/dasbor/").url.endswith("/dasbor/wilayah/18/")
    manager, _user = staff_client(role="contract_manager", kabupaten_code="1801", username="pk-f11")
    assert manager.get("/dasbor/").url.endswith("/dasbor/wilayah/1801/")
    # Its kabupaten in exact numbers, not the province's public view.
    assert "mode-internal" in manager.get("/dasbor/wilayah/1801/").content.decode()


def test_a_manager_of_several_kabupaten_chooses_among_them(plan):
    from tests.control_plane.billing.fixtures import contract_make

    manager, user = staff_client(role="contract_manager", kabupaten_code="1801", username="pk-2")
    contract_make(plan=plan, code="1802", name="Kabupaten Tanggamus").managers.add(user)
    response = manager.get("/dasbor/")
    assert response.status_code == 200
    links = re.findall(r'href="(/dasbor/wilayah/\d+/)"', response.content.decode())
    assert links == ["/dasbor/wilayah/1801/", "/dasbor/wilayah/1802/"]
