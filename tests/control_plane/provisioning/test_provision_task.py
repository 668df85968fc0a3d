"""Provisioning runs through the real procrastinate worker and enters the village itself."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from tenants import schema, services
from tenants.models import Village
from tests.control_plane.onboarding.helpers import provisioning_worker_run


@pytest.mark.django_db(transaction=True)
def test_provision_task_runs_in_worker_and_seeds_village():
    schema.schema_drop("v_tugas_uji")
    village = services.village_create(
        code="1801042010", name="Tugas Uji", slug="tugas-uji", actor="t"
    )
    try:
        from control_plane.provisioning.tasks import village_provision_task

        # Leave the connection on another village's schema: the task must not depend on it.
        other = Village.objects.get(slug="sidosari")
        connection.set_tenant(other)
        village_provision_task.defer(village_id=village.pk)
        connection.set_schema_to_public()
        provisioning_worker_run()
        village.refresh_from_db()
        assert village.status == "active"
        with schema_context(village.schema_name):
            from village_apps.profil.models import ProfilDesa

            assert ProfilDesa.objects.get().nama_desa == "Tugas Uji"
        with schema_context(other.schema_name):
            from village_apps.profil.models import ProfilDesa

            assert ProfilDesa.objects.get().nama_desa == "Sidosari"
    finally:
        Village.objects.filter(pk=village.pk).delete()
        schema.schema_drop("v_tugas_uji")
