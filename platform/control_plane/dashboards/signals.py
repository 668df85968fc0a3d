"""Noticing changes in villages without village apps knowing about the control plane.

Village apps never import the control plane, so the dashboards listen to Django's
generic ``post_save``/``post_delete`` of village-app models. A write inside a village
(``connection.tenant`` is that Village) asks for one debounced publish of it after the
transaction commits — at most one request per village per transaction. Bulk writes
(``bulk_create``, ``update``) send no signal; the nightly publish covers them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from tenants.models import Village

logger = logging.getLogger(__name__)

# Apps whose writes never change published statistics.
IGNORED_LABELS = frozenset({"audit", "akun", "web", "opensid_import"})


def _village_app_labels() -> frozenset[str]:
    return frozenset(
        app.rsplit(".", 1)[-1] for app in settings.TENANT_APPS if app.startswith("village_apps.")
    )


def village_model_changed(sender: Any, **kwargs: Any) -> None:
    label = sender._meta.app_label
    if label in IGNORED_LABELS or label not in _village_app_labels():
        return
    tenant = getattr(connection, "tenant", None)
    if not isinstance(tenant, Village) or tenant.schema_name == "public":
        return
    village_id = tenant.pk
    for entry in connection.run_on_commit:
        if getattr(entry[1], "dasbor_village_id", None) == village_id:
            return

    def request() -> None:
        from control_plane.dashboards.services import snapshot_request

        snapshot_request(village_id=village_id)

    request.dasbor_village_id = village_id  # type: ignore[attr-defined]
    transaction.on_commit(request, robust=True)
