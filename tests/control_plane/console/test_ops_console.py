"""The operations console runs the fleet (issue 18, finding 13): backups listed per
village and fleet-wide and taken on request, background jobs with a retry of failed
ones, each village's schema version, the fleet's real states and an upgrade started
from the page, a village admin's set-password link, and a history that reads."""

from __future__ import annotations

import io
import tarfile

import pytest
from django.core import mail
from procrastinate.contrib.django.models import ProcrastinateJob

from balai_kernel.actor import Actor
from control_plane.fleet import selectors as fleet_selectors
from control_plane.fleet.models import RunStatus
from control_plane.fleet.services import migration_state_register
from control_plane.fleet.tasks import fleet_upgrade_task
from tenants.backups import RetentionPolicy, backup_store
from tenants.choices import BackupStatus
from tenants.context import village_context
from tenants.models import LifecycleEvent, Village, VillageBackup
from tenants.services import village_modules_set
from tenants.tasks import village_backup_task, village_backups_schedule

pytestmark = pytest.mark.django_db


def _jobs(task: str) -> list[ProcrastinateJob]:
    return list(ProcrastinateJob.objects.filter(task_name=task).order_by("id"))


# --- backups --------------------------------------------------------------------------


def test_back_up_now_is_queued_then_listed_and_downloaded(
    ops_client, village, backups, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ops_client.post(f"/ops/desa/{village.slug}/backup/")
    assert response.status_code == 302
    (backup,) = VillageBackup.objects.filter(village=village)
    assert backup.status == BackupStatus.QUEUED and backup.requested_by == "ops-uji"
    (job,) = _jobs("tenants.tasks.village_backup_task")  # the request only queued it
    assert job.args == {"village_id": village.pk, "backup_id": backup.pk}
    assert LifecycleEvent.objects.filter(village=village, action="backup_requested").exists()

    page = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Dalam antrean" in page

    village_backup_task(**job.args)  # what the worker runs

    backup.refresh_from_db()
    assert backup.status == BackupStatus.SUCCEEDED and backup.size_bytes > 0
    assert backup.keys[0].startswith(f"{village.slug}/daily/")
    for url in (
        "/ops/cadangan/",
        f"/ops/cadangan/?desa={village.slug}",
        f"/ops/desa/{village.slug}/",
    ):
        page = ops_client.get(url).content.decode()
        assert "Berhasil" in page and f"/ops/cadangan/{backup.pk}/unduh/" in page
    download = ops_client.get(f"/ops/cadangan/{backup.pk}/unduh/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(f'attachment; filename="{village.slug}-')
    data = b"".join(download.streaming_content)
    download.close()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        assert "manifest.json" in tar.getnames()


def test_backups_are_for_operations_staff_only(public_client, manager_client, village, backups):
    backup = VillageBackup.objects.create(
        village=village, village_slug=village.slug, status=BackupStatus.SUCCEEDED, keys=["x"]
    )
    for url in ("/ops/cadangan/", f"/ops/cadangan/{backup.pk}/unduh/", "/ops/pekerjaan/"):
        assert public_client.get(url).status_code == 302
        assert manager_client.get(url).status_code == 403
    assert manager_client.post(f"/ops/desa/{village.slug}/backup/").status_code == 403


def test_a_download_offers_only_what_the_row_records(ops_client, village, backups):
    failed = VillageBackup.objects.create(
        village=village, village_slug=village.slug, status=BackupStatus.FAILED
    )
    gone = VillageBackup.objects.create(
        village=village,
        village_slug=village.slug,
        status=BackupStatus.SUCCEEDED,
        keys=[f"{village.slug}/daily/{village.slug}-20260101T000000Z.tar.gz"],
    )
    assert ops_client.get(f"/ops/cadangan/{failed.pk}/unduh/").status_code == 404
    assert ops_client.get(f"/ops/cadangan/{gone.pk}/unduh/").status_code == 404


def test_a_failed_backup_is_recorded_and_retried_by_the_queue(village, backups, monkeypatch):
    def broken(**_kw):
        raise OSError("disk penuh")

    monkeypatch.setattr("tenants.services.village_export", broken)
    backup = VillageBackup.objects.create(village=village, village_slug=village.slug)
    with pytest.raises(OSError):
        village_backup_task(village_id=village.pk, backup_id=backup.pk)
    backup.refresh_from_db()
    assert backup.status == BackupStatus.FAILED and "disk penuh" in backup.error


def test_retention_forgets_pruned_copies_and_their_rows(village, backups, tmp_path):
    from datetime import UTC, datetime

    archive = tmp_path / "arsip.tar.gz"
    archive.write_bytes(b"arsip")
    policy = RetentionPolicy(daily=1, weekly=1, monthly=1)
    rows = []
    for day in (1, 2):  # same ISO week and month: only the first is weekly/monthly too
        when = datetime(2026, 6, day, 18, 30, tzinfo=UTC)
        keys = backup_store(archive=archive, village=village, now=when, policy=policy)
        rows.append(
            VillageBackup.objects.create(
                village=village, village_slug=village.slug, status="succeeded", keys=keys
            )
        )
    backup_store(
        archive=archive,
        village=village,
        now=datetime(2026, 7, 6, 18, 30, tzinfo=UTC),
        policy=policy,
    )
    # 2 June's daily copy is pruned by 6 July's: its row goes; 1 June's loses its
    # weekly and monthly copies too, so it goes as well.
    assert not VillageBackup.objects.filter(pk__in=[r.pk for r in rows]).exists()


def test_back_up_every_village_fans_out_in_the_worker_only(ops_client, village, village_b):
    response = ops_client.post("/ops/cadangan/semua/")
    assert response.status_code == 302
    (schedule,) = _jobs("tenants.tasks.village_backups_schedule")
    assert _jobs("tenants.tasks.village_backup_task") == []  # no fan-out in the request
    assert ops_client.post("/ops/cadangan/semua/").status_code == 302  # already queued: refused
    assert len(_jobs("tenants.tasks.village_backups_schedule")) == 1

    count = village_backups_schedule(**schedule.args)

    rows = VillageBackup.objects.filter(status=BackupStatus.QUEUED)
    assert count == rows.count() >= 2
    jobs = _jobs("tenants.tasks.village_backup_task")
    assert {j.args["backup_id"] for j in jobs} == set(rows.values_list("pk", flat=True))


# --- jobs -------------------------------------------------------------------------------


def _failed_job(village) -> ProcrastinateJob:
    from django.db import connection
    from procrastinate import sql

    job_id = village_backup_task.defer(village_id=village.pk)
    with connection.cursor() as cur:  # taken by a worker, then failed
        cur.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = %s", [job_id])
        cur.execute(
            sql.queries["finish_job"], {"job_id": job_id, "status": "failed", "delete_job": False}
        )
    return ProcrastinateJob.objects.get(pk=job_id)


def test_jobs_view_lists_failed_jobs_per_village_and_retries_them(ops_client, village, village_b):
    job = _failed_job(village)
    other = village_backup_task.defer(village_id=village_b.pk)

    page = ops_client.get("/ops/pekerjaan/?status=failed").content.decode()
    assert f'data-job="{job.pk}"' in page and "Cadangan desa" in page and village.slug in page
    assert f'data-job="{other}"' not in page
    mine = ops_client.get(f"/ops/pekerjaan/?desa={village.slug}").content.decode()
    assert f'data-job="{job.pk}"' in mine and f'data-job="{other}"' not in mine
    assert "1 gagal" in ops_client.get(f"/ops/desa/{village.slug}/").content.decode()

    response = ops_client.post(f"/ops/pekerjaan/{job.pk}/ulangi/", {"desa": village.slug})

    assert response.status_code == 302 and response["Location"].endswith(f"?desa={village.slug}")
    job.refresh_from_db()
    assert job.status == "todo"
    event = LifecycleEvent.objects.get(village=village, action="job_retried")
    assert event.details["job"] == job.pk and event.actor == "ops-uji"
    # Only failed jobs: a queued one is left alone.
    ops_client.post(f"/ops/pekerjaan/{other}/ulangi/")
    assert ProcrastinateJob.objects.get(pk=other).attempts == 0


# --- schema version and the fleet -------------------------------------------------------


def test_village_page_shows_its_schema_version_against_the_template(ops_client, village):
    graph = fleet_selectors.code_graph()
    page = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert 'data-schema-state="current"' in page and "Mutakhir" in page
    last_profil = max(name for app, name in graph.order if app == "profil")
    assert last_profil in page

    older = [k for k in graph.order if k != ("profil", last_profil)]
    Village.objects.filter(pk=village.pk).update(
        migration_fingerprint=migration_state_register(migrations=older)
    )
    version = fleet_selectors.village_schema_version_get(village=Village.objects.get(pk=village.pk))
    assert version.state == "behind" and version.pending == [f"profil.{last_profil}"]
    (profil,) = [a for a in version.apps if a.app == "profil"]
    assert profil.template == last_profil and profil.village < last_profil
    page = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert 'data-schema-state="behind"' in page and "1 migrasi menunggu" in page

    Village.objects.filter(pk=village.pk).update(migration_fingerprint="tidak-tercatat")
    page = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert 'data-schema-state="unknown"' in page


def test_fleet_page_shows_real_states_without_opening_schemas(
    ops_client, village, village_b, django_assert_max_num_queries
):
    graph = fleet_selectors.code_graph()
    behind = migration_state_register(migrations=list(graph.order)[:-1])
    Village.objects.filter(pk=village_b.pk).update(migration_fingerprint=behind)
    counts = fleet_selectors.fleet_state_counts_get()
    assert counts["unknown"] == 0 and counts["behind"] == 1 and counts["current"] >= 2

    with django_assert_max_num_queries(20):
        page = ops_client.get("/ops/fleet/").content.decode()
    assert f'data-village="{village.slug}"' in page
    assert 'data-state="behind">Tertinggal dari kode' in page
    assert "Belum tercatat" in page  # the column, with 0
    status = ops_client.get("/ops/fleet/status.json").json()
    assert status["by_status"]["unknown"] == 0 and status["behind_code"] == 1


def test_fleet_upgrade_is_started_from_the_page_and_runs_in_the_worker(ops_client, village):
    response = ops_client.post(
        "/ops/fleet/upgrade/",
        {"kind": "all", "ring": "canary", "window": "", "max_failure_rate": "0.05"},
    )
    assert response.status_code == 302
    (job,) = _jobs("control_plane.fleet.tasks.fleet_upgrade_task")
    assert job.args["ring"] == "canary" and job.args["actor"] == "ops-uji"
    page = ops_client.get("/ops/fleet/").content.decode()
    assert 'id="upgrade-job"' in page and 'http-equiv="refresh"' in page
    assert 'id="upgrade-form"' not in page  # one at a time
    again = ops_client.post(
        "/ops/fleet/upgrade/", {"kind": "all", "ring": "all", "max_failure_rate": "0.05"}
    )
    assert again.status_code == 302
    assert len(_jobs("control_plane.fleet.tasks.fleet_upgrade_task")) == 1

    run_id = fleet_upgrade_task(**job.args)  # what the worker runs

    from control_plane.fleet.models import UpgradeRun

    run = UpgradeRun.objects.get(pk=run_id)
    assert run.status == RunStatus.COMPLETED and run.ring == "canary" and run.actor == "ops-uji"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "all", "ring": "kabupaten:99", "max_failure_rate": "0.05"}, "pilihan yang valid"),
        ({"kind": "all", "ring": "all", "window": "malam", "max_failure_rate": "0.05"}, "HH:MM"),
        ({"kind": "semua", "ring": "all", "max_failure_rate": "0.05"}, "pilihan yang valid"),
        ({"kind": "all", "ring": "all", "max_failure_rate": "2"}, "1"),
    ],
)
def test_a_bad_upgrade_request_is_refused_on_the_page(ops_client, village, data, message):
    response = ops_client.post("/ops/fleet/upgrade/", data, follow=True)
    assert message in response.content.decode()
    assert _jobs("control_plane.fleet.tasks.fleet_upgrade_task") == []


