"""Writes of the self-service module: PINs, resident login, requests and their approval.
Every public service is one transaction (with its audit row where personal data or a
letter is involved) and runs in the current village schema."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from balai_kernel import abuse
from balai_kernel.actor import Actor
from balai_kernel.documents import document_check, document_name
from village_apps.akun.choices import Action
from village_apps.akun.permissions import staff_grants, user_allows, village_role
from village_apps.akun.selectors import peran_nama_get, peran_slug_filter
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_lockout, audit_record
from village_apps.mandiri.choices import APPROVAL_STATUSES, OPEN_STATUSES, StatusPermohonan, Tahap
from village_apps.mandiri.models import DokumenSyarat, Permohonan, PinWarga
from village_apps.penduduk.models import Penduduk
from village_apps.surat.models import FormatSurat
from village_apps.surat.selectors import penduduk_for_letter, pengaturan_get
from village_apps.surat.services import (
    Penandatangan,
    format_surat_office_only_list,
    isian_clean,
    surat_issue,
)

PIN_DIGITS = 6
FREE_ATTEMPTS = 3  # failures before the first lockout
LOCK_BASE_SECONDS = 30  # first lockout; doubles with every further failure
LOCK_MAX_SECONDS = 3600
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A hash to check against when no PIN is checked (unknown NIK, locked account), so every
# answer costs one argon2 verification.
_DUMMY_HASH = make_password("000000", hasher="argon2")
NIK_FORMAT = re.compile(r"[0-9]{16}")
logger = logging.getLogger(__name__)


class LoginDitolak(Exception):
    """Wrong NIK/PIN, or the account is locked (``terkunci_sampai`` set). ``terkunci``:
    refused because the client's address is locked (the page answers 429); every other
    refusal looks alike, whatever the NIK."""

    def __init__(
        self, message: str, terkunci_sampai: dt.datetime | None = None, *, terkunci: bool = False
    ) -> None:
        super().__init__(message)
        self.terkunci_sampai = terkunci_sampai
        self.terkunci = terkunci


# --- PIN and login --------------------------------------------------------------------------


@transaction.atomic
def pin_issue(*, penduduk_id: int, actor: Actor | None = None) -> str:
    """Issue or reset a resident's PIN. Returns the clear PIN, which the operator sees
    once; only its argon2 hash is stored. Clears failures and any lockout."""
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    PinWarga.objects.update_or_create(
        penduduk_id=penduduk_id,
        defaults={
            "pin_hash": make_password(pin, hasher="argon2"),
            "gagal": 0,
            "terkunci_sampai": None,
        },
    )
    audit_record(
        action=AuditAction.UPDATE,
        object_type="pin_mandiri",
        object_id=penduduk_id,
        summary="PIN layanan mandiri diterbitkan",
        actor=actor,
    )
    return pin


def lock_seconds(gagal: int) -> int:
    """Lockout after the ``gagal``-th consecutive failure: none for the first
    ``FREE_ATTEMPTS``, then 30 s, 60 s, 120 s, … up to an hour."""
    if gagal < FREE_ATTEMPTS:
        return 0
    return min(LOCK_BASE_SECONDS * 2 ** (gagal - FREE_ATTEMPTS), LOCK_MAX_SECONDS)


def _refused() -> str:
    """The one answer to every refused NIK + PIN: wrong PIN, unknown NIK, a NIK without
    an account, a PIN locked by its own lockout or by the NIK's abuse limit. One status,
    one text, so the page never tells whether a NIK has an account."""
    return gettext(
        "NIK atau PIN salah, atau akun sedang dikunci sementara karena terlalu banyak "
        "percobaan. Periksa kembali, atau coba lagi beberapa menit lagi."
    )


def _pin_check(pin: str, pin_hash: str = _DUMMY_HASH) -> bool:
    """One argon2 verification. Every NIK + PIN answer does exactly one, also the ones
    that need none (unknown NIK, locked account), so none answers faster."""
    return check_password(pin, pin_hash)


def mandiri_masuk(*, nik: str, pin: str, actor: Actor) -> Penduduk:
    """The login page: :func:`mandiri_login` inside the abuse limits of this village
    (``ABUSE_LIMITS["mandiri_login"]``, per NIK and per address, shared by every web
    process). The NIK is counted and looked up in one normalised form (NFKC, stripped:
    fullwidth digits are the same NIK). A locked address is refused without a PIN check
    (429: it concerns the network, alike for every NIK); a locked NIK answers exactly
    like a wrong PIN, hashing included. A lockout that starts is audited with the
    resident's id only."""
    nik = abuse.account_name(nik)
    network = abuse.refusal(actor, "mandiri_login")
    if network is not None:
        raise LoginDitolak(abuse.refusal_message(network), terkunci=True)
    if abuse.refusal(actor, "mandiri_login", account=nik) is not None:
        _pin_check(pin or "")
        raise LoginDitolak(_refused())
    try:
        penduduk = mandiri_login(nik=nik, pin=pin, actor=actor)
    except LoginDitolak:
        lockout = abuse.attempt_count(actor, "mandiri_login", account=nik)
        if lockout is not None:
            owner = (
                PinWarga.objects.filter(penduduk__nik=nik)
                .values_list("penduduk_id", flat=True)
                .first()
            )
            audit_lockout(
                lockout=lockout,
                object_type="mandiri",
                object_id=owner if abuse.ACCOUNT in lockout.kinds and owner else "",
                actor=actor,
            )
        raise
    abuse.attempts_forget(actor, "mandiri_login", account=nik)
    return penduduk


