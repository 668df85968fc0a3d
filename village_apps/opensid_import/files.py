"""Files from OpenSID's folder backup (a zip with ``desa/`` at its root).

Photos go to the residents, images to articles and complaints, the logo to the
village profile. Files are written through ``default_storage`` (its backend adds the
village's own prefix) and listed, so a rolled-back import can delete them again.

The archive comes from outside, so a member is copied only within limits: an image
extension for photos and logos (an HTML, SVG or script file named in an OpenSID
article would otherwise be served from the village's own domain), at most
``MAKS_BERKAS`` bytes each and ``MAKS_TOTAL`` together, not a ZIP bomb, readable.
Anything else is skipped and counted in a warning.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext

if TYPE_CHECKING:
    from village_apps.opensid_import.mapping import Laporan, Writer

# kind → (folders in the zip, Balai model path, field, storage folder)
SOURCES = {
    "penduduk": (("desa/upload/user_pict/",), "penduduk.Penduduk", "foto", "penduduk"),
    "artikel": (("desa/upload/artikel/",), "web.Artikel", "gambar", "web/artikel"),
    "pengaduan": (("desa/upload/pengaduan/",), "pengaduan.Pengaduan", "foto", "pengaduan"),
    "logo": (("desa/logo/",), "profil.ProfilDesa", "logo", "profil"),
}
# OpenSID keeps resized copies beside the original; take the largest we find.
PREFIXES = ("", "sedang_", "kecil_")
MAKS_BERKAS = 20 * 1024 * 1024
MAKS_TOTAL = 2 * 1024**3
MAKS_RASIO = 100
GAMBAR = (".jpg", ".jpeg", ".png", ".gif", ".webp")


class _Anggaran:
    """Bytes copied so far, and why members were skipped (for one warning per cause)."""

    def __init__(self) -> None:
        self.total = 0
        self.dilewati: dict[str, int] = {}

    def lewati(self, sebab: str) -> None:
        self.dilewati[sebab] = self.dilewati.get(sebab, 0) + 1


def _ambil(
    archive: zipfile.ZipFile, name: str, anggaran: _Anggaran, *, ekstensi: tuple[str, ...] = ()
) -> bytes | None:
    """The member's bytes if it is within the limits (and has one of ``ekstensi``)."""
    if ekstensi and posixpath.splitext(name)[1].lower() not in ekstensi:
        anggaran.lewati(gettext("bukan berkas gambar"))
        return None
    info = archive.getinfo(name)
    if (
        info.file_size > MAKS_BERKAS
        or info.file_size > MAKS_RASIO * max(info.compress_size, 1) + 1024 * 1024
        or anggaran.total + info.file_size > MAKS_TOTAL
    ):
        anggaran.lewati(gettext("terlalu besar"))
        return None
    try:
        content = archive.read(info)  # zipfile stops at the declared size, then checks CRC
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError):
        anggaran.lewati(gettext("rusak"))
        return None
    anggaran.total += len(content)
    return content


def _index(archive: zipfile.ZipFile) -> dict[str, str]:
    return {
        info.filename.lower(): info.filename for info in archive.infolist() if not info.is_dir()
    }


