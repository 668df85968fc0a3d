"""Letters: the operators' back office (archive, issuing, templates) and the public
verification page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from balai_kernel.actor import actor_from_request
from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import LAYANAN, menu_entry
from village_apps.akun.permissions import (
    can_see_personal_data,
    public_view,
    requires,
)
from village_apps.audit.limits import nomor_pencarian_dibatasi
from village_apps.penduduk.models import Penduduk
from village_apps.referensi import Agama, Pekerjaan, Sex, StatusKawin, Warganegara
from village_apps.surat import fields, selectors, services, signing
from village_apps.surat.choices import StatusSurat
from village_apps.surat.forms import (
    BagianPihak,
    CabutForm,
    FormatSuratForm,
    IsianForm,
    PengaturanForm,
    VerifikasiCariForm,
)
from village_apps.surat.models import FormatSurat, SuratKeluar


def pdf_response(surat: SuratKeluar, *, inline: bool = False) -> HttpResponse:
    """The stored PDF, byte for byte."""
    response = HttpResponse(bytes(surat.pdf), content_type="application/pdf")
    name = f"surat-{surat.nomor.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@menu_entry(pgettext_lazy("menu", "Surat"), group=LAYANAN, order=10)
@requires("surat", Action.VIEW)
@nomor_pencarian_dibatasi("q")
def arsip(request: HttpRequest) -> HttpResponse:
    """Arsip surat keluar: search by number, subject, name or NIK."""
    qs = selectors.surat_list(
        q=request.GET.get("q", "").strip(), status=request.GET.get("status", "")
    )
    page = page_get(request, qs, per_page=50)
    return render(request, "surat/arsip.html", {"page": page, "statuses": StatusSurat.choices})


@requires("surat", Action.CHANGE)
def buat(request: HttpRequest) -> HttpResponse:
    """Step 1 of issuing: pick the template and the resident (or go on for someone
    not on the register: ``luar``)."""
    q = request.GET.get("q", "").strip()
    format_id = request.GET.get("format", "")
    if request.GET.get("luar") and format_id.isdecimal():
        return redirect("surat:terbitkan_luar", format_id=int(format_id))
    context = {
        "formats": selectors.format_list(),
        "hasil": selectors.penduduk_search(q=q),
        "q": q,
        "format_id": request.GET.get("format", ""),
    }
    return render(request, "surat/buat.html", context)


# What a person typed in (not on the register) has on the letter's form.
KETIK = (
    "nik",
    "nama",
    "tempatlahir",
    "tanggallahir",
    "sex",
    "agama_id",
    "pekerjaan_id",
    "warganegara_id",
    "status_kawin",
    "alamat",
    "no_kk",
    "hubungan",
)
PILIHAN_LABEL = (
    ("sex", gettext_lazy("Jenis kelamin")),
    ("agama_id", gettext_lazy("Agama")),
    ("pekerjaan_id", gettext_lazy("Pekerjaan")),
    ("warganegara_id", gettext_lazy("Kewarganegaraan")),
    ("status_kawin", gettext_lazy("Status perkawinan")),
)
PILIHAN = {
    "sex": Sex.choices,
    "agama_id": Agama.choices,
    "pekerjaan_id": Pekerjaan.choices,
    "warganegara_id": Warganegara.choices,
    "status_kawin": StatusKawin.choices,
}


def _bagian_pihak(
    *, peran: list[tuple[str, str]], data: QueryDict, cari: str | None
) -> list[BagianPihak]:
    """Each role's part of the form as posted: the resident picked for it (one query
    for all), or what was typed, and the register search asked for it."""
    ids = {
        slug: int(raw)
        for slug, _nama in peran
        if (raw := data.get(f"pihak-{slug}-penduduk_id", "")).isdecimal()
    }
    found = selectors.penduduk_for_letter_list(pks=list(ids.values())) if ids else {}
    parts = []
    for slug, nama in peran:
        part = BagianPihak(
            slug=slug,
            nama=nama,
            sumber=data.get(f"pihak-{slug}-sumber", ""),
            data={k: data.get(f"pihak-{slug}-{k}", "") for k in KETIK},
        )
        if part.sumber == "penduduk" and ids.get(slug) in found:
            part.orang = found[ids[slug]]
        if cari == slug:
            part.q = data.get(f"cari-{slug}", "").strip()
            part.hasil = selectors.penduduk_search(q=part.q, hidup_saja=False)
        parts.append(part)
    return parts


@requires("surat", Action.CHANGE)
def terbitkan(request: HttpRequest, format_id: int, penduduk_id: int | None = None) -> HttpResponse:
    """Step 2: fill the extra fields and the other people the letter names (each
    picked from the register or typed in; without ``penduduk_id`` the subject too, who
    is not on the register), preview (no number used), issue. The page shows the
    letter as HTML with what the pre-issue check finds (before the form is filled:
    everything but the form); a refused issue lists every problem and stores nothing.
    Searching the register for a role or picking a result only redraws the page."""
    try:
        format_surat = selectors.format_get(pk=format_id)
        penduduk = None if penduduk_id is None else selectors.penduduk_for_letter(pk=penduduk_id)
    except (FormatSurat.DoesNotExist, Penduduk.DoesNotExist) as exc:
        raise Http404 from exc
    data = _isian_data(request, penduduk)
    form = IsianForm(data)
    cari, pilih = form.cari(), form.pilih()
    if pilih is not None:
        data[f"pihak-{pilih[0]}-sumber"] = "penduduk"
        data[f"pihak-{pilih[0]}-penduduk_id"] = str(pilih[1])
    errors: list[str] = []
    letter: dict = {"format_surat": format_surat, "penduduk": penduduk, "pihak": None}
    if request.method == "POST" and cari is None and pilih is None:
        letter.update(isian=form.isian(), aparatur_id=form.aparatur_id())
        try:
            letter["pihak"] = services.surat_pihak_parse(
                format_surat=format_surat, data=letter["isian"], penduduk=penduduk
            )
            if form.preview():
                content = services.surat_preview(**letter)
                return HttpResponse(content, content_type="application/pdf")
            surat = services.surat_issue(**letter, actor=actor_from_request(request))
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Surat %(nomor)s diterbitkan.") % {"nomor": surat.nomor})
            return redirect("surat:detail", pk=surat.pk)
    lembar = None
    if penduduk is not None or letter["pihak"]:
        try:
            lembar = services.surat_html_build(**letter)
        except ValidationError as exc:  # e.g. a signer who may not sign: said in ``errors``
            errors = errors or exc.messages
    return _terbitkan_page(
        request, letter=letter, data=data, cari=cari, errors=errors, lembar=lembar
    )


def _isian_data(request: HttpRequest, penduduk: Penduduk | None) -> QueryDict:
    """The form's values: what was posted, or on first view the parents the register
    names for the subject, picked from it."""
    if request.method == "POST":
        return request.POST.copy()
    data = QueryDict(mutable=True)
    if penduduk is not None:
        for role, pk in selectors.penduduk_orang_tua_get(penduduk=penduduk).items():
            data.update({f"pihak-{role}-sumber": "penduduk", f"pihak-{role}-penduduk_id": str(pk)})
    return data


def _terbitkan_page(
    request: HttpRequest,
    *,
    letter: dict,
    data: QueryDict,
    cari: str | None,
    errors: list[str],
    lembar: services.SuratHtml | None,
) -> HttpResponse:
    format_surat, penduduk = letter["format_surat"], letter["penduduk"]
    bagian = fields.form_parts(format_surat.isi, subjek_luar=penduduk is None)
    context = {
        "format": format_surat,
        "penduduk": penduduk,
        "errors": errors,
        "lembar": lembar,
        "values": data,
        "isian_specs": services.format_surat_isian_list(format_surat),
        "bagian": _bagian_pihak(peran=bagian.peran, data=data, cari=cari),
        "peristiwa": [(*p, data.get(f"peristiwa-{p[0]}", "")) for p in bagian.peristiwa],
        "anggota": selectors.keluarga_anggota_list(keluarga_id=penduduk.keluarga_id)
        if bagian.pengikut
        else [],
        "pengikut": data.getlist("pengikut"),
        "pilihan": PILIHAN,
        "pilihan_label": PILIHAN_LABEL,
        "boleh_lihat": can_see_personal_data(request.user),
        "penandatangan": selectors.penandatangan_list(),
    }
    return render(request, "surat/terbitkan.html", context)


@requires("surat", Action.VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        surat = selectors.surat_list().get(pk=pk)
    except SuratKeluar.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "surat/detail.html",
        {
            "surat": surat,
            "boleh_unduh": can_see_personal_data(request.user),
            "tte": signing.surat_sign_record_get(surat_id=surat.pk),
        },
    )


@requires("surat", Action.EXPORT)
def unduh(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued PDF, for editors only: it carries the resident's full NIK and KK
    number, which roles that see masked numbers must not get (a masked copy would be a
    second document with the same number and fingerprint)."""
    try:
        surat = services.surat_download(surat_id=pk, actor=actor_from_request(request))
    except SuratKeluar.DoesNotExist as exc:
        raise Http404 from exc
    return pdf_response(surat)