def mandiri_login(*, nik: str, pin: str, actor: Actor | None = None) -> Penduduk:
    """Check a resident's NIK + PIN. While locked, the PIN is not checked (a dummy hash
    is, for the time). Wrong PINs count up and lock for growing periods; success resets
    the count. Every refusal has the same text (see :func:`_refused`). The failure
    count is committed before :class:`LoginDitolak` is raised."""
    penduduk, error = _login_attempt(nik=abuse.account_name(nik), pin=pin or "", actor=actor)
    if error is not None:
        raise error
    return penduduk


@transaction.atomic
def _login_attempt(
    *, nik: str, pin: str, actor: Actor | None
) -> tuple[Penduduk | None, LoginDitolak | None]:
    account = (
        PinWarga.objects.select_for_update(of=("self",))
        .select_related("penduduk")
        .filter(penduduk__nik=nik, penduduk__status_dasar=1)
        .first()
        if NIK_FORMAT.fullmatch(nik)
        else None
    )
    if account is None:
        _pin_check(pin)
        return None, LoginDitolak(_refused())
    now = timezone.now()
    if account.terkunci_sampai and account.terkunci_sampai > now:
        _pin_check(pin)
        return None, LoginDitolak(_refused(), account.terkunci_sampai)
    if not _pin_check(pin, account.pin_hash):
        account.gagal += 1
        seconds = lock_seconds(account.gagal)
        account.terkunci_sampai = now + dt.timedelta(seconds=seconds) if seconds else None
        account.save(update_fields=["gagal", "terkunci_sampai"])
        audit_record(
            action=AuditAction.LOGIN_FAILED,
            object_type="mandiri",
            object_id=account.penduduk_id,
            actor=actor,
        )
        if seconds:
            audit_record(
                action=AuditAction.LOCKOUT,
                object_type="mandiri",
                object_id=account.penduduk_id,
                summary=f"PIN dikunci sementara ({seconds} detik) setelah {account.gagal} kali salah",
                actor=actor,
            )
            logger.warning(
                "mandiri PIN lockout account=%s failures=%d seconds=%d",
                account.pk,
                account.gagal,
                seconds,
            )
        return None, LoginDitolak(_refused(), account.terkunci_sampai)
    account.gagal = 0
    account.terkunci_sampai = None
    account.terakhir_masuk = now
    account.save(update_fields=["gagal", "terkunci_sampai", "terakhir_masuk"])
    audit_record(
        action=AuditAction.LOGIN,
        object_type="mandiri",
        object_id=account.penduduk_id,
        actor=actor,
    )
    return account.penduduk, None


# --- Requests --------------------------------------------------------------------------------


def _check_upload(upload: UploadedFile) -> tuple[str, str]:
    return document_check(upload, max_bytes=MAX_UPLOAD_BYTES)


def _log(permohonan: Permohonan, langkah: str, oleh: str) -> None:
    permohonan.riwayat = [
        *permohonan.riwayat,
        {
            "waktu": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
            "langkah": langkah,
            "oleh": oleh,
        },
    ]


