"""Per-kabupaten public setting (managers change only their own) and the nightly fan-out."""

from procrastinate.contrib.django.models import ProcrastinateJob

from control_plane.dashboards.models import KabupatenDashboardSetting
from control_plane.dashboards.services import snapshot_request, village_snapshots_request
from tenants.models import Village


def test_manager_toggles_only_own_kabupaten(manager_client, public_client):
    page = manager_client.get("/dasbor/pengaturan/")
    assert page.status_code == 200 and "Lampung Selatan" in page.content.decode()
    assert "Lampung Tengah" not in page.content.decode()
    assert (
        manager_client.post("/dasbor/pengaturan/", {"kabupaten": "1801", "publik": "0"}).status_code
        == 302
    )
    assert KabupatenDashboardSetting.objects.get(kabupaten_code="1801").public is False
    assert (
        manager_client.post("/dasbor/pengaturan/", {"kabupaten": "1802", "publik": "0"}).status_code
        == 403
    )
    assert public_client.get("/dasbor/pengaturan/").status_code == 302


def test_nightly_fan_out_queues_one_debounced_job_per_village(db):
    ProcrastinateJob.objects.filter(queue_name="dashboards").delete()
    served = set(
        Village.objects.filter(status__in=["active", "suspended"]).values_list("pk", flat=True)
    )
    assert village_snapshots_request() == len(served) > 0
    jobs = ProcrastinateJob.objects.filter(task_name__endswith="snapshot_publish_task")
    assert {job.args["village_id"] for job in jobs} == served
    # A burst after that collapses into the queued job.
    first = next(iter(served))
    assert snapshot_request(village_id=first) is False
    assert jobs.count() == len(served)
