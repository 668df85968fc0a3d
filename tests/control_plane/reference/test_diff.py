"""Edition diff (acceptance 2): what changed between two editions of the Kemendagri list,
classified from codes and names — unit rules on small lists, then named cases on the
committed editions, through ``manage.py wilayah diff OLD NEW --json``."""

import json

import pytest
from django.core.management import call_command

from control_plane.reference.diff import editions_compare

OLD = {
    "91": "PAPUA",
    "9101": "KAB. MERAUKE",
    "910101": "Merauke",
    "9101011001": "Seringgu Jaya",
    "9101012002": "Wasur",
    "18": "LAMPUNG",
    "1801": "KAB. LAMPUNG SELATAN",
    "180104": "Natar",
    "1801042001": "Hajimena",
    "1801042002": "Sidosari",
    "1801042003": "Sukamaju",
    "1801042004": "Rejosari",
    "1801042005": "Candimas",
    "180105": "Jati Agung",
    "1801052001": "Marga Kaya",
    "1801052002": "Karang Anyar",
    "1801052003": "Sinar Rejeki",
}
NEW = {
    "91": "Papua",
    "93": "Papua Selatan",
    "9301": "Kabupaten Merauke",
    "930101": "Merauke",
    "9301011001": "Seringgu Jaya",
    "9301012002": "Wasur",
    "18": "Lampung",
    "1801": "Kabupaten Lampung Selatan",
    "180104": "Natar",
    "1801042001": "Hajimena",
    "1801042002": "Sido Sari",  # renamed
    "1801042003": "Sukamaju",
    "1801042008": "Sukamaju Utara",  # split off Sukamaju
    "1801042009": "Rejosari Candimas",  # two desa merged
    "180105": "Jati Agung",
    "180116": "Jati Agung Baru",  # new kecamatan from part of Jati Agung
    "1801162001": "Marga Kaya",
    "1801162002": "Karang Anyar",
    "1801052003": "Sinar Rejeki",
    "1801052010": "Desa Baru",  # nothing explains it
}


def _kinds(diff):
    return {(c.kind, c.old and c.old[0], c.new and c.new[0]) for c in diff.changes}


def test_rules_on_a_small_list():
    diff = editions_compare(OLD, NEW)
    kinds = _kinds(diff)
    assert ("code_moved", "9101", "9301") in kinds
    assert ("code_moved", "910101", "930101") in kinds
    assert ("code_moved", "9101011001", "9301011001") in kinds
    assert ("split", "91", "93") in kinds
    assert ("renamed", "1801042002", "1801042002") in kinds
    # Case, spacing and ``KAB.`` are not a rename.
    assert not {k for k in kinds if k[0] == "renamed" and k[1] in ("18", "1801", "91")}
    assert ("split", "1801042003", "1801042008") in kinds
    assert ("merged", "1801042004", "1801042009") in kinds
    assert ("merged", "1801042005", "1801042009") in kinds
    assert ("split", "180105", "180116") in kinds
    assert ("code_moved", "1801052001", "1801162001") in kinds
    assert ("new", None, "1801052010") in kinds
    assert diff.moves["1801052002"] == "1801162002" and diff.moves["9101"] == "9301"
    # Nothing with more than one successor has one in ``moves``.
    assert "1801042004" not in diff.moves and "1801042005" not in diff.moves


def test_a_name_seen_twice_is_never_matched():
    """Two disappeared ``Sukamaju`` and one new: which one moved is a guess, so none did."""
    old = {"18": "X", "1801": "KAB. X", "180101": "A", "180102": "B", "180103": "C"}
    new = dict(old)
    old |= {"1801012001": "Sukamaju", "1801022001": "Sukamaju"}
    new |= {"1801032005": "Sukamaju"}
    diff = editions_compare(old, new)
    assert {c.kind for c in diff.changes if c.level == "desa"} == {"removed", "new"}
    assert not any(len(code) == 10 for code in diff.moves)


