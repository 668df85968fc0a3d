from balai_kernel.actor import Actor
from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record


def test_admin_filters_the_audit_trail_by_object(village, village_client):
    with village_context(village):
        admin = village_user_create(
            username="audit-admin", role="admin", password="sandi-kuat-12345"
        )
        audit_record(
            action=AuditAction.VIEW,
            object_type="penduduk",
            object_id=7,
            actor=Actor.for_user(admin),
        )
        audit_record(
            action=AuditAction.VIEW,
            object_type="keluarga",
            object_id=8,
            actor=Actor.for_user(admin),
        )
        village_client.force_login(admin)
    html = village_client.get("/kelola/audit/", {"objek": "keluarga"}).content.decode()
    assert "keluarga 8" in html and "penduduk 7" not in html
