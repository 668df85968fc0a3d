"""Roles as data (issue 20): the built-in roles, custom roles, the permission matrix edited
on a page and checked by ``@requires`` (one query per request), plan-disabled modules
hidden whatever a role grants, and first-release ``viewer`` accounts mapped."""

from __future__ import annotations

import importlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.support.builders import village_client_for, village_user_make
from village_apps.akun import services
from village_apps.akun.choices import VillageRole
from village_apps.akun.models import Membership, Peran
from village_apps.akun.permissions import role_allows, staff_grants, user_allows, village_role
from village_apps.akun.roles import BUILTIN_ROLES


def test_every_village_has_the_built_in_roles(village):
    with village_context(village):
        rows = {p.slug: p for p in Peran.objects.filter(bawaan=True)}
    assert set(rows) == set(VillageRole.values)
    assert rows["peninjau"].nama == "Peninjau" and not rows["peninjau"].lihat_nik
    assert set(rows["kades"].hak) == BUILTIN_ROLES["kades"].hak


def test_a_custom_role_grants_exactly_its_matrix(village, admin_client):
    response = admin_client.post(
        "/kelola/akun/peran/baru/",
        {
            "nama": "Bendahara",
            "hak__keuangan__view": "on",
            "hak__keuangan__change": "on",
            "hak__penduduk__view": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/kelola/akun/peran/bendahara/"
    user = village_user_make(village, role="bendahara", username="bendahara-uji")
    client = village_client_for(village, user)
    assert client.get("/keuangan/kelola/").status_code == 200
    assert client.get("/kelola/penduduk/").status_code == 200
    assert client.get("/surat/kelola/").status_code == 403
    assert client.post("/kelola/penduduk/tambah/", {"nama": "x"}).status_code == 403
    assert client.get("/kelola/akun/").status_code == 403  # staff stay the admin's
    # The matrix page shows the saved grants.
    page = admin_client.get("/kelola/akun/peran/bendahara/").content.decode()
    checked = set(re.findall(r'<input type="checkbox" name="(hak__\w+)"[^>]* checked>', page))
    assert checked == {"hak__keuangan__view", "hak__keuangan__change", "hak__penduduk__view"}


def test_a_masked_role_holds_no_write_on_personal_data(village, admin):
    with village_context(village), pytest.raises(ValidationError, match="penduduk.change"):
        services.peran_save(
            slug=None,
            nama="Pendata",
            hak={"penduduk.view", "penduduk.change"},
            lihat_nik=False,
            wajib_otp=False,
            actor=Actor.for_user(admin),
        )


def test_the_admin_role_keeps_every_right_and_only_admins_grant(village, admin):
    actor = Actor.for_user(admin)
    with village_context(village):
        services.peran_save(
            slug="admin",
            nama="Admin desa",
            hak=set(),
            lihat_nik=False,
            wajib_otp=False,
            actor=actor,
        )
        peran = services.peran_save(
            slug="operator",
            nama="Operator",
            hak={"akun.view", "akun.manage", "penduduk.view"},
            lihat_nik=True,
            wajib_otp=False,
            actor=actor,
        )
        assert peran.hak == ["penduduk.view"]  # staff and roles stay the admin's
        assert role_allows("admin", "akun", "manage") and role_allows("admin", "penduduk", "delete")


def test_a_role_held_by_staff_can_not_be_deleted(village, admin, operator):
    actor = Actor.for_user(admin)
    with village_context(village):
        with pytest.raises(ValidationError, match="bawaan"):
            services.peran_delete(slug="operator", actor=actor)
        services.peran_save(
            slug=None, nama="Sementara", hak=set(), lihat_nik=False, wajib_otp=False, actor=actor
        )
        services.village_user_role_update(account_id=operator.pk, role="sementara", actor=actor)
        with pytest.raises(ValidationError, match="masih dipegang"):
            services.peran_delete(slug="sementara", actor=actor)


def test_grants_are_read_once_per_request(village, admin_client):
    """Every permission a page checks (the view, the menu, the template flags) comes from
    one membership query."""
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get("/kelola/penduduk/").status_code == 200
    membership = [q for q in queries.captured_queries if "akun_membership" in q["sql"]]
    assert len(membership) == 1


def test_role_name_carries_its_grants(village, viewer):
    with village_context(village):
        role = village_role(viewer)
        assert role == "peninjau"
        with CaptureQueriesContext(connection) as queries:
            assert role_allows(role, "penduduk", "view")
            assert not role_allows(role, "penduduk", "change")
        assert len(queries) == 0
        assert role_allows("kades", "mandiri", "approve")  # a bare slug: one query


def test_a_module_switched_off_by_the_plan_is_refused_whatever_the_role_grants(
    village, admin, admin_client
):
    from tenants import routing
    from tenants.models import Village

    Village.objects.filter(pk=village.pk).update(modules=["surat", "web"])
    routing.cache.clear()
    try:
        village.refresh_from_db()
        with village_context(village):
            assert not user_allows(admin, "keuangan", "view")
            assert user_allows(admin, "surat", "view")
        page = admin_client.get("/kelola/akun/peran/operator/").content.decode()
        assert "hak__surat__view" in page and "hak__keuangan__view" not in page
        assert admin_client.get("/keuangan/kelola/").status_code == 404
    finally:
        Village.objects.filter(pk=village.pk).update(modules=None)
        routing.cache.clear()


def test_first_release_viewers_keep_their_rights(village):
    """Migration 0003 on first-release rows: a viewer whose office is the sekdes's or
    kades's holds that step's role now, every other viewer is a peninjau."""
    from django.contrib.auth import get_user_model

    migration = importlib.import_module("village_apps.akun.migrations.0003_peran_bawaan")
    with village_context(village):
        User = get_user_model()
        users = {
            name: User.objects.create(username=f"lama-{name}")
            for name in ("sekdes", "kades", "lihat")
        }
        old = (
            MigrationExecutor(connection)
            .loader.project_state(("akun", "0002_peran_riwayat_masuk"))
            .apps
        )
        OldMembership = old.get_model("akun", "Membership")
        for name, jabatan in (
            ("sekdes", "Sekretaris Desa"),
            ("kades", "Kades"),
            ("lihat", "BPD"),
        ):
            OldMembership.objects.create(user_id=users[name].pk, role="viewer", jabatan=jabatan)
        migration.seed(old, None)
        roles = dict(
            Membership.objects.filter(user__in=users.values()).values_list(
                "user__username", "role_id"
            )
        )
        assert roles == {"lama-sekdes": "sekdes", "lama-kades": "kades", "lama-lihat": "peninjau"}
        assert staff_grants(users["lihat"]).allows("penduduk", "view")
        assert not staff_grants(users["lihat"]).lihat_nik


def test_deleting_a_role_from_its_page(village, admin, admin_client, operator_client):
    with village_context(village):
        services.peran_save(
            slug=None,
            nama="Lama",
            hak=set(),
            lihat_nik=False,
            wajib_otp=False,
            actor=Actor.for_user(admin),
        )
    assert operator_client.post("/kelola/akun/peran/lama/hapus/").status_code == 403
    assert admin_client.get("/kelola/akun/peran/lama/hapus/").status_code == 405
    response = admin_client.post("/kelola/akun/peran/lama/hapus/")
    assert response.status_code == 302 and response["Location"] == "/kelola/akun/peran/"
    with village_context(village):
        from village_apps.audit.models import AccessAudit

        assert not Peran.objects.filter(slug="lama").exists()
        assert AccessAudit.objects.filter(
            object_type="peran", object_id="lama", action="delete", username="uji-admin"
        ).exists()
