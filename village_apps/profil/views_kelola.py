"""Back-office pages of the village identity and officials (admin only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from balai_kernel.actor import actor_from_request
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import requires
from village_apps.profil import selectors, services
from village_apps.profil.forms import AparaturForm, ProfilForm
from village_apps.profil.models import Aparatur


@menu_entry(pgettext_lazy("menu", "Profil desa"), group=DESA, order=10)
@requires("profil", Action.MANAGE)
def identitas(request: HttpRequest) -> HttpResponse:
    profil = selectors.profil_get()
    form = ProfilForm(request.POST or None, request.FILES or None, instance=profil)
    if request.method == "POST" and form.is_valid():
        services.profil_update(data=form.cleaned_data, actor=actor_from_request(request))
        messages.success(request, _("Identitas desa tersimpan."))
        return redirect("profil:identitas")
    return render(
        request,
        "profil/identitas.html",
        {"form": form, "profil": profil, "aparatur": selectors.aparatur_list()},
        status=400 if form.errors else 200,
    )


@requires("profil", Action.MANAGE)
def aparatur(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_object_or_404(Aparatur, pk=pk) if pk else Aparatur()
    form = AparaturForm(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.aparatur_save(aparatur=form.instance, actor=actor_from_request(request))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Data aparatur tersimpan."))
            return redirect("profil:identitas")
    return render(
        request,
        "penduduk/form.html",
        {"form": form, "judul": _("Aparatur desa")},
        status=400 if form.errors else 200,
    )
