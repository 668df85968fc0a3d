from django.http import HttpRequest

from tenants.models import Village
from tenants.modules import ModuleSwitches


def village(request: HttpRequest) -> dict:
    """The routed village, whether it is read-only, and ``modul`` (``{% if
    modul.keuangan %}``) for hiding modules its plan does not include."""
    tenant = getattr(request, "tenant", None)
    if isinstance(tenant, Village):
        return {
            "village": tenant,
            "village_read_only": tenant.is_read_only,
            "modul": ModuleSwitches(tenant),
        }
    return {"village": None, "village_read_only": False, "modul": ModuleSwitches(None)}