# --- a village admin's password -------------------------------------------------------------


def _admin_email(village, email: str) -> None:
    from django.contrib.auth import get_user_model

    with village_context(village):
        get_user_model().objects.filter(username="admin").update(email=email)


def test_ops_send_a_set_password_link_to_the_admin_never_a_password(
    ops_client, village, django_capture_on_commit_callbacks
):
    _admin_email(village, "admin.desa@contoh.id")
    page = ops_client.get(f"/ops/desa/{village.slug}/sandi-admin/").content.decode()
    assert "ad***@contoh.id" in page and "admin.desa@contoh.id" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = ops_client.post(f"/ops/desa/{village.slug}/sandi-admin/", {"username": "admin"})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["admin.desa@contoh.id"]
    assert f"http://{village.host}" in message.body and "/akun/" in message.body
    assert "sandi-admin-uji-123" not in message.body
    event = LifecycleEvent.objects.get(village=village, action="admin_password_link_sent")
    assert event.details == {"account": "admin"} and event.actor == "ops-uji"
    history = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Tautan atur kata sandi admin dikirim" in history


def test_no_link_to_an_unknown_account_or_one_without_an_address(ops_client, village):
    _admin_email(village, "")
    page = ops_client.post(
        f"/ops/desa/{village.slug}/sandi-admin/", {"username": "admin"}, follow=True
    ).content.decode()
    assert "tidak punya alamat e-mail" in page
    page = ops_client.post(
        f"/ops/desa/{village.slug}/sandi-admin/", {"username": "bukan-admin"}, follow=True
    ).content.decode()
    assert "tidak ditemukan" in page
    assert mail.outbox == []
    assert not LifecycleEvent.objects.filter(action="admin_password_link_sent").exists()


def test_history_reads_as_words(ops_client, village):
    village_modules_set(
        villages=[village], modules=["surat"], plan_name="Dasar", actor=Actor.named("uji")
    )
    page = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Modul paket diubah" in page and ">modules_changed<" not in page
