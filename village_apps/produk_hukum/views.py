"""Legal products: the operators' register and the public JDIH page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from balai_kernel.pagination import page_get
from balai_kernel.private_files import private_file_response
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import can_edit, public_view, requires
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.produk_hukum import forms, selectors, services
from village_apps.produk_hukum.choices import JenisProdukHukum
from village_apps.produk_hukum.models import ProdukHukum


def _filters(request: HttpRequest) -> dict:
    tahun = request.GET.get("tahun", "")
    jenis = request.GET.get("jenis", "")
    return {
        "jenis": jenis if jenis in JenisProdukHukum.values else "",
        "tahun": int(tahun) if tahun.isdigit() and len(tahun) == 4 else None,
        "cari": request.GET.get("q", "").strip()[:100],
    }


@menu_entry(pgettext_lazy("menu", "Produk hukum"), group=DESA, order=50)
@requires("produk_hukum", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def kelola(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    page = page_get(request, selectors.produk_hukum_list(**f), per_page=25)
    return render(
        request,
        "produk_hukum/kelola/daftar.html",
        {
            "page": page,
            **f,
            "jenis_pilihan": JenisProdukHukum.choices,
            "boleh_ubah": can_edit(request.user, "produk_hukum"),
        },
    )


@requires("produk_hukum", Action.CHANGE)
def kelola_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    produk = get_object_or_404(ProdukHukum, pk=pk) if pk else None
    initial = {f: getattr(produk, f) for f in forms.ProdukHukumForm.FIELDS} if produk else {}
    form = forms.ProdukHukumForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            produk = services.produk_hukum_save(
                produk_hukum=produk, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Produk hukum tersimpan."))
            return redirect("produk_hukum:kelola")
    return render(
        request,
        "produk_hukum/kelola/form.html",
        {"form": form, "produk": produk},
        status=400 if form.errors else 200,
    )


@require_POST
@requires("produk_hukum", Action.DELETE)
def kelola_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.produk_hukum_delete(
            produk_hukum=get_object_or_404(ProdukHukum, pk=pk), actor=actor_from_request(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Produk hukum dihapus."))
    return redirect("produk_hukum:kelola")


def _berkas(produk: ProdukHukum | None) -> HttpResponse:
    if produk is None or not produk.berkas:
        raise Http404
    return private_file_response(
        produk.berkas.open("rb"), content_type=produk.berkas_tipe, name=produk.berkas.name
    )


@requires("produk_hukum", Action.VIEW)
@require_GET
def kelola_berkas(request: HttpRequest, pk: int) -> HttpResponse:
    return _berkas(get_object_or_404(ProdukHukum, pk=pk))


@public_view
@require_GET
def jdih(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    page = page_get(request, selectors.produk_hukum_list(publik=True, **f), per_page=20)
    return render(
        request,
        "produk_hukum/jdih.html",
        {
            "page": page,
            **f,
            "jenis_pilihan": JenisProdukHukum.choices,
            "semua_tahun": selectors.produk_hukum_tahun_list(publik=True),
        },
    )


@public_view
@require_GET
def jdih_detail(request: HttpRequest, pk: int) -> HttpResponse:
    produk = selectors.produk_hukum_publik_get(pk=pk)
    if produk is None:
        raise Http404
    return render(request, "produk_hukum/jdih_detail.html", {"produk": produk})


@public_view
@require_GET
def jdih_berkas(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed document of a published product: public like the product itself."""
    return _berkas(selectors.produk_hukum_publik_get(pk=pk))
