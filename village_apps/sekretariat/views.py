"""The secretariat's registers: Buku Agenda (letters in and out), incoming letters with
their dispositions, each staff member's disposition inbox, Buku Ekspedisi; each book
exported to XLSX and printed to PDF in the regulation's columns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from balai_kernel.pagination import page_get
from balai_kernel.private_files import private_file_response
from village_apps.akun.choices import Action
from village_apps.akun.navigation import LAYANAN, menu_entry
from village_apps.akun.permissions import requires, user_allows
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.buku.render import periode_label
from village_apps.sekretariat import forms, selectors, services
from village_apps.sekretariat.choices import JenisAgenda, StatusDisposisi, StatusSuratMasuk
from village_apps.sekretariat.models import Disposisi, Ekspedisi, SuratKeluarManual, SuratMasuk

MODULE = "sekretariat"
PER_PAGE = 25


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The book filters of the query string (``tahun``, ``bulan``, ``q``: the books
    app's filter, so the print links carry them as they are)."""
    periode = selectors.periode_get(tahun=request.GET.get("tahun"), bulan=request.GET.get("bulan"))
    return {
        "periode": periode,
        "periode_label": periode_label(periode),
        "q": request.GET.get("q", "").strip()[:100],
        "bulan_pilihan": list(enumerate(selectors.BULAN, start=1)),
    }


def _may(request: HttpRequest, action: Action) -> bool:
    return user_allows(request.user, MODULE, action)


def _may_print(request: HttpRequest) -> bool:
    """The books print through ``buku:unduh``, which needs export in both modules."""
    return _may(request, Action.EXPORT) and user_allows(request.user, "buku", Action.EXPORT)


def _delete_url(request: HttpRequest, name: str, pk: int | None) -> str:
    return reverse(name, args=[pk]) if pk and _may(request, Action.DELETE) else ""


def _form_page(
    request: HttpRequest,
    form: django_forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    title: str,
    back: str,
    hapus: str = "",
) -> HttpResponse:
    """A register entry form: on a valid POST the service saves, else the form again
    with the service's refusal on it. ``hapus``: the delete URL of the entry shown (an
    existing one, to a user who may delete), offered under the form."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect(done)
    return render(
        request,
        "sekretariat/form.html",
        {"form": form, "judul": title, "kembali": back, "hapus": hapus},
        status=400 if form.errors else 200,
    )


# --- Buku Agenda -----------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Buku agenda"), group=LAYANAN, order=40)
@requires(MODULE, Action.VIEW)
@nomor_pencarian_dibatasi("q")
def agenda(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    jenis = request.GET.get("jenis", "")
    rows = selectors.agenda_list(periode=f["periode"], q=f["q"], jenis=jenis)
    return render(
        request,
        "sekretariat/agenda.html",
        {
            **f,
            "page": page_get(request, rows, per_page=PER_PAGE),
            "jenis": jenis,
            "jenis_pilihan": JenisAgenda.choices,
            "boleh_ubah": _may(request, Action.CHANGE),
            "boleh_ekspor": _may_print(request),
        },
    )


@requires(MODULE, Action.CHANGE)
def keluar_ubah(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A letter sent outside Balai, for the agenda (new, or corrected)."""
    surat = get_object_or_404(SuratKeluarManual, pk=pk) if pk else None
    initial = (
        {k: getattr(surat, k) for k in forms.SuratKeluarManualForm.base_fields} if surat else None
    )
    form = forms.SuratKeluarManualForm(request.POST or None, initial=initial)
    actor = actor_from_request(request)
    return _form_page(
        request, form,
        lambda data: services.surat_keluar_manual_save(
            surat_keluar_manual_id=pk, actor=actor, **data
        ),
        done="sekretariat:agenda", back="sekretariat:agenda",
        title=_("Surat keluar di luar Balai"),
        hapus=_delete_url(request, "sekretariat:keluar_hapus", pk),
    )  # fmt: skip


@require_POST
@requires(MODULE, Action.DELETE)
def keluar_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SuratKeluarManual, pk=pk)
    services.surat_keluar_manual_delete(
        surat_keluar_manual_id=pk, actor=actor_from_request(request)
    )
    messages.success(request, _("Surat keluar dihapus dari agenda."))
    return redirect("sekretariat:agenda")


