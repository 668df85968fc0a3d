"""Complaints: public form and tracking (rate-limited, honeypot), operators' inbox."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django_ratelimit.decorators import ratelimit

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from balai_kernel.private_files import private_file_response
from tenants.media import IMAGE_TYPES
from village_apps.akun.choices import Action
from village_apps.akun.navigation import LAYANAN, menu_entry
from village_apps.akun.permissions import can_edit, can_see_personal_data, public_view, requires
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.pengaduan import forms, selectors, services
from village_apps.pengaduan.choices import StatusPengaduan
from village_apps.pengaduan.models import Pengaduan

# Per client address and per village (rate-limit keys carry the schema). Submissions:
# ABUSE_LIMITS["pengaduan"].
BATAS_LACAK = "60/h"


@public_view
def kirim(request: HttpRequest) -> HttpResponse:
    form = forms.PengaduanForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        batas = services.pengaduan_batas(actor=actor_from_request(request))
        if batas is not None:
            return render(request, "pengaduan/terlalu_sering.html", {"pesan": batas}, status=429)
        if form.is_valid():
            if form.cleaned_data.pop("situs_web"):
                # A bot filled the honeypot: answer like a success, store nothing.
                return render(request, "pengaduan/terima_kasih.html")
            try:
                pengaduan = services.pengaduan_kirim(**form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Pengaduan terkirim. Simpan kode lacak Anda untuk mengikuti "
                        "tindak lanjutnya."
                    ),
                )
                return redirect("pengaduan:lacak_kode", kode=pengaduan.kode_lacak)
    return render(
        request,
        "pengaduan/kirim.html",
        {"form": form, "lacak": forms.LacakForm(), "rekap": selectors.pengaduan_rekap()},
        status=400 if form.errors else 200,  # e.g. a photo that is not a picture
    )


@public_view
@ratelimit(key="ip", rate=BATAS_LACAK, method="GET", block=False)
def lacak(request: HttpRequest, kode: str = "") -> HttpResponse:
    kode = kode or request.GET.get("kode", "")
    if getattr(request, "limited", False):
        return render(request, "pengaduan/terlalu_sering.html", status=429)
    pengaduan = selectors.pengaduan_lacak(kode) if kode else None
    if kode and pengaduan is None:
        return render(
            request, "pengaduan/lacak.html", {"kode": kode, "tidak_ada": True}, status=404
        )
    if pengaduan is None:
        return redirect("pengaduan:kirim")
    return render(request, "pengaduan/lacak.html", {"pengaduan": pengaduan})


@menu_entry(pgettext_lazy("menu", "Pengaduan"), group=LAYANAN, order=30)
@requires("pengaduan", Action.VIEW)
def kelola(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    cari = request.GET.get("q", "").strip()[:50]
    page = page_get(request, selectors.pengaduan_list(status=status, cari=cari), per_page=25)
    return render(
        request,
        "pengaduan/kelola/daftar.html",
        {"page": page, "status": status, "cari": cari, "pilihan_status": StatusPengaduan.choices},
    )


@requires("pengaduan", Action.VIEW)
def foto(request: HttpRequest, pk: int) -> HttpResponse:
    """A complaint's photo, to village staff only (never a public media URL)."""
    pengaduan = services.pengaduan_foto_open(pengaduan_id=pk, actor=actor_from_request(request))
    content_type = pengaduan and IMAGE_TYPES.get(Path(pengaduan.foto.name).suffix.lower())
    if not content_type:
        raise Http404
    return private_file_response(
        pengaduan.foto.open("rb"), content_type=content_type, name=pengaduan.foto.name
    )


@requires("pengaduan", Action.VIEW, writes=Action.CHANGE)
def kelola_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pengaduan = get_object_or_404(Pengaduan.objects.prefetch_related("tanggapan"), pk=pk)
    form = forms.TanggapanForm(request.POST or None, initial={"status": StatusPengaduan.DIPROSES})
    if request.method == "POST" and form.is_valid():
        try:
            services.tanggapan_add(
                pengaduan=pengaduan, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tanggapan tersimpan."))
            return redirect("pengaduan:kelola_detail", pk=pk)
    lihat_pribadi = can_see_personal_data(request.user)
    if lihat_pribadi and (pengaduan.nama or pengaduan.kontak):
        audit_record(
            action=AuditAction.VIEW,
            object_type="pengaduan",
            object_id=pengaduan.pk,
            actor=actor_from_request(request),
        )
    return render(
        request,
        "pengaduan/kelola/detail.html",
        {
            "pengaduan": pengaduan,
            "form": form,
            "boleh_ubah": can_edit(request.user, "pengaduan"),
            "lihat_pribadi": lihat_pribadi,
        },
    )