@transaction.atomic
def permohonan_create(
    *,
    penduduk_id: int,
    format_surat: FormatSurat,
    isian: dict[str, Any],
    dokumen: dict[str, UploadedFile],
    actor: Actor | None = None,
) -> Permohonan:
    """A resident requests a letter. Uploads are checked by content type and size;
    a request missing a required document starts as *belum lengkap*."""
    if (
        not format_surat.mandiri
        or not format_surat.aktif
        or format_surat_office_only_list(format_surat=format_surat)
    ):
        raise ValidationError(gettext("Surat ini tidak dapat diminta melalui layanan mandiri."))
    cleaned = isian_clean(format_surat=format_surat, isian=isian)
    checked = {
        nama: _check_upload(f) for nama, f in dokumen.items() if f and nama in format_surat.syarat
    }
    lengkap = all(nama in checked for nama in format_surat.syarat)
    permohonan = Permohonan(
        penduduk_id=penduduk_id,
        format=format_surat,
        isian=cleaned,
        status=StatusPermohonan.SEDANG_DIPERIKSA if lengkap else StatusPermohonan.BELUM_LENGKAP,
    )
    _log(permohonan, "diajukan", "warga")
    permohonan.save()
    _store_documents(permohonan, checked, dokumen)
    audit_record(
        action=AuditAction.CREATE,
        object_type="permohonan",
        object_id=permohonan.pk,
        actor=actor,
    )
    return permohonan


def _store_documents(permohonan: Permohonan, checked: dict, dokumen: dict) -> None:
    for nama, (mime, ext) in checked.items():
        upload = dokumen[nama]
        upload.name = document_name(ext)  # never the resident's file name
        DokumenSyarat.objects.create(
            permohonan=permohonan, nama=nama, berkas=upload, tipe=mime, ukuran=upload.size
        )


@transaction.atomic
def permohonan_complete(
    *,
    permohonan_id: int,
    penduduk_id: int,
    dokumen: dict[str, UploadedFile],
    actor: Actor | None = None,
) -> Permohonan:
    """The resident uploads what was missing (or asked for again); once every required
    document is there, the request goes back to *sedang diperiksa*."""
    permohonan = (
        Permohonan.objects.select_for_update()
        .select_related("format")
        .get(pk=permohonan_id, penduduk_id=penduduk_id)
    )
    if permohonan.status != StatusPermohonan.BELUM_LENGKAP:
        raise ValidationError(gettext("Permohonan ini tidak sedang menunggu kelengkapan."))
    syarat = permohonan.format.syarat
    checked = {nama: _check_upload(f) for nama, f in dokumen.items() if f and nama in syarat}
    permohonan.dokumen.filter(nama__in=list(checked)).delete()
    _store_documents(permohonan, checked, dokumen)
    have = set(permohonan.dokumen.values_list("nama", flat=True))
    if all(nama in have for nama in syarat):
        permohonan.status = StatusPermohonan.SEDANG_DIPERIKSA
        permohonan.catatan = ""
    _log(permohonan, "dilengkapi", "warga")
    permohonan.save()
    audit_record(
        action=AuditAction.UPDATE,
        object_type="permohonan",
        object_id=permohonan.pk,
        actor=actor,
    )
    return permohonan


@transaction.atomic
def permohonan_cancel(
    *, permohonan_id: int, penduduk_id: int, actor: Actor | None = None
) -> Permohonan:
    """The resident withdraws an open request of their own."""
    permohonan = Permohonan.objects.select_for_update().get(
        pk=permohonan_id, penduduk_id=penduduk_id
    )
    if permohonan.status not in OPEN_STATUSES:
        raise ValidationError(gettext("Permohonan ini tidak dapat dibatalkan lagi."))
    permohonan.status = StatusPermohonan.DIBATALKAN
    _log(permohonan, "dibatalkan", "warga")
    permohonan.save(update_fields=["status", "riwayat", "diubah_pada"])
    return permohonan


def rantai_persetujuan_get() -> list[str]:
    """The approval chain: ``operator`` (the check) then the village's configured steps,
    each the slug of the role whose holders approve it (``sekdes``, ``kades`` or a role
    the village made); a step whose role no longer exists is skipped."""
    steps = [s for s in pengaturan_get().rantai_persetujuan if s != Tahap.OPERATOR]
    existing = peran_slug_filter(slugs=steps)
    return [Tahap.OPERATOR, *[s for s in steps if s in existing]]


def tahap_persetujuan_check(actor: Actor, tahap: str) -> bool:
    """Whether ``actor`` holds step ``tahap``: the operator's check needs the right to
    change requests; every later step belongs to the holders of the role it names."""
    user = actor.user
    if tahap == Tahap.OPERATOR:
        return user_allows(user, "mandiri", Action.CHANGE)
    return village_role(user) == tahap and user_allows(user, "mandiri", Action.APPROVE)


def tahap_saya_get(*, actor: Actor, chain: list[str]) -> list[int]:
    """The indexes of ``chain`` whose step ``actor`` holds (their inbox)."""
    return [i for i, tahap in enumerate(chain) if tahap_persetujuan_check(actor, tahap)]


