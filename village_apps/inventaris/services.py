"""Writing village assets and their mutations (append-only history)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.inventaris.choices import KELUAR, JenisMutasi, Kondisi, SumberAset
from village_apps.inventaris.models import Aset, MutasiAset
from village_apps.pembangunan.facade import proyek_selesai_get

# A project's sources of funds → the asset's origin in the book.
SUMBER_PROYEK = {
    "prov": SumberAset.PROVINSI,
    "kab": SumberAset.KABUPATEN,
    "swadaya": SumberAset.HIBAH,
}


def aset_sumber_suggest(*, sumber_dana: tuple[str, ...] | list[str]) -> str:
    """A project paid by the village's own budget (Dana Desa, ADD, PAD) is bought by the
    village; one paid only by a province or regency is their aid."""
    asal = {SUMBER_PROYEK.get(s, SumberAset.APBDES) for s in sumber_dana} or {SumberAset.APBDES}
    return SumberAset.APBDES if SumberAset.APBDES in asal or len(asal) > 1 else asal.pop()


@transaction.atomic
def aset_save(
    *,
    kategori: str,
    nama: str,
    sumber: str,
    tanggal_perolehan: dt.date,
    nilai_perolehan: Decimal | int = 0,
    kondisi_awal: str = Kondisi.BAIK,
    kode_barang: str = "",
    nomor_register: str = "",
    spesifikasi: str = "",
    jumlah: int = 1,
    luas: Decimal | None = None,
    lokasi: str = "",
    nomor_dokumen: str = "",
    keterangan: str = "",
    proyek_asal: int | None = None,
    aset: Aset | None = None,
    actor: Actor | None = None,
) -> Aset:
    """Record an acquisition, or correct one. The state after acquisition is never
    written here: it is a mutation (``mutasi_aset_add``). An asset from a development
    project must come from a finished one not recorded yet."""
    baru = aset is None
    aset = aset or Aset()
    if baru and proyek_asal is not None:
        if proyek_selesai_get(pk=proyek_asal) is None:
            raise ValidationError(_("Proyek pembangunan ini belum selesai atau tidak ada."))
        if Aset.objects.filter(proyek_asal=proyek_asal).exists():
            raise ValidationError(_("Hasil proyek ini sudah tercatat sebagai aset."))
        aset.proyek_asal = proyek_asal
    if not baru and aset.mutasi.filter(tanggal__lt=tanggal_perolehan).exists():
        raise ValidationError(_("Tanggal perolehan tidak boleh sesudah mutasi aset ini."))
    aset.kategori, aset.nama, aset.sumber = kategori, nama.strip(), sumber
    aset.tanggal_perolehan, aset.nilai_perolehan = tanggal_perolehan, nilai_perolehan
    aset.kondisi_awal, aset.kode_barang = kondisi_awal, kode_barang.strip()
    aset.nomor_register, aset.spesifikasi = nomor_register.strip(), spesifikasi.strip()
    aset.jumlah, aset.luas, aset.lokasi = jumlah, luas, lokasi.strip()
    aset.nomor_dokumen, aset.keterangan = nomor_dokumen.strip(), keterangan.strip()
    aset.full_clean()
    aset.save()
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE,
        object_type="inventaris.aset",
        object_id=aset.pk,
        summary=f"proyek {proyek_asal}" if baru and proyek_asal else "",
        actor=actor,
    )
    return aset


@transaction.atomic
def mutasi_aset_add(
    *,
    aset: Aset,
    jenis: str,
    tanggal: dt.date,
    kondisi_baru: str = "",
    lokasi_baru: str = "",
    nilai: Decimal | None = None,
    pihak: str = "",
    dasar: str = "",
    keterangan: str = "",
    actor: Actor | None = None,
) -> MutasiAset:
    """Add one mutation to an asset's history (the asset row is locked so two mutations
    cannot both dispose of it). Nothing happens to an asset after it left the village,
    nor before it was acquired."""
    aset = Aset.objects.select_for_update().get(pk=aset.pk)
    if jenis not in JenisMutasi.values:
        raise ValidationError(_("Pilih jenis mutasi dari daftar."))
    if tanggal < aset.tanggal_perolehan:
        raise ValidationError(_("Tanggal mutasi tidak boleh sebelum tanggal perolehan."))
    if aset.mutasi.filter(jenis__in=KELUAR).exists():
        raise ValidationError(_("Aset ini sudah dijual, dihapus atau dipindahtangankan."))
    if aset.mutasi.filter(tanggal__gt=tanggal).exists():
        raise ValidationError(_("Sudah ada mutasi sesudah tanggal ini; catat mutasi berurutan."))
    if jenis == JenisMutasi.KONDISI and kondisi_baru not in Kondisi.values:
        raise ValidationError(_("Pilih kondisi baru."))
    if jenis == JenisMutasi.PINDAH and not lokasi_baru.strip():
        raise ValidationError(_("Isi lokasi baru."))
    if jenis == JenisMutasi.JUAL and nilai is None:
        raise ValidationError(_("Isi harga jual."))
    mutasi = MutasiAset(
        aset=aset,
        jenis=jenis,
        tanggal=tanggal,
        kondisi_baru=kondisi_baru if jenis == JenisMutasi.KONDISI else "",
        lokasi_baru=lokasi_baru.strip() if jenis == JenisMutasi.PINDAH else "",
        nilai=nilai,
        pihak=pihak.strip(),
        dasar=dasar.strip(),
        keterangan=keterangan.strip(),
        dicatat_oleh=str(actor or "")[:150],
    )
    mutasi.full_clean()
    mutasi.save()
    audit_record(
        action=AuditAction.CREATE,
        object_type="inventaris.mutasi",
        object_id=mutasi.pk,
        summary=f"aset {aset.pk}: {jenis}",
        actor=actor,
    )
    return mutasi


@transaction.atomic
def aset_delete(*, aset: Aset, actor: Actor | None = None) -> None:
    """Delete an asset recorded by mistake; one with a history is written off instead."""
    if aset.mutasi.exists():
        raise ValidationError(
            _("Aset yang sudah bermutasi tidak dapat dihapus; catat penghapusannya sebagai mutasi.")
        )
    audit_record(
        action=AuditAction.DELETE, object_type="inventaris.aset", object_id=aset.pk, actor=actor
    )
    aset.delete()
