"""Back office: upload an OpenSID backup (village admins only) and follow its import."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext_lazy

from balai_kernel.actor import actor_from_request
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEPENDUDUKAN, menu_entry
from village_apps.akun.permissions import requires
from village_apps.opensid_import import selectors, services
from village_apps.opensid_import.forms import ImporForm
from village_apps.opensid_import.models import ImporOpenSID


@menu_entry(pgettext_lazy("menu", "Impor OpenSID"), group=KEPENDUDUKAN, order=90)
@requires("opensid_import", Action.MANAGE)
def unggah(request: HttpRequest) -> HttpResponse:
    form = ImporForm(request.POST or None, request.FILES or None, slug=request.tenant.slug)
    if request.method == "POST" and form.is_valid():
        impor = services.impor_antre(
            **form.cleaned_data, village_id=request.tenant.pk, actor=actor_from_request(request)
        )
        return redirect("opensid_import:status", pk=impor.pk)
    return render(
        request,
        "opensid_import/unggah.html",
        {"form": form, "riwayat": selectors.impor_list()[:10]},
        status=400 if form.errors else 200,
    )


@requires("opensid_import", Action.MANAGE)
def status(request: HttpRequest, pk: int) -> HttpResponse:
    impor = get_object_or_404(ImporOpenSID, pk=pk)
    return render(request, "opensid_import/status.html", {"impor": impor, "hasil": impor.hasil})
