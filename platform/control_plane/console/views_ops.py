"""Operations console: backups, background jobs and a village admin's set-password link.
Thin: reads through ``selectors``, writes through services, operations staff only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import ops_required
from control_plane.console import selectors
from control_plane.console import services as console_services
from tenants.backups import village_backups_request
from tenants.choices import ROUTABLE_STATUSES, BackupStatus
from tenants.models import Village, VillageBackup
from tenants.services import LifecycleError


def _village_filter(request: HttpRequest) -> Village | None:
    slug = request.GET.get("desa", "").strip()
    return get_object_or_404(Village, slug=slug) if slug else None


@menu_entry(pgettext_lazy("menu", "Cadangan desa"), group=OPERASI, order=15)
@ops_required
def backup_list(request: HttpRequest) -> HttpResponse:
    """Backups of every village (or of one: ``?desa=``), newest first, with their state."""
    village = _village_filter(request)
    state = request.GET.get("status", "")
    backups = selectors.village_backup_list(village=village, status=state)
    page = page_get(request, backups, per_page=50)
    context = {"page": page, "village": village, "state": state, "statuses": BackupStatus.choices}
    return render(request, "console/backup_list.html", context)


@ops_required
@require_POST
def backups_request(request: HttpRequest) -> HttpResponse:
    """Back up every village now: one job is queued; it fans out in the worker."""
    if village_backups_request(actor=actor_from_request(request)):
        messages.success(request, _("Pencadangan semua desa diantrekan."))
    else:
        messages.info(request, _("Pencadangan semua desa sudah menunggu di antrean."))
    return redirect("console:backup_list")


@ops_required
def backup_download(request: HttpRequest, pk: int) -> HttpResponse:
    """One stored backup archive, streamed from storage: only a key its row records."""
    backup = get_object_or_404(VillageBackup, pk=pk, status=BackupStatus.SUCCEEDED)
    storage = storages["backups"]
    key = next((k for k in backup.keys if storage.exists(k)), None)
    if key is None:
        raise Http404
    name = key.rsplit("/", 1)[1]
    return FileResponse(storage.open(key), as_attachment=True, filename=name)


@menu_entry(pgettext_lazy("menu", "Pekerjaan latar"), group=OPERASI, order=25)
@ops_required
def job_list(request: HttpRequest) -> HttpResponse:
    """Queued, running and failed background jobs (of one village: ``?desa=``)."""
    village = _village_filter(request)
    state = request.GET.get("status", "")
    page = page_get(request, selectors.job_list(status=state, village=village), per_page=50)
    context = {
        "page": page,
        "rows": selectors.job_rows_build(list(page.object_list)),
        "counts": selectors.job_counts_get(village=village),
        "village": village,
        "state": state,
        "statuses": selectors.JobState.choices,
    }
    return render(request, "console/job_list.html", context)


@ops_required
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        console_services.job_retry(job_id=job_id, actor=actor_from_request(request))
    except LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pekerjaan #%(id)d diantrekan ulang.") % {"id": job_id})
    slug = request.POST.get("desa", "")
    target = reverse("console:job_list")
    return redirect(f"{target}?{urlencode({'desa': slug})}" if slug else target)


@ops_required
def village_admin_password(request: HttpRequest, slug: str) -> HttpResponse:
    """The village's admin accounts; POST sends one of them a set-password link."""
    village = get_object_or_404(Village, slug=slug, status__in=ROUTABLE_STATUSES)
    if request.method == "POST":
        try:
            account = console_services.village_admin_password_link_issue(
                village=village,
                username=request.POST.get("username", ""),
                actor=actor_from_request(request),
            )
        except LifecycleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Tautan atur kata sandi dikirim ke alamat e-mail akun %(username)s.")
                % {"username": account.username},
            )
            return redirect("console:village_detail", slug=village.slug)
    accounts = console_services.village_admin_list(village=village)
    return render(
        request, "console/village_admin_password.html", {"village": village, "accounts": accounts}
    )