def attach(archive: zipfile.ZipFile, writer: Writer, laporan: Laporan) -> list[str]:
    """Copy every referenced file and point its record at it; returns the stored names.
    A referenced file missing from the zip is a warning (OpenSID often loses them)."""
    from django.apps import apps

    names = _index(archive)
    saved: list[str] = []
    anggaran = _Anggaran()
    for kind, (folders, label, field, target) in SOURCES.items():
        model: type[models.Model] = apps.get_model(label)
        updates = []
        missing = 0
        for pk, name in writer.files.get(kind, {}).items():
            base = posixpath.basename(name.replace("\\", "/"))
            found = next(
                (
                    names[key]
                    for folder in folders
                    for prefix in PREFIXES
                    if (key := f"{folder}{prefix}{base}".lower()) in names
                ),
                None,
            )
            if found is None:
                missing += 1
                continue
            content = _ambil(archive, found, anggaran, ekstensi=GAMBAR)
            if content is None:
                continue
            # The name as an upload's would be (no '%', spaces or other characters the
            # village storages refuse or a URL would have to encode).
            name = default_storage.get_valid_name(base)
            stored = default_storage.save(f"{target}/{name}", ContentFile(content))
            saved.append(stored)
            updates.append((pk, stored))
        model.objects.bulk_update(
            [model(pk=pk, **{field: stored}) for pk, stored in updates], [field], batch_size=1000
        )
        if missing:
            laporan.warnings.append(
                gettext("%(n)s berkas %(jenis)s tidak ada di arsip folder desa.")
                % {"n": missing, "jenis": kind}
            )
        if updates:
            laporan.imported[f"berkas.{kind}"] = len(updates)
    _letters(archive, names, writer, laporan, anggaran)
    saved += _dokumen(archive, names, writer, laporan, anggaran)
    for sebab, n in sorted(anggaran.dilewati.items()):
        laporan.warnings.append(
            gettext("%(n)s berkas di arsip folder desa dilewati: %(sebab)s.")
            % {"n": n, "sebab": sebab}
        )
    return saved


def _letters(
    archive: zipfile.ZipFile,
    names: dict[str, str],
    writer: Writer,
    laporan: Laporan,
    anggaran: _Anggaran,
) -> None:
    """Archived letters keep OpenSID's file in the letter record itself (the archive
    is frozen at issue, like Balai's own PDFs)."""
    import hashlib

    from village_apps.surat.models import SuratKeluar

    updates, missing = [], 0
    for pk, name in writer.files.get("surat", {}).items():
        key = f"desa/arsip/{posixpath.basename(name)}".lower()
        if key not in names:
            missing += 1
            continue
        content = _ambil(archive, names[key], anggaran)
        if content is None:
            continue
        updates.append(
            SuratKeluar(pk=pk, pdf=content, pdf_sha256=hashlib.sha256(content).hexdigest())
        )
    SuratKeluar.objects.bulk_update(updates, ["pdf", "pdf_sha256"], batch_size=200)
    if missing:
        laporan.warnings.append(
            gettext("%(n)s berkas surat tidak ada di arsip folder desa.") % {"n": missing}
        )
    if updates:
        laporan.imported["berkas.surat"] = len(updates)


def _dokumen(
    archive: zipfile.ZipFile,
    names: dict[str, str],
    writer: Writer,
    laporan: Laporan,
    anggaran: _Anggaran,
) -> list[str]:
    """Signed legal documents (``desa/upload/dokumen/``): checked by content like an
    upload (PDF/JPG/PNG), stored under a random name in the private ``produk_hukum``
    folder; returns the stored names."""
    import io
    import uuid

    from balai_kernel.documents import document_kind
    from village_apps.produk_hukum.models import ProdukHukum

    updates, saved, missing = [], [], 0
    for pk, name in writer.files.get("produk_hukum", {}).items():
        key = f"desa/upload/dokumen/{posixpath.basename(name.replace(chr(92), '/'))}".lower()
        if key not in names:
            missing += 1
            continue
        content = _ambil(archive, names[key], anggaran)
        kind = document_kind(io.BytesIO(content)) if content is not None else None
        if kind is None:
            if content is not None:
                anggaran.lewati(gettext("bukan PDF, JPG atau PNG"))
            continue
        stored = default_storage.save(
            f"produk_hukum/{uuid.uuid4().hex}.{kind[1]}", ContentFile(content)
        )
        saved.append(stored)
        updates.append(ProdukHukum(pk=pk, berkas=stored, berkas_tipe=kind[0]))
    ProdukHukum.objects.bulk_update(updates, ["berkas", "berkas_tipe"], batch_size=500)
    if missing:
        laporan.warnings.append(
            gettext("%(n)s berkas %(jenis)s tidak ada di arsip folder desa.")
            % {"n": missing, "jenis": "produk_hukum"}
        )
    if updates:
        laporan.imported["berkas.produk_hukum"] = len(updates)
    return saved


def remove(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