# --- Surat masuk -----------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Surat masuk"), group=LAYANAN, order=41)
@requires(MODULE, Action.VIEW)
@nomor_pencarian_dibatasi("q")
def masuk(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    status = request.GET.get("status", "")
    semua = not request.GET.get("tahun")
    rows = selectors.surat_masuk_list(
        periode=None if semua else f["periode"], q=f["q"], status=status
    )
    return render(
        request,
        "sekretariat/masuk_daftar.html",
        {
            **f,
            "semua": semua,
            "page": page_get(request, rows, per_page=PER_PAGE),
            "status": status,
            "status_pilihan": StatusSuratMasuk.choices,
            "boleh_ubah": _may(request, Action.CHANGE),
        },
    )


@requires(MODULE, Action.CHANGE)
def masuk_baru(request: HttpRequest) -> HttpResponse:
    form = forms.SuratMasukForm(request.POST or None, request.FILES or None)
    actor = actor_from_request(request)
    return _form_page(
        request, form,
        lambda data: services.surat_masuk_create(actor=actor, **data),
        done="sekretariat:masuk", back="sekretariat:masuk", title=_("Catat surat masuk"),
    )  # fmt: skip


@requires(MODULE, Action.CHANGE)
def masuk_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    surat = get_object_or_404(SuratMasuk, pk=pk)
    initial = {k: getattr(surat, k) for k in forms.SuratMasukForm.base_fields if k != "scan"}
    form = forms.SuratMasukForm(request.POST or None, request.FILES or None, initial=initial)
    actor = actor_from_request(request)
    return _form_page(
        request, form,
        lambda data: services.surat_masuk_update(surat_masuk_id=pk, actor=actor, **data),
        done=reverse("sekretariat:masuk_detail", args=[surat.pk]),
        back="sekretariat:masuk", title=_("Ubah surat masuk"),
    )  # fmt: skip


@requires(MODULE, Action.VIEW)
def masuk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    surat = get_object_or_404(SuratMasuk, pk=pk)
    boleh_ubah = _may(request, Action.CHANGE)
    return render(
        request,
        "sekretariat/masuk_detail.html",
        {
            "surat": surat,
            "disposisi": selectors.disposisi_list(surat_masuk_id=pk),
            "riwayat": selectors.surat_masuk_riwayat_list(surat_masuk_id=pk)[:50],
            "form_disposisi": forms.DisposisiForm(penerima=selectors.disposisi_penerima_list())
            if boleh_ubah
            else None,
            "form_status": forms.SuratMasukStatusForm(initial={"status": surat.status}),
            "boleh_ubah": boleh_ubah,
            "boleh_hapus": _may(request, Action.DELETE),
        },
    )


@require_POST
@requires(MODULE, Action.CHANGE)
def masuk_disposisi(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SuratMasuk, pk=pk)
    form = forms.DisposisiForm(request.POST, penerima=selectors.disposisi_penerima_list())
    if form.is_valid():
        try:
            services.disposisi_add(
                surat_masuk_id=pk, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Disposisi tersimpan."))
    else:
        messages.error(request, _("Periksa isian disposisi: penerima dan instruksi wajib."))
    return redirect("sekretariat:masuk_detail", pk=pk)


@require_POST
@requires(MODULE, Action.CHANGE)
def masuk_status(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SuratMasuk, pk=pk)
    form = forms.SuratMasukStatusForm(request.POST)
    if form.is_valid():
        services.surat_masuk_update(
            surat_masuk_id=pk, actor=actor_from_request(request), **form.cleaned_data
        )
        messages.success(request, _("Status surat masuk diubah."))
    return redirect("sekretariat:masuk_detail", pk=pk)


@require_POST
@requires(MODULE, Action.DELETE)
def masuk_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SuratMasuk, pk=pk)
    services.surat_masuk_delete(surat_masuk_id=pk, actor=actor_from_request(request))
    messages.success(request, _("Surat masuk dihapus."))
    return redirect("sekretariat:masuk")


@requires(MODULE, Action.VIEW)
def masuk_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """An incoming letter's scan, to staff who may read the register (never a media URL)."""
    surat = services.surat_masuk_scan_open(surat_masuk_id=pk, actor=actor_from_request(request))
    if surat is None or not surat.scan_tipe:
        raise Http404
    return private_file_response(
        surat.scan.open("rb"), content_type=surat.scan_tipe, name=surat.scan.name
    )


# --- Dispositions addressed to me ------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Disposisi saya"), group=LAYANAN, order=42)
@requires(MODULE, Action.VIEW, writes=Action.APPROVE)
def disposisi_saya(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", StatusDisposisi.TERBUKA)
    if status not in StatusDisposisi.values:
        status = ""
    rows = selectors.disposisi_inbox_list(user_id=request.user.pk, status=status)
    return render(
        request,
        "sekretariat/disposisi_saya.html",
        {
            "page": page_get(request, rows, per_page=PER_PAGE),
            "status": status,
            "status_pilihan": StatusDisposisi.choices,
            "form": forms.DisposisiSelesaiForm(),
        },
    )


@require_POST
@requires(MODULE, Action.APPROVE)
def disposisi_selesai(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.DisposisiSelesaiForm(request.POST)
    if form.is_valid():
        try:
            services.disposisi_update(
                disposisi_id=pk, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except Disposisi.DoesNotExist as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Disposisi ditandai sudah ditindaklanjuti."))
    return redirect("sekretariat:disposisi_saya")


# --- Buku Ekspedisi --------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Buku ekspedisi"), group=LAYANAN, order=43)
@requires(MODULE, Action.VIEW)
@nomor_pencarian_dibatasi("q")
def ekspedisi(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    rows = selectors.ekspedisi_list(periode=f["periode"], q=f["q"])
    return render(
        request,
        "sekretariat/ekspedisi.html",
        {
            **f,
            "page": page_get(request, rows, per_page=PER_PAGE),
            "boleh_ubah": _may(request, Action.CHANGE),
            "boleh_ekspor": _may_print(request),
        },
    )


@requires(MODULE, Action.CHANGE)
def ekspedisi_ubah(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    entri = get_object_or_404(Ekspedisi, pk=pk) if pk else None
    initial = {k: getattr(entri, k) for k in forms.EkspedisiForm.base_fields} if entri else None
    form = forms.EkspedisiForm(request.POST or None, initial=initial)
    actor = actor_from_request(request)
    return _form_page(
        request, form,
        lambda data: services.ekspedisi_save(ekspedisi_id=pk, actor=actor, **data),
        done="sekretariat:ekspedisi", back="sekretariat:ekspedisi",
        title=_("Entri buku ekspedisi"),
        hapus=_delete_url(request, "sekretariat:ekspedisi_hapus", pk),
    )  # fmt: skip


@require_POST
@requires(MODULE, Action.DELETE)
def ekspedisi_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Ekspedisi, pk=pk)
    services.ekspedisi_delete(ekspedisi_id=pk, actor=actor_from_request(request))
    messages.success(request, _("Entri ekspedisi dihapus."))
    return redirect("sekretariat:ekspedisi")
