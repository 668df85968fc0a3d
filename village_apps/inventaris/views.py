"""Village assets: the register, acquisitions (also from finished projects) and
mutations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import can_edit, requires
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.inventaris import forms, selectors, services
from village_apps.inventaris.choices import KategoriAset
from village_apps.inventaris.models import Aset


@menu_entry(pgettext_lazy("menu", "Inventaris desa"), group=DESA, order=55)
@requires("inventaris", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def daftar(request: HttpRequest) -> HttpResponse:
    kategori = request.GET.get("kategori", "")
    kategori = kategori if kategori in KategoriAset.values else ""
    cari = request.GET.get("q", "").strip()[:100]
    keluar = {"keluar": True, "semua": None}.get(request.GET.get("status", ""), False)
    boleh_ubah = can_edit(request.user, "inventaris")
    return render(
        request,
        "inventaris/daftar.html",
        {
            "page": page_get(
                request,
                selectors.aset_list(kategori=kategori, cari=cari, keluar=keluar),
                per_page=25,
            ),
            "kategori": kategori,
            "cari": cari,
            "status": request.GET.get("status", ""),
            "kategori_pilihan": KategoriAset.choices,
            "boleh_ubah": boleh_ubah,
            "proyek_baru": selectors.proyek_belum_dicatat_list() if boleh_ubah else [],
        },
    )


def _from_proyek(pk: str) -> dict:
    initial = selectors.aset_proyek_suggest(proyek_id=int(pk)) if pk.isdigit() else None
    if initial is None:
        raise Http404
    return initial


@requires("inventaris", Action.CHANGE)
def aset_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    aset = get_object_or_404(Aset, pk=pk) if pk else None
    if aset is not None:
        initial = {f: getattr(aset, f) for f in forms.AsetForm.FIELDS}
    else:
        proyek = request.GET.get("proyek", "")
        initial = _from_proyek(proyek) if proyek else {}
    form = forms.AsetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if aset is not None:
            data.pop("proyek_asal")
        try:
            aset = services.aset_save(aset=aset, actor=actor_from_request(request), **data)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Aset tersimpan."))
            return redirect("inventaris:detail", pk=aset.pk)
    return render(
        request,
        "inventaris/form.html",
        {"form": form, "aset": aset},
        status=400 if form.errors else 200,
    )


@requires("inventaris", Action.VIEW, writes=Action.CHANGE)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    aset = selectors.aset_get(pk=pk)
    if aset is None:
        raise Http404
    form = forms.MutasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mutasi_aset_add(
                aset=aset, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Mutasi tercatat."))
            return redirect("inventaris:detail", pk=aset.pk)
    return render(
        request,
        "inventaris/detail.html",
        {
            "aset": aset,
            "keadaan": aset.keadaan(),
            "form": form,
            "boleh_ubah": can_edit(request.user, "inventaris"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires("inventaris", Action.DELETE)
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.aset_delete(aset=get_object_or_404(Aset, pk=pk), actor=actor_from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inventaris:detail", pk=pk)
    messages.success(request, _("Aset dihapus."))
    return redirect("inventaris:daftar")
