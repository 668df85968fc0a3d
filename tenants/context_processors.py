from django.http import HttpRequest

from tenants.models import Village


def village(request: HttpRequest) -> dict:
    tenant = getattr(request, "tenant", None)
    if isinstance(tenant, Village):
        return {"village": tenant, "village_read_only": tenant.is_read_only}
    return {"village": None, "village_read_only": False}
