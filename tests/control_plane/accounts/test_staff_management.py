"""Staf platform: the list of control-plane staff a user manages, their role and region,
deactivation and reactivation (``accounts.services.staff_*``), audited as
``AccountEvent`` rows and shown on the staff member's page.

Operations manage every staff member; a contract manager only the camat of its
kabupaten (moving one to another kecamatan of the same kabupaten, nothing else); camat
and province officials none. Regions are checked against the Kemendagri list loaded by
the ``wilayah`` fixture (Natar 18.01.04, Tanjung Bintang 18.01.05 in Lampung Selatan;
Kalirejo 18.02.01 in Tanggamus)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai_kernel.actor import Actor
from control_plane.accounts import services
from control_plane.accounts.models import AccountEvent, AccountEventKind, StaffRole
from tests.control_plane.onboarding.helpers import make_contract
from tests.support.builders import staff_login, staff_make

pytestmark = pytest.mark.django_db

LIST = "/akun/staf/"


def _detail(user) -> str:
    return f"/akun/staf/{user.pk}/"


@pytest.fixture
def people(wilayah):
    """One of each role: two operators, Lampung Selatan's contract manager, the camat of
    Natar and of Kalirejo (another kabupaten), Lampung's province official."""
    made = {
        "ops": staff_make("ops-satu", "ops"),
        "ops2": staff_make("ops-dua", "ops"),
        "manager": staff_make("pk-lamsel", "contract_manager", "1801"),
        "natar": staff_make("camat-natar", "camat", region_code="180104"),
        "kalirejo": staff_make("camat-kalirejo", "camat", region_code="180201"),
        "province": staff_make("pejabat-lampung", "province_official", region_code="18"),
    }
    made["natar"].first_name = "Budi Natar"
    made["natar"].save(update_fields=["first_name"])
    return made


def _rows(response) -> list[str]:
    """The user names the staff table lists, in order."""
    body = response.content.decode()
    return [part.split('"', 1)[0] for part in body.split('data-staff="')[1:]]


# --- Who sees whom ------------------------------------------------------------------------


def test_operations_see_every_staff_member_with_region_names(people):
    client = staff_login(people["ops"])
    response = client.get(LIST)
    assert response.status_code == 200
    assert set(_rows(response)) == {u.username for u in people.values()}
    body = response.content.decode()
    # The region with its name from the Kemendagri list, not only the code.
    assert "Natar, Kabupaten Lampung Selatan (18.01.04)" in body
    assert "Kabupaten Lampung Selatan (18.01)" in body
    assert "Lampung (18)" in body
    assert "Budi Natar" in body

    assert _rows(client.get(LIST, {"q": "natar"})) == ["camat-natar"]
    assert _rows(client.get(LIST, {"q": "budi"})) == ["camat-natar"]
    assert _rows(client.get(LIST, {"q": "ops-dua@contoh"})) == ["ops-dua"]
    assert set(_rows(client.get(LIST, {"role": "camat"}))) == {"camat-natar", "camat-kalirejo"}
    empty = client.get(LIST, {"q": "tidak-ada-siapa-pun"})
    assert _rows(empty) == [] and 'data-testid="empty"' in empty.content.decode()


def test_a_contract_manager_sees_only_the_camat_of_its_kabupaten(people):
    client = staff_login(people["manager"])
    assert _rows(client.get(LIST)) == ["camat-natar"]
    assert client.get(_detail(people["natar"])).status_code == 200
    for other in ("kalirejo", "ops", "province", "manager", "ops2"):
        assert client.get(_detail(people[other])).status_code == 404, other
        response = client.post(f"{_detail(people[other])}nonaktifkan/")
        assert response.status_code == 404, other
    people["kalirejo"].refresh_from_db()
    assert people["kalirejo"].is_active
    assert not AccountEvent.objects.filter(kind=AccountEventKind.DEACTIVATED).exists()


