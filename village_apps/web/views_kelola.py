"""Back office of the website (/kelola/web/): operators write, viewers read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai_kernel.pagination import page_get
from village_apps.akun.permissions import can_edit, editor_required, viewer_required
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


@viewer_required
def artikel_daftar(request: HttpRequest) -> HttpResponse:
    cari = request.GET.get("q", "").strip()[:100]
    page = page_get(request, selectors.artikel_semua(cari=cari), per_page=25)
    return render(
        request,
        "web/kelola/artikel_daftar.html",
        {"page": page, "cari": cari, "boleh_ubah": can_edit(request.user)},
    )


@editor_required
def artikel_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    artikel = get_object_or_404(Artikel, pk=pk) if pk else None
    awal = {"judul": artikel.judul, "kategori": artikel.kategori_id, "ringkasan": artikel.ringkasan,
            "isi": artikel.isi, "terbit": artikel.terbit} if artikel else {}  # fmt: skip
    form = forms.ArtikelForm(request.POST or None, request.FILES or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(
            request, form,
            lambda d: services.artikel_simpan(artikel=artikel, user=request.user, gambar=d.pop("gambar"), **d),
            _("Artikel tersimpan."), "web_kelola:artikel",
        )  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah artikel") if artikel else _("Artikel baru"), "/kelola/web/"
    )


@require_POST
@editor_required
def artikel_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.artikel_hapus(artikel=get_object_or_404(Artikel, pk=pk), user=request.user)
    messages.success(request, _("Artikel dihapus."))
    return redirect("web_kelola:artikel")


@viewer_required
def kategori_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.KategoriForm(request.POST or None)
    if request.method == "POST" and can_edit(request.user):
        hasil = _simpan(request, form, lambda d: services.kategori_simpan(user=request.user, **d),
                        _("Kategori tersimpan."), "web_kelola:kategori")  # fmt: skip
        if hasil:
            return hasil
    return render(
        request,
        "web/kelola/kategori.html",
        {"form": form, "daftar": selectors.kategori_semua(), "boleh_ubah": can_edit(request.user)},
    )


@viewer_required
def halaman_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/kelola/halaman_daftar.html",
        {"daftar": Halaman.objects.all(), "boleh_ubah": can_edit(request.user)},
    )


@editor_required
def halaman_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    halaman = get_object_or_404(Halaman, pk=pk) if pk else None
    awal = {"judul": halaman.judul, "isi": halaman.isi, "tampil_di_menu": halaman.tampil_di_menu,
            "urutan": halaman.urutan} if halaman else {}  # fmt: skip
    form = forms.HalamanForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.halaman_simpan(halaman=halaman, user=request.user, **d),
                        _("Halaman tersimpan."), "web_kelola:halaman")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah halaman") if halaman else _("Halaman baru"), "/kelola/web/halaman/"
    )


@require_POST
@editor_required
def halaman_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.halaman_hapus(halaman=get_object_or_404(Halaman, pk=pk), user=request.user)
    messages.success(request, _("Halaman dihapus."))
    return redirect("web_kelola:halaman")


@viewer_required
def menu_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.TautanMenuForm(request.POST or None)
    if request.method == "POST" and can_edit(request.user):
        hasil = _simpan(request, form, lambda d: services.tautan_menu_simpan(user=request.user, **d),
                        _("Tautan menu tersimpan."), "web_kelola:menu")  # fmt: skip
        if hasil:
            return hasil
    return render(
        request,
        "web/kelola/menu.html",
        {"form": form, "daftar": selectors.tautan_menu(), "boleh_ubah": can_edit(request.user)},
    )


@require_POST
@editor_required
def menu_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.tautan_menu_hapus(tautan=get_object_or_404(TautanMenu, pk=pk), user=request.user)
    return redirect("web_kelola:menu")


@viewer_required
def agenda_daftar(request: HttpRequest) -> HttpResponse:
    page = page_get(request, Agenda.objects.order_by("-tanggal", "-id"), per_page=25)
    return render(
        request,
        "web/kelola/agenda_daftar.html",
        {"page": page, "boleh_ubah": can_edit(request.user)},
    )


@editor_required
def agenda_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agenda = get_object_or_404(Agenda, pk=pk) if pk else None
    awal = (
        {f: getattr(agenda, f) for f in ("judul", "tanggal", "waktu", "lokasi", "keterangan")}
        if agenda
        else {}
    )
    form = forms.AgendaForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.agenda_simpan(agenda=agenda, user=request.user, **d),
                        _("Agenda tersimpan."), "web_kelola:agenda")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(
        request, form, _("Ubah agenda") if agenda else _("Agenda baru"), "/kelola/web/agenda/"
    )


@require_POST
@editor_required
def agenda_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.agenda_hapus(agenda=get_object_or_404(Agenda, pk=pk), user=request.user)
    return redirect("web_kelola:agenda")


@viewer_required
def galeri_daftar(request: HttpRequest) -> HttpResponse:
    form = forms.FotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and can_edit(request.user):
        hasil = _simpan(request, form, lambda d: services.foto_unggah(user=request.user, **d),
                        _("Foto tersimpan."), "web_kelola:galeri")  # fmt: skip
        if hasil:
            return hasil
    page = page_get(request, selectors.foto_semua(), per_page=24)
    return render(
        request,
        "web/kelola/galeri.html",
        {"form": form, "page": page, "boleh_ubah": can_edit(request.user)},
        status=400 if form.errors else 200,
    )


@require_POST
@editor_required
def galeri_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    services.foto_hapus(foto=get_object_or_404(Foto, pk=pk), user=request.user)
    return redirect("web_kelola:galeri")


@editor_required
def pengaturan(request: HttpRequest) -> HttpResponse:
    p = selectors.pengaturan_situs()
    awal = {"sambutan": p.sambutan, "deskripsi": p.deskripsi, "jam_pelayanan": p.jam_pelayanan}
    form = forms.PengaturanSitusForm(request.POST or None, initial=awal)
    if request.method == "POST":
        hasil = _simpan(request, form, lambda d: services.pengaturan_situs_ubah(user=request.user, **d),
                        _("Pengaturan situs tersimpan."), "web_kelola:pengaturan")  # fmt: skip
        if hasil:
            return hasil
    return _form_page(request, form, _("Pengaturan situs"), "/kelola/web/")
