"""Ops console: live progress of fleet upgrades (operations staff only)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from control_plane.accounts.permissions import ops_required
from control_plane.fleet import selectors


@ops_required
def progress(request: HttpRequest) -> HttpResponse:
    """Last run's progress bar and the failed villages; refreshes itself while running."""
    failed = Paginator(selectors.failed_villages(), 50).get_page(request.GET.get("halaman"))
    context = {
        "run": selectors.run_latest(),
        "status": selectors.fleet_counts(),
        "failed_page": failed,
    }
    return render(request, "fleet/progress.html", context)


@ops_required
def status_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.fleet_status())
