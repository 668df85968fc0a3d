"""Code lists of the akun app: village roles and the actions a view may require."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VillageRole(models.TextChoices):
    ADMIN = "admin", _("Admin desa")
    OPERATOR = "operator", _("Operator")
    VIEWER = "viewer", _("Peninjau (mis. kepala desa)")


class Action(models.TextChoices):
    """What a view does to a module's data; the permission matrix is module × action.

    ``manage`` is the village's own settings and administration (today: admins only);
    ``approve`` a step of the letter approval chain (every role; the service decides
    whose step it is)."""

    VIEW = "view", _("lihat")
    CHANGE = "change", _("ubah")
    DELETE = "delete", _("hapus")
    EXPORT = "export", _("ekspor")
    APPROVE = "approve", _("setujui")
    MANAGE = "manage", _("kelola pengaturan")


class Access(models.TextChoices):
    """Who a view is for: village staff (with a module and action), residents with a
    self-service session, or anyone (the public website, sign-in pages)."""

    STAFF = "staff", _("staf desa")
    RESIDENT = "resident", _("warga (layanan mandiri)")
    PUBLIC = "public", _("publik")
