"""The signing settings page: provider, certificate upload, a test certificate from
the platform's local CA."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.forms import form_errors_add
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import requires
from village_apps.profil.selectors import profil_get
from village_apps.tte import ca, selectors, services
from village_apps.tte.forms import PenyediaForm, SertifikatForm, SertifikatUjiForm


def _page(request: HttpRequest, *, status: int = 200, **forms) -> HttpResponse:  # noqa: ANN003
    row = selectors.pengaturan_tte_get()
    profil = profil_get()
    context = {
        "row": row,
        "ca_lokal": ca.local_ca_enabled(),
        "ca_nama": ca.CA_NAME,
        "penyedia_form": forms.get("penyedia_form")
        or PenyediaForm(
            initial={
                "penyedia": row.penyedia,
                "bsre_url": row.bsre_url,
                "bsre_pengguna": row.bsre_pengguna,
                "bsre_nik": row.bsre_nik,
                "bsre_nama": row.nama_pemegang,
            }
        ),
        "sertifikat_form": forms.get("sertifikat_form") or SertifikatForm(),
        "uji_form": forms.get("uji_form")
        or SertifikatUjiForm(
            initial={"nama": row.nama_pemegang or getattr(profil, "nama_kepala_desa", "")}
        ),
    }
    return render(request, "tte/pengaturan.html", context, status=status)


def _submit(
    request: HttpRequest, form, key: str, write: Callable[[dict], object], pesan: str
) -> HttpResponse:  # noqa: ANN001
    """A posted form of this page: valid and written → back to the page with ``pesan``;
    else the page again with ``form`` (as ``key``) showing why."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, pesan)
            return redirect("tte:pengaturan")
    return _page(request, status=400, **{key: form})


@menu_entry(pgettext_lazy("menu", "Tanda tangan elektronik"), group=DESA, order=16)
@requires("surat", Action.MANAGE)
def pengaturan(request: HttpRequest) -> HttpResponse:
    """Who signs the village's letters electronically, and with what."""
    if request.method != "POST":
        return _page(request)
    actor = actor_from_request(request)
    return _submit(
        request,
        PenyediaForm(request.POST),
        "penyedia_form",
        lambda data: services.pengaturan_tte_update(**data, actor=actor),
        _("Pengaturan tanda tangan elektronik tersimpan."),
    )


@requires("surat", Action.MANAGE)
@require_POST
def sertifikat_unggah(request: HttpRequest) -> HttpResponse:
    """Upload the village's PKCS#12 with its passphrase."""
    actor = actor_from_request(request)
    return _submit(
        request,
        SertifikatForm(request.POST, request.FILES),
        "sertifikat_form",
        lambda data: services.sertifikat_tte_store(
            berkas=data["berkas"], passphrase=data["passphrase"], actor=actor
        ),
        _("Sertifikat desa tersimpan; surat kini ditandatangani."),
    )


@requires("surat", Action.MANAGE)
@require_POST
def sertifikat_uji(request: HttpRequest) -> HttpResponse:
    """A test certificate from the platform's local CA."""
    actor = actor_from_request(request)
    desa = getattr(profil_get(), "nama_desa", "") or request.tenant.name
    return _submit(
        request,
        SertifikatUjiForm(request.POST),
        "uji_form",
        lambda data: services.sertifikat_tte_issue(
            nama=data["nama"], organisasi=f"Pemerintah Desa {desa}", actor=actor
        ),
        _("Sertifikat uji dari CA lokal dibuat."),
    )
