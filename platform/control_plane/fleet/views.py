"""Ops console: live progress of fleet upgrades (operations staff only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import pgettext_lazy

from balai_kernel.pagination import page_get
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import ops_required
from control_plane.fleet import selectors


@menu_entry(pgettext_lazy("menu", "Pembaruan armada"), group=OPERASI, order=20)
@ops_required
def progress(request: HttpRequest) -> HttpResponse:
    """Last run's progress bar and the failed villages; refreshes itself while running."""
    failed = page_get(request, selectors.failed_villages(), per_page=50)
    context = {
        "run": selectors.run_latest(),
        "status": selectors.fleet_counts(),
        "failed_page": failed,
    }
    return render(request, "fleet/progress.html", context)


@ops_required
def status_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.fleet_status())