def _signer(actor: Actor) -> Penandatangan:
    """Who signs when a request passes the chain's last step: its approver, by name
    and office (their jabatan, else their role's name)."""
    user = actor.user
    grants = staff_grants(user)
    jabatan = grants.jabatan or peran_nama_get(slug=grants.role or "")
    return Penandatangan(nama=user.get_full_name() or user.get_username(), nip="", jabatan=jabatan)


@transaction.atomic
def permohonan_approve(*, permohonan_id: int, actor: Actor) -> Permohonan:
    """Approve the current step, held by the role the step names (it then waits in the
    inbox of the next step's holders). The last step issues the letter (same
    transaction, so a failed issue leaves the request where it was) and makes it *siap
    diambil*; when that step is not the operator's check, its approver signs the letter
    (name and jabatan on the letter). Every step is audited."""
    permohonan = (
        Permohonan.objects.select_for_update().select_related("format").get(pk=permohonan_id)
    )
    if permohonan.status not in APPROVAL_STATUSES:
        raise ValidationError(gettext("Permohonan ini tidak sedang menunggu persetujuan."))
    chain = rantai_persetujuan_get()
    tahap = chain[min(permohonan.tahap, len(chain) - 1)]
    if not tahap_persetujuan_check(actor, tahap):
        raise PermissionDenied
    _log(permohonan, f"disetujui {tahap}", actor.label)
    last = permohonan.tahap + 1 >= len(chain)
    audit_record(
        action=AuditAction.UPDATE,
        object_type="permohonan",
        object_id=permohonan.pk,
        summary=f"disetujui tahap {tahap}"
        + (", ditandatangani" if last and tahap != Tahap.OPERATOR else ""),
        actor=actor,
    )
    if not last:
        permohonan.tahap += 1
        permohonan.status = StatusPermohonan.MENUNGGU_TTD
    else:
        permohonan.surat = surat_issue(
            format_surat=permohonan.format,
            penduduk=penduduk_for_letter(pk=permohonan.penduduk_id),
            isian=permohonan.isian,
            actor=actor,
            penandatangan=_signer(actor) if tahap != Tahap.OPERATOR else None,
        )
        permohonan.status = StatusPermohonan.SIAP_DIAMBIL
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_return(*, permohonan_id: int, catatan: str, actor: Actor) -> Permohonan:
    """Send a request back as *belum lengkap* (or cancel it) with a note to the resident."""
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": gettext("Tuliskan apa yang kurang.")})
    if not user_allows(actor.user, "mandiri", Action.CHANGE):
        raise PermissionDenied
    permohonan = Permohonan.objects.select_for_update().get(pk=permohonan_id)
    if permohonan.status not in OPEN_STATUSES:
        raise ValidationError(gettext("Permohonan ini sudah selesai."))
    permohonan.status = StatusPermohonan.BELUM_LENGKAP
    permohonan.tahap = 0
    permohonan.catatan = catatan[:255]
    _log(permohonan, "dikembalikan", actor.label)
    permohonan.save()
    return permohonan


@transaction.atomic
def permohonan_download(*, permohonan_id: int, penduduk_id: int, actor: Actor | None = None) -> Any:
    """The resident fetches their issued letter: the stored PDF; the request becomes
    *sudah diambil* and the download is audited."""
    permohonan = (
        Permohonan.objects.select_for_update()
        .select_related("surat")
        .get(pk=permohonan_id, penduduk_id=penduduk_id, surat__isnull=False)
    )
    if permohonan.status == StatusPermohonan.SIAP_DIAMBIL:
        permohonan.status = StatusPermohonan.SUDAH_DIAMBIL
        _log(permohonan, "diambil", "warga")
        permohonan.save(update_fields=["status", "riwayat", "diubah_pada"])
    audit_record(
        action=AuditAction.DOWNLOAD,
        object_type="surat",
        object_id=permohonan.surat_id,
        summary="diunduh warga (layanan mandiri)",
        actor=actor,
    )
    return permohonan.surat


@transaction.atomic
def dokumen_open(*, dokumen_id: int, actor: Actor | None = None) -> Any:
    """An operator opens an uploaded requirement document (audited: it is personal data)."""
    dokumen = DokumenSyarat.objects.get(pk=dokumen_id)
    audit_record(
        action=AuditAction.VIEW,
        object_type="dokumen_syarat",
        object_id=dokumen.pk,
        actor=actor,
    )
    return dokumen
