"""The land registers: Tanah di Desa and Tanah Kas Desa, one list and one form each."""

from __future__ import annotations

from collections.abc import Callable

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
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
from village_apps.tanah import forms, selectors, services
from village_apps.tanah.models import TanahDesa, TanahKasDesa

KAS = "kas"
DESA_KIND = "desa"
REGISTERS = {
    DESA_KIND: {
        "judul": pgettext_lazy("menu", "Tanah di desa"),
        "model": TanahDesa,
        "form": forms.TanahDesaForm,
        "save": services.tanah_desa_save,
        "delete": services.tanah_desa_delete,
        "list": selectors.tanah_desa_list,
        "daftar": "tanah:desa_daftar",
    },
    KAS: {
        "judul": pgettext_lazy("menu", "Tanah kas desa"),
        "model": TanahKasDesa,
        "form": forms.TanahKasDesaForm,
        "save": services.tanah_kas_desa_save,
        "delete": services.tanah_kas_desa_delete,
        "list": selectors.tanah_kas_desa_list,
        "daftar": "tanah:kas_daftar",
    },
}


def _daftar(request: HttpRequest, kind: str) -> HttpResponse:
    reg = REGISTERS[kind]
    cari = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "tanah/daftar.html",
        {
            "page": page_get(request, reg["list"](cari=cari), per_page=25),
            "cari": cari,
            "kind": kind,
            "judul": reg["judul"],
            "boleh_ubah": can_edit(request.user, "tanah"),
        },
    )


def _initial(obj: models.Model | None, form_class: type[django_forms.Form]) -> dict:
    if obj is None:
        return {}
    initial = {f: getattr(obj, f) for f in form_class.base_fields if hasattr(obj, f)}
    if isinstance(obj, TanahDesa) and obj.pemilik_id:
        initial["nik_pemilik"] = obj.pemilik.nik
    return initial


def _form(request: HttpRequest, kind: str, pk: int | None) -> HttpResponse:
    reg = REGISTERS[kind]
    obj = get_object_or_404(reg["model"], pk=pk) if pk else None
    form = reg["form"](request.POST or None, initial=_initial(obj, reg["form"]))
    if request.method == "POST" and form.is_valid():
        save: Callable = reg["save"]
        try:
            save(tanah=obj, actor=actor_from_request(request), **form.cleaned_data)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Data tanah tersimpan."))
            return redirect(reg["daftar"])
    return render(
        request,
        "tanah/form.html",
        {"form": form, "obj": obj, "kind": kind, "judul": reg["judul"]},
        status=400 if form.errors else 200,
    )


def _hapus(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    reg = REGISTERS[kind]
    reg["delete"](tanah=get_object_or_404(reg["model"], pk=pk), actor=actor_from_request(request))
    messages.success(request, _("Data tanah dihapus."))
    return redirect(reg["daftar"])


@menu_entry(pgettext_lazy("menu", "Tanah di desa"), group=DESA, order=60)
@requires("tanah", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def desa_daftar(request: HttpRequest) -> HttpResponse:
    return _daftar(request, DESA_KIND)


@requires("tanah", Action.CHANGE)
def desa_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _form(request, DESA_KIND, pk)


@require_POST
@requires("tanah", Action.DELETE)
def desa_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    return _hapus(request, DESA_KIND, pk)


@menu_entry(pgettext_lazy("menu", "Tanah kas desa"), group=DESA, order=61)
@requires("tanah", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def kas_daftar(request: HttpRequest) -> HttpResponse:
    return _daftar(request, KAS)


@requires("tanah", Action.CHANGE)
def kas_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _form(request, KAS, pk)


@require_POST
@requires("tanah", Action.DELETE)
def kas_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    return _hapus(request, KAS, pk)
