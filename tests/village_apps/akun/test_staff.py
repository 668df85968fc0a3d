"""Village staff managed from the village (issue 20): the admin's staff pages, invitations
and one-time passwords, role changes, deactivation (sessions end at once), password
resets by link, audit rows in the same transaction, and the last active admin."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.support.builders import PASSWORD, village_client_for, village_user_make
from village_apps.akun import services
from village_apps.akun.models import Membership
from village_apps.audit.models import AccessAudit

NEW_PASSWORD = "sandi-baru-desa-2026"


def _audit(village, **filters):
    with village_context(village):
        return list(AccessAudit.objects.filter(object_type="akun", **filters).order_by("id"))


def _link_from_mail(village) -> str:
    """The set-password link of the last e-mail: on the village's host; its path."""
    link = re.search(r"(https?://[^/\s]+)/(akun/atur-sandi/\S+/)", mail.outbox[-1].body)
    assert village.slug in link.group(1)
    return link.group(2)


def _set_password(client: Client, path: str, password: str = NEW_PASSWORD):
    first = client.get("/" + path)  # redirects to the session-bound form
    assert first.status_code == 302, first.status_code
    return client.post(first["Location"], {"new_password1": password, "new_password2": password})


# --- invitation and one-time password ---------------------------------------------------------


