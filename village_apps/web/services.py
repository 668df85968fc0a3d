"""Writes to the village website. Each is one transaction with its audit row, and
retires the village's cached public pages after commit."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from balai_kernel.actor import Actor
from balai_kernel.images import image_prepare
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.web.cache import situs_cache_invalidate
from village_apps.web.html import html_bersihkan, teks_ringkas
from village_apps.web.models import (
    Agenda,
    Artikel,
    Foto,
    Halaman,
    Kategori,
    PengaturanSitus,
    TautanMenu,
)


def _slug_unik(model: type, judul: str, *, kecuali: int | None = None) -> str:
    dasar = slugify(judul)[:200] or "tanpa-judul"
    slug, n = dasar, 1
    while model.objects.filter(slug=slug).exclude(pk=kecuali).exists():
        n += 1
        slug = f"{dasar}-{n}"
    return slug


def _audit(aksi: str, obj: Any, actor: Actor | None, ringkasan: str = "") -> None:
    audit_record(
        action=aksi,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        summary=ringkasan,
        actor=actor,
    )


@transaction.atomic
def kategori_save(
    *, nama: str, actor: Actor | None = None, kategori: Kategori | None = None
) -> Kategori:
    """Create or rename a news category (slug follows the first name)."""
    baru = kategori is None
    kategori = kategori or Kategori(slug=_slug_unik(Kategori, nama))
    kategori.nama = nama.strip()
    kategori.save()
    _audit(AuditAction.CREATE if baru else AuditAction.UPDATE, kategori, actor)
    situs_cache_invalidate()
    return kategori


@transaction.atomic
def artikel_save(
    *,
    judul: str,
    isi: str,
    actor: Actor | None = None,
    artikel: Artikel | None = None,
    kategori: Kategori | None = None,
    ringkasan: str = "",
    terbit: bool = False,
    gambar: UploadedFile | None = None,
) -> Artikel:
    """Create or update an article. The body is sanitised here, once, for every caller
    (back office, import, demo); the publication date is set the first time it is published."""
    baru = artikel is None
    artikel = artikel or Artikel(slug=_slug_unik(Artikel, judul))
    artikel.judul = judul.strip()
    artikel.isi = html_bersihkan(isi)
    artikel.ringkasan = (ringkasan.strip() or teks_ringkas(artikel.isi))[:300]
    artikel.kategori = kategori
    artikel.terbit = terbit
    if terbit and artikel.diterbitkan_pada is None:
        artikel.diterbitkan_pada = timezone.now()
    if actor is not None and actor.user is not None and baru:
        artikel.penulis = actor.user.get_username()
    if gambar is not None:
        artikel.gambar.save(gambar.name, image_prepare(gambar), save=False)
    artikel.full_clean(exclude=["gambar", "slug"])
    artikel.save()
    _audit(AuditAction.CREATE if baru else AuditAction.UPDATE, artikel, actor)
    situs_cache_invalidate()
    return artikel


@transaction.atomic
def artikel_delete(*, artikel: Artikel, actor: Actor | None = None) -> None:
    """Delete an article (and its picture)."""
    _audit(AuditAction.DELETE, artikel, actor)
    if artikel.gambar:
        artikel.gambar.delete(save=False)
    artikel.delete()
    situs_cache_invalidate()


@transaction.atomic
def halaman_save(
    *,
    judul: str,
    isi: str,
    actor: Actor | None = None,
    halaman: Halaman | None = None,
    tampil_di_menu: bool = True,
    urutan: int = 0,
) -> Halaman:
    """Create or update a static page (body sanitised)."""
    baru = halaman is None
    halaman = halaman or Halaman(slug=_slug_unik(Halaman, judul))
    halaman.judul = judul.strip()
    halaman.isi = html_bersihkan(isi)
    halaman.tampil_di_menu = tampil_di_menu
    halaman.urutan = urutan
    halaman.save()
    _audit(AuditAction.CREATE if baru else AuditAction.UPDATE, halaman, actor)
    situs_cache_invalidate()
    return halaman


@transaction.atomic
def halaman_delete(*, halaman: Halaman, actor: Actor | None = None) -> None:
    """Delete a static page."""
    _audit(AuditAction.DELETE, halaman, actor)
    halaman.delete()
    situs_cache_invalidate()


@transaction.atomic
def tautan_menu_save(
    *, label: str, url: str, urutan: int = 0, actor: Actor | None = None
) -> TautanMenu:
    """Add a link to the public menu."""
    tautan = TautanMenu.objects.create(label=label.strip(), url=url.strip(), urutan=urutan)
    _audit(AuditAction.CREATE, tautan, actor)
    situs_cache_invalidate()
    return tautan


@transaction.atomic
def tautan_menu_delete(*, tautan: TautanMenu, actor: Actor | None = None) -> None:
    """Remove a link from the public menu."""
    _audit(AuditAction.DELETE, tautan, actor)
    tautan.delete()
    situs_cache_invalidate()


@transaction.atomic
def agenda_save(
    *,
    judul: str,
    tanggal: date,
    actor: Actor | None = None,
    agenda: Agenda | None = None,
    waktu: str = "",
    lokasi: str = "",
    keterangan: str = "",
) -> Agenda:
    """Create or update an event."""
    baru = agenda is None
    agenda = agenda or Agenda()
    agenda.judul, agenda.tanggal = judul.strip(), tanggal
    agenda.waktu, agenda.lokasi, agenda.keterangan = (
        waktu.strip(),
        lokasi.strip(),
        keterangan.strip(),
    )
    agenda.save()
    _audit(AuditAction.CREATE if baru else AuditAction.UPDATE, agenda, actor)
    situs_cache_invalidate()
    return agenda


@transaction.atomic
def agenda_delete(*, agenda: Agenda, actor: Actor | None = None) -> None:
    """Delete an event."""
    _audit(AuditAction.DELETE, agenda, actor)
    agenda.delete()
    situs_cache_invalidate()


@transaction.atomic
def foto_unggah(
    *, judul: str, gambar: UploadedFile, keterangan: str = "", actor: Actor | None = None
) -> Foto:
    """Add a gallery photo, resized and re-encoded (``image_prepare``)."""
    foto = Foto(judul=judul.strip(), keterangan=keterangan.strip())
    foto.gambar.save(gambar.name, image_prepare(gambar), save=False)
    foto.save()
    _audit(AuditAction.CREATE, foto, actor)
    situs_cache_invalidate()
    return foto


@transaction.atomic
def foto_delete(*, foto: Foto, actor: Actor | None = None) -> None:
    """Delete a gallery photo and its file."""
    _audit(AuditAction.DELETE, foto, actor)
    foto.gambar.delete(save=False)
    foto.delete()
    situs_cache_invalidate()


@transaction.atomic
def pengaturan_situs_update(
    *, sambutan: str, deskripsi: str = "", jam_pelayanan: str = "", actor: Actor | None = None
) -> PengaturanSitus:
    """Edit the greeting and site description (the greeting is sanitised rich text)."""
    pengaturan, _ = PengaturanSitus.objects.get_or_create(pk=1)
    pengaturan.sambutan = html_bersihkan(sambutan)
    pengaturan.deskripsi = deskripsi.strip()
    pengaturan.jam_pelayanan = jam_pelayanan.strip()
    pengaturan.save()
    _audit(AuditAction.UPDATE, pengaturan, actor)
    situs_cache_invalidate()
    return pengaturan
