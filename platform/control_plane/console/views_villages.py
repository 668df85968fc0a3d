"""Operations console: the village list and one village's page with lifecycle actions.
Every action calls a ``tenants.services`` function (which writes the audit row); an
export is queued for the worker (``console.services``) and downloaded once stored."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import ops_required
from control_plane.console import selectors as console_selectors
from control_plane.console import services as console_services
from control_plane.fleet import selectors as fleet_selectors
from tenants import services
from tenants.backups import village_backup_request
from tenants.choices import SuspensionReason, VillageStatus
from tenants.models import Village
from tenants.selectors import village_domain_list

log = logging.getLogger(__name__)


@menu_entry(pgettext_lazy("menu", "Desa"), group=OPERASI, order=10)
@ops_required
def village_list(request: HttpRequest) -> HttpResponse:
    qs = Village.objects.all().order_by("code")
    q = request.GET.get("q", "").strip()
    state = request.GET.get("status", "")
    if q:
        qs = (
            qs.filter(name__icontains=q)
            | qs.filter(slug__icontains=q)
            | qs.filter(code__startswith=q.replace(".", ""))
        )
    if state:
        qs = qs.filter(status=state)
    page = page_get(request, qs, per_page=50)
    return render(
        request,
        "console/village_list.html",
        {"page": page, "q": q, "state": state, "statuses": VillageStatus.choices},
    )


@ops_required
def village_detail(request: HttpRequest, slug: str) -> HttpResponse:
    village = get_object_or_404(Village, slug=slug)
    return render(
        request,
        "console/village_detail.html",
        {
            "village": village,
            "events": village.events.all()[:30],
            "domains": village_domain_list(village=village),
            "suspensions": village.suspensions.filter(lifted_at__isnull=True),
            "reasons": SuspensionReason.choices,
            "has_export": services.village_export_exists(village),
            "exports": console_services.village_export_list(village=village),
            "schema_version": fleet_selectors.village_schema_version_get(village=village),
            "backups": console_selectors.village_backup_list(village=village)[:5],
            "job_counts": console_selectors.job_counts_get(village=village),
        },
    )


@ops_required
def village_export_download(request: HttpRequest, slug: str, archive: str) -> HttpResponse:
    """One stored export archive (made by the worker) as a download, streamed from storage."""
    village = get_object_or_404(Village, slug=slug)
    if archive not in console_services.village_export_list(village=village):
        raise Http404
    handle = storages["backups"].open(f"{village.slug}/{console_services.EXPORT_KIND}/{archive}")
    return FileResponse(handle, as_attachment=True, filename=archive)


@ops_required
@require_POST
def village_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    village = get_object_or_404(Village, slug=slug)
    actor = actor_from_request(request)
    reason = request.POST.get("reason", "")
    try:
        if action == "suspend":
            services.village_suspend(
                village=village, reason=reason, actor=actor, note=request.POST.get("note", "")
            )
        elif action == "resume":
            services.village_resume(village=village, reason=reason, actor=actor)
        elif action == "archive":
            services.village_archive(village=village, actor=actor, reason=reason)
        elif action == "backup":
            village_backup_request(village=village, actor=actor)
            messages.success(
                request, _("Pencadangan diantrekan; statusnya tampil di daftar cadangan.")
            )
            return redirect("console:village_detail", slug=village.slug)
        elif action == "export":
            console_services.village_export_request(village=village, actor=actor)
            messages.success(
                request,
                _("Ekspor sedang disiapkan; arsipnya muncul di halaman ini setelah selesai."),
            )
            return redirect("console:village_detail", slug=village.slug)
        elif action == "delete":
            services.village_delete(
                village=village, actor=actor, confirm=request.POST.get("confirm") == village.slug
            )
            messages.success(request, _("Desa dihapus."))
            return redirect("console:village_list")
        else:
            return HttpResponse(status=404)
    except services.LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Perubahan disimpan."))
    return redirect("console:village_detail", slug=village.slug)
