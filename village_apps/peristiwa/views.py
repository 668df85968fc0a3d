import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEPENDUDUKAN, menu_entry
from village_apps.akun.permissions import requires
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.selectors import halaman
from village_apps.penduduk.views import nomor_halaman
from village_apps.peristiwa import selectors, services
from village_apps.peristiwa.choices import KodePeristiwa
from village_apps.peristiwa.forms import KelahiranForm, PeristiwaForm


@menu_entry(pgettext_lazy("menu", "Peristiwa"), group=KEPENDUDUKAN, order=60)
@requires("peristiwa", Action.VIEW)
def daftar(request: HttpRequest) -> HttpResponse:
    page = halaman(
        selectors.peristiwa_list(kode=request.GET.get("kode", "")), number=nomor_halaman(request)
    )
    return render(
        request, "peristiwa/daftar.html", {"page": page, "kode_list": KodePeristiwa.choices}
    )


@requires("peristiwa", Action.CHANGE)
def catat(request: HttpRequest, pk: int) -> HttpResponse:
    """Record death, moving out, missing, leaving or return for one resident."""
    penduduk = get_object_or_404(Penduduk, pk=pk)
    today = timezone.localdate()
    form = PeristiwaForm(
        request.POST or None,
        initial={
            "tanggal_peristiwa": today,
            "tanggal_lapor": today,
            "kode": request.GET.get("kode"),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.peristiwa_catat(
                penduduk=penduduk, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Peristiwa tercatat."))
            return redirect("penduduk:detail", pk=pk)
    return render(request, "peristiwa/catat.html", {"form": form, "p": penduduk})


@requires("peristiwa", Action.CHANGE)
def lahir(request: HttpRequest) -> HttpResponse:
    """Record a birth into a family: the child becomes a resident (event LAHIR)."""
    keluarga_id = request.GET.get("keluarga", "")
    initial = selectors.kelahiran_initial(
        keluarga_id=int(keluarga_id) if keluarga_id.isdecimal() else None
    )
    form = KelahiranForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.kelahiran_catat(
                data=dict(form.cleaned_data), actor=actor_from_request(request)
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            for pesan in hasil.peringatan:
                messages.warning(request, pesan)
            messages.success(request, _("Kelahiran tercatat."))
            return redirect("penduduk:detail", pk=hasil.penduduk.pk)
    return render(request, "penduduk/form.html", {"form": form, "judul": _("Catat kelahiran")})


@requires("peristiwa", Action.VIEW)
def laporan(request: HttpRequest) -> HttpResponse:
    """Monthly population report (by event date)."""
    today = timezone.localdate()
    match = re.fullmatch(r"(\d{4})-(\d{2})", request.GET.get("bulan", ""))
    tahun, bulan = (
        (int(match[1]), int(match[2]))
        if match and 1 <= int(match[2]) <= 12
        else (today.year, today.month)
    )
    data = selectors.laporan_bulanan(tahun, bulan)
    return render(
        request, "peristiwa/laporan.html", {"r": data, "bulan_str": f"{tahun:04d}-{bulan:02d}"}
    )
