"""APBDes transparency (public) and its back office (/keuangan/kelola/). Desa only."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from balai_kernel.actor import actor_from_request
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEUANGAN, menu_entry
from village_apps.akun.permissions import can_edit, public_view, requires
from village_apps.keuangan import forms, selectors, services
from village_apps.keuangan.models import Apbdes, BarisApbdes
from village_apps.web.cache import halaman_publik


def desa_saja(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Kelurahan are part of the kabupaten administration and have no APBDes: the
    module answers 404 with an explanation instead."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.tenant, "kind", "desa") == "kelurahan":
            return render(request, "keuangan/kelurahan.html", status=404)
        return view(request, *args, **kwargs)

    wrapper.balai_village_kinds = ("desa",)  # type: ignore[attr-defined] - read by the menu
    return wrapper


def _refused(form: forms.BarisForm, exc: ValidationError) -> None:
    """Show why a row was not saved; realisation above the budget asks for the
    confirmation box."""
    if any(e.code == services.LEBIH_ANGGARAN for e in exc.error_list):
        form.konfirmasi_minta()
    form.add_error(None, exc)


@public_view
@require_GET
@desa_saja
@halaman_publik()
def publik(request: HttpRequest, tahun: int | None = None) -> HttpResponse:
    daftar = list(selectors.apbdes_list())
    apbdes = get_object_or_404(Apbdes, tahun=tahun) if tahun else (daftar[0] if daftar else None)
    laporan = selectors.apbdes_laporan(apbdes) if apbdes else None
    return render(
        request, "keuangan/publik.html", {"daftar": daftar, "apbdes": apbdes, "laporan": laporan}
    )


@menu_entry(pgettext_lazy("menu", "APBDes"), group=KEUANGAN, order=10)
@desa_saja
@requires("keuangan", Action.VIEW, writes=Action.CHANGE)
def kelola(request: HttpRequest) -> HttpResponse:
    form = forms.ApbdesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apbdes = services.apbdes_create(actor=actor_from_request(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("tahun", exc)
        else:
            return redirect("keuangan:kelola_tahun", tahun=apbdes.tahun)
    return render(
        request,
        "keuangan/kelola/daftar.html",
        {
            "daftar": selectors.apbdes_list(),
            "form": form,
            "impor": forms.ImporForm(),
            "boleh_ubah": can_edit(request.user, "keuangan"),
        },
    )


@desa_saja
@requires("keuangan", Action.VIEW, writes=Action.CHANGE)
def kelola_tahun(request: HttpRequest, tahun: int) -> HttpResponse:
    apbdes = get_object_or_404(Apbdes, tahun=tahun)
    form = forms.BarisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.baris_save(
                apbdes=apbdes, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Baris tersimpan."))
            return redirect("keuangan:kelola_tahun", tahun=tahun)
    laporan = selectors.apbdes_laporan(apbdes)
    return render(
        request,
        "keuangan/kelola/tahun.html",
        {
            "apbdes": apbdes,
            "laporan": laporan,
            "form": form,
            "boleh_ubah": can_edit(request.user, "keuangan"),
        },
    )


@desa_saja
@requires("keuangan", Action.CHANGE)
def baris_ubah(request: HttpRequest, tahun: int, pk: int) -> HttpResponse:
    baris = get_object_or_404(
        BarisApbdes.objects.select_related("apbdes"), pk=pk, apbdes__tahun=tahun
    )
    awal = {
        f: getattr(baris, f)
        for f in ("kelompok", "kode", "uraian", "anggaran", "realisasi_s1", "realisasi_s2")
    }
    form = forms.BarisForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.baris_save(
                apbdes=baris.apbdes,
                baris=baris,
                actor=actor_from_request(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            return redirect("keuangan:kelola_tahun", tahun=tahun)
    return render(
        request,
        "web/kelola/form.html",
        {
            "form": form,
            "judul": _("Ubah baris %(kode)s") % {"kode": baris.kode},
            "kembali": f"/keuangan/kelola/{tahun}/",
        },
    )


@require_POST
@desa_saja
@requires("keuangan", Action.DELETE)
def baris_delete(request: HttpRequest, tahun: int, pk: int) -> HttpResponse:
    baris = get_object_or_404(
        BarisApbdes.objects.select_related("apbdes"), pk=pk, apbdes__tahun=tahun
    )
    services.baris_delete(baris=baris, actor=actor_from_request(request))
    messages.success(request, _("Baris dihapus."))
    return redirect("keuangan:kelola_tahun", tahun=tahun)


@require_POST
@desa_saja
@requires("keuangan", Action.CHANGE)
def impor(request: HttpRequest) -> HttpResponse:
    form = forms.ImporForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request, "keuangan/kelola/impor_hasil.html", {"form": form, "hasil": None}, status=400
        )
    hasil = services.apbdes_impor(
        tahun=form.cleaned_data["tahun"],
        berkas=form.cleaned_data["berkas"],
        konfirmasi_lebih=form.cleaned_data["konfirmasi_lebih"],
        actor=actor_from_request(request),
    )
    if hasil.berhasil:
        messages.success(
            request,
            _("%(n)s baris APBDes %(tahun)s diimpor.")
            % {"n": hasil.jumlah_baris, "tahun": hasil.tahun},
        )
        return redirect("keuangan:kelola_tahun", tahun=hasil.tahun)
    return render(
        request, "keuangan/kelola/impor_hasil.html", {"form": form, "hasil": hasil}, status=400
    )


@desa_saja
@requires("keuangan", Action.VIEW)
def templat(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        services.apbdes_templat_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-apbdes.xlsx"'
    return response
