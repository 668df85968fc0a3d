"""Provisioning a village: schema from the template, seed, activate.

Each step is idempotent so that re-running after a crash resumes where it stopped;
the schema itself is created in one transaction, so there is never a half-made one.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tenants import services as tenant_services
from tenants.choices import VillageStatus
from tenants.context import village_context
from tenants.models import Village


def village_seed(
    *,
    village: Village,
    admin_username: str = "admin",
    admin_password: str | None = None,
    admin_email: str = "",
    names: dict[str, str] | None = None,
) -> None:
    """Seed the village schema: identity from reference data and the first admin user."""
    from village_apps.akun.facade import village_user_create
    from village_apps.profil.facade import profil_seed

    names = names or {}
    with village_context(village):
        with transaction.atomic():
            profil_seed(
                nama_desa=village.name,
                kode_desa=village.code,
                jenis=village.kind,
                nama_kecamatan=names.get("kecamatan", ""),
                nama_kabupaten=names.get("kabupaten", ""),
                nama_provinsi=names.get("provinsi", ""),
            )
            if not get_user_model().objects.filter(username=admin_username).exists():
                village_user_create(
                    username=admin_username,
                    role="admin",
                    email=admin_email,
                    password=admin_password,
                    jabatan="Admin desa",
                )


def village_provision(
    *,
    village: Village,
    actor: str,
    admin_password: str | None = None,
    admin_email: str = "",
    names: dict[str, str] | None = None,
) -> float:
    """Bring an approved village to active; returns seconds taken. Safe to re-run."""
    started = time.perf_counter()
    if village.status not in (VillageStatus.PROVISIONING, VillageStatus.ACTIVE):
        Village.objects.filter(pk=village.pk).update(status=VillageStatus.PROVISIONING)
        village.status = VillageStatus.PROVISIONING
    tenant_services.village_schema_build(village=village)
    village_seed(
        village=village, admin_password=admin_password, admin_email=admin_email, names=names
    )
    with transaction.atomic():
        if village.status != VillageStatus.ACTIVE:
            village.status = VillageStatus.ACTIVE
            village.activated_at = timezone.now()
            village.save(update_fields=["status", "activated_at", "updated_at"])
            tenant_services.lifecycle_event_record(village=village, action="activated", actor=actor)
    return time.perf_counter() - started
