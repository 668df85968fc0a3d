"""Aid programmes: public page (programmes and counts, never names) and back office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.disclosure.source import public_source
from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEUANGAN, menu_entry
from village_apps.akun.permissions import (
    can_edit,
    can_see_personal_data,
    public_view,
    requires,
)
from village_apps.audit.choices import AuditAction
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.audit.services import audit_record
from village_apps.bantuan import forms, selectors, services
from village_apps.bantuan.models import Peserta, Program
from village_apps.web.cache import DURASI_STATISTIK, halaman_publik


@public_view
@require_GET
@halaman_publik(durasi=DURASI_STATISTIK)
def publik(request: HttpRequest) -> HttpResponse:
    tenant = request.tenant
    terbuka = public_source().kabupaten_open(tenant.kabupaten_code)
    return render(
        request,
        "bantuan/publik.html",
        {"program": selectors.program_publik(jumlah_terbit=terbuka), "terbuka": terbuka},
    )


@menu_entry(pgettext_lazy("menu", "Bantuan"), group=KEUANGAN, order=20)
@requires("bantuan", Action.VIEW, writes=Action.CHANGE)
def kelola(request: HttpRequest) -> HttpResponse:
    form = forms.ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_save(actor=actor_from_request(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("bantuan:kelola_program", pk=program.pk)
    return render(
        request,
        "bantuan/kelola/daftar.html",
        {
            "program": selectors.program_dengan_jumlah(),
            "form": form,
            "impor": forms.ImporForm(),
            "boleh_ubah": can_edit(request.user, "bantuan"),
        },
    )


@requires("bantuan", Action.VIEW, writes=Action.CHANGE)
@nomor_pencarian_dibatasi("q")
def kelola_program(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    form = forms.PesertaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.peserta_add(
                program=program, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error("pengenal", exc)
        else:
            messages.success(request, _("Peserta ditambahkan."))
            return redirect("bantuan:kelola_program", pk=pk)
    cari = request.GET.get("q", "").strip()[:16]
    lihat = can_see_personal_data(request.user)
    page = page_get(
        request,
        selectors.peserta_program(program, cari=cari, nomor_penuh_saja=not lihat),
        per_page=50,
    )
    audit_record(
        action=AuditAction.VIEW,
        object_type="bantuan.program",
        object_id=program.pk,
        summary="daftar peserta",
        actor=actor_from_request(request),
    )
    return render(
        request,
        "bantuan/kelola/program.html",
        {
            "program": program,
            "page": page,
            "form": form,
            "cari": cari,
            "lihat_pribadi": lihat,
            "boleh_ubah": can_edit(request.user, "bantuan"),
        },
    )


@require_POST
@requires("bantuan", Action.DELETE)
def peserta_delete(request: HttpRequest, pk: int, peserta_pk: int) -> HttpResponse:
    services.peserta_delete(
        peserta=get_object_or_404(Peserta, pk=peserta_pk, program_id=pk),
        actor=actor_from_request(request),
    )
    return redirect("bantuan:kelola_program", pk=pk)


@require_POST
@requires("bantuan", Action.CHANGE)
def impor(request: HttpRequest) -> HttpResponse:
    form = forms.ImporForm(request.POST, request.FILES)
    hasil = (
        services.program_impor(
            berkas=form.cleaned_data["berkas"], actor=actor_from_request(request)
        )
        if form.is_valid()
        else None
    )
    status = 200 if hasil is not None and not hasil.kesalahan else 400
    return render(
        request, "bantuan/kelola/impor_hasil.html", {"form": form, "hasil": hasil}, status=status
    )
