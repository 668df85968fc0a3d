"""Invitations of the regional roles (issue 20): a contract manager invites the camat of
a kecamatan in its kabupaten, operations a province official; each invitation is an
audited ``AccountEvent`` by the inviter; the invitee needs a second factor."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from control_plane.accounts import services
from control_plane.accounts.models import (
    SECOND_FACTOR_ROLES,
    AccountEvent,
    AccountEventKind,
    StaffRole,
)
from tests.support.builders import staff_client, staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return staff_make("pk-undang", "contract_manager", "1801")


@pytest.fixture
def ops_staff(db):
    return staff_make("ops-undang", "ops")


def test_manager_invites_a_camat_of_its_kabupaten(
    manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.staff_invite(
            email="Camat.Natar@contoh.id", role="camat", region_code="18.01.04", invited_by=manager
        )
    assert user.staff_profile.role == "camat" and user.staff_profile.region_code == "180104"
    assert user.staff_profile.scope_code == "180104" and not user.has_usable_password()
    event = AccountEvent.objects.get(user=user)
    assert (event.kind, event.actor, event.detail) == (
        AccountEventKind.INVITED,
        manager,
        "camat 180104",
    )
    assert [m.to for m in mailoutbox] == [["camat.natar@contoh.id"]]
    assert "/akun/sandi/atur/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("role", "region"),
    [
        ("camat", "180201"),  # a kecamatan of another kabupaten
        ("camat", "1801"),  # not a kecamatan code
        ("province_official", "18"),  # operations invite province officials
        ("ops", ""),
    ],
)
def test_manager_may_not_invite_outside_its_rules(manager, role, region):
    with pytest.raises(ValidationError):
        services.staff_invite(
            email=f"{role}@contoh.id", role=role, region_code=region, invited_by=manager
        )
    assert not AccountEvent.objects.filter(kind=AccountEventKind.INVITED).exists()


def test_ops_invites_a_province_official(ops_staff):
    user = services.staff_invite(
        email="dinas.pmd@contoh.id",
        role="province_official",
        region_code="18",
        invited_by=ops_staff,
    )
    assert user.staff_profile.scope_code == "18"
    assert AccountEvent.objects.get(user=user).actor == ops_staff
    with pytest.raises(ValidationError):
        services.staff_invite(
            email="x@contoh.id", role="province_official", region_code="1801", invited_by=ops_staff
        )


def test_the_regional_roles_need_a_second_factor():
    assert {StaffRole.CAMAT, StaffRole.PROVINCE_OFFICIAL} <= SECOND_FACTOR_ROLES


def test_the_invite_form_offers_the_roles_the_inviter_may_invite(db):
    manager = staff_client(role="contract_manager", username="pk-form", kabupaten_code="1801")[0]
    body = manager.get("/akun/undang/").content.decode()
    assert 'value="camat"' in body and 'value="province_official"' not in body
    response = manager.post(
        "/akun/undang/",
        {"email": "camat2@contoh.id", "role": "camat", "region_code": "18.02.01"},
    )
    assert response.status_code == 200 and "wilayah Anda sendiri" in response.content.decode()
    response = manager.post(
        "/akun/undang/",
        {"email": "camat2@contoh.id", "role": "camat", "region_code": "18.01.04"},
    )
    assert response.status_code == 302
    event = AccountEvent.objects.get(kind=AccountEventKind.INVITED)
    assert event.ip  # the inviter's address, from the request
    camat = staff_client(role="camat", username="camat-form", region_code="180104")[0]
    assert camat.get("/akun/undang/").status_code == 403
