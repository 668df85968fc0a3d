"""Reads of the tte app (current village schema)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from village_apps.tte import verification
from village_apps.tte.choices import HasilVerifikasi
from village_apps.tte.models import Penandatanganan, PengaturanTte


def pengaturan_tte_get() -> PengaturanTte:
    """The village's signing settings; the defaults (signing off), unsaved, when the
    row does not exist yet — a read never writes."""
    return PengaturanTte.objects.filter(pk=1).first() or PengaturanTte(pk=1)


def penandatanganan_get(*, dokumen: str, objek_id: int) -> Penandatanganan | None:
    return Penandatanganan.objects.filter(dokumen=dokumen, objek_id=objek_id).first()


def dokumen_verify(*, dokumen: str, objek_id: int, pdf: bytes) -> verification.Verifikasi:
    """Check a stored document's signature (``verification.pdf_verify``). A document
    recorded as signed whose PDF carries no signature any more is not valid: its
    signature was removed."""
    result = verification.pdf_verify(pdf)
    if result.hasil == HasilVerifikasi.TANPA_TTE:
        record = penandatanganan_get(dokumen=dokumen, objek_id=objek_id)
        if record is not None and record.ditandatangani:
            return verification.Verifikasi(
                hasil=HasilVerifikasi.TIDAK_VALID,
                penanda_tangan=record.penanda_tangan,
                alasan=_("Tanda tangan elektronik surat ini telah dihapus dari berkasnya."),
            )
    return result
