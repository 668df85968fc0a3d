from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisProdukHukum(models.TextChoices):
    """The village's legal products (Permendagri 111/2014)."""

    PERDES = "perdes", _("Peraturan Desa")
    PERKADES = "perkades", _("Peraturan Kepala Desa")
    PERBER = "perber", _("Peraturan Bersama Kepala Desa")
    KEPKADES = "kepkades", _("Keputusan Kepala Desa")


# Regulations (Buku Peraturan di Desa) and decisions (Buku Keputusan Kepala Desa).
PERATURAN = (JenisProdukHukum.PERDES, JenisProdukHukum.PERKADES, JenisProdukHukum.PERBER)
# Promulgated in the Lembaran Desa; the others in the Berita Desa.
LEMBARAN = (JenisProdukHukum.PERDES, JenisProdukHukum.PERBER)


class Tahap(models.TextChoices):
    """How far a legal product has come; derived from its dated steps by the service."""

    RANCANGAN = "rancangan", _("Rancangan")
    DISEPAKATI = "disepakati", _("Disepakati BPD")
    DIEVALUASI = "dievaluasi", _("Dievaluasi camat/bupati")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    DIUNDANGKAN = "diundangkan", _("Diundangkan")
