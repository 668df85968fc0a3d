"""Open-data API: read-only JSON and CSV, public (suppressed) numbers only.

Records are keyed by the Kemendagri code and carry the edition of the Kemendagri list
that code belongs to (``edisi_wilayah``; ``docs/onboarding.md``). Every answer carries cache headers and CORS
for browsers; clients are rate limited per IP. Exact numbers are never served here —
they live in the internal dashboards.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from balai_kernel.audience import PUBLIC, open_to
from balai_kernel.net import client_address
from balai_kernel.spreadsheet_export import csv_row_safe, csv_safe
from control_plane.dashboards import regions, selectors
from control_plane.opendata.metadata import dataset_metadata, reference_edition
from control_plane.opendata.openapi import openapi_document

CACHE_SECONDS = 300


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"galat": message}, status=status)


def _client_key(group: str, request: HttpRequest) -> str:
    """The client's address (behind the ingress, from X-Forwarded-For: see
    ``balai_kernel.abuse.client_address`` and ``TRUSTED_PROXY_HOPS``)."""
    return client_address(request)


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, rate limited per client IP (429 with Retry-After), cache and CORS headers."""

    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rate = getattr(settings, "OPENDATA_RATE_LIMIT", "600/m")
        if is_ratelimited(request, group="opendata", key=_client_key, rate=rate, increment=True):
            response = _error(429, _("Terlalu banyak permintaan; coba lagi sebentar lagi."))
            response["Retry-After"] = "60"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.setdefault("Cache-Control", f"public, max-age={CACHE_SECONDS}")
        else:
            response.setdefault("Cache-Control", "no-cache")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return open_to(PUBLIC)(wrapper)


def _view_for(code: str) -> tuple[selectors.RegionView | None, JsonResponse | None]:
    if regions.level_of(code) is None:
        return None, _error(404, _("Kode wilayah harus 2, 4, 6 atau 10 digit."))
    view = selectors.region_view(code=code, exact=False, with_children=False)
    if view is None:
        return None, _error(404, _("Wilayah tidak ditemukan."))
    if len(code) > 4 and not view.public:
        return None, _error(403, _("Kabupaten ini tidak membuka data di bawah tingkat kabupaten."))
    return view, None


def _stat_records(view: selectors.RegionView) -> list[dict[str, Any]]:
    return [
        {
            "kategori": table.category.code,
            "kode": row.key,
            "label": row.label,
            "laki_laki": row.laki_laki,
            "perempuan": row.perempuan,
            "jumlah": row.jumlah,
        }
        for table in view.tables
        for row in table.rows
    ]


def _region_header(view: selectors.RegionView) -> dict[str, Any]:
    return {
        "kode": view.code,
        "tingkat": view.level,
        "nama": view.name,
        "induk": regions.parent_of(view.code) or None,
        "desa_di_balai": view.on_platform,
        "desa_referensi": view.in_reference,
        "diperbarui": view.newest.isoformat() if view.newest else None,
        "data_tertua": view.oldest.isoformat() if view.oldest else None,
        "edisi_wilayah": view.edition,
    }


def _with_last_modified(response: HttpResponse, view: selectors.RegionView) -> HttpResponse:
    if view.newest:
        response["Last-Modified"] = http_date(view.newest.timestamp())
    return response


@api_view
def index(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "nama": "API data terbuka Balai",
            "openapi": "/api/openapi.json",
            "metadata": "/api/v1/metadata",
            "wilayah": "/api/v1/wilayah/{kode}",
        }
    )


@api_view
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document())


@api_view
def metadata(request: HttpRequest) -> JsonResponse:
    return JsonResponse(dataset_metadata())


@api_view
def region(request: HttpRequest, code: str) -> HttpResponse:
    view, error = _view_for(code)
    if error:
        return error
    body = {
        **_region_header(view),
        "metadata": dataset_metadata(region=f"{view.name} ({view.code})"),
        "statistik": _stat_records(view),
    }
    return _with_last_modified(JsonResponse(body), view)


@api_view
def region_csv(request: HttpRequest, code: str) -> HttpResponse:
    view, error = _view_for(code)
    if error:
        return error
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "kode_wilayah",
            "edisi_wilayah",
            "kategori",
            "kode",
            "label",
            "laki_laki",
            "perempuan",
            "jumlah",
        ]
    )
    for record in _stat_records(view):
        values = ("" if v is None else v for v in record.values())
        writer.writerow(csv_row_safe([view.code, view.edition, *values]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="balai-{view.code}.csv"'
    return _with_last_modified(response, view)


def _children(code: str) -> tuple[list[dict[str, Any]] | None, JsonResponse | None]:
    if len(code) not in regions.CHILD_LENGTH:
        return None, _error(
            404, _("Hanya provinsi, kabupaten/kota dan kecamatan yang punya wilayah di bawahnya.")
        )
    # A closed kabupaten's kecamatan (children of its code) are below kabupaten level too.
    if len(code) in (4, 6) and not selectors.kabupaten_is_public(code):
        return None, _error(403, _("Kabupaten ini tidak membuka data di bawah tingkat kabupaten."))
    view = selectors.region_view(code=code, exact=False)
    if view is None:
        return None, _error(404, _("Wilayah tidak ditemukan."))
    closed = set()
    if len(code) == 2:
        closed = {c for c, public in selectors.kabupaten_settings().items() if not public}
    return [
        {
            "kode": r.code,
            "nama": r.name,
            "desa_di_balai": r.on_platform,
            "desa_referensi": r.in_reference,
            "penduduk": r.penduduk,
            "laki_laki": r.laki_laki,
            "perempuan": r.perempuan,
            "keluarga": r.keluarga,
            "surat_bulan_ini": r.surat,
            "realisasi_belanja_persen": r.realisasi_persen,
            "data_tertua": r.oldest.isoformat() if r.oldest else None,
            "terbuka": r.code[:4] not in closed,
            "edisi_wilayah": view.edition,
        }
        for r in view.children
    ], None


@api_view
def children(request: HttpRequest, code: str) -> HttpResponse:
    records, error = _children(code)
    if error:
        return error
    return JsonResponse(
        {"induk": code, "wilayah": records, "referensi_wilayah": reference_edition()}
    )


@api_view
def children_csv(request: HttpRequest, code: str) -> HttpResponse:
    records, error = _children(code)
    if error:
        return error
    out = io.StringIO()
    fields = [
        "kode",
        "nama",
        "desa_di_balai",
        "desa_referensi",
        "penduduk",
        "laki_laki",
        "perempuan",
        "keluarga",
        "surat_bulan_ini",
        "realisasi_belanja_persen",
        "data_tertua",
        "terbuka",
        "edisi_wilayah",
    ]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for record in records:
        writer.writerow({k: csv_safe("" if v is None else v) for k, v in record.items()})
    return HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
