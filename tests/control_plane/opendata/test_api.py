"""Open-data API: suppressed public numbers, metadata, CSV, cache headers, rate limit."""

import csv
import io

from balai_kernel.actor import Actor
from control_plane.dashboards.models import RegionStat, SnapshotValue
from control_plane.dashboards.services import kabupaten_setting_update


def _cells(records):
    for r in records:
        for f in ("laki_laki", "perempuan", "jumlah"):
            yield r["kategori"], r["kode"], f, r[f]


def test_region_json_is_suppressed_with_metadata_and_cache_headers(public_client, published):
    response = public_client.get("/api/v1/wilayah/1801042001")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Last-Modified" in response
    body = response.json()
    assert body["kode"] == "1801042001" and body["tingkat"] == "desa"
    assert body["metadata"]["lisensi"]["nama"].startswith("Creative Commons")
    cells = {(c, k, f): v for c, k, f, v in _cells(body["statistik"])}
    # 3 Christian men, 2 Hindu women: never published as such.
    assert cells[("agama", "kristen", "laki_laki")] == "<5"
    assert cells[("agama", "hindu", "perempuan")] == "<5"
    for value in cells.values():
        assert not (isinstance(value, int) and 1 <= value <= 4)


def test_every_small_count_in_db_is_hidden_in_every_public_output(public_client, published):
    """All regions and villages: a stored count 1–4 never appears in JSON or CSV."""
    codes = {"18", "1801", "1802", "180104", "180201"} | set(
        SnapshotValue.objects.values_list("village_code", flat=True)
    )
    for code in codes:
        body = public_client.get(f"/api/v1/wilayah/{code}").json()
        for _c, _k, _f, value in _cells(body["statistik"]):
            assert not (isinstance(value, int) and 1 <= value <= 4), code
        rows = list(
            csv.DictReader(
                io.StringIO(public_client.get(f"/api/v1/wilayah/{code}.csv").content.decode())
            )
        )
        assert len(rows) == len(body["statistik"])
        for row in rows:
            for f in ("laki_laki", "perempuan", "jumlah"):
                if row["kategori"] != "apbdes":
                    assert row[f] not in {"1", "2", "3", "4"}, (code, row)
    assert RegionStat.objects.filter(hidden__gt=0).exists()


def test_children_and_csv(public_client, published):
    body = public_client.get("/api/v1/wilayah/18/anak").json()
    by_code = {r["kode"]: r for r in body["wilayah"]}
    assert by_code["1801"]["penduduk"] == 145 and by_code["1801"]["desa_di_balai"] == 2
    assert by_code["1801"]["desa_referensi"] > 200
    text = public_client.get("/api/v1/wilayah/18/anak.csv").content.decode()
    assert "1801" in text


def test_closed_kabupaten_and_unknown_codes(public_client, published):
    kabupaten_setting_update(kabupaten_code="1801", public=False, actor=Actor.named("uji"))
    assert public_client.get("/api/v1/wilayah/1801042001").status_code == 403
    assert public_client.get("/api/v1/wilayah/1801").status_code == 200
    assert public_client.get("/api/v1/wilayah/123").status_code == 404
    assert public_client.get("/api/v1/wilayah/99").json()["galat"]


def test_rate_limit_answers_429(public_client, published, settings):
    settings.OPENDATA_RATE_LIMIT = "3/m"
    from django.core.cache import cache

    cache.clear()
    statuses = [public_client.get("/api/v1/metadata").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
    cache.clear()


def test_openapi_and_metadata(public_client, db):
    doc = public_client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert "/api/v1/wilayah/{kode}" in doc["paths"]
    meta = public_client.get("/api/v1/metadata").json()
    assert {
        "judul",
        "produsen_data",
        "lisensi",
        "frekuensi_pembaruan",
        "periode",
        "cakupan_wilayah",
        "variabel",
    } <= set(meta)
    assert any(v["satuan"] == "rupiah" for v in meta["variabel"])
