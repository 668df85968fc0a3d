"""Writing the village's legal products and their signed documents."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.documents import document_check, document_name
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.produk_hukum.choices import JenisProdukHukum, Tahap
from village_apps.produk_hukum.models import ProdukHukum

MAX_BERKAS_BYTES = 10 * 1024 * 1024


def _tahap(p: ProdukHukum) -> str:
    if p.tanggal_diundangkan:
        return Tahap.DIUNDANGKAN
    if p.tanggal_ditetapkan:
        return Tahap.DITETAPKAN
    if p.tanggal_evaluasi:
        return Tahap.DIEVALUASI
    if p.tanggal_disepakati:
        return Tahap.DISEPAKATI
    return Tahap.RANCANGAN


@transaction.atomic
def produk_hukum_save(
    *,
    jenis: str,
    tentang: str,
    nomor: str = "",
    uraian: str = "",
    tanggal_disepakati: dt.date | None = None,
    nomor_evaluasi: str = "",
    tanggal_evaluasi: dt.date | None = None,
    tanggal_ditetapkan: dt.date | None = None,
    nomor_dilaporkan: str = "",
    tanggal_dilaporkan: dt.date | None = None,
    nomor_diundangkan: str = "",
    tanggal_diundangkan: dt.date | None = None,
    keterangan: str = "",
    berkas: UploadedFile | None = None,
    produk_hukum: ProdukHukum | None = None,
    actor: Actor | None = None,
) -> ProdukHukum:
    """Create or update a legal product; its stage follows from the dated steps.

    A Keputusan Kepala Desa is neither agreed with the BPD nor promulgated; a
    promulgation needs its Lembaran/Berita Desa number. The signed document is checked
    by its content (PDF/JPG/PNG, ≤ 10 MB) and stored under a random name."""
    if jenis not in JenisProdukHukum.values:
        raise ValidationError(_("Pilih jenis produk hukum dari daftar."))
    if jenis == JenisProdukHukum.KEPKADES and (tanggal_disepakati or tanggal_diundangkan):
        raise ValidationError(
            _("Keputusan Kepala Desa tidak disepakati BPD dan tidak diundangkan.")
        )
    if tanggal_diundangkan and not nomor_diundangkan.strip():
        raise ValidationError(_("Isi nomor Lembaran/Berita Desa tempat diundangkan."))
    kind = document_check(berkas, max_bytes=MAX_BERKAS_BYTES) if berkas else None
    baru = produk_hukum is None
    p = produk_hukum or ProdukHukum()
    p.jenis, p.tentang, p.nomor, p.uraian = jenis, tentang.strip(), nomor.strip(), uraian.strip()
    p.tanggal_disepakati, p.nomor_evaluasi = tanggal_disepakati, nomor_evaluasi.strip()
    p.tanggal_evaluasi, p.tanggal_ditetapkan = tanggal_evaluasi, tanggal_ditetapkan
    p.nomor_dilaporkan, p.tanggal_dilaporkan = nomor_dilaporkan.strip(), tanggal_dilaporkan
    p.nomor_diundangkan = nomor_diundangkan.strip()
    p.tanggal_diundangkan, p.keterangan = tanggal_diundangkan, keterangan.strip()
    p.tahap = _tahap(p)
    if kind is not None:
        if p.berkas:
            p.berkas.delete(save=False)
        berkas.name = document_name(kind[1])
        p.berkas, p.berkas_tipe = berkas, kind[0]
    p.full_clean()
    p.save()
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE,
        object_type="produk_hukum.produk_hukum",
        object_id=p.pk,
        summary=p.tahap,
        actor=actor,
    )
    return p


@transaction.atomic
def produk_hukum_delete(*, produk_hukum: ProdukHukum, actor: Actor | None = None) -> None:
    """Delete a legal product that is still a draft; an enacted one stays on record."""
    if produk_hukum.tanggal_ditetapkan:
        raise ValidationError(_("Produk hukum yang sudah ditetapkan tidak dapat dihapus."))
    audit_record(
        action=AuditAction.DELETE,
        object_type="produk_hukum.produk_hukum",
        object_id=produk_hukum.pk,
        actor=actor,
    )
    if produk_hukum.berkas:
        produk_hukum.berkas.delete(save=False)
    produk_hukum.delete()
