"""Safety net: a village whose schema lacks a migration the code needs gets a maintenance page.

Django selects every column a model knows, so serving such a village would end in
a 500 on its first query. The check reads only the routed village's recorded
fingerprint and a per-process cache (see ``selectors.schema_lacks_required``): no
query on a warm request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from control_plane.fleet.selectors import schema_lacks_required
from tenants.models import Village

log = logging.getLogger(__name__)


class VillageMaintenanceMiddleware:
    """Answers 503 with a maintenance page for villages behind the code's migrations.

    Must come right after ``VillageRoutingMiddleware`` (it needs ``request.tenant``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        village = getattr(request, "tenant", None)
        if isinstance(village, Village) and schema_lacks_required(village.migration_fingerprint):
            log.warning(
                "village schema behind code: maintenance page",
                extra={"fingerprint": village.migration_fingerprint[:12]},
            )
            html = render_to_string("fleet/maintenance.html", {"village": village})
            response = HttpResponse(html, status=503)
            response["Retry-After"] = "300"
            return response
        return self.get_response(request)
