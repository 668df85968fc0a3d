"""Resident self-service pages (mobile-first) and the operators' request queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.credentials import SESSION, changes_credentials
from balai_kernel.pagination import page_get
from balai_kernel.private_files import private_file_response
from tenants.read_only import read_only_allowed
from village_apps.akun.choices import Action
from village_apps.akun.navigation import LAYANAN, menu_entry
from village_apps.akun.permissions import can_see_personal_data, public_view, requires
from village_apps.akun.selectors import peran_nama_get
from village_apps.mandiri import selectors, services
from village_apps.mandiri.choices import StatusPermohonan, Tahap
from village_apps.mandiri.forms import KembalikanForm, MasukForm, PermohonanForm, PinForm
from village_apps.mandiri.models import DokumenSyarat, Permohonan
from village_apps.mandiri.session import resident_required, session_end, session_start
from village_apps.surat.models import FormatSurat
from village_apps.surat.selectors import format_list, penduduk_search
from village_apps.surat.views import pdf_response


@public_view
@read_only_allowed
def masuk(request: HttpRequest) -> HttpResponse:
    """NIK + PIN login. Limited per NIK and per address of this village on top of the
    PIN's own growing lockout; refused while locked with 429 and the reason."""
    error, status = "", 200
    if request.method == "POST":
        form = MasukForm(request.POST)
        form.is_valid()
        try:
            penduduk = services.mandiri_masuk(
                nik=form.cleaned_data.get("nik", ""),
                pin=form.cleaned_data.get("pin", ""),
                actor=actor_from_request(request),
            )
        except services.LoginDitolak as exc:
            error, status = str(exc), 429 if exc.terkunci else 200
        else:
            session_start(request, penduduk_id=penduduk.pk)
            return redirect("mandiri:beranda")
    return render(request, "mandiri/masuk.html", {"error": error}, status=status)


@public_view
@read_only_allowed
@require_POST
def keluar(request: HttpRequest) -> HttpResponse:
    session_end(request)
    return redirect("mandiri:masuk")


@resident_required
def beranda(request: HttpRequest) -> HttpResponse:
    """The resident's own data, their family, and their requests."""
    penduduk = selectors.resident_get(penduduk_id=request.penduduk_id)
    context = {
        "penduduk": penduduk,
        "keluarga": selectors.family_of(penduduk=penduduk),
        "permohonan": selectors.permohonan_of(penduduk_id=penduduk.pk)[:50],
    }
    return render(request, "mandiri/beranda.html", context)


