"""The Kemendagri reference set: bulk load, idempotent reload, autocomplete search."""

import json

import pytest
from django.core.management import call_command

from control_plane.reference.models import Desa, Kabupaten, Kecamatan, Provinsi
from control_plane.reference.selectors import region_names


@pytest.mark.django_db
def test_lampung_counts(wilayah):
    lampung = Desa.objects.filter(code__startswith="18")
    assert lampung.filter(kind="desa").count() == 2435
    assert lampung.filter(kind="kelurahan").count() == 205
    assert Kabupaten.objects.filter(provinsi_id="18").count() == 15
    assert Desa.objects.count() == 83441


@pytest.mark.django_db
def test_reload_is_idempotent_and_repairs(wilayah, capsys):
    Desa.objects.filter(code="1801042001").update(name="Rusak")
    Provinsi.objects.create(code="99", name="TIDAK ADA")
    call_command("wilayah", "load", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["desa"] == 83441 and out["provinsi"] == 34
    assert Desa.objects.get(code="1801042001").name == "Hajimena"
    assert not Provinsi.objects.filter(code="99").exists()
    assert Kecamatan.objects.get(code="180104").name == "Natar"


@pytest.mark.django_db
def test_region_names_for_profile(wilayah):
    assert region_names("1801042001") == {
        "desa": "Hajimena",
        "kecamatan": "Natar",
        "kabupaten": "Kabupaten Lampung Selatan",
        "provinsi": "Lampung",
    }


@pytest.mark.django_db
def test_search_endpoint(wilayah, public_client):
    r = public_client.get("/referensi/cari/", {"tingkat": "desa", "induk": "180104", "q": "haji"})
    assert r.status_code == 200
    assert r.json()["results"] == [
        {"code": "1801042001", "name": "Hajimena", "dotted": "18.01.04.2001", "kind": "desa"}
    ]
    r = public_client.get("/referensi/cari/", {"tingkat": "kabupaten", "induk": "18"})
    names = [row["name"] for row in r.json()["results"]]
    assert "Kabupaten Lampung Selatan" in names and "Kota Metro" in names
    assert public_client.get("/referensi/cari/", {"tingkat": "planet"}).status_code == 400
