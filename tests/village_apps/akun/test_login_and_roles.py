"""Village login is per village, audited, and roles gate the back office."""

from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.audit.models import AccessAudit


def test_login_succeeds_and_is_audited(village_client, village, operator):
    response = village_client.post(
        "/akun/masuk/", {"username": "uji-operator", "password": "sandi-kuat-12345"}
    )
    assert response.status_code == 302
    with village_context(village):
        assert AccessAudit.objects.filter(action="login", username="uji-operator").exists()


def test_failed_login_is_audited_without_the_password(village_client, village, operator):
    response = village_client.post(
        "/akun/masuk/", {"username": "uji-operator", "password": "salah"}
    )
    assert response.status_code == 200
    with village_context(village):
        row = AccessAudit.objects.get(action="login_failed")
        assert "salah" not in row.summary


def test_user_of_one_village_cannot_log_in_to_another(client, village, village_b, operator):
    response = client.post(
        "/akun/masuk/",
        {"username": "uji-operator", "password": "sandi-kuat-12345"},
        HTTP_HOST=village_b.host,
    )
    assert response.status_code == 200  # form redisplayed: no such user in village B


def test_audit_page_is_for_admins_only(village_client, village, operator):
    assert village_client.get("/kelola/audit/").status_code == 302  # login first
    village_client.force_login(operator)
    assert village_client.get("/kelola/audit/").status_code == 403
    with village_context(village):
        admin = village_user_create(username="admin2", role="admin", password="sandi-kuat-12345")
    village_client.force_login(admin)
    assert village_client.get("/kelola/audit/").status_code == 200
