from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Control-plane landing page."""
    return render(request, "console/home.html")
