"""Autocomplete endpoint over the reference set (public, JSON, rate-limited)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from balai_kernel.audience import PUBLIC, open_to
from control_plane.reference.selectors import LEVEL_MODELS, desa_list, wilayah_search

# Per client address, for every endpoint that searches the list on a keystroke (this
# one and the sign-up's village search share the group).
SEARCH_RATE = "120/m"
SEARCH_GROUP = "wilayah-search"


def desa_row(row) -> dict[str, str]:  # noqa: ANN001 - a reference Desa
    """A village as the searches return it: enough to tell two "Sukamaju" apart."""
    kecamatan = row.kecamatan
    return {
        "code": row.code,
        "name": row.name,
        "dotted": row.code_dotted,
        "kind": row.kind,
        "kecamatan": kecamatan.display_name,
        "kabupaten": kecamatan.kabupaten.display_name,
        "provinsi": kecamatan.kabupaten.provinsi.display_name,
    }


@open_to(PUBLIC)
@require_GET
@ratelimit(key="ip", group=SEARCH_GROUP, rate=SEARCH_RATE, block=True)
def search(request: HttpRequest) -> JsonResponse:
    """``/referensi/cari/?tingkat=desa&induk=180104&q=haji`` → ``{"results": [{code, name, …}]}``.
    Desa without ``induk`` are searched by code or name across the country
    (``selectors.desa_list``) and carry their kecamatan, kabupaten and provinsi."""
    level = request.GET.get("tingkat", "desa")
    if level not in LEVEL_MODELS:
        return JsonResponse({"error": "tingkat tidak dikenal"}, status=400)
    q = request.GET.get("q", "")[:60]
    parent = request.GET.get("induk", "")[:10]
    if level == "desa" and not parent:
        return JsonResponse({"results": [desa_row(row) for row in desa_list(q=q, limit=20)]})
    rows = wilayah_search(level=level, q=q, parent=parent)
    results = [
        {
            "code": row.code,
            "name": row.display_name if level != "desa" else row.name,
            **({"dotted": row.code_dotted, "kind": row.kind} if level == "desa" else {}),
        }
        for row in rows
    ]
    return JsonResponse({"results": results})
