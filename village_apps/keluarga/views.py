from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from village_apps.akun.choices import Action
from village_apps.akun.navigation import KEPENDUDUKAN, menu_entry
from village_apps.akun.permissions import (
    can_edit,
    can_see_personal_data,
    requires,
)
from village_apps.audit.choices import AuditAction
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.audit.services import audit_record
from village_apps.keluarga import selectors, services
from village_apps.keluarga.forms import (
    GantiKepalaForm,
    KeluargaForm,
    PecahKKForm,
    RumahTanggaAnggotaForm,
    RumahTanggaBubarForm,
    RumahTanggaForm,
    RumahTanggaKepalaForm,
)
from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.selectors import halaman
from village_apps.penduduk.views import nomor_halaman


def _ctx(request: HttpRequest, **extra) -> dict:
    return {
        "boleh_lihat": can_see_personal_data(request.user),
        "boleh_ubah": can_edit(request.user, "keluarga"),
        **extra,
    }


@menu_entry(pgettext_lazy("menu", "Keluarga"), group=KEPENDUDUKAN, order=20)
@requires("keluarga", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def daftar(request: HttpRequest) -> HttpResponse:
    page = halaman(
        selectors.keluarga_list(
            q=request.GET.get("q", ""),
            nomor_penuh_saja=not can_see_personal_data(request.user),
        ),
        number=nomor_halaman(request),
    )
    return render(request, "keluarga/daftar.html", _ctx(request, page=page))


@requires("keluarga", Action.VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        keluarga = selectors.keluarga_detail(pk=pk)
    except Keluarga.DoesNotExist:
        return render(request, "penduduk/tidak_ada.html", status=404)
    audit_record(
        action=AuditAction.VIEW,
        object_type="keluarga",
        object_id=pk,
        actor=actor_from_request(request),
    )
    return render(request, "keluarga/detail.html", _ctx(request, k=keluarga))


@requires("keluarga", Action.CHANGE)
def tambah(request: HttpRequest) -> HttpResponse:
    form = KeluargaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            keluarga = services.keluarga_create(
                **form.cleaned_data, actor=actor_from_request(request)
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Keluarga tersimpan. Tambahkan anggota keluarga."))
            return redirect("keluarga:detail", pk=keluarga.pk)
    return render(
        request, "penduduk/form.html", _ctx(request, form=form, judul=_("Tambah keluarga"))
    )


@requires("keluarga", Action.CHANGE)
def ganti_kepala(request: HttpRequest, pk: int) -> HttpResponse:
    keluarga = get_object_or_404(Keluarga, pk=pk)
    form = GantiKepalaForm(request.POST or None, keluarga=keluarga)
    if request.method == "POST" and form.is_valid():
        try:
            services.keluarga_ganti_kepala(
                keluarga=keluarga,
                kepala=form.cleaned_data["kepala"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Kepala keluarga diganti."))
            return redirect("keluarga:detail", pk=pk)
    return render(
        request, "penduduk/form.html", _ctx(request, form=form, judul=_("Ganti kepala keluarga"))
    )


@requires("keluarga", Action.CHANGE)
def pecah(request: HttpRequest, pk: int) -> HttpResponse:
    """Pecah KK: move some members into a new family with its own head."""
    keluarga = get_object_or_404(Keluarga, pk=pk)
    form = PecahKKForm(request.POST or None, keluarga=keluarga)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.keluarga_pecah(
                keluarga=keluarga,
                anggota=list(form.cleaned_data["anggota"]),
                kepala=form.cleaned_data["kepala"],
                no_kk_baru=form.cleaned_data["no_kk_baru"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("KK baru dibuat."))
            return redirect("keluarga:detail", pk=baru.pk)
    return render(request, "penduduk/form.html", _ctx(request, form=form, judul=_("Pecah KK")))


# Rumah tangga (households). Same shape as the KK pages: list and audited detail for every
# village user, changes for editors, each change one service call.


@menu_entry(pgettext_lazy("menu", "Rumah tangga"), group=KEPENDUDUKAN, order=30)
@requires("keluarga", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def rumah_tangga_daftar(request: HttpRequest) -> HttpResponse:
    qs = selectors.rumah_tangga_list(
        q=request.GET.get("q", ""), nomor_penuh_saja=not can_see_personal_data(request.user)
    )
    page = halaman(qs, number=nomor_halaman(request))
    return render(request, "keluarga/rumah_tangga_daftar.html", _ctx(request, page=page))


@requires("keluarga", Action.VIEW)
def rumah_tangga_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Head, members and wilayah; every view is audited (UU PDP)."""
    try:
        rtm = selectors.rumah_tangga_detail(pk=pk)
    except RumahTangga.DoesNotExist:
        return render(request, "keluarga/rumah_tangga_tidak_ada.html", status=404)
    audit_record(
        action=AuditAction.VIEW,
        object_type="rumah_tangga",
        object_id=pk,
        actor=actor_from_request(request),
    )
    return render(request, "keluarga/rumah_tangga_detail.html", _ctx(request, r=rtm))


@requires("keluarga", Action.CHANGE)
def rumah_tangga_tambah(request: HttpRequest) -> HttpResponse:
    form = RumahTanggaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rtm = services.rumah_tangga_create(
                **form.cleaned_data, actor=actor_from_request(request)
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Rumah tangga tersimpan. Tambahkan anggotanya."))
            return redirect("keluarga:rumah_tangga_detail", pk=rtm.pk)
    judul = _("Tambah rumah tangga")
    return render(request, "penduduk/form.html", _ctx(request, form=form, judul=judul))


@requires("keluarga", Action.CHANGE)
def rumah_tangga_anggota_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    rtm = get_object_or_404(RumahTangga, pk=pk)
    form = RumahTanggaAnggotaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rumah_tangga_anggota_add(
                rumah_tangga=rtm,
                penduduk=form.cleaned_data["penduduk"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Anggota ditambahkan ke rumah tangga."))
            return redirect("keluarga:rumah_tangga_detail", pk=pk)
    judul = _("Tambah anggota rumah tangga %(nomor)s") % {"nomor": rtm.no_rtm}
    return render(request, "penduduk/form.html", _ctx(request, form=form, judul=judul))


@requires("keluarga", Action.CHANGE)
@require_POST
def rumah_tangga_anggota_keluar(request: HttpRequest, pk: int, penduduk_pk: int) -> HttpResponse:
    rtm = get_object_or_404(RumahTangga, pk=pk)
    penduduk = get_object_or_404(Penduduk, pk=penduduk_pk, rumah_tangga=rtm)
    try:
        services.rumah_tangga_anggota_remove(
            rumah_tangga=rtm, penduduk=penduduk, actor=actor_from_request(request)
        )
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, _("Anggota dikeluarkan dari rumah tangga."))
    return redirect("keluarga:rumah_tangga_detail", pk=pk)


@requires("keluarga", Action.CHANGE)
def rumah_tangga_ganti_kepala(request: HttpRequest, pk: int) -> HttpResponse:
    rtm = get_object_or_404(RumahTangga, pk=pk)
    form = RumahTanggaKepalaForm(request.POST or None, rumah_tangga=rtm)
    if request.method == "POST" and form.is_valid():
        try:
            services.rumah_tangga_ganti_kepala(
                rumah_tangga=rtm,
                kepala=form.cleaned_data["kepala"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Kepala rumah tangga diganti."))
            return redirect("keluarga:rumah_tangga_detail", pk=pk)
    judul = _("Ganti kepala rumah tangga")
    return render(request, "penduduk/form.html", _ctx(request, form=form, judul=judul))


@requires("keluarga", Action.CHANGE)
def rumah_tangga_bubar(request: HttpRequest, pk: int) -> HttpResponse:
    rtm = get_object_or_404(RumahTangga, pk=pk)
    # Bound on every POST: an unticked box must say why nothing happened.
    form = RumahTanggaBubarForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rumah_tangga_bubar(rumah_tangga=rtm, actor=actor_from_request(request))
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Rumah tangga dibubarkan."))
            return redirect("keluarga:rumah_tangga_daftar")
    judul = _("Bubarkan rumah tangga %(nomor)s") % {"nomor": rtm.no_rtm}
    return render(request, "penduduk/form.html", _ctx(request, form=form, judul=judul))
