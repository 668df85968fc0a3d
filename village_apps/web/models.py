"""The village's public website: news, static pages, menu, agenda, gallery, settings.

Bodies of articles and pages and the greeting are ``HtmlField`` columns (``web``
profile): every write cleans them, whoever writes (back office, import, demo, admin),
and the public templates render them with ``|safe``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai_kernel.html import HtmlField


class Kategori(models.Model):
    """A news category (Berita Desa, Pengumuman, Kegiatan …)."""

    nama = models.CharField(_("nama"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("kategori")

    def __str__(self) -> str:
        return self.nama


class Artikel(models.Model):
    """A news article. Visible publicly once ``terbit`` and ``diterbitkan_pada`` is set."""

    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kategori = models.ForeignKey(
        Kategori, verbose_name=_("kategori"), null=True, blank=True, on_delete=models.SET_NULL
    )
    ringkasan = models.CharField(_("ringkasan"), max_length=300, blank=True, default="")
    isi = HtmlField(_("isi"), profile="web")
    gambar = models.ImageField(_("gambar"), upload_to="web/artikel/", blank=True)
    terbit = models.BooleanField(_("terbit"), default=False)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    penulis = models.CharField(_("penulis"), max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-diterbitkan_pada", "-id"]
        verbose_name = _("artikel")
        indexes = [models.Index(fields=["terbit", "-diterbitkan_pada"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(terbit=False) | Q(diterbitkan_pada__isnull=False),
                name="artikel_terbit_bertanggal",
                violation_error_message=_("Artikel yang terbit harus punya tanggal terbit."),
            )
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return f"/berita/{self.slug}/"


class Halaman(models.Model):
    """A static page (Sejarah Desa, Visi dan Misi, Struktur Pemerintahan …)."""

    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    isi = HtmlField(_("isi"), profile="web")
    tampil_di_menu = models.BooleanField(_("tampil di menu"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["urutan", "judul"]
        verbose_name = _("halaman")

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return f"/halaman/{self.slug}/"


class TautanMenu(models.Model):
    """An extra link in the public menu (relative path on the village site or a URL)."""

    label = models.CharField(_("label"), max_length=60)
    url = models.CharField(_("alamat"), max_length=300)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["urutan", "label"]
        verbose_name = _("tautan menu")

    def __str__(self) -> str:
        return self.label


class Agenda(models.Model):
    """A village event (musyawarah desa, posyandu, kerja bakti …)."""

    judul = models.CharField(_("judul"), max_length=200)
    tanggal = models.DateField(_("tanggal"))
    waktu = models.CharField(_("waktu"), max_length=40, blank=True, default="")
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True, default="")
    keterangan = models.TextField(_("keterangan"), blank=True, default="")

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = _("agenda")

    def __str__(self) -> str:
        return self.judul


class Foto(models.Model):
    """A gallery photo (already resized and re-encoded at upload)."""

    judul = models.CharField(_("judul"), max_length=200)
    gambar = models.ImageField(_("gambar"), upload_to="web/galeri/")
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dibuat_pada", "-id"]
        verbose_name = _("foto")

    def __str__(self) -> str:
        return self.judul


class PengaturanSitus(models.Model):
    """Site settings (one row): head of village greeting, description for search engines."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sambutan = HtmlField(_("sambutan kepala desa"), profile="web", blank=True, default="")
    deskripsi = models.CharField(
        _("deskripsi situs (untuk mesin pencari)"), max_length=300, blank=True, default=""
    )
    jam_pelayanan = models.CharField(_("jam pelayanan"), max_length=200, blank=True, default="")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan situs")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="pengaturan_situs_tunggal",
                violation_error_message=_("Pengaturan situs hanya satu."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Pengaturan situs"))
