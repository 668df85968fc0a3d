"""Issue 18, finding 11 (APBDes public page): a card and the chart beside it state the
same figure (net financing of -45.000.000 was charted as 0); every percentage on the
page is written one way, with the Indonesian decimal comma ("102,4%", never "102.4%");
realisation above the budget needs the treasurer's confirmation, in the form and in the
import, and the public page flags it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tenants.context import village_context
from tests.village_apps.keuangan.test_apbdes import _xlsx
from village_apps.keuangan import services
from village_apps.keuangan.models import BarisApbdes

pytestmark = pytest.mark.django_db


def _year(village, tahun=2025):
    with village_context(village):
        apbdes = services.apbdes_create(tahun=tahun)
        rows = [
            ("pendapatan", "4.2.1", "Dana Desa", 1_000_000, 1_024_000),  # 102,4 %
            ("belanja", "2.3.01", "Jalan desa", 800_000, 500_000),
            ("pembiayaan", "6.1.1", "SiLPA", 5_000_000, 0),
            ("pembiayaan", "6.2.2", "Penyertaan modal BUM Desa", 50_000_000, 0),
        ]
        for kelompok, kode, uraian, anggaran, realisasi in rows:
            services.baris_save(
                apbdes=apbdes, kelompok=kelompok, kode=kode, uraian=uraian,
                anggaran=anggaran, realisasi_s1=realisasi, konfirmasi_lebih=True,
            )  # fmt: skip
    return apbdes


def _chart_value(html: str, label: str) -> str:
    match = re.search(
        rf"grafik-label\">{re.escape(label)}</text>.*?grafik-nilai\">([^<]*)<", html, re.S
    )
    assert match is not None, label
    return match.group(1)


def test_card_and_chart_state_the_same_net_financing(village, village_client):
    _year(village)
    html = village_client.get("/keuangan/2025/").content.decode()
    card = re.search(r'id="pembiayaan-netto">([^<]*)<', html).group(1)
    assert card == "Rp -45.000.000"
    assert _chart_value(html, "Pembiayaan netto") == "-45.000.000"
    assert re.search(r"Pembiayaan netto: -45\.000\.000", html)  # the chart's text too


def test_every_percentage_on_the_page_has_the_decimal_comma(village, village_client, operator):
    _year(village)
    pages = [village_client.get("/keuangan/2025/").content.decode()]
    with village_context(village):
        village_client.force_login(operator)
    pages.append(village_client.get("/keuangan/kelola/2025/").content.decode())
    for html in pages:
        text = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.S)
        assert not re.search(r"\d\.\d+\s?%", text), re.search(r".{40}\d\.\d+\s?%", text)
        assert "102,4%" in text
    public = pages[0]
    assert "realisasi 102,4%" in public  # the card
    assert _chart_value(public, "Pendapatan") == "102,4%"  # the realisation chart


def test_realisation_above_budget_needs_a_confirmation(village, village_client, operator):
    with village_context(village):
        apbdes = services.apbdes_create(tahun=2025)
        with pytest.raises(ValidationError) as refused:
            services.baris_save(
                apbdes=apbdes, kelompok="belanja", kode="2.3.01", uraian="Jalan",
                anggaran=1_000_000, realisasi_s1=1_110_000,
            )  # fmt: skip
        assert refused.value.error_list[0].code == services.LEBIH_ANGGARAN
        assert "melebihi anggaran Rp 1.000.000 (111,0%)" in refused.value.messages[0]
        assert not BarisApbdes.objects.exists()
        village_client.force_login(operator)

    row = {"kelompok": "belanja", "kode": "2.3.01", "uraian": "Jalan", "anggaran": "1000000",
           "realisasi_s1": "1110000", "realisasi_s2": "0"}  # fmt: skip
    first = village_client.post("/keuangan/kelola/2025/", row)
    assert first.status_code == 200
    html = first.content.decode()
    assert "Realisasi Rp 1.110.000 melebihi anggaran" in html
    assert 'type="checkbox" name="konfirmasi_lebih"' in html  # the box appears now
    confirmed = village_client.post("/keuangan/kelola/2025/", {**row, "konfirmasi_lebih": "on"})
    assert confirmed.status_code == 302
    with village_context(village):
        assert BarisApbdes.objects.get().realisasi_s1 == Decimal("1110000")

    public = village_client.get("/keuangan/2025/").content.decode()
    flagged = re.search(r'<tr class="level-\d+ lebih-anggaran" data-kode="2.3.01"', public)
    assert flagged and "111,0%" in public and "melebihi anggaran" in public


def test_the_import_follows_the_same_rule(village):
    rows = [["Belanja", "2.3.01", "Jalan", 1_000_000, 600_000, 510_000]]
    with village_context(village):
        refused = services.apbdes_impor(tahun=2025, berkas=_xlsx(rows))
        assert not refused.berhasil
        assert "Baris 2" in refused.kesalahan[0] and "111,0%" in refused.kesalahan[0]
        accepted = services.apbdes_impor(tahun=2025, berkas=_xlsx(rows), konfirmasi_lebih=True)
        assert accepted.berhasil and accepted.jumlah_baris == 1
