from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from balai_kernel.audience import PUBLIC, open_to
from control_plane.accounts.navigation import role_home


@open_to(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    """Control-plane landing page; a signed-in staff member goes to their role's home
    (the first page of their menu)."""
    home_link = role_home(request)
    if home_link is not None:
        return redirect(home_link.url)
    return render(request, "console/home.html")