@pytest.mark.parametrize("who", ["natar", "province"])
def test_camat_and_province_officials_manage_nobody(people, who):
    client = staff_login(people[who])
    assert client.get(LIST).status_code == 403
    assert client.get(_detail(people["natar"])).status_code == 403
    assert client.post(f"{_detail(people['kalirejo'])}nonaktifkan/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.staff_suspend(account_id=people["kalirejo"].pk, actor=Actor.for_user(people[who]))


def test_the_menu_and_the_invite_page_lead_to_the_staff_list(people):
    for who in ("ops", "manager"):
        body = staff_login(people[who]).get("/akun/undang/").content.decode()
        menu = body.split('data-testid="menu"', 1)[1]
        assert f'href="{LIST}"' in menu and "Staf platform" in menu, who
        assert 'data-testid="staff-list-link"' in body, who
    camat_page = staff_login(people["natar"]).get("/dasbor/desa/").content.decode()
    assert f'href="{LIST}"' not in camat_page


# --- Role and region ----------------------------------------------------------------------


def test_a_manager_moves_its_camat_to_another_kecamatan_of_the_kabupaten(people):
    client = staff_login(people["manager"])
    natar = people["natar"]
    response = client.post(_detail(natar), {"role": "camat", "region_code": "18.01.05"})
    assert response.status_code == 302
    natar.staff_profile.refresh_from_db()
    assert natar.staff_profile.region_code == "180105"
    event = AccountEvent.objects.get(user=natar, kind=AccountEventKind.ROLE_CHANGED)
    assert (event.actor, event.detail) == (people["manager"], "camat 180104 → camat 180105")
    assert event.ip  # the manager's address, from the request
    # The history on the staff member's page shows it, with who did it.
    page = client.get(_detail(natar)).content.decode()
    history = page.split('data-testid="history"', 1)[1]
    assert "Peran atau wilayah diubah" in history and "pk-lamsel" in history
    assert "Tanjung Bintang, Kabupaten Lampung Selatan (18.01.05)" in page

    # Another kabupaten, another role: refused, in Indonesian, nothing changes.
    body = client.post(_detail(natar), {"role": "camat", "region_code": "18.02.01"})
    assert "di luar wilayah Anda" in body.content.decode()
    body = client.post(_detail(natar), {"role": "province_official", "region_code": "18"})
    assert "Pilih peran yang tersedia" in body.content.decode()
    natar.staff_profile.refresh_from_db()
    assert (natar.staff_profile.role, natar.staff_profile.region_code) == ("camat", "180105")
    assert AccountEvent.objects.filter(kind=AccountEventKind.ROLE_CHANGED).count() == 1


def test_a_manager_of_two_kabupaten_still_moves_a_camat_only_within_its_own(people):
    make_contract("1802", people["manager"])
    # Natar to Kalirejo, and (Tanggamus's camat being its to move now) back: refused.
    for camat, region in (("natar", "180201"), ("kalirejo", "180104")):
        with pytest.raises(ValidationError, match="kabupaten yang sama"):
            services.staff_role_update(
                account_id=people[camat].pk,
                role="camat",
                region_code=region,
                actor=Actor.for_user(people["manager"]),
            )


@pytest.mark.parametrize(
    ("role", "region", "message"),
    [
        ("camat", "18.01", "Isi kode kecamatan: 6 digit."),
        ("camat", "18.01.99", "Kode kecamatan ini tidak ada di daftar wilayah Kemendagri."),
        ("province_official", "18.01", "Isi kode provinsi: 2 digit."),
        ("province_official", "99", "Kode provinsi ini tidak ada di daftar wilayah Kemendagri."),
        ("contract_manager", "18.01.04", "Isi kode kabupaten/kota: 4 digit."),
        ("contract_manager", "", "Isi kode kabupaten/kota: 4 digit."),
        ("village_operator", "", "Pilih peran yang tersedia"),
    ],
)
def test_the_region_must_exist_at_the_roles_level(people, role, region, message):
    client = staff_login(people["ops"])
    response = client.post(_detail(people["natar"]), {"role": role, "region_code": region})
    assert response.status_code == 200
    assert message in response.content.decode()
    people["natar"].staff_profile.refresh_from_db()
    assert people["natar"].staff_profile.region_code == "180104"
    assert not AccountEvent.objects.filter(kind=AccountEventKind.ROLE_CHANGED).exists()


def test_operations_change_any_role_and_contracts_follow(people):
    ops, manager, natar = people["ops"], people["manager"], people["natar"]
    lamsel = make_contract("1801", manager)
    tanggamus = make_contract("1802")
    # The contract manager moves to Tanggamus: it leaves Lampung Selatan's contract (which
    # would otherwise keep it in that scope) and joins Tanggamus's.
    services.staff_role_update(
        account_id=manager.pk,
        role="contract_manager",
        region_code="18.02",
        actor=Actor.for_user(ops),
    )
    assert list(manager.managed_contracts.all()) == [tanggamus]
    # A camat becomes Lampung Selatan's contract manager: it joins its contract.
    services.staff_role_update(
        account_id=natar.pk, role="contract_manager", region_code="1801", actor=Actor.for_user(ops)
    )
    assert list(natar.managed_contracts.all()) == [lamsel]
    natar.staff_profile.refresh_from_db()
    assert natar.staff_profile.kabupaten_code == "1801" and natar.staff_profile.region_code == ""
    # No longer a contract manager: it leaves every contract.
    services.staff_role_update(account_id=manager.pk, role="ops", actor=Actor.for_user(ops))
    assert not manager.managed_contracts.exists()
    manager.staff_profile.refresh_from_db()
    assert (manager.staff_profile.role, manager.staff_profile.scope_code) == ("ops", "")
    details = list(
        AccountEvent.objects.filter(kind=AccountEventKind.ROLE_CHANGED)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == [
        "contract_manager 1801 → contract_manager 1802 (kontrak: 2)",
        "camat 180104 → contract_manager 1801 (kontrak: 1)",
        "contract_manager 1802 → ops (kontrak: 1)",
    ]
    # The same role and region again writes nothing.
    services.staff_role_update(account_id=manager.pk, role="ops", actor=Actor.for_user(ops))
    assert AccountEvent.objects.filter(kind=AccountEventKind.ROLE_CHANGED).count() == 3


# --- Nobody locks themselves (or operations) out ---------------------------------------------


def test_nobody_demotes_or_deactivates_themselves(people):
    ops = people["ops"]
    client = staff_login(ops)
    page = client.get(_detail(ops)).content.decode()
    assert 'data-testid="role-form"' not in page and 'data-testid="deactivate"' not in page
    response = client.post(f"{_detail(ops)}nonaktifkan/", follow=True)
    assert "akun Anda sendiri" in response.content.decode()
    response = client.post(_detail(ops), {"role": "camat", "region_code": "180104"})
    assert "akun Anda sendiri" in response.content.decode()
    ops.refresh_from_db()
    ops.staff_profile.refresh_from_db()
    assert ops.is_active and ops.staff_profile.role == StaffRole.OPS
    assert not AccountEvent.objects.filter(user=ops).exists()


@pytest.mark.parametrize("second", ["deactivate", "demote"])
def test_the_last_active_operations_account_stays(people, second):
    """Two operators removing each other: whichever comes second finds itself the last
    one (the services lock the operations profiles first, so in a race the second waits
    for the first and sees its change, as it does here in sequence)."""
    first, other = people["ops"], people["ops2"]
    services.staff_suspend(account_id=other.pk, actor=Actor.for_user(first))
    with pytest.raises(ValidationError, match="akun operasional aktif terakhir"):
        if second == "deactivate":
            services.staff_suspend(account_id=first.pk, actor=Actor.for_user(other))
        else:
            services.staff_role_update(
                account_id=first.pk,
                role="province_official",
                region_code="18",
                actor=Actor.for_user(other),
            )
    first.refresh_from_db()
    first.staff_profile.refresh_from_db()
    assert first.is_active and first.staff_profile.role == StaffRole.OPS
    # With another active operator, an operator may be demoted.
    services.staff_resume(account_id=other.pk, actor=Actor.for_user(first))
    services.staff_role_update(
        account_id=other.pk, role="province_official", region_code="18", actor=Actor.for_user(first)
    )


# --- Deactivation ---------------------------------------------------------------------------


def _sessions_of(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_deactivation_ends_the_staff_members_sessions_at_once(people):
    natar = people["natar"]
    camat = staff_login(natar)
    assert camat.get("/dasbor/desa/").status_code == 200
    assert _sessions_of(natar) == 1
    manager = staff_login(people["manager"])

    response = manager.post(f"{_detail(natar)}nonaktifkan/", follow=True)
    assert "semua sesinya sudah diakhiri" in response.content.decode()
    assert _sessions_of(natar) == 0
    # Its next request is anonymous: sent to sign in, its page not shown.
    refused = camat.get("/dasbor/desa/")
    assert refused.status_code == 302 and refused["Location"].startswith("/akun/masuk/")
    natar.refresh_from_db()
    assert not natar.is_active
    event = AccountEvent.objects.get(user=natar, kind=AccountEventKind.DEACTIVATED)
    assert (event.actor, event.detail) == (people["manager"], "1 sesi diakhiri")
    # Listed as inactive; reactivated from its page (it signs in again, as before).
    listed = manager.get(LIST).content.decode()
    assert "nonaktif" in listed.split('data-staff="camat-natar"', 1)[1].split("</tr>", 1)[0]
    assert manager.post(f"{_detail(natar)}aktifkan/").status_code == 302
    natar.refresh_from_db()
    assert natar.is_active and camat.get("/dasbor/desa/").status_code == 302
    kinds = list(AccountEvent.objects.filter(user=natar).values_list("kind", flat=True))
    assert kinds == [AccountEventKind.REACTIVATED, AccountEventKind.DEACTIVATED]


def test_a_deactivated_contract_manager_keeps_its_contracts_but_hears_nothing(people):
    from control_plane.billing.services import _reminder_recipients

    other = staff_make("pk-lamsel-2", "contract_manager", "1801")
    contract = make_contract("1801", people["manager"], other)
    services.staff_suspend(account_id=other.pk, actor=Actor.for_user(people["ops"]))
    assert set(contract.managers.all()) == {people["manager"], other}
    assert _reminder_recipients(contract) == ["pk-lamsel@contoh.id"]


def test_a_failed_change_leaves_no_audit_row_and_no_change(people, monkeypatch):
    """The event is written in the change's transaction: when it fails, neither stays."""
    from control_plane.accounts import services as account_services

    def broken(**kwargs):  # noqa: ANN003, ANN202
        raise RuntimeError("audit down")

    monkeypatch.setattr(account_services, "_event", broken)
    with pytest.raises(RuntimeError):
        services.staff_suspend(account_id=people["natar"].pk, actor=Actor.for_user(people["ops"]))
    people["natar"].refresh_from_db()
    assert people["natar"].is_active


# --- Cost --------------------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_few_or_many_staff(
    people, django_assert_max_num_queries
):
    client = staff_login(people["ops"])
    client.get(LIST)  # warm: the session, the menu's reads

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        # Not the search path a builder's schema switch leaves for the next request to reset.
        return sum(1 for q in queries if not q["sql"].startswith("SET search_path"))

    few = count()
    for i in range(12):
        staff_make(f"camat-{i}", "camat", region_code="180105" if i % 2 else "180201")
        staff_make(f"pk-{i}", "contract_manager", "1802")
    assert count() == few
    with django_assert_max_num_queries(12):
        client.get(LIST, {"role": "camat", "q": "camat"})
