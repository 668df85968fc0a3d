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
from village_apps.kelompok import selectors, services
from village_apps.kelompok.forms import AnggotaForm, KelompokForm
from village_apps.kelompok.models import Kelompok
from village_apps.penduduk.models import Penduduk


@menu_entry(pgettext_lazy("menu", "Kelompok"), group=KEPENDUDUKAN, order=40)
@requires("kelompok", Action.VIEW)
def daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kelompok/daftar.html",
        {
            "kelompok_list": selectors.kelompok_list(),
            "boleh_ubah": can_edit(request.user, "kelompok"),
        },
    )


@requires("kelompok", Action.CHANGE)
def tambah(request: HttpRequest) -> HttpResponse:
    form = KelompokForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            k = services.kelompok_create(**form.cleaned_data, actor=actor_from_request(request))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("kelompok:detail", pk=k.pk)
    return render(request, "penduduk/form.html", {"form": form, "judul": _("Tambah kelompok")})


@requires("kelompok", Action.VIEW, writes=Action.CHANGE)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    kelompok = get_object_or_404(Kelompok.objects.select_related("kategori", "ketua"), pk=pk)
    form = AnggotaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        penduduk = Penduduk.objects.filter(nik=form.cleaned_data["nik"]).first()
        if penduduk is None:
            form.add_error("nik", _("Penduduk dengan NIK ini tidak ditemukan."))
        else:
            try:
                services.kelompok_anggota_add(
                    kelompok=kelompok,
                    penduduk=penduduk,
                    jabatan=form.cleaned_data["jabatan"],
                    actor=actor_from_request(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Anggota ditambahkan."))
                return redirect("kelompok:detail", pk=pk)
    anggota = kelompok.anggota.select_related("penduduk").order_by("penduduk__nama")
    return render(
        request,
        "kelompok/detail.html",
        {
            "k": kelompok,
            "anggota": anggota,
            "form": form,
            "boleh_ubah": can_edit(request.user, "kelompok"),
        },
    )
