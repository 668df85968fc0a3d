"""Back-office pages for residents. Views are thin: forms → services, reads → selectors."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from balai_kernel.spreadsheet_export import csv_row_safe
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
from village_apps.penduduk import selectors, services
from village_apps.penduduk.excel import (
    BerkasDitolak,
    penduduk_ekspor_excel,
)
from village_apps.penduduk.forms import (
    ImporForm,
    PendudukBaruForm,
    PendudukForm,
    PengaturanForm,
    StatistikSensitifForm,
)
from village_apps.penduduk.models import ImporPenduduk, Penduduk
from village_apps.penduduk.statistik import STATISTIK_KATEGORI, statistik
from village_apps.peristiwa.choices import KodePeristiwa
from village_apps.peristiwa.selectors import peristiwa_list
from village_apps.referensi import CODE_FIELDS
from village_apps.wilayah.models import Dusun

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nomor_halaman(request: HttpRequest) -> int:
    value = request.GET.get("halaman", "")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def _ctx(request: HttpRequest, **extra) -> dict:
    return {
        "boleh_lihat": can_see_personal_data(request.user),
        "boleh_ubah": can_edit(request.user, "penduduk"),
        **extra,
    }


@menu_entry(pgettext_lazy("menu", "Penduduk"), group=KEPENDUDUKAN, order=10)
@requires("penduduk", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def daftar(request: HttpRequest) -> HttpResponse:
    """Search and list residents (no COUNT: one query per page)."""
    g = request.GET
    qs = selectors.penduduk_list(
        q=g.get("q", ""),
        filters={k: g[k] for k in selectors.FILTER_FIELDS if g.get(k)},
        dusun=g.get("dusun", ""),
        sort=g.get("urut", "nama"),
        nomor_penuh_saja=not can_see_personal_data(request.user),
    )
    page = selectors.halaman(qs, number=nomor_halaman(request))
    filters = [
        (k, Penduduk._meta.get_field(k).verbose_name) for k in CODE_FIELDS if k != "status_dasar"
    ]
    return render(
        request,
        "penduduk/daftar.html",
        _ctx(
            request,
            page=page,
            filters=filters,
            dusun_list=Dusun.objects.all(),
            sorts=selectors.SORTS,
        ),
    )


@requires("penduduk", Action.VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident with family and event timeline; every view is audited (UU PDP)."""
    try:
        penduduk = selectors.penduduk_detail(pk=pk)
    except Penduduk.DoesNotExist:
        return render(request, "penduduk/tidak_ada.html", status=404)
    audit_record(
        action=AuditAction.VIEW,
        object_type="penduduk",
        object_id=pk,
        actor=actor_from_request(request),
    )
    keluarga = (
        list(penduduk.keluarga.anggota.order_by("kk_level", "id")) if penduduk.keluarga_id else []
    )
    return render(
        request,
        "penduduk/detail.html",
        _ctx(
            request,
            p=penduduk,
            keluarga=keluarga,
            peristiwa=list(peristiwa_list(penduduk_id=pk)),
            kode_kembali=KodePeristiwa.KEMBALI.value,
        ),
    )


def _simpan(request: HttpRequest, form, save) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        hasil = save(form.cleaned_data)
    except ValidationError as exc:
        form_errors_add(form, exc)
        return None
    for pesan in hasil.peringatan:
        messages.warning(request, pesan)
    messages.success(request, _("Data penduduk tersimpan."))
    return redirect("penduduk:detail", pk=hasil.penduduk.pk)


@requires("penduduk", Action.CHANGE)
def tambah(request: HttpRequest) -> HttpResponse:
    initial = {"keluarga": request.GET.get("keluarga"), "tanggal_peristiwa": timezone.localdate()}
    form = PendudukBaruForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def save(data: dict):
            kode, tanggal = data.pop("jenis_pencatatan"), data.pop("tanggal_peristiwa")
            return services.penduduk_create(
                data=data,
                kode_peristiwa=kode,
                tanggal_peristiwa=tanggal,
                actor=actor_from_request(request),
            )

        response = _simpan(request, form, save)
        if response:
            return response
    return render(
        request, "penduduk/form.html", _ctx(request, form=form, judul=_("Tambah penduduk"))
    )


@requires("penduduk", Action.CHANGE)
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    penduduk = get_object_or_404(Penduduk, pk=pk)
    form = PendudukForm(request.POST or None, instance=penduduk)
    if request.method == "POST":
        response = _simpan(
            request,
            form,
            lambda data: services.penduduk_update(
                penduduk=penduduk, data=data, actor=actor_from_request(request)
            ),
        )
        if response:
            return response
    return render(
        request, "penduduk/form.html", _ctx(request, form=form, judul=_("Ubah data penduduk"))
    )


