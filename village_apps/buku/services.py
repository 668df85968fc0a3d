"""Writes of the books: closing a period, and the registers this app keeps."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record, register_row_delete, register_row_save
from village_apps.buku.models import KaderPemberdayaan, PendudukSementara, PenutupanBuku
from village_apps.buku.registry import Book, Periode
from village_apps.buku.rows import rows_encode


@transaction.atomic
def penutupan_create(*, book: Book, periode: Periode, actor: Actor | None = None) -> PenutupanBuku:
    """Close a period of a book: store its rows as they print now. Only a closable
    book, only a period that has ended, only once; audited in the same transaction."""
    if not book.closable:
        raise ValidationError(_("Buku ini tidak mengenal penutupan periode."))
    if periode.end >= timezone.localdate():
        raise ValidationError(_("Periode yang belum berakhir tidak dapat ditutup."))
    if PenutupanBuku.objects.filter(buku=book.slug, periode=str(periode)).exists():
        raise ValidationError(_("Periode ini sudah ditutup."))
    rows = list(book.rows(periode, ""))
    penutupan = PenutupanBuku(
        buku=book.slug,
        periode=str(periode),
        kolom=[c.key for c in book.leaves()],
        baris=rows_encode(rows),
        ditutup_oleh_id=getattr(getattr(actor, "user", None), "pk", None),
    )
    try:
        with transaction.atomic():
            penutupan.save()
    except IntegrityError as exc:  # closed meanwhile by someone else
        raise ValidationError(_("Periode ini sudah ditutup.")) from exc
    audit_record(
        action=AuditAction.UPDATE,
        object_type="buku.penutupan",
        object_id=penutupan.pk,
        summary=f"tutup {book.slug} {periode} ({len(rows)} baris)",
        actor=actor,
    )
    return penutupan


_SEMENTARA_FIELDS = (
    "nama", "sex", "nomor_identitas", "tempat_lahir", "tanggal_lahir", "pekerjaan",
    "warganegara_id", "keturunan", "datang_dari", "maksud_tujuan", "didatangi",
    "tanggal_datang", "tanggal_pergi", "keterangan",
)  # fmt: skip
_KADER_FIELDS = ("nama", "sex", "tanggal_lahir", "pendidikan", "bidang", "alamat", "keterangan")


def _register_save(
    obj: Any,
    *,
    fields: tuple[str, ...],
    data: dict[str, Any],
    object_type: str,
    actor: Actor | None,
) -> Any:
    """Store ``data`` — only ``fields`` may be given — on ``obj``."""
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return register_row_save(row=obj, fields=data, object_type=object_type, actor=actor)


@transaction.atomic
def penduduk_sementara_save(
    *, penduduk_sementara: PendudukSementara | None = None, actor: Actor | None = None, **data: Any
) -> PendudukSementara:
    """Create or update a temporary resident (validated by the model); audited."""
    return _register_save(
        penduduk_sementara or PendudukSementara(),
        fields=_SEMENTARA_FIELDS,
        data=data,
        object_type="buku.penduduk_sementara",
        actor=actor,
    )


@transaction.atomic
def penduduk_sementara_delete(
    *, penduduk_sementara: PendudukSementara, actor: Actor | None = None
) -> None:
    register_row_delete(row=penduduk_sementara, object_type="buku.penduduk_sementara", actor=actor)


@transaction.atomic
def kader_save(
    *, kader: KaderPemberdayaan | None = None, actor: Actor | None = None, **data: Any
) -> KaderPemberdayaan:
    """Create or update a community-empowerment cadre; audited."""
    lahir = data.get("tanggal_lahir")
    if lahir and lahir > timezone.localdate():
        raise ValidationError({"tanggal_lahir": _("Tanggal lahir tidak boleh di masa depan.")})
    return _register_save(
        kader or KaderPemberdayaan(),
        fields=_KADER_FIELDS,
        data=data,
        object_type="buku.kader",
        actor=actor,
    )


@transaction.atomic
def kader_delete(*, kader: KaderPemberdayaan, actor: Actor | None = None) -> None:
    register_row_delete(row=kader, object_type="buku.kader", actor=actor)


def buku_export(*, data: Any, fmt: str, actor: Actor | None = None) -> bytes:
    """The PDF or XLSX of a book's rows (``selectors.BookRows``), audited: books carry
    residents' personal data."""
    from village_apps.buku.render import book_pdf, book_xlsx

    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"format tidak dikenal: {fmt}")
    content = book_pdf(data) if fmt == "pdf" else book_xlsx(data)
    audit_record(
        action=AuditAction.EXPORT,
        object_type="buku.buku",
        object_id=data.book.slug,
        summary=f"{fmt} {data.periode} ({len(data.rows)} baris)",
        actor=actor,
    )
    return content
