"""The demo loaders fill a village with content and are idempotent."""

from tenants.context import village_context
from village_apps.bantuan.demo import load_demo_village as bantuan_demo
from village_apps.keuangan.demo import load_demo_village as keuangan_demo
from village_apps.keuangan.models import BarisApbdes
from village_apps.pembangunan.demo import load_demo_village as pembangunan_demo
from village_apps.pembangunan.models import Proyek
from village_apps.web.demo import load_demo_village as web_demo
from village_apps.web.models import Artikel


def test_demo_loaders_are_idempotent(village, village_client):
    with village_context(village):
        for _ in range(2):
            for loader in (web_demo, keuangan_demo, pembangunan_demo, bantuan_demo):
                loader(village=village)
        assert Artikel.objects.filter(terbit=True).count() == 3
        assert BarisApbdes.objects.count() == 14
        assert Proyek.objects.count() == 2
    home = village_client.get("/").content.decode()
    assert "Kerja bakti membersihkan saluran irigasi" in home
    assert village_client.get("/keuangan/").content.decode().count("<svg") == 3
