from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from village_apps.akun.permissions import public_view
from village_apps.profil.selectors import profil_get


@public_view
def beranda(request: HttpRequest) -> HttpResponse:
    """Village home page."""
    return render(request, "profil/beranda.html", {"profil": profil_get()})


@public_view
def ping(request: HttpRequest) -> HttpResponse:
    """A tiny page rendered from the routed tenant alone (no query): used by the routing benchmark."""
    return HttpResponse(
        f"<!doctype html><title>{request.tenant.name}</title><p>{request.tenant.name}</p>"
    )
