"""The switch for special statistics categories (issue 16, finding 3): off by default,
admin only, a warning on the screen, a confirmation to open one, an audit row for every
change, and the published snapshot and website following it."""

import pytest
from django.test import Client

from tenants.context import village_context
from tests.security.disclosure import HAJIMENA, publish, warga_create
from tests.support.builders import village_login
from village_apps.audit.models import AccessAudit
from village_apps.penduduk.facade import statistik_sensitif_aktif
from village_apps.penduduk.selectors import pengaturan_get

URL = "/kelola/penduduk/pengaturan/statistik/"


def test_off_by_default_and_the_screen_warns(village, admin_client):
    with village_context(village):
        assert statistik_sensitif_aktif() == frozenset()
    html = admin_client.get("/kelola/penduduk/pengaturan/").content.decode()
    assert 'id="peringatan-statistik-khusus"' in html
    assert "data kesehatan" in html and "HIV/AIDS" in html and "jejak audit" in html
    for kode in ("sakit-menahun", "disabilitas", "kehamilan", "akseptor-kb"):
        assert f'value="{kode}"' in html


def test_opening_needs_the_confirmation_and_is_audited(village, admin_client):
    refused = admin_client.post(URL, {"kategori": ["sakit-menahun"]})
    assert refused.status_code == 200 and "Centang pernyataan ini" in refused.content.decode()
    with village_context(village):
        assert statistik_sensitif_aktif() == frozenset()
    admin_client.post(URL, {"kategori": ["sakit-menahun", "kehamilan"], "paham": "on"})
    with village_context(village):
        assert statistik_sensitif_aktif() == {"sakit-menahun", "kehamilan"}
        row = AccessAudit.objects.filter(object_type="pengaturan_statistik").latest("id")
        assert row.action == "update" and row.username == "uji-admin"
        assert "dibuka: kehamilan, sakit-menahun; ditutup: -" in row.summary
    # Closing needs no confirmation, and is audited too.
    admin_client.post(URL, {"kategori": ["kehamilan"]})
    with village_context(village):
        assert statistik_sensitif_aktif() == {"kehamilan"}
        row = AccessAudit.objects.filter(object_type="pengaturan_statistik").latest("id")
        assert "dibuka: -; ditutup: sakit-menahun" in row.summary


def test_only_admins_and_only_known_categories(village, village_client, pengguna):
    operator = village_login(village_client, pengguna["operator"], village)
    assert operator.post(URL, {"kategori": ["sakit-menahun"], "paham": "on"}).status_code in (
        302,
        403,
    )
    admin_client = village_login(village_client, pengguna["admin"], village)
    response = admin_client.post(URL, {"kategori": ["agama"], "paham": "on"})
    assert response.status_code == 200  # not a choice: the form refuses it
    with village_context(village):
        assert statistik_sensitif_aktif() == frozenset()
        pengaturan = pengaturan_get()  # a refused form writes no settings row
        pengaturan.statistik_sensitif = ["agama"]
        with pytest.raises(Exception, match="tidak dikenal"):
            pengaturan.full_clean()


def test_the_website_follows_the_switch(village, village_b, admin_client):
    visitor = Client(HTTP_HOST=village.host)
    warga_create(village, HAJIMENA, prefix="1801042001")
    publish(village, village_b)
    assert visitor.get("/statistik/disabilitas/").status_code == 404
    admin_client.post(URL, {"kategori": ["disabilitas"], "paham": "on"})
    publish(village, village_b)
    assert "CACAT NETRA/BUTA" in visitor.get("/statistik/disabilitas/").content.decode()
    # Closed again: gone at once, before the next publish removes it from the snapshot.
    admin_client.post(URL, {"kategori": []})
    assert visitor.get("/statistik/disabilitas/").status_code == 404