@requires("surat", Action.CHANGE)
@require_POST
def cabut(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        form = CabutForm(request.POST)
        form.is_valid()
        services.surat_revoke(
            surat_id=pk,
            alasan=form.cleaned_data.get("alasan", ""),
            actor=actor_from_request(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Surat dicabut."))
    return redirect("surat:detail", pk=pk)


@requires("surat", Action.VIEW)
def format_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request, "surat/format_daftar.html", {"formats": selectors.format_list(aktif_saja=False)}
    )


@requires("surat", Action.MANAGE)
def format_impor(request: HttpRequest) -> HttpResponse:
    """Upload OpenSID's template JSON; show what was created and, per template, what
    the pre-issue check found (such templates are imported inactive)."""
    report = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        try:
            if upload is None or upload.size > 5 * 1024 * 1024:
                raise ValidationError(_("Pilih berkas JSON (paling besar 5 MB)."))
            try:
                items = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise ValidationError(_("Berkas bukan JSON yang sah.")) from exc
            report = services.format_surat_import(items=items, actor=actor_from_request(request))
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "surat/format_impor.html",
        {"report": report, "error": error},
        status=400 if error else 200,
    )


@requires("surat", Action.VIEW)
def format_contoh(request: HttpRequest, pk: int) -> HttpResponse:
    """A template filled for an example resident, as HTML with the village's
    letterhead, and what the pre-issue check finds in it."""
    try:
        format_surat = selectors.format_get(pk=pk)
    except FormatSurat.DoesNotExist as exc:
        raise Http404 from exc
    lembar = services.surat_html_build(format_surat=format_surat)
    return render(request, "surat/format_contoh.html", {"format": format_surat, "lembar": lembar})


@public_view
@require_GET
def verifikasi_cari(request: HttpRequest) -> HttpResponse:
    """Where a visitor checks a letter without scanning its QR code: the code (or the
    address a scanner app showed) leads to the letter's verification page."""
    form = VerifikasiCariForm(request.GET or None)
    if form.is_valid():
        return redirect("surat:verifikasi", token=form.cleaned_data["kode"])
    status = 400 if form.errors else 200
    return render(request, "surat/verifikasi_cari.html", {"form": form}, status=status)


@public_view
@ratelimit(key="ip", rate="30/m", block=False)
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public check of a letter by its QR token: valid or revoked, with the resident's
    name partly masked, and its electronic signature checked in the stored PDF (signer,
    time, issuing CA; a changed file is "tidak valid"). Unknown or tampered tokens get
    the same "not valid" page."""
    if getattr(request, "limited", False):
        return render(request, "surat/verifikasi.html", {"terbatas": True}, status=429)
    surat = selectors.surat_by_token(token=token)
    status = 200 if surat is not None else 404
    tte = signing.surat_verify(surat_id=surat.pk) if surat is not None else None
    response = render(request, "surat/verifikasi.html", {"surat": surat, "tte": tte}, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@requires("surat", Action.MANAGE)
def format_ubah(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a template (HTML with [kode] fields)."""
    instance = FormatSurat() if pk is None else FormatSurat.objects.filter(pk=pk).first()
    if instance is None:
        raise Http404
    form = FormatSuratForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.format_surat_save(
                instance=form.save(commit=False),
                kode_isian=form.cleaned_data["kode_isian_json"],
                syarat=form.cleaned_data["syarat_baris"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Format %(nama)s tersimpan.") % {"nama": saved.nama})
            for masalah in services.format_surat_check(format_surat=saved):
                messages.warning(request, masalah.pesan)
            return redirect("surat:format_daftar")
    return render(request, "surat/format_ubah.html", {"form": form, "instance": instance})


@requires("surat", Action.MANAGE)
def pengaturan(request: HttpRequest) -> HttpResponse:
    """Numbering format and scope, default signer, approval chain."""
    form = PengaturanForm(request.POST or None, instance=selectors.pengaturan_get())
    if request.method == "POST" and form.is_valid():
        services.pengaturan_surat_update(
            instance=form.save(commit=False),
            rantai=form.cleaned_data["rantai"],
            actor=actor_from_request(request),
        )
        messages.success(request, _("Pengaturan surat tersimpan."))
        return redirect("surat:pengaturan")
    return render(request, "surat/pengaturan.html", {"form": form})
