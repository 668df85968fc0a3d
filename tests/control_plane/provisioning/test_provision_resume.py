"""Provisioning is resumable: a failure or a crash at any step, then a re-run, ends
with one active, complete village and no orphan schema."""

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import schema_context

from balai_kernel.actor import Actor
from control_plane.onboarding.choices import STEP_ORDER
from control_plane.onboarding.models import ProvisioningStep
from control_plane.provisioning import services
from tenants import schema
from tenants.models import Village

SLUG = "lanjut-uji"


def _village_schemas() -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'v\\_%'")
        return {r[0] for r in cur.fetchall()}


def _expected_schemas() -> set[str]:
    return set(
        Village.objects.filter(status__in=["active", "suspended", "archived"]).values_list(
            "schema_name", flat=True
        )
    )


@pytest.fixture
def fresh_village(wilayah):
    schema.schema_drop("v_lanjut_uji")
    village = services.village_register(
        code="18.01.04.2005", slug=SLUG, actor=Actor.named("t"), admin_email="op@contoh.id"
    )
    yield village
    Village.objects.filter(slug=SLUG).delete()
    schema.schema_drop("v_lanjut_uji")


class Crash(BaseException):
    """Like a killed worker: not an Exception, so nothing marks the village failed."""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("step", [str(s) for s in STEP_ORDER])
@pytest.mark.parametrize("kind", ["raise", "crash"])
def test_failure_at_each_step_then_rerun(fresh_village, monkeypatch, step, kind):
    original = services.PROVISIONING_STEPS[step]

    def broken(**kwargs):
        original(**kwargs)  # the work happens, then the process dies before recording it
        if kind == "raise":
            raise RuntimeError(f"gangguan pada {step}")
        raise Crash

    monkeypatch.setitem(services.PROVISIONING_STEPS, step, broken)
    with pytest.raises(RuntimeError if kind == "raise" else Crash):
        services.village_provision(
            village=fresh_village, actor=Actor.named("t"), admin_email="op@contoh.id"
        )
    connection.set_schema_to_public()
    village = Village.objects.get(pk=fresh_village.pk)
    failed_step = ProvisioningStep.objects.get(village=village, name=step)
    assert failed_step.finished_at is None
    if kind == "raise":
        assert village.status == "failed"
        assert f"gangguan pada {step}" in village.status_detail
        assert "gangguan" in failed_step.error
    else:
        assert village.status == "provisioning"
    # The step's work was rolled back with it: no half-made schema after a schema failure.
    if step == "schema":
        assert "v_lanjut_uji" not in _village_schemas()

    monkeypatch.setitem(services.PROVISIONING_STEPS, step, original)
    mail.outbox.clear()
    services.village_provision(village=village, actor=Actor.named("t"), admin_email="op@contoh.id")
    village.refresh_from_db()
    assert village.status == "active" and village.activated_at is not None
    assert village.migration_fingerprint == schema.code_fingerprint()
    assert ProvisioningStep.objects.filter(village=village, finished_at__isnull=False).count() == 4
    assert Village.objects.filter(code=village.code).count() == 1
    assert _village_schemas() == _expected_schemas()
    with schema_context(village.schema_name):
        from django.contrib.auth import get_user_model

        from village_apps.profil.models import ProfilDesa

        profil = ProfilDesa.objects.get()
        assert profil.nama_desa == "Muara Putih" and profil.nama_kecamatan == "Natar"
        assert get_user_model().objects.filter(username="admin").count() == 1
    # Exactly one set-password e-mail, whatever step failed.
    assert len(mail.outbox) == 1 and "/akun/atur-sandi/" in mail.outbox[0].body
    # Running again changes nothing.
    services.village_provision(village=village, actor=Actor.named("t"))
    assert len(mail.outbox) == 1
