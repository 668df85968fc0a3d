from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from balai_kernel.actor import actor_from_request
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEPENDUDUKAN, menu_entry
from village_apps.akun.permissions import can_edit, requires
from village_apps.wilayah import selectors, services
from village_apps.wilayah.forms import WilayahTambahForm
from village_apps.wilayah.models import RW, Dusun


@menu_entry(pgettext_lazy("menu", "Wilayah"), group=KEPENDUDUKAN, order=50)
@requires("wilayah", Action.VIEW)
def daftar(request: HttpRequest) -> HttpResponse:
    """The dusun → RW → RT tree with heads and counts per unit."""
    return render(
        request,
        "wilayah/daftar.html",
        {
            "dusun_list": selectors.wilayah_tree_get(),
            "boleh_ubah": can_edit(request.user, "wilayah"),
        },
    )


@requires("wilayah", Action.CHANGE)
def tambah(request: HttpRequest) -> HttpResponse:
    """Add a dusun, or an RW to a dusun (?dusun=ID), or an RT to an RW (?rw=ID)."""
    if request.method == "POST":
        form = WilayahTambahForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nama wajib diisi."))
            return redirect("wilayah:daftar")
        nama, rw, dusun = (form.cleaned_data[k] for k in ("nama", "rw", "dusun"))
        try:
            if rw:
                services.rt_create(
                    rw=get_object_or_404(RW, pk=rw), nama=nama, actor=actor_from_request(request)
                )
            elif dusun:
                services.rw_create(
                    dusun=get_object_or_404(Dusun, pk=dusun),
                    nama=nama,
                    actor=actor_from_request(request),
                )
            else:
                services.dusun_create(nama=nama, actor=actor_from_request(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Wilayah tersimpan."))
    return redirect("wilayah:daftar")
