"""Back office of the website (/kelola/web/): operators write, viewers read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import can_edit, requires
from village_apps.web import forms, selectors, services
from village_apps.web.models import Agenda, Artikel, Foto, Halaman, TautanMenu


def _form_page(request: HttpRequest, form: Form, judul: str, kembali: str) -> HttpResponse:
    return render(
        request,
        "web/kelola/form.html",
        {"form": form, "judul": judul, "kembali": kembali},
        status=400 if form.errors else 200,  # a refused upload or field is a client error
    )


def _simpan(request: HttpRequest, form: Form, tulis, pesan: str, ke: str) -> HttpResponse | None:  # noqa: ANN001
    """Run a service with the cleaned form; map its ValidationError back onto the form."""
    if not form.is_valid():
        return None
    try:
        tulis(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    messages.success(request, pesan)
    return redirect(ke)


@menu_entry(pgettext_lazy("menu", "Situs web"), group=DESA, order=20)
@requires("web", Action.VIEW)
def artikel_daftar(request: HttpRequest) -> HttpResponse:
    cari = request.GET.get("q", "").strip()[:100]
    page = page_get(request, selectors.artikel_list(cari=cari), per_page=25)
    return render(
        request,
        "web/kelola/artikel_daftar.html",
        {"page": page, "cari": cari, "boleh_ubah": can_edit(request.user, "web")},
    )


@requires("web", Action.CHANGE)
def artikel_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    artikel = get_object_or_404(Artikel, pk=pk) if pk else None
    awal = {"judul": artikel.judul, "kategori": artikel.kategori_id, "ringkasan": artikel.ringkasan,
            "isi": artikel.isi, "terbit": artikel.terbit} if artikel else {}  # fmt: skip
    form = forms.ArtikelForm(request.POST or None, request.FILES or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(
            request, form,
            lambda d: services.artikel_save(artikel=artikel, actor=actor_from_request(request), gambar=d.pop("gambar"), **d),
            _("Artikel tersimpan."), "web:kelola_artikel",
        )  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah artikel") if artikel else _("Artikel baru"), "/kelola/web/"
    )


@require_POST
@requires("web", Action.DELETE)
def artikel_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.artikel_delete(
        artikel=get_object_or_404(Artikel, pk=pk), actor=actor_from_request(request)
    )
    messages.success(request, _("Artikel dihapus."))
    return redirect("web:kelola_artikel")


@requires("web", Action.VIEW, writes=Action.CHANGE)
def kategori_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.KategoriForm(request.POST or None)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.kategori_save(actor=actor_from_request(request), **d),
                        _("Kategori tersimpan."), "web:kelola_kategori")  # fmt: skip
        if hasil:
            return hasil
    return render(
        request,
        "web/kelola/kategori.html",
        {
            "form": form,
            "daftar": selectors.kategori_list(),
            "boleh_ubah": can_edit(request.user, "web"),
        },
    )


@requires("web", Action.VIEW)
def halaman_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/kelola/halaman_daftar.html",
        {"daftar": Halaman.objects.all(), "boleh_ubah": can_edit(request.user, "web")},
    )


@requires("web", Action.CHANGE)
def halaman_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    halaman = get_object_or_404(Halaman, pk=pk) if pk else None
    awal = {"judul": halaman.judul, "isi": halaman.isi, "tampil_di_menu": halaman.tampil_di_menu,
            "urutan": halaman.urutan} if halaman else {}  # fmt: skip
    form = forms.HalamanForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.halaman_save(halaman=halaman, actor=actor_from_request(request), **d),
                        _("Halaman tersimpan."), "web:kelola_halaman")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah halaman") if halaman else _("Halaman baru"), "/kelola/web/halaman/"
    )


@require_POST
@requires("web", Action.DELETE)
def halaman_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.halaman_delete(
        halaman=get_object_or_404(Halaman, pk=pk), actor=actor_from_request(request)
    )
    messages.success(request, _("Halaman dihapus."))
    return redirect("web:kelola_halaman")


@requires("web", Action.VIEW, writes=Action.CHANGE)
def menu_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.TautanMenuForm(request.POST or None)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.tautan_menu_save(actor=actor_from_request(request), **d),
                        _("Tautan menu tersimpan."), "web:kelola_menu")  # fmt: skip
        if hasil:
            return hasil
    return render(
        request,
        "web/kelola/menu.html",
        {
            "form": form,
            "daftar": selectors.tautan_menu(),
            "boleh_ubah": can_edit(request.user, "web"),
        },
    )


@require_POST
@requires("web", Action.DELETE)
def menu_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.tautan_menu_delete(
        tautan=get_object_or_404(TautanMenu, pk=pk), actor=actor_from_request(request)
    )
    return redirect("web:kelola_menu")


@requires("web", Action.VIEW)
def agenda_daftar(request: HttpRequest) -> HttpResponse:
    page = page_get(request, Agenda.objects.order_by("-tanggal", "-id"), per_page=25)
    return render(
        request,
        "web/kelola/agenda_daftar.html",
        {"page": page, "boleh_ubah": can_edit(request.user, "web")},
    )


@requires("web", Action.CHANGE)
def agenda_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agenda = get_object_or_404(Agenda, pk=pk) if pk else None
    awal = (
        {f: getattr(agenda, f) for f in ("judul", "tanggal", "waktu", "lokasi", "keterangan")}
        if agenda
        else {}
    )
    form = forms.AgendaForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.agenda_save(agenda=agenda, actor=actor_from_request(request), **d),
                        _("Agenda tersimpan."), "web:kelola_agenda")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah agenda") if agenda else _("Agenda baru"), "/kelola/web/agenda/"
    )


@require_POST
@requires("web", Action.DELETE)
def agenda_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.agenda_delete(
        agenda=get_object_or_404(Agenda, pk=pk), actor=actor_from_request(request)
    )
    return redirect("web:kelola_agenda")


@requires("web", Action.VIEW, writes=Action.CHANGE)
def galeri_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.FotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.foto_unggah(actor=actor_from_request(request), **d),
                        _("Foto tersimpan."), "web:kelola_galeri")  # fmt: skip
        if hasil:
            return hasil
    page = page_get(request, selectors.foto_list(), per_page=24)
    return render(
        request,
        "web/kelola/galeri.html",
        {"form": form, "page": page, "boleh_ubah": can_edit(request.user, "web")},
        status=400 if form.errors else 200,
    )


@require_POST
@requires("web", Action.DELETE)
def galeri_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.foto_delete(foto=get_object_or_404(Foto, pk=pk), actor=actor_from_request(request))
    return redirect("web:kelola_galeri")


@requires("web", Action.CHANGE)
def pengaturan(request: HttpRequest) -> HttpResponse:
    p = selectors.pengaturan_situs()
    awal = {"sambutan": p.sambutan, "deskripsi": p.deskripsi, "jam_pelayanan": p.jam_pelayanan}
    form = forms.PengaturanSitusForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.pengaturan_situs_update(actor=actor_from_request(request), **d),
                        _("Pengaturan situs tersimpan."), "web:kelola_pengaturan")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(request, form, _("Pengaturan situs"), "/kelola/web/")
