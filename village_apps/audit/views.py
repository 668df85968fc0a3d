from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai_kernel.pagination import page_get
from village_apps.akun.choices import Action
from village_apps.akun.navigation import DESA, menu_entry
from village_apps.akun.permissions import requires
from village_apps.audit.choices import AuditAction
from village_apps.audit.selectors import audit_list

# Object types written by the village apps (audit rows name objects by type and id).
OBJEK = [
    ("penduduk", _("Penduduk")),
    ("keluarga", _("Keluarga")),
    ("impor_penduduk", _("Laporan impor")),
    ("profil", _("Profil desa")),
    ("aparatur", _("Aparatur")),
    ("akun", _("Akun")),
]


@menu_entry(pgettext_lazy("menu", "Audit"), group=DESA, order=30)
@requires("audit", Action.MANAGE)
def daftar(request: HttpRequest) -> HttpResponse:
    """Audit trail for the village admin: who accessed personal data."""
    qs = audit_list(
        action=request.GET.get("aksi", ""),
        username=request.GET.get("pengguna", ""),
        object_type=request.GET.get("objek", ""),
    )
    page = page_get(request, qs, per_page=50)
    return render(
        request,
        "audit/daftar.html",
        {"page": page, "actions": AuditAction.choices, "objek_list": OBJEK},
    )
