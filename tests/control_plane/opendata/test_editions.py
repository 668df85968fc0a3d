"""Every published figure carries the edition of the Kemendagri list its code belongs to,
with the attribution the list's licence (ODbL) asks for. The sweep walks every path of
the OpenAPI document, so an endpoint added later is held to the same rule."""

import csv
import io

from openpyxl import load_workbook

from control_plane.opendata.openapi import openapi_document

EDITION = "kepmendagri-2025"
CODES = ("18", "1801", "180104", "1801042001")


def _records(value):
    """Every JSON object that names a region (``kode`` and ``nama``)."""
    if isinstance(value, dict):
        if "kode" in value and "nama" in value:
            yield value
        for child in value.values():
            yield from _records(child)
    elif isinstance(value, list):
        for child in value:
            yield from _records(child)


def test_every_open_data_record_carries_its_edition(wilayah, public_client, published):  # noqa: F811
    checked = 0
    for path in openapi_document()["paths"]:
        for code in CODES if "{kode}" in path else (None,):
            if code and "/anak" in path and len(code) == 10:
                continue  # a village has no regions below it
            url = path.replace("{kode}", code) if code else path
            response = public_client.get(url)
            assert response.status_code == 200, url
            if path.endswith(".csv"):
                rows = list(csv.DictReader(io.StringIO(response.content.decode())))
                assert rows, url
                assert {row["edisi_wilayah"] for row in rows} == {EDITION}, url
                checked += len(rows)
                continue
            body = response.json()
            reference = body.get("metadata", body).get("referensi_wilayah")
            assert reference["edisi"] == EDITION, url
            assert (
                "idn-area-data" in reference["atribusi"]
                and reference["lisensi"]["nama"] == "ODbL-1.0"
            )
            records = list(_records(body))
            assert records or path.endswith("/metadata"), url
            for record in records:
                assert record["edisi_wilayah"] == EDITION, (url, record)
            checked += len(records)
    assert checked > 20


def test_dashboard_pages_and_downloads_carry_the_edition(
    wilayah,  # noqa: F811 - fixture
    public_client,
    ops_client,  # noqa: F811 - fixture
    published,
):  # noqa: F811
    for client in (public_client, ops_client):
        page = client.get("/dasbor/wilayah/18/").content.decode()
        assert EDITION in page and "Open Database License" in page
        rows = list(
            csv.reader(io.StringIO(client.get("/dasbor/wilayah/18/unduh.csv").content.decode()))
        )
        assert rows[0][-1] == "Edisi wilayah" and {r[-1] for r in rows[1:]} == {EDITION}
        book = load_workbook(io.BytesIO(client.get("/dasbor/wilayah/1801/unduh.xlsx").content))
        cells = [row[-1] for row in book.active.iter_rows(values_only=True)]
        assert cells[0] == "Edisi wilayah" and set(cells[1:]) == {EDITION}