@pytest.fixture
def papua_village(db, wilayah_editions):
    """A village, contract, manager and snapshot in Merauke, keyed by the 2022 codes."""
    from django.utils import timezone

    from control_plane.dashboards.models import VillageSnapshot
    from tenants import services
    from tests.control_plane.onboarding.helpers import make_contract, make_staff

    village = services.village_create(
        code="9101011002", name="Samkai", slug="samkai", actor="uji", status="active"
    )
    manager = make_staff("pengelola-merauke", "contract_manager", "9101")
    contract = make_contract("9101", manager)
    from control_plane.contracts.models import ContractSeat

    ContractSeat.objects.create(contract=contract, village=village, attached_by="uji")
    VillageSnapshot.objects.create(
        village=village,
        village_code="9101011002",
        kecamatan_code="910101",
        kabupaten_code="9101",
        provinsi_code="91",
        version=3,
        generated_at=timezone.now(),
    )
    return village


@pytest.mark.django_db
def test_committed_editions_report_papua_moves_as_code_moves(papua_village, capsys):
    call_command("wilayah", "diff", "kepmendagri-2022", "kepmendagri-2025", "--json")
    out = json.loads(capsys.readouterr().out)
    assert (out["old"], out["new"]) == ("kepmendagri-2022", "kepmendagri-2025")
    by = {}
    for change in out["changes"]:
        old, new = change["old"], change["new"]
        assert set(change) == {"kind", "level", "old", "new", "affects"}
        assert change["kind"] in {"renamed", "code_moved", "new", "removed", "split", "merged"}
        by[(old and old["code"], new and new["code"])] = change
    merauke = by[("91.01", "93.01")]
    assert merauke["kind"] == "code_moved" and merauke["level"] == "kabupaten"
    assert merauke["new"]["name"] == "Kabupaten Merauke"
    for old, new, level in (
        ("91.02", "95.01", "kabupaten"),  # Jayawijaya → Papua Pegunungan
        ("91.04", "94.01", "kabupaten"),  # Nabire → Papua Tengah
        ("92.71", "96.71", "kabupaten"),  # Kota Sorong → Papua Barat Daya
        ("91.01.01", "93.01.01", "kecamatan"),
        ("91.01.01.1002", "93.01.01.1002", "desa"),  # Samkai
        ("53.03.01.1006", "53.03.01.2006", "desa"),  # kelurahan became desa
    ):
        assert by[(old, new)]["kind"] == "code_moved", (old, new)
        assert by[(old, new)]["level"] == level
    assert by[("91", "95")]["kind"] == "split" and by[("91", "95")]["level"] == "provinsi"
    assert by[("31", "31")]["kind"] == "renamed"  # DKI Jakarta → Daerah Khusus Ibukota
    assert by[("12.21.07", "12.21.13")]["kind"] == "split"  # Barumun → Barumun Baru
    # No Papua kabupaten is reported as removed and added again.
    assert not [
        c for c in out["changes"] if c["level"] == "kabupaten" and c["kind"] in ("removed", "new")
    ]
    # What each change touches on Balai.
    affects = merauke["affects"]
    assert [v["slug"] for v in affects["villages"]] == ["samkai"]
    assert [c["kabupaten_code"] for c in affects["contracts"]] == ["91.01"]
    assert affects["seats"] == [
        {"contract": affects["contracts"][0]["number"], "village": "samkai"}
    ]
    assert affects["manager_scopes"] == [{"user": "pengelola-merauke", "kabupaten_code": "91.01"}]
    assert affects["snapshots"] == [{"village": "91.01.01.1002", "version": 3}]
    desa = by[("91.01.01.1002", "93.01.01.1002")]["affects"]
    assert [v["slug"] for v in desa["villages"]] == ["samkai"] and desa["contracts"] == []
    assert by[("91.02", "95.01")]["affects"]["villages"] == []
