"""The electronic signature of an issued letter and its check on the verification
page, through the tte app (``village_apps.tte``: providers, certificates, PAdES).

``surat_issue`` calls :func:`surat_sign` on the rendered PDF before it stores it (so
the stored bytes and their hash are the signed ones) and :func:`surat_sign_record`
once the letter has its id. A provider's refusal is a ``ValidationError`` (Indonesian
message) that stops the issue: nothing is stored and the number goes back.
"""

from __future__ import annotations

from django.db import connection

from village_apps.tte import selectors as tte_selectors
from village_apps.tte import services as tte_services
from village_apps.tte.models import Penandatanganan
from village_apps.tte.services import HasilTte
from village_apps.tte.verification import Verifikasi

DOKUMEN = "surat"


def surat_sign(*, pdf: bytes, penanda_tangan: str, perihal: str, nomor: str) -> HasilTte:
    """Sign a letter's PDF when the village signs electronically and ``penanda_tangan``
    holds its certificate (``tte.services.tanda_tangan_create``)."""
    return tte_services.tanda_tangan_create(
        pdf=pdf,
        penanda_tangan=penanda_tangan,
        alasan=f"{perihal} nomor {nomor}",
        lokasi=getattr(connection.tenant, "name", ""),
    )


def surat_sign_record(*, surat_id: int, hasil: HasilTte) -> None:
    tte_services.penandatanganan_record(dokumen=DOKUMEN, objek_id=surat_id, hasil=hasil)


def surat_sign_record_get(*, surat_id: int) -> Penandatanganan | None:
    """What was done about a letter's electronic signature (the operator's detail page
    says it, with the reason when it was not signed)."""
    return tte_selectors.penandatanganan_get(dokumen=DOKUMEN, objek_id=surat_id)


def surat_verify(*, surat_id: int) -> Verifikasi:
    """The stored PDF's signature as the verification page shows it (reads the PDF,
    which the page's own query defers)."""
    from village_apps.surat.models import SuratKeluar

    pdf = SuratKeluar.objects.values_list("pdf", flat=True).get(pk=surat_id)
    return tte_selectors.dokumen_verify(dokumen=DOKUMEN, objek_id=surat_id, pdf=bytes(pdf))


def surat_demo_certificate_ensure(*, nama_desa: str) -> None:
    """Demo villages sign their letters: a certificate from the platform's local CA in
    the default signer's name, when the local CA is on and the village has chosen no
    provider yet (idempotent)."""
    from village_apps.surat.services import penandatangan_default
    from village_apps.tte import ca
    from village_apps.tte.choices import Penyedia

    if (
        not ca.local_ca_enabled()
        or tte_selectors.pengaturan_tte_get().penyedia != Penyedia.NONAKTIF
    ):
        return
    nama = penandatangan_default().nama
    if nama:
        tte_services.sertifikat_tte_issue(nama=nama, organisasi=f"Pemerintah Desa {nama_desa}")