@requires("penduduk", Action.EXPORT)
def ekspor(request: HttpRequest) -> HttpResponse:
    """All residents in OpenSID's 43-column workbook (audited)."""
    buf = io.BytesIO()
    penduduk_ekspor_excel(target=buf, actor=actor_from_request(request))
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="penduduk-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response


@requires("penduduk", Action.CHANGE)
def impor(request: HttpRequest) -> HttpResponse:
    """Upload an OpenSID workbook: small files import at once, large ones in the
    background with progress. Either way all-or-nothing with a per-row report."""
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.penduduk_import_upload(
                berkas=form.cleaned_data["berkas"],
                perbarui=form.cleaned_data["perbarui"],
                village_id=request.tenant.pk,
                actor=actor_from_request(request),
            )
        except BerkasDitolak as exc:
            form.add_error("berkas", str(exc))
        else:
            return redirect("penduduk:impor_status", pk=job.pk)
    status = 400 if form.errors else 200
    return render(request, "penduduk/impor.html", _ctx(request, form=form), status=status)


@requires("penduduk", Action.CHANGE)
def impor_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImporPenduduk.objects.defer("isi"), pk=pk)
    return render(request, "penduduk/impor_status.html", _ctx(request, job=job, hasil=job.hasil))


@requires("penduduk", Action.CHANGE)
def impor_laporan(request: HttpRequest, pk: int) -> HttpResponse:
    """The import report as CSV (row, column, value, message, kind)."""
    job = get_object_or_404(ImporPenduduk.objects.defer("isi"), pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["baris", "kolom", "nilai", "pesan", "jenis"])
    for jenis, key in (("galat", "errors"), ("peringatan", "warnings")):
        for t in (job.hasil or {}).get(key, []):
            # "nilai" is the uploaded cell: never a formula when the CSV is opened.
            writer.writerow(csv_row_safe([t["baris"], t["kolom"], t["nilai"], t["pesan"], jenis]))
    audit_record(
        action=AuditAction.DOWNLOAD,
        object_type="impor_penduduk",
        object_id=pk,
        actor=actor_from_request(request),
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="laporan-impor-{pk}.csv"'
    return response


@requires("penduduk", Action.VIEW)
def ganda(request: HttpRequest) -> HttpResponse:
    page = selectors.halaman(selectors.penduduk_ganda_list(), number=nomor_halaman(request))
    return render(request, "penduduk/ganda.html", _ctx(request, page=page))


@menu_entry(pgettext_lazy("menu", "Statistik penduduk"), group=KEPENDUDUKAN, order=70)
@requires("penduduk", Action.VIEW)
def statistik_view(request: HttpRequest) -> HttpResponse:
    kategori = request.GET.get("kategori", "umur")
    if kategori not in STATISTIK_KATEGORI:
        kategori = "umur"
    return render(
        request,
        "penduduk/statistik.html",
        _ctx(
            request,
            kategori=kategori,
            kategori_list=STATISTIK_KATEGORI.items(),
            rows=statistik(kategori),
        ),
    )


@requires("penduduk", Action.MANAGE)
def pengaturan(request: HttpRequest) -> HttpResponse:
    form = PengaturanForm(
        request.POST or None, initial={"nik_struktur": selectors.pengaturan_get().nik_struktur}
    )
    if request.method == "POST" and form.is_valid():
        services.pengaturan_update(
            nik_struktur=form.cleaned_data["nik_struktur"], actor=actor_from_request(request)
        )
        messages.success(request, _("Pengaturan tersimpan."))
        return redirect("penduduk:pengaturan")
    statistik = StatistikSensitifForm(aktif=selectors.statistik_sensitif_aktif())
    return render(
        request, "penduduk/pengaturan.html", _ctx(request, form=form, statistik=statistik)
    )


@requires("penduduk", Action.MANAGE)
@require_POST
def pengaturan_statistik(request: HttpRequest) -> HttpResponse:
    """Open or close special statistics categories (a POST from the settings page)."""
    statistik = StatistikSensitifForm(request.POST, aktif=selectors.statistik_sensitif_aktif())
    if statistik.is_valid():
        services.pengaturan_statistik_update(
            kategori=statistik.cleaned_data["kategori"], actor=actor_from_request(request)
        )
        messages.success(request, _("Pengaturan statistik publik tersimpan."))
        return redirect("penduduk:pengaturan")
    form = PengaturanForm(initial={"nik_struktur": selectors.pengaturan_get().nik_struktur})
    return render(
        request, "penduduk/pengaturan.html", _ctx(request, form=form, statistik=statistik)
    )
