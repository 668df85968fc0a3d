"""Autocomplete endpoint over the reference set (public, JSON, rate-limited)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from control_plane.reference.selectors import LEVEL_MODELS, wilayah_search


@require_GET
@ratelimit(key="ip", rate="120/m", block=True)
def search(request: HttpRequest) -> JsonResponse:
    """``/referensi/cari/?tingkat=desa&induk=180104&q=haji`` → ``{"results": [{code, name, …}]}``."""
    level = request.GET.get("tingkat", "desa")
    if level not in LEVEL_MODELS:
        return JsonResponse({"error": "tingkat tidak dikenal"}, status=400)
    rows = wilayah_search(
        level=level, q=request.GET.get("q", "")[:60], parent=request.GET.get("induk", "")[:10]
    )
    results = [
        {
            "code": row.code,
            "name": row.display_name if level != "desa" else row.name,
            **({"dotted": row.code_dotted, "kind": row.kind} if level == "desa" else {}),
        }
        for row in rows
    ]
    return JsonResponse({"results": results})