def test_admin_invites_by_email_and_the_link_sets_a_password_once(
    village, admin_client, village_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/kelola/akun/tambah/",
            {
                "username": "sekdes-baru",
                "nama": "Sri Wahyuni",
                "email": "sri@contoh.id",
                "role": "sekdes",
                "jabatan": "Sekretaris Desa",
                "cara": "undang",
            },
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["sri@contoh.id"]
    path = _link_from_mail(village)
    done = _set_password(village_client, path)
    assert done.status_code == 302 and done["Location"] == "/akun/masuk/?sandi=baru"
    # Single use: the same link no longer opens the form.
    again = Client(HTTP_HOST=village.host).get("/" + path, follow=True)
    assert "new_password1" not in again.content.decode()
    assert (
        village_client.post(
            "/akun/masuk/", {"username": "sekdes-baru", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )
    with village_context(village):
        account = get_user_model().objects.get(username="sekdes-baru")
        assert (account.membership.role_id, account.membership.jabatan) == (
            "sekdes",
            "Sekretaris Desa",
        )
    assert [r.summary for r in _audit(village, object_id=str(account.pk), action="create")] == [
        "akun dibuat, peran sekdes"
    ]


def test_an_invitation_link_expires(village, monkeypatch, django_capture_on_commit_callbacks):
    from django.contrib.auth.tokens import default_token_generator

    with village_context(village), django_capture_on_commit_callbacks(execute=True):
        services.village_user_invite(
            username="terlambat", email="t@contoh.id", role="operator", actor=Actor.system("uji")
        )
    path = _link_from_mail(village)
    later = default_token_generator._now() + dt.timedelta(days=4)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    page = Client(HTTP_HOST=village.host).get("/" + path, follow=True)
    assert "new_password1" not in page.content.decode()


def test_one_time_password_is_shown_once_and_must_be_replaced(village, admin_client):
    response = admin_client.post(
        "/kelola/akun/tambah/",
        {"username": "op-sekali", "role": "operator", "cara": "sandi"},
    )
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    password = re.search(r'data-testid="sandi-sekali">([^<]+)<', response.content.decode()).group(1)
    assert len(password) >= 12
    with village_context(village):
        account = get_user_model().objects.get(username="op-sekali")
        assert account.check_password(password) and account.membership.ganti_sandi
        assert password not in str(list(AccessAudit.objects.values_list("summary", flat=True)))
    client = Client(HTTP_HOST=village.host)
    login = client.post("/akun/masuk/", {"username": "op-sekali", "password": password})
    assert login["Location"].startswith("/kelola/akun/saya/sandi/?next=")
    # Nothing else opens, nothing else is written, until the password is the user's own.
    page = client.get("/kelola/penduduk/")
    assert page.status_code == 302 and page["Location"].startswith("/kelola/akun/saya/sandi/")
    assert client.post("/kelola/penduduk/tambah/", {}).status_code == 403
    changed = client.post(
        "/kelola/akun/saya/sandi/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert client.get("/kelola/penduduk/").status_code == 200


# --- the list ---------------------------------------------------------------------------------


def test_staff_list_shows_role_office_last_sign_in_and_second_factor(village, admin_client):
    village_user_make(village, role="kades", username="kades-daftar", jabatan="Kepala Desa")
    page = admin_client.get("/kelola/akun/").content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "kades-daftar" in r)
    assert "Kepala Desa" in row and "tidak" in row and "aktif" in row
    found = admin_client.get("/kelola/akun/", {"q": "Kepala"}).content.decode()
    assert "kades-daftar" in found and "uji-operator" not in found


def test_staff_list_queries_do_not_grow_with_staff(village, admin_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/kelola/akun/").status_code == 200
        return len(queries)

    few = count()
    for i in range(12):
        village_user_make(village, role="operator", username=f"banyak-{i}")
    assert count() == few


def test_staff_pages_are_the_admins(village, operator_client, viewer_client):
    for client in (operator_client, viewer_client):
        assert client.get("/kelola/akun/").status_code == 403
        assert client.get("/kelola/akun/peran/").status_code == 403
        assert client.post("/kelola/akun/tambah/", {"username": "x"}).status_code == 403


# --- role changes and audit in the same transaction -------------------------------------------


def test_role_change_is_audited_in_the_same_transaction(village, admin, operator):
    actor = Actor.for_user(admin)
    with village_context(village):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.village_user_role_update(account_id=operator.pk, role="kasi", actor=actor)
            raise RuntimeError
        assert Membership.objects.get(user=operator).role_id == "operator"
        assert not AccessAudit.objects.filter(object_id=str(operator.pk), action="update").exists()
        services.village_user_role_update(
            account_id=operator.pk, role="kasi", jabatan="Kaur Keuangan", actor=actor
        )
        row = AccessAudit.objects.get(object_id=str(operator.pk), action="update")
    assert row.summary == "peran operator → kasi, jabatan diubah" and row.username == "uji-admin"


def test_admin_changes_a_role_from_the_page(village, admin_client, operator):
    response = admin_client.post(
        f"/kelola/akun/{operator.pk}/", {"role": "peninjau", "jabatan": "Staf"}
    )
    assert response.status_code == 302
    with village_context(village):
        assert Membership.objects.get(user=operator).role_id == "peninjau"


# --- deactivation -----------------------------------------------------------------------------


def test_deactivation_ends_open_sessions_at_once_and_keeps_authorship(
    village, admin_client, operator
):
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.surat.models import FormatSurat
    from village_apps.surat.services import surat_issue

    with village_context(village):
        warga = penduduk_make()
        surat = surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=warga,
            isian={"form_keperluan": "uji"},
            actor=Actor.for_user(operator),
        )
    session = village_client_for(village, operator)
    assert session.get("/kelola/penduduk/").status_code == 200
    assert admin_client.post(f"/kelola/akun/{operator.pk}/nonaktifkan/").status_code == 302
    refused = session.get("/kelola/penduduk/")
    assert refused.status_code == 302 and refused["Location"].startswith("/akun/masuk/")
    assert session.post("/kelola/penduduk/tambah/", {}).status_code in (302, 403)
    login = Client(HTTP_HOST=village.host).post(
        "/akun/masuk/", {"username": "uji-operator", "password": PASSWORD}
    )
    assert login.status_code == 200  # refused like a wrong password
    with village_context(village):
        surat.refresh_from_db()
        assert surat.dibuat_oleh == "uji-operator"
        assert get_user_model().objects.filter(pk=operator.pk, is_active=False).exists()
    # Reactivated: signs in again; the old session stays ended.
    assert admin_client.post(f"/kelola/akun/{operator.pk}/aktifkan/").status_code == 302
    assert session.get("/kelola/penduduk/").status_code == 302
    assert (
        Client(HTTP_HOST=village.host)
        .post("/akun/masuk/", {"username": "uji-operator", "password": PASSWORD})
        .status_code
        == 302
    )
    summaries = [r.summary for r in _audit(village, object_id=str(operator.pk), action="update")]
    assert summaries == ["akun dinonaktifkan, 1 sesi diakhiri", "akun diaktifkan kembali"]


def test_password_reset_is_a_link_never_a_shown_password(
    village, admin_client, django_capture_on_commit_callbacks
):
    account = village_user_make(village, role="operator", username="lupa", email="lupa@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        page = admin_client.post(f"/kelola/akun/{account.pk}/atur-ulang-sandi/", follow=True)
    assert mail.outbox[-1].to == ["lupa@contoh.id"]
    assert "sandi-sekali" not in page.content.decode()
    done = _set_password(Client(HTTP_HOST=village.host), _link_from_mail(village))
    assert done.status_code == 302
    with village_context(village):
        assert get_user_model().objects.get(pk=account.pk).check_password(NEW_PASSWORD)


# --- the last active admin (acceptance 5) -----------------------------------------------------


def _only_admin(village, admin) -> None:
    """Make ``admin`` the village's only active admin (the provisioned one steps aside
    inside the test's transaction)."""
    with village_context(village):
        others = Membership.objects.filter(role_id="admin").exclude(user=admin)
        get_user_model().objects.filter(membership__in=others).update(is_active=False)


def test_the_last_active_admin_can_not_be_demoted_nor_deactivated(village, admin, admin_client):
    _only_admin(village, admin)
    actor = Actor.for_user(admin)
    with village_context(village):
        with pytest.raises(ValidationError, match="admin aktif terakhir"):
            services.village_user_role_update(account_id=admin.pk, role="operator", actor=actor)
        with pytest.raises(ValidationError, match="admin aktif terakhir"):
            services.village_user_suspend(account_id=admin.pk, actor=actor)
    page = admin_client.post(
        f"/kelola/akun/{admin.pk}/", {"role": "operator", "jabatan": ""}, follow=True
    )
    assert "admin aktif terakhir" in page.content.decode()
    page = admin_client.post(f"/kelola/akun/{admin.pk}/nonaktifkan/", follow=True)
    assert "admin aktif terakhir" in page.content.decode()
    assert admin_client.get("/kelola/akun/").status_code == 200  # still the village's admin
    # With a second admin, the first may step down.
    second = village_user_make(village, role="admin", username="admin-kedua")
    with village_context(village):
        services.village_user_role_update(account_id=admin.pk, role="operator", actor=actor)
        with pytest.raises(ValidationError):
            services.village_user_suspend(account_id=second.pk, actor=actor)


@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin(village):
    """Race: each thread demotes the other admin in its own transaction; the lock on the
    admin role serialises them and the second sees the first's change."""
    with village_context(village):
        User = get_user_model()
        provisioned = list(
            User.objects.filter(membership__role_id="admin", is_active=True).values_list(
                "pk", flat=True
            )
        )
        User.objects.filter(pk__in=provisioned).update(is_active=False)
        a = services.village_user_create(username="balap-a", role="admin", password=PASSWORD)
        b = services.village_user_create(username="balap-b", role="admin", password=PASSWORD)
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def demote(me, other) -> None:
        try:
            with village_context(village):
                barrier.wait(timeout=10)
                services.village_user_role_update(
                    account_id=other.pk, role="operator", actor=Actor.for_user(me)
                )
            outcome[me.username] = "ok"
        except ValidationError:
            outcome[me.username] = "refused"
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=demote, args=pair) for pair in ((a, b), (b, a))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(outcome.values()) == ["ok", "refused"]
        with village_context(village):
            assert (
                Membership.objects.filter(
                    role_id="admin", user__in=[a, b], user__is_active=True
                ).count()
                == 1
            )
    finally:
        with village_context(village):
            AccessAudit.objects.filter(username__in=["balap-a", "balap-b"]).delete()
            AccessAudit.objects.filter(object_id__in=[str(a.pk), str(b.pk)]).delete()
            Membership.objects.filter(user__in=[a, b]).delete()
            User.objects.filter(pk__in=[a.pk, b.pk]).delete()
            User.objects.filter(pk__in=provisioned).update(is_active=True)
