"""Request routing to a village schema, and the read-only guard for suspended villages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware

from tenants import routing
from tenants.choices import VillageStatus
from tenants.context import set_village_context
from tenants.models import Village
from tenants.modules import ALWAYS_OPEN, module_enabled, module_for_namespace
from tenants.read_only import is_read_only_allowed

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _page(
    request: HttpRequest, template: str, status: int, context: dict | None = None
) -> HttpResponse:
    # Runs before LocaleMiddleware for unknown/unavailable hosts: pick the language here.
    with translation.override(translation.get_language_from_request(request)):
        html = render_to_string(
            template, {"host": request.get_host(), **(context or {})}, request=None
        )
    return HttpResponse(html, status=status)


class VillageRoutingMiddleware(TenantMainMiddleware):
    """Picks the public (control plane) or village URLconf and schema from the host,
    and refuses pages of modules the village's plan switches off.

    Warm requests make no query: villages come from ``tenants.routing``'s cache and
    ``SET search_path`` is issued lazily by django-tenants only when the view queries.
    This runs on every request, so settings are read once and attribute lookups on the
    connection proxy are kept to a minimum.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.platform_domain = settings.BALAI_DOMAIN
        self.public_urlconf = settings.PUBLIC_SCHEMA_URLCONF

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        # Host validation is routing itself: only the platform domain and known villages answer.
        host = request.get_host().partition(":")[0].lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        conn = connections[DEFAULT_DB_ALIAS]
        if host == self.platform_domain:
            if conn.schema_name != "public":
                conn.set_schema_to_public()
            request.tenant = None  # type: ignore[attr-defined]
            request.urlconf = self.public_urlconf  # type: ignore[attr-defined]
            return None

        village = routing.resolve(host)
        if village is None:
            return _page(request, "tenants/unknown_village.html", 404)
        if not village.is_routable:
            status = 410 if village.status == VillageStatus.ARCHIVED else 404
            return _page(request, "tenants/unavailable_village.html", status, {"village": village})

        # The tenant URLconf is ROOT_URLCONF, which Django selects by default.
        if conn.schema_name != village.schema_name:
            conn.set_tenant(village)
        else:
            conn.tenant = village
        request.tenant = village  # type: ignore[attr-defined]
        set_village_context(village.slug)
        return None

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        # The module a page belongs to is known only once the URL is resolved.
        return module_off_response(request)


class ReadOnlyVillageMiddleware:
    """Suspended villages are read-only: unsafe methods get a 403 page, except on views
    declared with ``tenants.read_only.read_only_allowed`` (signing in and out, the
    language switch), which write no village data.

    The status is read from the database for every refused-kind request, not from the
    routing cache, so a suspension takes effect on the very next write. The check runs
    once the URL is resolved (``process_view``) because it depends on the view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        village = getattr(request, "tenant", None)
        if (
            not isinstance(village, Village)
            or request.method in SAFE_METHODS
            or is_read_only_allowed(view_func)
        ):
            return None
        status = Village.objects.filter(pk=village.pk).values_list("status", flat=True).first()
        if status == VillageStatus.SUSPENDED:
            return _page(request, "tenants/read_only.html", 403, {"village": village})
        return None


def module_off_response(request: HttpRequest) -> HttpResponse | None:
    """The explanation page when the resolved view belongs to a module the routed
    village's plan does not include (see ``tenants.modules``), else ``None``.

    Reads ``Village.modules`` from the routed village, i.e. from the routing cache:
    no query. Public visitors and operators alike get 404 rather than 403 because
    that is what the apps already answer for a module a village cannot have (APBDes
    of a kelurahan) and search engines drop the page; the page itself says why. Data
    is never touched, so switching the module back on shows everything again.
    """
    village = getattr(request, "tenant", None)
    if not isinstance(village, Village) or village.modules is None:
        return None
    match = request.resolver_match
    if match is None or not match.namespaces:
        return None
    module = module_for_namespace(match.namespaces[0])
    if module is None or module_enabled(village, module.code):
        return None
    if f"{match.namespaces[0]}:{match.url_name}" in ALWAYS_OPEN:
        return None
    return render(
        request,
        "tenants/module_off.html",
        {"module": module, "plan_name": village.modules_plan},
        status=404,
    )