@resident_required
def permohonan_baru(request: HttpRequest) -> HttpResponse:
    """Pick a letter, fill its fields, upload its requirements."""
    formats = format_list(mandiri=True)
    form = PermohonanForm(request.POST if request.method == "POST" else request.GET)
    form.is_valid()
    chosen = formats.filter(pk=form.cleaned_data.get("format") or 0).first()
    errors: list[str] = []
    if request.method == "POST" and chosen is not None:
        chosen = FormatSurat.objects.get(pk=chosen.pk)
        dokumen = {nama: request.FILES.get(f"syarat_{i}") for i, nama in enumerate(chosen.syarat)}
        try:
            permohonan = services.permohonan_create(
                penduduk_id=request.penduduk_id,
                format_surat=chosen,
                isian=form.isian(),
                dokumen=dokumen,
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Permohonan terkirim."))
            return redirect("mandiri:permohonan", pk=permohonan.pk)
    return render(
        request,
        "mandiri/permohonan_baru.html",
        {"formats": formats, "chosen": chosen, "errors": errors, "values": request.POST},
        status=400 if errors else 200,  # e.g. a document that is not PDF/JPG/PNG
    )


def _own(request: HttpRequest, pk: int) -> Permohonan:
    permohonan = selectors.permohonan_of(penduduk_id=request.penduduk_id).filter(pk=pk).first()
    if permohonan is None:
        raise Http404
    return permohonan


@resident_required
def permohonan(request: HttpRequest, pk: int) -> HttpResponse:
    """Status and history of one request; upload missing documents while *belum lengkap*."""
    p = _own(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        dokumen = {nama: request.FILES.get(f"syarat_{i}") for i, nama in enumerate(p.format.syarat)}
        try:
            services.permohonan_complete(
                permohonan_id=p.pk,
                penduduk_id=request.penduduk_id,
                dokumen=dokumen,
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("mandiri:permohonan", pk=pk)
    return render(
        request,
        "mandiri/permohonan.html",
        {"p": p, "errors": errors},
        status=400 if errors else 200,
    )


@resident_required
def permohonan_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        surat = services.permohonan_download(
            permohonan_id=pk, penduduk_id=request.penduduk_id, actor=actor_from_request(request)
        )
    except Permohonan.DoesNotExist as exc:
        raise Http404 from exc
    return pdf_response(surat)


@resident_required
@require_POST
def permohonan_batal(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.permohonan_cancel(
            permohonan_id=_own(request, pk).pk, penduduk_id=request.penduduk_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("mandiri:permohonan", pk=pk)


# --- Back office ---------------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Permohonan warga"), group=LAYANAN, order=20)
@requires("mandiri", Action.VIEW)
def antrean(request: HttpRequest) -> HttpResponse:
    """The request queue: open requests oldest first, or filtered by status; above it
    the inbox, the requests waiting at a step the user holds."""
    page = page_get(
        request, selectors.permohonan_queue(status=request.GET.get("status", "")), per_page=50
    )
    chain = services.rantai_persetujuan_get()
    mine = services.tahap_saya_get(actor=actor_from_request(request), chain=chain)
    context = {
        "page": page,
        "statuses": StatusPermohonan.choices,
        "kotak_masuk": selectors.permohonan_inbox_list(tahap=mine, panjang_rantai=len(chain))[:50],
    }
    return render(request, "mandiri/antrean.html", context)


def _step_label(step: str) -> str:
    """A step of the approval chain as people call it: the operator's check, or the
    name of the village role that holds the step (built-in or made by the admin)."""
    if step in Tahap.values:
        return str(Tahap(step).label)
    return peran_nama_get(slug=step) or step


@requires("mandiri", Action.VIEW)
def antrean_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        p = selectors.permohonan_get(pk=pk)
    except Permohonan.DoesNotExist as exc:
        raise Http404 from exc
    chain = services.rantai_persetujuan_get()
    tahap = chain[min(p.tahap, len(chain) - 1)]
    context = {
        "p": p,
        "isian": selectors.permohonan_isian_list(permohonan=p),
        "tahap_nama": _step_label(tahap),
        "last_step": tahap == chain[-1],
        "boleh": services.tahap_persetujuan_check(actor_from_request(request), tahap),
        "chain": [_step_label(t) for t in chain],
        "boleh_lihat": can_see_personal_data(request.user),
    }
    return render(request, "mandiri/antrean_detail.html", context)


@requires("mandiri", Action.VIEW, writes=Action.APPROVE)
@require_POST
def antrean_setujui(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        p = services.permohonan_approve(permohonan_id=pk, actor=actor_from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Surat %(nomor)s diterbitkan.") % {"nomor": p.surat.nomor}
            if p.surat_id
            else _("Diteruskan ke tahap berikutnya."),
        )
    return redirect("mandiri:antrean_detail", pk=pk)


@requires("mandiri", Action.CHANGE)
@require_POST
def antrean_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    form = KembalikanForm(request.POST)
    form.is_valid()
    try:
        services.permohonan_return(
            permohonan_id=pk,
            catatan=form.cleaned_data.get("catatan", ""),
            actor=actor_from_request(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("mandiri:antrean_detail", pk=pk)


@changes_credentials(SESSION)
@requires("mandiri", Action.CHANGE)
def pin(request: HttpRequest) -> HttpResponse:
    """Find a resident and issue or reset their PIN; the PIN is shown once. A new PIN
    ends the resident's open self-service sessions (``mandiri.session``)."""
    issued = None
    if request.method == "POST":
        form = PinForm(request.POST)
        form.is_valid()
        penduduk_id = form.cleaned_data.get("penduduk") or 0
        issued = {
            "pin": services.pin_issue(penduduk_id=penduduk_id, actor=actor_from_request(request)),
            "id": penduduk_id,
        }
    q = request.GET.get("q", "").strip()
    response = render(
        request, "mandiri/pin.html", {"q": q, "hasil": penduduk_search(q=q), "issued": issued}
    )
    response["Cache-Control"] = "no-store"
    return response


@requires("mandiri", Action.EXPORT)
def dokumen(request: HttpRequest, pk: int) -> HttpResponse:
    """A requirement document, served to operators only (never a public media URL)."""
    try:
        doc = services.dokumen_open(dokumen_id=pk, actor=actor_from_request(request))
    except DokumenSyarat.DoesNotExist as exc:
        raise Http404 from exc
    return private_file_response(doc.berkas.open("rb"), content_type=doc.tipe, name=doc.berkas.name)
