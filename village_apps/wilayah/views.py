from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from village_apps.akun.permissions import can_edit, editor_required, viewer_required
from village_apps.wilayah import selectors, services
from village_apps.wilayah.models import RW, Dusun


@viewer_required
def daftar(request: HttpRequest) -> HttpResponse:
    """The dusun → RW → RT tree with heads and counts per unit."""
    return render(
        request,
        "wilayah/daftar.html",
        {"dusun_list": selectors.wilayah_pohon(), "boleh_ubah": can_edit(request.user)},
    )


@editor_required
def tambah(request: HttpRequest) -> HttpResponse:
    """Add a dusun, or an RW to a dusun (?dusun=ID), or an RT to an RW (?rw=ID)."""
    nama = request.POST.get("nama", "").strip()
    if request.method == "POST":
        if not nama:
            messages.error(request, _("Nama wajib diisi."))
            return redirect("wilayah:daftar")
        try:
            if request.POST.get("rw"):
                services.rt_create(
                    rw=get_object_or_404(RW, pk=request.POST["rw"]), nama=nama, request=request
                )
            elif request.POST.get("dusun"):
                services.rw_create(
                    dusun=get_object_or_404(Dusun, pk=request.POST["dusun"]),
                    nama=nama,
                    request=request,
                )
            else:
                services.dusun_create(nama=nama, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Wilayah tersimpan."))
    return redirect("wilayah:daftar")
