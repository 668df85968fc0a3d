"""``wilayah apply`` (acceptance 3): a platform set up on the 2022 list, with villages, a
contract, a manager, settings, an invitation and published statistics in Merauke
(91.01, now 93.01), is carried to the 2025 list — every village reachable at its
domains with its data, the contract one contract on the new code with its seats, the
manager's scope and the snapshots on the new code, all audited — and a re-run changes
nothing. Codes the lists cannot match are listed and refused until mapped by hand."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from balai_kernel.actor import Actor
from control_plane.reference.models import Edition, EditionApplication
from control_plane.reference.selectors import edition_active_name
from control_plane.reference.services import edition_activate

ADMIN = "sandi-admin-uji-123"


def _apply(capsys, *args):
    call_command("wilayah", "apply", "kepmendagri-2025", "--json", *args)
    return json.loads(capsys.readouterr().out)


def _rows(total):
    from control_plane.dashboards.collect import Row

    return [Row("ringkasan", "penduduk", "Penduduk", total // 2, total - total // 2, total)]


@pytest.fixture
def platform_2022(db, wilayah_editions):
    """Everything keyed by the 2022 codes, as on a platform before this change."""
    from control_plane.dashboards.models import KabupatenDashboardSetting
    from control_plane.dashboards.services import snapshot_store
    from control_plane.onboarding.models import Invitation
    from control_plane.provisioning.services import village_provision
    from tenants import services
    from tenants.context import village_context
    from tenants.models import Domain
    from tests.control_plane.onboarding.helpers import make_contract, make_staff
    from village_apps.wilayah.services import wilayah_ensure

    edition_activate(edition=Edition.objects.get(name="kepmendagri-2022"))
    villages = []
    for code, name, slug in (
        ("9101011002", "Samkai", "samkai"),
        ("9101011004", "Mandala", "mandala-merauke"),
    ):
        village = services.village_create(code=code, name=name, slug=slug, actor="uji")
        village_provision(village=village, actor=Actor.named("uji"), admin_password=ADMIN)
        village.refresh_from_db()
        with village_context(village):
            wilayah_ensure(dusun="Dusun Satu", rw="001", rt="002")
        villages.append(village)
    services.village_domain_add(village=villages[0], domain="samkai.desa.id", actor="uji")
    # Its ownership was proven (DNS TXT); only verified custom domains are routed.
    Domain.objects.filter(domain="samkai.desa.id").update(status="verified")
    manager = make_staff("pengelola-merauke", "contract_manager", "9101")
    camat = make_staff("camat-merauke", "camat", region_code="910101")
    contract = make_contract("9101", manager)
    from control_plane.contracts.models import ContractSeat

    for village in villages:
        ContractSeat.objects.create(contract=contract, village=village, attached_by="uji")
        snapshot_store(village=village, rows=_rows(100))
    KabupatenDashboardSetting.objects.create(kabupaten_code="9101", public=False)
    invitation = Invitation.objects.create(
        code="9101011003", kabupaten_code="9101", email="op@contoh.id"
    )
    return {
        "villages": villages,
        "contract": contract,
        "manager": manager,
        "camat": camat,
        "invitation": invitation,
    }


@pytest.mark.django_db
def test_apply_carries_a_moved_kabupaten_and_a_rerun_changes_nothing(
    platform_2022, capsys, village
):
    from control_plane.accounts.permissions import can_see_kabupaten
    from control_plane.billing.models import BillingEvent
    from control_plane.contracts.models import Contract
    from control_plane.dashboards.models import (
        KabupatenDashboardSetting,
        RegionStat,
        SnapshotValue,
        VillageSnapshot,
    )
    from control_plane.onboarding.models import Invitation
    from tenants.context import village_context
    from tenants.models import LifecycleEvent, Village
    from village_apps.profil.models import ProfilDesa
    from village_apps.wilayah.models import RT

    samkai, mandala = platform_2022["villages"]
    contract, manager = platform_2022["contract"], platform_2022["manager"]
    hajimena = village.code

    # A dry run says what would change and changes nothing.
    plan = _apply(capsys)
    assert plan["applied"] is False and plan["unmatched"] == []
    assert plan["counts"]["village"] == 2 and plan["counts"]["contract"] == 1
    assert Village.objects.get(pk=samkai.pk).code == "9101011002"
    assert edition_active_name() == "kepmendagri-2022"
    assert not EditionApplication.objects.exists()

    plan = _apply(capsys, "--apply", "--actor", "ops-uji")
    assert plan["applied"] is True and edition_active_name() == "kepmendagri-2025"
    for before, (code, slug, kind) in zip(
        (samkai, mandala),
        (("9301011002", "samkai", "kelurahan"), ("9301011004", "mandala-merauke", "kelurahan")),
        strict=True,
    ):
        after = Village.objects.get(pk=before.pk)
        assert (after.code, after.kabupaten_code, after.provinsi_code) == (code, "9301", "93")
        assert (after.slug, after.schema_name, after.kind) == (slug, before.schema_name, kind)
        assert after.timezone_name == "Asia/Jayapura"
        assert Client(HTTP_HOST=after.host).get("/").status_code == 200
        with village_context(after):
            profil = ProfilDesa.objects.get()
            assert (profil.kode_desa, profil.kode_kabupaten) == (code, "9301")
            assert profil.nama_provinsi == "Papua Selatan"
            assert profil.nama_kabupaten == "Kabupaten Merauke"
            assert RT.objects.filter(
                nama="002", rw__nama="001", rw__dusun__nama="Dusun Satu"
            ).exists()
        assert LifecycleEvent.objects.filter(village=after, action="wilayah_moved").count() == 1
    assert Client(HTTP_HOST="samkai.desa.id").get("/").status_code == 200
    assert Village.objects.get(code=hajimena).slug == "hajimena"  # Lampung untouched

    assert list(
        Contract.objects.filter(pk=contract.pk).values_list("kabupaten_code", flat=True)
    ) == ["9301"]
    assert Contract.objects.count() == 1
    assert set(contract.seats.values_list("village__code", flat=True)) == {
        "9301011002",
        "9301011004",
    }
    manager.staff_profile.refresh_from_db()
    assert manager.staff_profile.kabupaten_code == "9301"
    camat = platform_2022["camat"]
    camat.staff_profile.refresh_from_db()
    assert camat.staff_profile.region_code == "930101"  # Merauke's kecamatan moved with it
    assert can_see_kabupaten(manager, "9301") and not can_see_kabupaten(manager, "9101")
    assert BillingEvent.objects.filter(contract=contract, action="contract_region_moved").exists()
    assert KabupatenDashboardSetting.objects.get().kabupaten_code == "9301"
    invitation = Invitation.objects.get(pk=platform_2022["invitation"].pk)
    assert (invitation.code, invitation.kabupaten_code) == ("9301011003", "9301")

    snapshot = VillageSnapshot.objects.get(village=samkai)
    assert (snapshot.village_code, snapshot.provinsi_code, snapshot.version) == (
        "9301011002",
        "93",
        1,
    )
    assert snapshot.reference_edition == "kepmendagri-2025"
    assert not SnapshotValue.objects.filter(provinsi_code="91").exists()
    assert (
        RegionStat.objects.get(level="kabupaten", region_code="9301", key="penduduk").jumlah == 200
    )
    assert not RegionStat.objects.filter(region_code__startswith="91").exists()

    application = EditionApplication.objects.get()
    assert (application.old, application.new, application.actor) == (
        "kepmendagri-2022",
        "kepmendagri-2025",
        "ops-uji",
    )
    entities = set(application.items.values_list("entity", flat=True))
    assert {
        "village",
        "contract",
        "manager_scope",
        "region_scope",
        "snapshot",
        "dashboard_setting",
        "invitation",
    } <= entities

    # A re-run finds everything on the new codes: it changes and records nothing.
    events = LifecycleEvent.objects.count()
    again = _apply(capsys, "--apply")
    assert again["counts"] == {} and again["unmatched"] == [] and again["changes"] == []
    assert LifecycleEvent.objects.count() == events
    assert EditionApplication.objects.count() == 1
    assert Village.objects.get(pk=samkai.pk).code == "9301011002"


@pytest.mark.django_db
def test_unmatched_village_is_listed_never_guessed_then_mapped_by_hand(platform_2022, capsys):
    """Klatok (92.01.43.2004) is not in the 2025 list and nothing there is plainly it."""
    from tenants import services
    from tenants.models import Village

    lost = services.village_create(
        code="9201432004", name="Klatok", slug="klatok", actor="uji", status="active"
    )
    with pytest.raises(CommandError, match="tidak dapat dipindahkan"):
        _apply(capsys, "--apply")
    plan = json.loads(capsys.readouterr().out)
    assert [(p["entity"], p["code"]) for p in plan["unmatched"]] == [("village", "92.01.43.2004")]
    assert edition_active_name() == "kepmendagri-2022"
    assert Village.objects.get(pk=platform_2022["villages"][0].pk).code == "9101011002"
    assert not EditionApplication.objects.exists()

    plan = _apply(capsys, "--apply", "--map", "92.01.43.2004=96.01.18.2002")
    assert plan["applied"] and Village.objects.get(pk=lost.pk).code == "9601182002"
    with pytest.raises(CommandError):
        _apply(capsys, "--apply", "--map", "92.01.43.2004=96.99.99.9999")
