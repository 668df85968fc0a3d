"""Code lists of the akun app: built-in village roles, the actions a view may require,
who a view is for, and the outcomes of a sign-in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VillageRole(models.TextChoices):
    """The built-in roles (``Peran`` rows with ``bawaan``): their slugs are what the CLI,
    provisioning and the letter approval chain name. A village adds its own roles
    beside them (``Peran`` without ``bawaan``)."""

    ADMIN = "admin", _("Admin desa")
    OPERATOR = "operator", _("Operator")
    SEKDES = "sekdes", _("Sekretaris desa")
    KADES = "kades", _("Kepala desa")
    KASI = "kasi", _("Kasi/Kaur")
    PENINJAU = "peninjau", _("Peninjau")


class Action(models.TextChoices):
    """What a view does to a module's data; the permission matrix is module × action.

    ``manage`` is the village's own settings and administration; ``approve`` a step of
    the letter approval chain (the service decides whose step it is)."""

    VIEW = "view", _("lihat")
    CHANGE = "change", _("ubah")
    DELETE = "delete", _("hapus")
    EXPORT = "export", _("ekspor")
    APPROVE = "approve", _("setujui")
    MANAGE = "manage", _("kelola pengaturan")


class Access(models.TextChoices):
    """Who a view is for: village staff (with a module and action), any signed-in staff
    member for their own account, residents with a self-service session, or anyone
    (the public website, sign-in pages)."""

    STAFF = "staff", _("staf desa")
    OWN = "own", _("akun sendiri (staf desa yang masuk)")
    RESIDENT = "resident", _("warga (layanan mandiri)")
    PUBLIC = "public", _("publik")


class HasilMasuk(models.TextChoices):
    """The outcome of one sign-in attempt of a village account (sign-in history)."""

    BERHASIL = "berhasil", _("berhasil")
    GAGAL = "gagal", _("kata sandi salah atau akun nonaktif")
    KODE_SALAH = "kode_salah", _("kode verifikasi salah")
    TERKUNCI = "terkunci", _("dikunci sementara")
