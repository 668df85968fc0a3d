"""The operations console runs the fleet, in a real browser (issue 18, acceptance 4):
operations staff start an upgrade ring from the Fleet page and watch it finish, open a
village's page and read its schema version, take a backup and download it. The jobs run
in the real procrastinate worker."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from playwright.sync_api import expect

from control_plane.fleet.services import migration_state_register
from tenants import schema
from tenants.context import village_context
from tenants.models import Village
from tests.control_plane.fleet.conftest import village_code, village_make, villages_remove
from tests.e2e.conftest import screenshot
from tests.support.builders import staff_client
from tests.support.worker import worker_run_in_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A reversible migration the throwaway village is taken back before, so the ring has
# real work: re-creating two indexes is what the upgrade then undoes.
BEHIND = ("pengaduan", "0001_initial")


@pytest.fixture
def canary(settings, tmp_path):
    """A canary village one migration behind the code, recorded as such."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "backups")},
        },
    }
    village = village_make("ops-kenari", village_code("1801"), canary=True)
    with village_context(village):
        MigrationExecutor(connection).migrate([BEHIND])
    connection.set_schema_to_public()
    applied = schema.schema_applied_migrations(village.schema_name)
    Village.objects.filter(pk=village.pk).update(
        migration_fingerprint=migration_state_register(migrations=applied)
    )
    yield village
    villages_remove([village])


@pytest.fixture
def ops_page(page, live_host):
    client, _user = staff_client(role="ops", username="ops-armada-e2e")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_host("/")}]
    )
    return page


def test_ops_console_upgrades_a_ring_shows_schema_version_and_takes_a_backup(
    ops_page, live_host, canary
):
    page = ops_page
    page.goto(live_host("/ops/fleet/"))
    row = page.locator(f'tr[data-village="{canary.slug}"]')
    expect(row.locator("td.state")).to_have_text("Tertinggal dari kode")

    page.select_option("#id_ring", "canary")
    page.select_option("#id_kind", "all")
    page.get_by_role("button", name="Jalankan pemutakhiran").click()
    expect(page.locator("#upgrade-job")).to_contain_text("menunggu worker")
    screenshot(page, "ops-fleet-queued")

    worker_run_in_thread(queues=["fleet"])

    page.goto(live_host("/ops/fleet/"))
    expect(page.locator("#last-run [data-run-status]")).to_have_attribute(
        "data-run-status", "completed"
    )
    expect(page.locator("#last-run")).to_contain_text("canary")
    expect(row.locator("td.state")).to_have_text("Mutakhir")
    screenshot(page, "ops-fleet-upgraded")

    # The village's page, reached from the fleet page: its schema version.
    row.get_by_role("link", name=canary.name).click()
    expect(page.locator("[data-schema-state]")).to_have_attribute("data-schema-state", "current")
    pengaduan = page.locator("#schema-version tr", has_text="pengaduan")
    expect(pengaduan).to_contain_text("0002_drop_unused_like_indexes")
    assert "behind" not in (pengaduan.get_attribute("class") or "")

    # A backup, taken now by the worker, then downloaded.
    page.get_by_role("button", name="Cadangkan sekarang").click()
    expect(page.locator("table.backups .status").first).to_have_text("Dalam antrean")
    worker_run_in_thread(queues=["backups"])
    page.reload()
    expect(page.locator("table.backups .status").first).to_have_text("Berhasil")
    with page.expect_download() as info:
        page.locator("table.backups").get_by_role("link", name="Unduh").first.click()
    assert info.value.suggested_filename.startswith(f"{canary.slug}-")
    assert info.value.suggested_filename.endswith(".tar.gz")
    screenshot(page, "ops-village-backup")
    assert page.console_errors == []
