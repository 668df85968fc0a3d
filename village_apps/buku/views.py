"""The books' pages: the list of books, one generic page per book (period, search,
pages, PDF/XLSX, closing a period) and the entry screens of the two registers this app
keeps."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import PAGE_PARAM, page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, KEPENDUDUKAN, KEUANGAN, menu_entry
from village_apps.akun.permissions import can_see_personal_data, requires, user_allows
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.buku import forms, selectors, services
from village_apps.buku.choices import BookGroup
from village_apps.buku.models import KaderPemberdayaan, PendudukSementara
from village_apps.buku.registry import Book, Periode, book_get, books_all
from village_apps.buku.render import CONTENT_TYPES, book_context, book_filename
from village_apps.buku.rows import cell_text, rows_mask


def _book(request: HttpRequest, slug: str, action: str = Action.VIEW) -> Book:
    """The book, when the user's role may ``action`` its module too (404/403)."""
    book = book_get(slug)
    if book is None:
        raise Http404
    if not user_allows(request.user, book.module, action):
        raise PermissionDenied
    return book


def _periode(request: HttpRequest, book: Book) -> tuple[Periode, str, forms.FilterForm]:
    form = forms.FilterForm(request.GET or None)
    return form.periode(book), form.cari() if form.is_bound else "", form


@menu_entry(pgettext_lazy("menu", "Buku administrasi desa"), group=DESA, order=15)
@requires("buku", Action.VIEW)
def daftar(request: HttpRequest) -> HttpResponse:
    books = [b for b in books_all() if user_allows(request.user, b.module, Action.VIEW)]
    groups = [(g.label, [b for b in books if b.group == g]) for g in BookGroup]
    return render(
        request, "buku/daftar.html", {"groups": [(label, bs) for label, bs in groups if bs]}
    )


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _masked_rows(request: HttpRequest, book: Book, rows: list) -> list[list[tuple[str, bool]]]:
    """The printed rows as page cells; NIK/KK columns masked for a role that may not see them."""
    masked = set()
    if not can_see_personal_data(request.user):
        offset = 1 if book.numbered else 0
        masked = {i + offset for i, c in enumerate(book.leaves()) if c.personal_number}
    return [[(cell_text(v), _numeric(v)) for v in row] for row in rows_mask(rows, masked)]


@requires("buku", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def buku(request: HttpRequest, slug: str) -> HttpResponse:
    book = _book(request, slug)
    periode, cari, form = _periode(request, book)
    data, page = selectors.buku_page_get(
        book=book, periode=periode, cari=cari, halaman=request.GET.get(PAGE_PARAM), per_page=50
    )
    context: dict[str, Any] = {
        **book_context(data),
        "form": form,
        "cari": cari,
        "page": page,
        "cells": _masked_rows(request, book, list(page.object_list)),
        "query": request.GET.urlencode(),
        "boleh_ekspor": user_allows(request.user, "buku", Action.EXPORT),
        "boleh_tutup": book.closable and user_allows(request.user, "buku", Action.CHANGE),
        "ditutup": selectors.penutupan_list(book=book)[:24],
    }
    return render(request, "buku/buku.html", context)


@requires("buku", Action.EXPORT)
@nomor_pencarian_dibatasi("q")
def unduh(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    book = _book(request, slug, Action.EXPORT)
    if fmt not in CONTENT_TYPES:
        raise Http404
    periode, cari, _form = _periode(request, book)
    data = selectors.buku_rows_list(book=book, periode=periode, cari=cari)
    content = services.buku_export(data=data, fmt=fmt, actor=actor_from_request(request))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{book_filename(book, periode, fmt)}"'
    return response


def _book_url(book: Book, periode: Periode) -> str:
    query = f"tahun={periode.tahun}" + (f"&bulan={periode.bulan}" if periode.bulan else "")
    return f"{reverse('buku:buku', args=[book.slug])}?{query}"


@require_POST
@requires("buku", Action.CHANGE)
def tutup(request: HttpRequest, slug: str) -> HttpResponse:
    book = _book(request, slug, Action.CHANGE)
    form = forms.TutupForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periode tidak dikenali."))
        return redirect("buku:buku", slug=book.slug)
    periode = form.cleaned_data["periode"]
    try:
        services.penutupan_create(book=book, periode=periode, actor=actor_from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Periode %(periode)s ditutup.") % {"periode": periode})
    return redirect(_book_url(book, periode))


def _register_list(request: HttpRequest, *, template: str, qs: Any, **extra: Any) -> HttpResponse:
    return render(
        request,
        template,
        {
            "page": page_get(request, qs, per_page=25),
            "cari": request.GET.get("q", "")[:100],
            "boleh_ubah": user_allows(request.user, "buku", Action.CHANGE),
            **extra,
        },
    )


@menu_entry(pgettext_lazy("menu", "Penduduk sementara"), group=KEPENDUDUKAN, order=60)
@requires("buku", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def sementara(request: HttpRequest) -> HttpResponse:
    qs = selectors.penduduk_sementara_list(cari=request.GET.get("q", "").strip()[:100])
    return _register_list(request, template="buku/sementara_daftar.html", qs=qs.reverse())


def _register_form(
    request: HttpRequest, *, form: Any, save: Any, saved: str, back: str, judul: str
) -> HttpResponse:
    """Create/edit one row of a register: the form, the service, the message."""
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=actor_from_request(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect(back)
    return render(request, "penduduk/form.html", {"form": form, "judul": judul})


@requires("buku", Action.CHANGE)
def sementara_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_object_or_404(PendudukSementara, pk=pk) if pk else None
    return _register_form(
        request,
        form=forms.PendudukSementaraForm(request.POST or None, instance=obj),
        save=functools.partial(services.penduduk_sementara_save, penduduk_sementara=obj),
        saved=_("Data penduduk sementara tersimpan."),
        back="buku:sementara",
        judul=_("Penduduk sementara"),
    )


@require_POST
@requires("buku", Action.DELETE)
def sementara_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(PendudukSementara, pk=pk)
    services.penduduk_sementara_delete(penduduk_sementara=obj, actor=actor_from_request(request))
    messages.success(request, _("Data penduduk sementara dihapus."))
    return redirect("buku:sementara")


@menu_entry(pgettext_lazy("menu", "Kader pemberdayaan"), group=KEUANGAN, order=40)
@requires("buku", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def kader(request: HttpRequest) -> HttpResponse:
    qs = selectors.kader_list(cari=request.GET.get("q", "").strip()[:100])
    return _register_list(request, template="buku/kader_daftar.html", qs=qs)


@requires("buku", Action.CHANGE)
def kader_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_object_or_404(KaderPemberdayaan, pk=pk) if pk else None
    return _register_form(
        request,
        form=forms.KaderForm(request.POST or None, instance=obj),
        save=functools.partial(services.kader_save, kader=obj),
        saved=_("Data kader tersimpan."),
        back="buku:kader",
        judul=_("Kader pemberdayaan masyarakat"),
    )


@require_POST
@requires("buku", Action.DELETE)
def kader_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(KaderPemberdayaan, pk=pk)
    services.kader_delete(kader=obj, actor=actor_from_request(request))
    messages.success(request, _("Data kader dihapus."))
    return redirect("buku:kader")
