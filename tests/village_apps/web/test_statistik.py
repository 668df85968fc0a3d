"""Public statistics: aggregated tables and SVG charts from the population facade, no
personal data, every category reachable, cached per village."""

import re

import pytest

from tenants.context import village_context
from village_apps.penduduk.facade import STATISTIK_KATEGORI
from village_apps.penduduk.models import Penduduk


@pytest.fixture
def warga(village):
    with village_context(village):
        for i, (nama, sex, agama) in enumerate(
            [
                ("Rahasia Satu", 1, 1),
                ("Rahasia Dua", 2, 1),
                ("Rahasia Tiga", 2, 2),
                ("Rahasia Empat", 1, 1),
            ]
        ):
            Penduduk.objects.create(nik=f"18010420019{i:05d}", nama=nama, sex=sex, agama_id=agama)


def test_sex_table_totals_and_no_personal_data(village_client, warga):
    html = village_client.get("/statistik/jenis-kelamin/").content.decode()
    assert "<svg" in html
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)[1]
    assert re.findall(r'class="num">([\d.]+)<', foot)[:3] == ["2", "2", "4"]
    assert "Rahasia" not in html and "1801042001" not in html


def test_every_category_renders(village_client, warga):
    for kode in STATISTIK_KATEGORI:
        response = village_client.get(f"/statistik/{kode}/")
        assert response.status_code == 200, kode
    assert village_client.get("/statistik/tidak-ada/").status_code == 404
    index = village_client.get("/statistik/").content.decode()
    assert all(f'href="/statistik/{k}/"' in index for k in STATISTIK_KATEGORI)


def test_home_shows_headline_counts(village_client, warga):
    html = village_client.get("/").content.decode()
    assert "Sekilas data" in html and "Penduduk" in html
    assert "Rahasia" not in html
