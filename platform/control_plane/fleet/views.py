"""Ops console: the fleet's schema states, starting an upgrade and its live progress
(operations staff only). The upgrade runs in the worker (``fleet_upgrade_request``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import ops_required
from control_plane.fleet import selectors, services
from control_plane.fleet.forms import UpgradeForm


@menu_entry(pgettext_lazy("menu", "Pembaruan armada"), group=OPERASI, order=20)
@ops_required
def progress(request: HttpRequest) -> HttpResponse:
    """States of the fleet, the upgrade form, the last run's progress (refreshing itself
    while a run waits or goes on), the failed villages and every village's state."""
    villages = page_get(request, selectors.fleet_village_list(), per_page=50)
    counts = selectors.fleet_state_counts_get()
    context = {
        "run": selectors.run_latest(),
        "job": selectors.fleet_upgrade_job_get(),
        "states": [(value, label, counts[value]) for value, label in selectors.SchemaState.choices],
        "failed": selectors.failed_villages()[:50],
        "page": villages,
        "rows": selectors.fleet_village_rows_build(list(villages.object_list)),
        "form": UpgradeForm(kabupaten=selectors.fleet_kabupaten_list()),
    }
    return render(request, "fleet/progress.html", context)


@ops_required
@require_POST
def upgrade(request: HttpRequest) -> HttpResponse:
    """Queue a fleet upgrade ring or wave (the same service as ``fleet upgrade``)."""
    form = UpgradeForm(request.POST, kabupaten=selectors.fleet_kabupaten_list())
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("fleet:progress")
    try:
        services.fleet_upgrade_request(actor=actor_from_request(request), **form.cleaned_data)
    except services.FleetError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pemutakhiran diantrekan; kemajuannya tampil di halaman ini."))
    return redirect("fleet:progress")


@ops_required
def status_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.fleet_status())
