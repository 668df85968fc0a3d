from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Control-plane landing page."""
    return render(request, "console/home.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Process is alive (no database access)."""
    return HttpResponse("ok", content_type="text/plain")
