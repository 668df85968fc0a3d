"""The operators' home (``/kelola/``): where an operator lands after signing in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.modules import module_enabled
from village_apps.akun.navigation import HOME, menu_entry, url_open_to
from village_apps.akun.permissions import own_account_view
from village_apps.kelola import selectors

# Shortcuts to the day's most common work (shown when the role may open them).
PINTASAN = (
    ("penduduk:tambah", _("Tambah penduduk")),
    ("surat:buat", _("Buat surat")),
    ("mandiri:antrean", _("Periksa permohonan warga")),
    ("pengaduan:kelola", _("Tanggapi pengaduan")),
    ("peristiwa:laporan", _("Laporan bulanan")),
)


@menu_entry(pgettext_lazy("menu", "Beranda"), group=HOME)
@own_account_view
def beranda(request: HttpRequest) -> HttpResponse:
    """Every staff member's landing page: today's figures of the modules their role may
    open, with links to the work waiting, and, until it is all done, the first steps
    of a new village, each linking where it is done when the role may."""
    village = request.tenant  # type: ignore[attr-defined]
    langkah = [
        (step, url_open_to(request, step.url_name))
        for step in selectors.langkah_list()
        if module_enabled(village, step.modul)
    ]
    context = {
        "ringkasan": selectors.ringkasan_get(),
        "langkah": langkah,
        "langkah_sisa": sum(not step.selesai for step, _url in langkah),
        "pintasan": [
            (label, url) for name, label in PINTASAN if (url := url_open_to(request, name))
        ],
    }
    return render(request, "kelola/beranda.html", context)
