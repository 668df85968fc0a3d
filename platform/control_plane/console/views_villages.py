"""Operations console: the village list and one village's page with lifecycle actions.
Every action calls a ``tenants.services`` function (which writes the audit row)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai_kernel.downloads import temporary_file_response
from control_plane.accounts.permissions import ops_required
from tenants import services
from tenants.choices import SuspensionReason, VillageStatus
from tenants.models import Village
from tenants.selectors import village_domain_list

log = logging.getLogger(__name__)


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
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
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
            "has_export": services.village_has_export(village),
        },
    )


def _export_download(request: HttpRequest, village: Village) -> HttpResponse:
    """The village's export archive as a download; no copy stays on the pod."""
    try:
        return temporary_file_response(
            filename=f"{village.slug}.tar.gz",
            write=lambda out: services.village_export(
                village=village, out=out, actor=request.user.get_username()
            ),
            prefix="balai-export-",
        )
    except (RuntimeError, OSError, SuspiciousOperation):  # pg_dump or a media file (unreadable, or
        # a link out of the village folder that the storage refuses); the log says which
        log.exception("village export failed")
        messages.error(request, _("Ekspor gagal; rinciannya ada di log server."))
        return redirect("console:village_detail", slug=village.slug)


@ops_required
@require_POST
def village_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    village = get_object_or_404(Village, slug=slug)
    actor = request.user.get_username()
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
        elif action == "export":
            return _export_download(request, village)
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
