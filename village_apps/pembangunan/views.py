"""Development projects: public list/detail (cached) and back office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEUANGAN, menu_entry
from village_apps.akun.permissions import can_edit, public_view, requires
from village_apps.pembangunan import forms, selectors, services
from village_apps.pembangunan.models import Proyek
from village_apps.web.cache import halaman_publik


def _tahun(request: HttpRequest) -> int | None:
    nilai = request.GET.get("tahun", "")
    return int(nilai) if nilai.isdigit() else None


@public_view
@require_GET
@halaman_publik()
def daftar(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    page = page_get(request, selectors.proyek_list(tahun=tahun), per_page=20)
    return render(
        request,
        "pembangunan/daftar.html",
        {"page": page, "tahun": tahun, "semua_tahun": selectors.proyek_tahun()},
    )


@public_view
@require_GET
@halaman_publik()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proyek = get_object_or_404(Proyek.objects.prefetch_related("foto"), pk=pk)
    return render(request, "pembangunan/detail.html", {"proyek": proyek})


@menu_entry(pgettext_lazy("menu", "Pembangunan"), group=KEUANGAN, order=30)
@requires("pembangunan", Action.VIEW)
def kelola(request: HttpRequest) -> HttpResponse:
    cari = request.GET.get("q", "").strip()[:100]
    page = page_get(request, selectors.proyek_list(tahun=_tahun(request), cari=cari), per_page=25)
    return render(
        request,
        "pembangunan/kelola/daftar.html",
        {"page": page, "cari": cari, "boleh_ubah": can_edit(request.user, "pembangunan")},
    )


@requires("pembangunan", Action.CHANGE)
def kelola_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    proyek = get_object_or_404(Proyek, pk=pk) if pk else None
    medan = (
        "nama",
        "lokasi",
        "tahun",
        "sumber_dana",
        "anggaran",
        "pelaksana",
        "volume",
        "progres",
        "keterangan",
    )
    form = forms.ProyekForm(
        request.POST or None, initial={f: getattr(proyek, f) for f in medan} if proyek else {}
    )
    foto = forms.FotoProyekForm(request.POST or None, request.FILES or None) if proyek else None
    if request.method == "POST" and "gambar" in request.FILES and proyek and foto.is_valid():
        try:
            services.foto_proyek_add(
                proyek=proyek, actor=actor_from_request(request), **foto.cleaned_data
            )
        except ValidationError as exc:
            foto.add_error("gambar", exc)
        else:
            messages.success(request, _("Foto tersimpan."))
            return redirect("pembangunan:kelola_ubah", pk=proyek.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            proyek = services.proyek_save(
                proyek=proyek, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Proyek tersimpan."))
            return redirect("pembangunan:kelola")
    status = 400 if form.errors or (foto is not None and foto.errors) else 200
    return render(
        request,
        "pembangunan/kelola/form.html",
        {"form": form, "foto": foto, "proyek": proyek},
        status=status,
    )


@require_POST
@requires("pembangunan", Action.DELETE)
def kelola_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.proyek_delete(
        proyek=get_object_or_404(Proyek, pk=pk), actor=actor_from_request(request)
    )
    messages.success(request, _("Proyek dihapus."))
    return redirect("pembangunan:kelola")
