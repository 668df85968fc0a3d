"""Dashboard pages: a region (provinsi → kabupaten → kecamatan → desa) and downloads."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods

from balai_kernel.actor import Actor, actor_from_request
from balai_kernel.audience import PUBLIC, open_to
from balai_kernel.pagination import page_get
from control_plane.accounts.models import StaffRole
from control_plane.accounts.navigation import KABUPATEN, WILAYAH, menu_entry
from control_plane.accounts.permissions import (
    managed_kabupaten_codes,
    manager_or_ops_required,
    region_in_scope,
    region_scope,
    region_staff_required,
    staff_required,
    staff_role,
)
from control_plane.dashboards import exports, regions, selectors, services
from control_plane.dashboards.access import dashboard_access, is_internal_user
from control_plane.dashboards.charts import Chart, bar_chart
from control_plane.dashboards.selectors import RegionView
from control_plane.reference.editions import EDITIONS
from tenants.models import Village

CHART_CATEGORIES = ("umur", "pendidikan-kk", "pekerjaan", "agama")


def _region(request: HttpRequest, code: str) -> tuple[RegionView, list[selectors.ChildRow]]:
    code = code.replace(".", "")
    access = dashboard_access(request, code)
    if access.outside_scope:
        raise Http404(_("Wilayah tidak ditemukan."))
    if not access.allowed:
        raise PermissionDenied(_("Kabupaten ini belum membuka dasbor publik."))
    view = selectors.region_view(code=code, exact=access.exact)
    if view is None:
        raise Http404(_("Wilayah tidak ditemukan."))
    sort, order = request.GET.get("urut", "kode"), request.GET.get("arah", "naik")
    return view, selectors.children_sort(view.children, sort, order == "turun")


@open_to(PUBLIC)
@menu_entry(pgettext_lazy("menu", "Dasbor"), group=KABUPATEN, order=20, visitors=True)
def home(request: HttpRequest) -> HttpResponse:
    """The dashboards' front door: visitors land on the province, staff on their own
    region (``mine``)."""
    return _region_home(request)


@menu_entry(pgettext_lazy("menu", "Dasbor"), group=WILAYAH, order=10, covers=("dashboards:region",))
@region_staff_required
def mine(request: HttpRequest) -> HttpResponse:
    """Each role lands on the dashboard of its scope (exact numbers): a contract
    manager on its kabupaten, a camat on its kecamatan, a province official on its
    provinsi; one with several regions chooses among them; operations on the
    province."""
    return _region_home(request)


def _region_home(request: HttpRequest) -> HttpResponse:
    province = getattr(settings, "DASHBOARD_PROVINCE", "18")
    scope = region_scope(request.user) if is_internal_user(request) else None
    if scope:
        codes = sorted(scope)
        if len(codes) == 1:
            return redirect("dashboards:region", code=codes[0])
        names = regions.region_names(codes)
        return render(request, "dashboards/choose.html", {"items": [(c, names[c]) for c in codes]})
    return redirect("dashboards:region", code=province)


def _charts(view: RegionView, rows: list[selectors.ChildRow]) -> list[Chart]:
    charts = []
    if rows:
        child_label = {
            "provinsi": pgettext("region level", "kabupaten/kota"),
            "kabupaten": pgettext("region level", "kecamatan"),
        }.get(view.level, pgettext("region level", "desa/kelurahan"))
        charts.append(
            bar_chart(
                _("Penduduk per %(level)s") % {"level": child_label},
                [(r.name, r.penduduk) for r in rows if r.has_data],
                chart_id="chart-penduduk",
            )
        )
    for code in CHART_CATEGORIES:
        table = view.table(code)
        if table and table.rows_shown:
            charts.append(
                bar_chart(str(table.category.title), table.chart_items(), chart_id=f"chart-{code}")
            )
    return charts


@open_to(PUBLIC)
def region(request: HttpRequest, code: str) -> HttpResponse:
    view, rows = _region(request, code)
    context = {
        "view": view,
        "rows": rows,
        "charts": _charts(view, rows),
        "sort": request.GET.get("urut", "kode"),
        "order": request.GET.get("arah", "naik"),
        "public_param": "tampilan=publik&" if request.GET.get("tampilan") == "publik" else "",
        "child_level": selectors.CHILD_LEVEL.get(view.level),
        "child_level_label": _child_level_label(selectors.CHILD_LEVEL.get(view.level)),
        "is_village": view.level == "desa",
        "closed": _closed_children(view, rows),
        "edition_source": EDITIONS.get(view.edition),
        "linked_crumbs": {c for c, _n in view.breadcrumbs if dashboard_access(request, c).allowed},
        "opendk": view.exact and staff_role(request.user) in OPENDK_ROLES,
        "villages_page": view.exact and view.level != "desa",
        "books": view.exact and staff_role(request.user) in BOOK_ROLES,
    }
    return render(request, "dashboards/region.html", context)


def _child_level_label(level: str | None) -> str:
    labels = {
        "kabupaten": pgettext("region level", "kabupaten"),
        "kecamatan": pgettext("region level", "kecamatan"),
        "desa": pgettext("region level", "desa"),
    }
    return labels.get(level or "", level or "")


def _closed_children(view: RegionView, rows: list[selectors.ChildRow]) -> set[str]:
    if view.exact or view.level != "provinsi":
        return set()
    settings_ = selectors.kabupaten_settings()
    return {r.code for r in rows if settings_.get(r.code, True) is False}


@open_to(PUBLIC)
def download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    view, rows = _region(request, code)
    if view.children_withheld:
        raise PermissionDenied(_("Kabupaten ini belum membuka dasbor publik."))
    filename = f"balai-{view.code}-{'internal' if view.exact else 'publik'}"
    if fmt == "csv":
        response = HttpResponse(
            exports.comparison_csv(view, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.comparison_xlsx(view, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store" if view.exact else "public, max-age=300"
    return response


# OpenDK's sync shapes carry residents' records: their kabupaten's managers and ops only.
OPENDK_ROLES = (StaffRole.OPS, StaffRole.CONTRACT_MANAGER)


@staff_required(*OPENDK_ROLES)
def opendk_download(request: HttpRequest, code: str) -> HttpResponse:
    """The village in OpenDK's sync shapes (personal data: ``OPENDK_ROLES``)."""
    from control_plane.dashboards.opendk import opendk_export

    if not region_in_scope(request.user, code):
        raise PermissionDenied
    village = Village.objects.filter(code=code, status__in=services.PUBLISHED_STATUSES).first()
    if village is None:
        raise Http404(_("Desa tidak ditemukan."))
    response = HttpResponse(opendk_export(village=village), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="opendk-{code}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@menu_entry(pgettext_lazy("menu", "Desa di wilayah"), group=WILAYAH, order=20)
@region_staff_required
def villages(request: HttpRequest) -> HttpResponse:
    """The villages of the user's region on Balai: status, when they joined, when they
    last published their figures (their activity), residents counted; searchable,
    paged. Public-schema rows only (never a village schema, never a resident)."""
    query = request.GET.get("q", "").strip()
    rows = selectors.village_activity_list(scope=region_scope(request.user), query=query)
    page = page_get(request, rows, per_page=25)
    context = {
        "page": page,
        "q": query,
        # A camat or province official opens each village's closed books from here.
        "books": staff_role(request.user) in BOOK_ROLES,
        "book_statuses": services.PUBLISHED_STATUSES,
    }
    return render(request, "dashboards/villages.html", context)


@menu_entry(pgettext_lazy("menu", "Pengaturan dasbor"), group=KABUPATEN, order=30)
@manager_or_ops_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    managed = managed_kabupaten_codes(request.user)
    province = getattr(settings, "DASHBOARD_PROVINCE", "18")
    codes = [c for c in regions.reference_children(province) if managed is None or c in managed]
    if request.method == "POST":
        code = request.POST.get("kabupaten", "")
        if code not in codes:
            raise PermissionDenied
        services.kabupaten_setting_update(
            kabupaten_code=code,
            public=request.POST.get("publik") == "1",
            actor=actor_from_request(request),
        )
        return redirect("dashboards:settings")
    current = selectors.kabupaten_settings()
    names = regions.region_names(codes)
    items = [(c, names[c], current.get(c, True)) for c in codes]
    return render(request, "dashboards/settings.html", {"items": items})


# Who reads a village's closed administration books from above the village (issue 22):
# the camat of its kecamatan and the officials of its province, never its residents'
# records beyond what a closed book holds (NIK/KK masked).
BOOK_ROLES = (StaffRole.CAMAT, StaffRole.PROVINCE_OFFICIAL)


def _book_village(request: HttpRequest, code: str) -> Village:
    """The village ``code`` when it lies in the reader's region; else 404, as if it did
    not exist."""
    village = Village.objects.filter(code=code, status__in=services.PUBLISHED_STATUSES).first()
    if village is None or not region_in_scope(request.user, code):
        raise Http404(_("Desa tidak ditemukan."))
    return village


def _book_actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, role=staff_role(request.user) or "")


@staff_required(*BOOK_ROLES)
def village_books(request: HttpRequest, code: str) -> HttpResponse:
    """The closed periods of a village's administration books, each with its PDF and
    XLSX as the village printed it at closing; searchable by book or period."""
    village = _book_village(request, code)
    periods = services.village_book_list(village=village, actor=_book_actor(request))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        needle = query.casefold()
        periods = [p for p in periods if needle in f"{p.code} {p.title} {p.periode}".casefold()]
    page = page_get(request, periods, per_page=50)
    return render(
        request, "dashboards/village_books.html", {"village": village, "page": page, "q": query}
    )


@staff_required(*BOOK_ROLES)
def village_book_download(
    request: HttpRequest, code: str, slug: str, periode: str, fmt: str
) -> HttpResponse:
    """One closed period of a village's book (PDF or XLSX); 404 unless it is closed."""
    village = _book_village(request, code)
    found = services.village_book_export(
        village=village, slug=slug, periode=periode, fmt=fmt, actor=_book_actor(request)
    )
    if found is None:
        raise Http404(_("Buku atau periode yang ditutup tidak ditemukan."))
    response = HttpResponse(found.content, content_type=found.content_type)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{village.code}_{found.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
