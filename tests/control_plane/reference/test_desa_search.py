"""Finding a village by typing its Kemendagri code (with or without dots) or its name,
across the active edition, with what tells two villages of one name apart (issue 18,
finding 12)."""

import pytest
from django.core.cache import caches
from django.db import connection

from control_plane.reference.selectors import desa_list


def names(rows):
    return [(r.name, r.kecamatan.name, r.code) for r in rows]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["18.01.04.2009", "1801042009", " 18 01 04 2009 "])
def test_a_code_with_or_without_dots_finds_its_village(wilayah, q):
    assert names(desa_list(q=q)) == [("Bumi Sari", "Natar", "1801042009")]


@pytest.mark.django_db
def test_the_start_of_a_code_lists_its_villages_in_code_order(wilayah):
    rows = desa_list(q="18.01.04", limit=30)
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    assert len(rows) == 26 and all(r.code.startswith("180104") for r in rows)
    assert desa_list(q="1") == [] and desa_list(q="18010420019") == []


@pytest.mark.django_db
def test_a_name_lists_exact_matches_first_with_their_regions(wilayah):
    rows = desa_list(q="bumi sari", limit=10)
    exact = [r for r in rows if r.name == "Bumi Sari"]
    assert rows[: len(exact)] == exact and len(exact) == 4  # four villages of that name
    natar = next(r for r in exact if r.code == "1801042009")
    assert natar.kecamatan.kabupaten.display_name == "Kabupaten Lampung Selatan"
    assert natar.kecamatan.kabupaten.provinsi.display_name == "Lampung"


@pytest.mark.django_db
def test_part_of_a_name_and_the_kecamatan_narrow_to_one(wilayah):
    assert names(desa_list(q="hajim")) == [("Hajimena", "Natar", "1801042001")]
    assert names(desa_list(q="tanjung sari natar")) == [("Tanjung Sari", "Natar", "1801042008")]
    assert names(desa_list(q="Tanjung Sari, Natar")) == [("Tanjung Sari", "Natar", "1801042008")]


@pytest.mark.django_db
def test_too_short_or_unknown_names_find_nothing(wilayah):
    assert desa_list(q="sa") == [] and desa_list(q="") == [] and desa_list(q="zzqqxx") == []


@pytest.mark.django_db
def test_names_are_searched_through_a_trigram_index(wilayah):
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'reference_desa_trgm'")
        (definition,) = cur.fetchone()
        assert "gin_trgm_ops" in definition and "upper" in definition
        # The loader leaves fresh statistics, so the planner takes the index at once.
        cur.execute(
            "EXPLAIN SELECT code FROM reference_desa WHERE UPPER(name::text) LIKE '%%HAJIM%%'"
        )
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "reference_desa_trgm" in plan


@pytest.mark.django_db
def test_json_search_carries_kecamatan_and_kabupaten_and_is_rate_limited(wilayah, public_client):
    caches["ratelimit"].clear()
    r = public_client.get("/referensi/cari/", {"tingkat": "desa", "q": "bumi sari"})
    natar = next(row for row in r.json()["results"] if row["code"] == "1801042009")
    assert natar == {
        "code": "1801042009",
        "name": "Bumi Sari",
        "dotted": "18.01.04.2009",
        "kind": "desa",
        "kecamatan": "Natar",
        "kabupaten": "Kabupaten Lampung Selatan",
        "provinsi": "Lampung",
    }
    for _ in range(119):
        public_client.get("/referensi/cari/", {"tingkat": "desa", "q": "zz"})
    # The sign-up's search endpoint counts in the same group.
    assert public_client.get("/daftar/cari-desa/", {"desa": "zz"}).status_code == 429
    assert public_client.get("/referensi/cari/", {"q": "zz"}).status_code == 403
    caches["ratelimit"].clear()
