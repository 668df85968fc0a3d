"""Writes of the letters module: seeding and importing templates, issuing (numbering +
PDF), revoking, recording downloads. Every public service is one transaction with
its audit row and runs in the current village schema."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from balai_kernel.actor import Actor
from balai_kernel.html import html_surat_clean
from village_apps.akun.selectors import peran_slug_filter
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.surat import checks, fields, lampiran, merge, pdf, selectors, signing
from village_apps.surat import pihak as pihak_mod
from village_apps.surat.checks import Masalah, SuratBermasalah
from village_apps.surat.choices import (
    LingkupNomor,
    Orientasi,
    SatuanBerlaku,
    StatusSurat,
    SumberFormat,
    SumberMasalah,
    Ukuran,
)
from village_apps.surat.defaults import DEFAULT_LAMPIRAN, DEFAULT_TEMPLATES
from village_apps.surat.models import (
    MAKS_MASA_BERLAKU,
    FormatSurat,
    PengaturanSurat,
    PenomoranSurat,
    SuratKeluar,
)
from village_apps.surat.selectors import aparatur_penandatangan_get, pengaturan_get

TOKEN_BYTES = 32  # 256 bits from the OS CSPRNG; the token is the letter's only public handle.
PRATINJAU_NOMOR = "(nomor diberikan saat surat diterbitkan)"
MAX_ISIAN = 2000
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- Templates --------------------------------------------------------------------------


@transaction.atomic
def format_surat_seed() -> int:
    """Seed Balai's default templates and the settings row. Idempotent: templates the
    village already has (by slug) are left as they are. Returns how many were added."""
    PengaturanSurat.objects.get_or_create(pk=1)
    added = 0
    for spec in DEFAULT_TEMPLATES:
        _, created = FormatSurat.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **spec,
                "sumber": SumberFormat.BALAI,
                "lampiran": DEFAULT_LAMPIRAN.get(spec["slug"], []),
            },
        )
        added += created
    return added


@transaction.atomic
def format_surat_save(
    *,
    instance: FormatSurat,
    kode_isian: list[dict],
    syarat: list[str],
    actor: Actor | None = None,
) -> FormatSurat:
    """Create or update a template from the (validated) editor. Issued letters keep
    their own frozen copy, so editing never changes them.

    The template goes through the pre-issue check (``format_surat_check``) first: an
    active template whose own content would print a raw code or an always-empty field
    is refused with the list (:class:`SuratBermasalah`), so nothing is saved; an
    inactive one is saved (a draft), and the view shows the list as a warning."""
    created = instance.pk is None
    instance.kode_isian = _opensid_fields(
        [
            {**f, "kode": f.get("kode"), "required": "1" if f.get("required") else "0"}
            for f in kode_isian
        ]
    )
    instance.syarat = syarat
    instance.lampiran = lampiran.kode_dikenal(instance.lampiran or [])
    if created:
        instance.sumber = SumberFormat.DESA
    instance.full_clean()
    if instance.aktif:
        own = [m for m in format_surat_check(format_surat=instance) if m.sumber == "format"]
        if own:
            raise SuratBermasalah(own)
    instance.save()
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type="format_surat",
        object_id=instance.pk,
        actor=actor,
    )
    return instance


@transaction.atomic
def pengaturan_surat_update(
    *, instance: PengaturanSurat, rantai: list[str], actor: Actor | None = None
) -> PengaturanSurat:
    """Save the village's numbering, signer and approval-chain settings. The chain's
    steps after the operator's check are roles of the village (``akun``): a step
    naming no role is refused."""
    steps = [s for s in rantai if s and s != "operator"]
    unknown = sorted(set(steps) - peran_slug_filter(slugs=steps))
    if unknown:
        raise ValidationError(
            {"rantai": gettext("Peran tidak dikenal: %(peran)s.") % {"peran": ", ".join(unknown)}}
        )
    instance.rantai_persetujuan = steps
    instance.full_clean()
    instance.save()
    audit_record(
        action=AuditAction.UPDATE, object_type="pengaturan_surat", object_id=1, actor=actor
    )
    return instance


@dataclass
class ImportReport:
    """What an OpenSID template import did. ``masalah`` maps a template's name to what
    the pre-issue check found in the template itself (such templates are imported
    inactive: they can not be issued or requested until fixed); ``unmapped`` to the
    fields a letter with every form field filled would still leave empty or print raw
    (``format_surat_unfilled_list``; the CLI prints it as ``unfilled``); ``peringatan``
    lists, once, what the village must complete before any letter goes out (signer,
    profile, letter settings)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    masalah: dict[str, list[str]] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)


# An exchange file holds a village's templates; thousands are a mistake or an attack.
MAKS_FORMAT_IMPOR = 500


def _bulat(nilai: Any, bawaan: int, bawah: int, atas: int) -> int:
    """An integer from the exchange file, within [bawah, atas]; ``bawaan`` if unreadable."""
    try:
        angka = int(float(str(nilai).strip()))
    except (TypeError, ValueError, OverflowError):
        return bawaan
    return min(max(angka, bawah), atas)


def _opensid_margins(raw: Any) -> dict[str, Decimal]:
    try:
        values = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
    except (ValueError, TypeError, RecursionError):
        values = {}
    if not isinstance(values, dict):
        values = {}
    result = {}
    for side in ("kiri", "atas", "kanan", "bawah"):
        try:
            cm = Decimal(str(values[side])).quantize(Decimal("0.01"))
        except (KeyError, InvalidOperation):
            continue
        if cm.is_finite() and 0 <= cm <= 10:  # the field holds 99.99; a page is ~33 cm
            result[f"margin_{side}"] = cm
    return result


def _opensid_fields(raw: Any) -> list[dict]:
    result = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        kode = str(item.get("kode") or "").strip().strip("[]").lower()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", kode):
            continue
        result.append(
            {
                "kode": kode,
                "nama": str(item.get("nama") or kode)[:100],
                "tipe": str(item.get("tipe") or "text")[:20],
                "required": str(item.get("required") or "0") in {"1", "true", "True"},
                "deskripsi": str(item.get("deskripsi") or "")[:200],
            }
        )
    return result


def _opensid_lampiran(item: dict) -> list[str]:
    """The attachment forms an OpenSID template names (``"F-1.15,F-1.01,F-1.02"``), those
    Balai has (OpenSID's SPS and SWN are not among them); a file without the key gets
    the forms Balai attaches to that letter by default."""
    if "lampiran" not in item:
        return lampiran.lampiran_bawaan(slugify(str(item.get("url_surat") or "")))
    raw = item.get("lampiran") or ""
    return lampiran.kode_dikenal(str(raw).split(",")) if isinstance(raw, str) else []


def _opensid_template(item: dict) -> dict:
    orientasi = str(item.get("orientasi") or "").lower()
    satuan = str(item.get("satuan_masa_berlaku") or "M")
    return {
        "nama": str(item["nama"]).strip()[:150],
        "kode_surat": str(item.get("kode_surat") or "").strip()[:20],
        "isi": str(item.get("template") or "").strip(),
        "kode_isian": _opensid_fields(item.get("kode_isian")),
        "ukuran": item.get("ukuran") if item.get("ukuran") in Ukuran.values else Ukuran.F4,
        "orientasi": Orientasi.LANSKAP if orientasi.startswith("lan") else Orientasi.POTRET,
        "masa_berlaku": _bulat(item.get("masa_berlaku") or 1, 1, 0, MAKS_MASA_BERLAKU),
        "satuan_berlaku": satuan if satuan in SatuanBerlaku.values else SatuanBerlaku.BULAN,
        "mandiri": bool(item.get("mandiri")),
        "kop": _bulat(item.get("header") or 0, 0, 0, 1) == 1,
        "format_nomor": str(item.get("format_nomor") or "")[:120],
        "lampiran": _opensid_lampiran(item),
        "sumber": SumberFormat.OPENSID,
        **_opensid_margins(item.get("margin")),
    }


@transaction.atomic
def format_surat_import(*, items: list[dict], actor: Actor | None = None) -> ImportReport:
    """Import OpenSID's template exchange JSON (``template_surat_tinymce.json``).

    Re-importing updates templates imported before (same ``url_surat``) and never
    touches Balai's or the village's own. Fields the template uses that Balai can not
    fill are reported per template; a template whose values do not fit is reported and
    skipped (its own savepoint), the others are imported.
    """
    report = ImportReport()
    if not isinstance(items, list):
        raise ValidationError(gettext("Berkas bukan daftar format surat OpenSID."))
    if len(items) > MAKS_FORMAT_IMPOR:
        raise ValidationError(
            gettext("Berkas berisi %(n)s format; paling banyak %(maks)s sekali impor.")
            % {"n": len(items), "maks": MAKS_FORMAT_IMPOR}
        )
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("nama") or not item.get("template"):
            report.errors.append(
                gettext("Format ke-%(n)s: nama atau isi template kosong.") % {"n": index}
            )
            continue
        try:
            with transaction.atomic():
                _format_impor_satu(item, index, report)
        except ValidationError as exc:
            report.errors.append(
                gettext("Format ke-%(n)s: %(pesan)s")
                % {"n": index, "pesan": " ".join(exc.messages)}
            )
        except DatabaseError:  # e.g. a NUL character, which PostgreSQL refuses in text
            report.errors.append(
                gettext("Format ke-%(n)s: isinya tidak dapat disimpan.") % {"n": index}
            )
    audit_record(
        action=AuditAction.IMPORT,
        object_type="format_surat",
        summary=f"impor OpenSID: {len(report.created)} baru, {len(report.updated)} diperbarui",
        actor=actor,
    )
    return report


def _format_impor_satu(item: dict, index: int, report: ImportReport) -> None:
    """Create or update one imported template (validated like the editor's, except the
    classification code, which OpenSID villages often leave empty)."""
    values = _opensid_template(item)
    slug = slugify(item.get("url_surat") or values["nama"])[:100] or f"opensid-{index}"
    existing = FormatSurat.objects.filter(slug=slug).first()
    if existing is not None and existing.sumber != SumberFormat.OPENSID:
        slug = f"{slug}-opensid"[:120]
        existing = FormatSurat.objects.filter(slug=slug).first()
    target = existing or FormatSurat(slug=slug)
    for name, value in values.items():
        setattr(target, name, value)
    target.full_clean(validate_unique=False, exclude=["kode_surat"])
    if target.mandiri and format_surat_office_only_list(format_surat=target):
        # OpenSID offers it to residents, who could not give the other people it names:
        # imported for the office only, and said so.
        target.mandiri = False
        report.peringatan.append(
            gettext(
                "%(nama)s: hanya untuk petugas (menyebut pihak lain), tidak lewat layanan mandiri."
            )
            % {"nama": values["nama"]}
        )
    found = format_surat_check(format_surat=target)
    own = [m for m in found if m.sumber == SumberMasalah.FORMAT]
    if own:
        target.aktif = False
    target.save()
    (report.created if existing is None else report.updated).append(values["nama"])
    if own:
        report.masalah[values["nama"]] = [m.pesan for m in own]
    unfilled = format_surat_unfilled_list(format_surat=target, masalah=found)
    if unfilled:
        report.unmapped[values["nama"]] = unfilled
    for m in found:
        if m.sumber != SumberMasalah.FORMAT and m.pesan not in report.peringatan:
            report.peringatan.append(m.pesan)


# --- Composing a letter ---------------------------------------------------------------------


@dataclass(frozen=True)
class Penandatangan:
    nama: str
    nip: str
    jabatan: str
    sebutan_nip: str = "NIP"


def _aparatur_ttd(aparatur: Aparatur) -> Penandatangan:
    """An official as signer: the NIP, or else the village's own number (NIPD)."""
    if aparatur.nip.strip():
        return Penandatangan(aparatur.nama, aparatur.nip, aparatur.jabatan)
    return Penandatangan(aparatur.nama, aparatur.nipd, aparatur.jabatan, "NIPD")


def penandatangan_default(*, aparatur_id: int | None = None) -> Penandatangan:
    """The signer: a chosen official, else the settings' signer (the official of that
    name when there is one, with their NIP), else the village head
    of the profile, else an active official allowed to sign whose office is the head's.
    Each is taken whole (name, NIP and office from the same record). No one found:
    an empty name, which the pre-issue check refuses."""
    if aparatur_id:
        aparatur = Aparatur.objects.filter(pk=aparatur_id, aktif=True, boleh_ttd=True).first()
        if aparatur is None:
            raise ValidationError(
                gettext("Penanda tangan yang dipilih tidak ada atau tidak berwenang.")
            )
        return _aparatur_ttd(aparatur)
    settings = pengaturan_get()
    profil = _profil()
    kepala = fields.sebutan_kepala(profil.jenis)
    if settings.ttd_nama.strip():
        # The settings name an official: name, office and NIP from their current record.
        official = aparatur_penandatangan_get(nama=settings.ttd_nama)
        if official is not None:
            return _aparatur_ttd(official)
        return Penandatangan(
            settings.ttd_nama.strip(), settings.ttd_nip, settings.ttd_jabatan or kepala
        )
    if profil.nama_kepala_desa.strip():
        return Penandatangan(profil.nama_kepala_desa.strip(), profil.nip_kepala_desa, kepala)
    head = (
        Aparatur.objects.filter(
            aktif=True, boleh_ttd=True, jabatan__iregex=r"^\s*(kepala desa|kades|lurah)\s*$"
        )
        .order_by("urutan", "pk")
        .first()
    )
    return _aparatur_ttd(head) if head is not None else Penandatangan("", "", kepala)


def _profil() -> ProfilDesa:
    profil = ProfilDesa.objects.filter(pk=1).first()
    if profil is None:  # a village whose profile was never seeded: use the tenant row
        village = connection.tenant
        profil = ProfilDesa(nama_desa=village.name, kode_desa=village.code)
    return profil


def _add_period(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit == SatuanBerlaku.HARI:
        return start + dt.timedelta(days=amount)
    if unit == SatuanBerlaku.MINGGU:
        return start + dt.timedelta(weeks=amount)
    months = amount * (12 if unit == SatuanBerlaku.TAHUN else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _berlaku_sampai(format_surat: FormatSurat, tanggal: dt.date) -> dt.date | None:
    """Last day of validity; ``None`` when the template sets no period.

    The editor and the import keep ``masa_berlaku`` within ``MAKS_MASA_BERLAKU``; a row
    saved before that rule (up to 32,767 years is past ``date.max``) gets a message for
    the operator instead of a 500, and no number is taken (the caller's transaction)."""
    if not format_surat.masa_berlaku:
        return None
    if format_surat.masa_berlaku > MAKS_MASA_BERLAKU:
        raise ValidationError(
            gettext(
                "Masa berlaku format surat %(nama)s (%(n)s) lebih dari %(maks)s; "
                "perbaiki di pengaturan format surat."
            )
            % {"nama": format_surat.nama, "n": format_surat.masa_berlaku, "maks": MAKS_MASA_BERLAKU}
        )
    return _add_period(tanggal, format_surat.masa_berlaku, format_surat.satuan_berlaku)


def _isian_values(format_surat: FormatSurat, isian: dict[str, Any]) -> dict[str, str]:
    """The template's own fields, trimmed and without control characters (NUL can not
    be stored in the letter's JSON). The values are text for ``merge.render``, which
    escapes them and never runs them."""
    return {
        str(spec.get("kode", "")).strip("[]").lower(): _KONTROL.sub(
            "", str(isian.get(str(spec.get("kode", "")).strip("[]").lower(), "") or "")
        ).strip()[:MAX_ISIAN]
        for spec in format_surat_isian_list(format_surat)
    }


def format_surat_isian_list(format_surat: FormatSurat) -> list[dict]:
    """The fields the letter's form asks for (``fields.isian_specs``)."""
    return fields.isian_specs(format_surat.kode_isian, format_surat.isi)


def isian_clean(*, format_surat: FormatSurat, isian: dict[str, Any]) -> dict[str, str]:
    """The template's own fields (see ``_isian_values``); required ones must be filled."""
    cleaned = _isian_values(format_surat, isian)
    errors = {
        kode: gettext("%(nama)s wajib diisi.") % {"nama": spec.get("nama", kode)}
        for spec in format_surat_isian_list(format_surat)
        if spec.get("required")
        and not cleaned[kode := str(spec.get("kode", "")).strip("[]").lower()]
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- The other people a letter names ------------------------------------------------------


def _pilihan(choices: Any, raw: Any) -> int | None:
    """A code of one of OpenSID's lists, ``None`` when absent or not on the list."""
    text = str(raw or "").strip()
    return int(text) if text.isdecimal() and int(text) in choices.values else None


def _orang_ketik(data: Mapping[str, Any], role: str, label: str, errors: dict) -> pihak_mod.Orang:
    """A person typed in (not on the register), validated like the register's own data:
    the NIK by the population module's rules (16 digits; its structure under the
    village's setting), a birth date in the past, codes from OpenSID's lists."""
    from village_apps.penduduk.services import nik_periksa
    from village_apps.referensi import Agama, Pekerjaan, Sex, StatusKawin, Warganegara

    def get(name: str, limit: int = 100) -> str:
        return _KONTROL.sub("", str(data.get(f"pihak-{role}-{name}", "") or "")).strip()[:limit]

    def error(name: str, text: str) -> None:
        errors[f"pihak-{role}-{name}"] = f"{label}: {text}"

    nama, nik = get("nama"), get("nik", 16 + 4).replace(" ", "")
    tanggal = None
    try:
        tanggal = dt.date.fromisoformat(get("tanggallahir", 10)) if get("tanggallahir") else None
    except ValueError:
        error("tanggallahir", gettext("tanggal lahir tidak sah."))
    sex = _pilihan(Sex, get("sex"))
    if not nama:
        error("nama", gettext("nama wajib diisi."))
    nik_errors, _warnings = nik_periksa(nik=nik, tanggallahir=tanggal, sex=sex)
    if nik_errors:
        error("nik", " ".join(str(e) for e in nik_errors))
    if not get("tempatlahir"):
        error("tempatlahir", gettext("tempat lahir wajib diisi."))
    if tanggal is None and f"pihak-{role}-tanggallahir" not in errors:
        error("tanggallahir", gettext("tanggal lahir wajib diisi."))
    elif tanggal is not None and tanggal > timezone.localdate():
        error("tanggallahir", gettext("tanggal lahir tidak boleh di masa depan."))
    if sex is None:
        error("sex", gettext("pilih jenis kelamin."))
    codes = {}
    for name, choices, wajib in (
        ("agama_id", Agama, True),
        ("pekerjaan_id", Pekerjaan, True),
        ("warganegara_id", Warganegara, True),
        ("status_kawin", StatusKawin, False),
    ):
        codes[name] = _pilihan(choices, get(name))
        if wajib and codes[name] is None:
            error(name, gettext("pilih %(isian)s.") % {"isian": name.removesuffix("_id")})
    if not get("alamat"):
        error("alamat", gettext("alamat wajib diisi."))
    no_kk = get("no_kk", 20)
    if no_kk and not (no_kk.isdigit() and len(no_kk) == 16):
        error("no_kk", gettext("nomor KK harus 16 angka."))
    return pihak_mod.Orang(
        sumber=pihak_mod.SumberOrang.LUAR,
        nama=nama,
        nik=nik,
        tempatlahir=get("tempatlahir"),
        tanggallahir=tanggal.isoformat() if tanggal else "",
        sex=sex,
        alamat=get("alamat", 200),
        no_kk=no_kk,
        hubungan=get("hubungan", 60),
        **codes,
    )


def _orang_clean(
    data: Mapping[str, Any], role: str, label: str, errors: dict
) -> pihak_mod.Orang | None:
    sumber = str(data.get(f"pihak-{role}-sumber", "") or "")
    if sumber == pihak_mod.SumberOrang.LUAR:
        return _orang_ketik(data, role, label, errors)
    if sumber == pihak_mod.SumberOrang.PENDUDUK:
        raw = str(data.get(f"pihak-{role}-penduduk_id", "") or "")
        found = selectors.penduduk_for_letter_list(pks=[int(raw)]) if raw.isdecimal() else {}
        if found:
            hubungan = _KONTROL.sub("", str(data.get(f"pihak-{role}-hubungan", "") or ""))
            return pihak_mod.Orang.from_penduduk(
                next(iter(found.values())), hubungan=hubungan.strip()[:60]
            )
    errors[f"pihak-{role}-sumber"] = gettext(
        "%(peran)s belum diisi: pilih dari data penduduk atau ketik datanya."
    ) % {"peran": label}
    return None


def _peristiwa_clean(data: Mapping[str, Any], codes: set[str], errors: dict) -> dict[str, str]:
    """The event typed for the subject: the fields the template prints are required,
    dates are real and not in the future, times ``HH:MM``."""
    result: dict[str, str] = {}
    for jenis in pihak_mod.peristiwa_used(codes):
        for kode, nama, tipe in pihak_mod.PERISTIWA[jenis]:
            value = _KONTROL.sub("", str(data.get(f"peristiwa-{kode}", "") or "")).strip()[:100]
            needed = kode in codes or (
                tipe == "date"
                and kode in {t for h, t in pihak_mod.HARI_PERISTIWA.items() if h in codes}
            )
            key = f"peristiwa-{kode}"
            if not value:
                if needed:
                    errors[key] = gettext("%(nama)s wajib diisi.") % {"nama": nama}
                continue
            if tipe == "date":
                try:
                    if dt.date.fromisoformat(value) > timezone.localdate():
                        errors[key] = gettext("%(nama)s tidak boleh di masa depan.") % {
                            "nama": nama
                        }
                except ValueError:
                    errors[key] = gettext("%(nama)s bukan tanggal yang sah.") % {"nama": nama}
            elif tipe == "time" and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
                errors[key] = gettext("%(nama)s ditulis JJ:MM.") % {"nama": nama}
            elif tipe == "number" and not value.isdecimal():
                errors[key] = gettext("%(nama)s harus angka.") % {"nama": nama}
            result[kode] = value
    return result


def surat_pihak_parse(
    *, format_surat: FormatSurat, data: Mapping[str, Any], penduduk: Any = None
) -> dict[str, Any]:
    """The people a letter names, from its form (``pihak-<role>-<field>``,
    ``peristiwa-<kode>``, ``pengikut``: ids): each role the template prints picked from
    the register (``sumber=penduduk``, ``penduduk_id``) or typed in (``sumber=luar``,
    validated); the subject typed in when there is no ``penduduk``; the subject's event;
    who comes along (members of the subject's family). Raises ``ValidationError`` with
    every problem, keyed by form field. Reads only."""
    codes = merge.fields_used(format_surat.isi)
    codes |= {fields.ALIASES[c] for c in codes if c in fields.ALIASES}
    errors: dict[str, str] = {}
    pihak: dict[str, Any] = {}
    subjek = None
    if penduduk is None:
        subjek = _orang_ketik(data, pihak_mod.SUBJEK, gettext("Yang bersangkutan"), errors)
    for peran in pihak_mod.peran_used(codes, known=fields.BASE_FIELDS):
        pihak[peran.slug] = _orang_clean(data, peran.slug, str(peran.nama), errors)
    peristiwa = _peristiwa_clean(data, codes, errors)
    if subjek is None:
        subjek = pihak_mod.Orang(sumber=pihak_mod.SumberOrang.PENDUDUK, nama=penduduk.nama)
    pihak[pihak_mod.SUBJEK] = dataclasses.replace(subjek, peristiwa=peristiwa)
    if penduduk is not None and codes & set(fields.PENGIKUT_FIELDS):
        chosen = {int(v) for v in _daftar(data.get("pengikut")) if str(v).isdecimal()}
        anggota = selectors.keluarga_anggota_list(keluarga_id=penduduk.keluarga_id)
        pihak[pihak_mod.PENGIKUT] = [
            pihak_mod.Orang.from_penduduk(p, hubungan=str(p.get_kk_level_display() or ""))
            for p in anggota
            if p.pk in chosen and p.pk != penduduk.pk
        ]
    if errors:
        raise ValidationError(errors)
    return pihak


def _daftar(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [v for v in str(value or "").split(",") if v]


def verification_url(token: str) -> str:
    return f"{connection.tenant.url}surat/verifikasi/{token}/"


def _kop(profil: ProfilDesa) -> str:
    """The letterhead of the PDF and of the HTML preview: the village logo (when there
    is one and it can be read; never a broken image), the administrative lines and the
    office's address, postcode, telephone, e-mail and website."""
    logo_uri = ""
    if profil.logo:
        try:
            with profil.logo.open("rb") as handle:
                logo_uri = pdf.image_data_uri(handle.read())
        except (OSError, ValueError):
            logo_uri = ""
    village = fields.village_values(profil, jenis=profil.jenis)
    baris = [
        f"Pemerintah {village['sebutan_kabupaten']} {village['nama_kabupaten']}"
        if village["nama_kabupaten"]
        else "",
        f"Kecamatan {village['nama_kecamatan']}" if village["nama_kecamatan"] else "",
        f"{village['sebutan_desa']} {village['nama_desa']}",
    ]
    alamat = ", ".join(
        p
        for p in (
            profil.alamat_kantor.strip(),
            f"Kode Pos {profil.kode_pos}" if profil.kode_pos.strip() else "",
        )
        if p
    )
    kontak = " · ".join(
        p
        for p in (
            f"Telepon {profil.telepon}" if profil.telepon.strip() else "",
            f"Surel {profil.email}" if profil.email.strip() else "",
            profil.website.removeprefix("https://").removeprefix("http://").rstrip("/"),
        )
        if p
    )
    return pdf.kop_html(
        logo_uri=logo_uri, baris=[b for b in baris if b], alamat=alamat, kontak=kontak
    )


@dataclass(frozen=True)
class Draf:
    """A letter composed but not rendered: its merge values, the cleaned template, the
    merged body (HTML) and what the pre-issue check found in them."""

    values: dict[str, str]
    template: str
    isi: str
    masalah: list[Masalah]
    pihak: dict[str, Any] = field(default_factory=dict)  # the people it names (pihak.py)


def _draft(
    *,
    format_surat: FormatSurat,
    resident: dict[str, str],
    isian: dict[str, str],
    tanggal: dt.date,
    nomor_urut: int | None,
    nomor: str,
    qr: str,
    ttd: Penandatangan,
    check_isian: bool = True,
    profil: ProfilDesa | None = None,
    pihak: dict[str, Any] | None = None,
    keluarga: dict[str, str] | None = None,
) -> Draf:
    """``pihak``: the people the letter names (``village_apps.surat.pihak``); their
    fields fill the template's only where they have a value or nothing else does (the
    subject's own ``[nama_ayah]`` stays when the letter names no father)."""
    profil = profil or _profil()
    settings = pengaturan_get()
    berlaku_sampai = _berlaku_sampai(format_surat, tanggal)
    pihak = pihak or {}
    values: dict[str, str] = {}
    values.update(fields.village_values(profil, jenis=profil.jenis))
    values.update(fields.camat_values(nama=settings.camat_nama, nip=settings.camat_nip))
    values.update(resident)
    for kode, value in fields.role_values(pihak, today=tanggal).items():
        if value or kode not in values:
            values[kode] = value
    values.update(keluarga if keluarga is not None else dict.fromkeys(fields.KELUARGA_FIELDS, ""))
    values.update(
        fields.pengikut_values(
            pihak.get(pihak_mod.PENGIKUT) or [], subjek=pihak.get(pihak_mod.SUBJEK), today=tanggal
        )
    )
    values.update(
        fields.signer_values(
            nama=ttd.nama,
            nip=ttd.nip,
            jabatan=ttd.jabatan,
            nama_desa=profil.nama_desa,
            sebutan_nip=ttd.sebutan_nip,
            jenis=profil.jenis,
        )
    )
    values.update(
        fields.letter_values(
            judul=format_surat.judul,
            kode_surat=format_surat.kode_surat,
            nomor_urut=nomor_urut,
            nomor=nomor,
            tanggal=tanggal,
            berlaku_dari=tanggal,
            berlaku_sampai=berlaku_sampai,
            qr=qr,
        )
    )
    specs = format_surat_isian_list(format_surat)
    values.update(fields.form_values(specs, isian))
    fields.aliases_apply(values)
    # Stored templates are cleaned on write; cleaning again here also covers a row
    # written before that (or by hand in the database) until its migration ran.
    template = html_surat_clean(format_surat.isi)
    body = merge.render(template, values, raw=fields.RAW_FIELDS)
    masalah = checks.letter_problems(
        template=template,
        values=values,
        merged=body,
        kode_isian=specs,
        nomor=_nomor(format_surat, nomor_urut=nomor_urut or 1, tanggal=tanggal, profil=profil),
        ttd_nama=ttd.nama,
        ttd_jabatan=ttd.jabatan,
        check_isian=check_isian,
    )
    return Draf(values=values, template=template, isi=body, masalah=masalah, pihak=pihak)


def _nomor(
    format_surat: FormatSurat, *, nomor_urut: int, tanggal: dt.date, profil: ProfilDesa
) -> str:
    """The letter number in the template's format (or the village's)."""
    return fields.format_number(
        format_surat.format_nomor or pengaturan_get().format_nomor,
        kode_surat=format_surat.kode_surat,
        nomor_urut=nomor_urut,
        kode_desa=profil.kode_desa,
        tanggal=tanggal,
    )


def _lampiran_html(
    format_surat: FormatSurat, draf: Draf, *, penduduk: Any, tanggal: dt.date
) -> list[str]:
    """The template's attachment forms filled from the letter (``lampiran.py``), as HTML
    pages to print after it; none when the template attaches none."""
    kodes = lampiran.kode_dikenal(format_surat.lampiran or [])
    if not kodes:
        return []
    data = lampiran.data_from_letter(
        slug=format_surat.slug,
        values=draf.values,
        penduduk=penduduk,
        anggota=selectors.keluarga_anggota_list(keluarga_id=getattr(penduduk, "keluarga_id", None)),
        tanggal=tanggal,
        pihak=draf.pihak,
    )
    return [lampiran.render_html(kode, data) for kode in kodes]


def _render(
    format_surat: FormatSurat,
    draf: Draf,
    profil: ProfilDesa | None = None,
    *,
    lampiran_html: list[str] | None = None,
) -> bytes:
    """The letter's PDF: its page(s), then its attachment forms, one document."""
    halaman = pdf.Halaman(
        ukuran=format_surat.ukuran,
        orientasi=format_surat.orientasi,
        kiri=format_surat.margin_kiri,
        atas=format_surat.margin_atas,
        kanan=format_surat.margin_kanan,
        bawah=format_surat.margin_bawah,
    )
    kop = _kop(profil or _profil()) if format_surat.kop else ""
    return pdf.render_pdf(draf.isi, halaman=halaman, kop=kop, lampiran=lampiran_html or [])


_QR_PRATINJAU = '<div class="qr-catatan">PRATINJAU — belum berlaku</div>'


def _people(
    *, format_surat: FormatSurat, penduduk: Any, pihak: dict[str, Any] | None, today: dt.date
) -> tuple[dict[str, str], dict[str, Any], dict[str, str] | None]:
    """The subject's fields, everyone the letter names (the subject as ``pihak["subjek"]``,
    with the event fields typed for it) and the subject's family fields (``[klgN_*]``,
    only when the template prints them). The subject is the resident, or else the person
    typed in as ``pihak["subjek"]`` (not on the register)."""
    pihak = dict(pihak or {})
    given = pihak.get(pihak_mod.SUBJEK)
    if penduduk is not None:
        pihak[pihak_mod.SUBJEK] = dataclasses.replace(
            pihak_mod.Orang.from_penduduk(penduduk),
            peristiwa=given.peristiwa if given is not None else {},
        )
        resident = fields.resident_values(penduduk, today=today)
    elif given is not None and given.luar:
        resident = fields.outsider_values(given, today=today)
    else:
        raise ValidationError(
            gettext(
                "Pilih warga yang dibuatkan surat, atau ketik data orang yang bukan penduduk "
                "terdaftar."
            )
        )
    keluarga = None
    if penduduk is not None and merge.fields_used(format_surat.isi) & fields.KELUARGA_FIELDS:
        anggota = selectors.keluarga_anggota_list(keluarga_id=penduduk.keluarga_id)
        keluarga = fields.keluarga_values(anggota, today=today)
    return resident, pihak, keluarga


def _preview_draft(
    *,
    format_surat: FormatSurat,
    penduduk: Any,
    isian: dict[str, str] | None,
    aparatur_id: int | None,
    profil: ProfilDesa,
    pihak: dict[str, Any] | None = None,
) -> Draf:
    """The letter as it would be issued today, with a stand-in for its number and QR.
    ``isian=None``: the operator has not filled the form yet (its fields not checked)."""
    resident, pihak, keluarga = _people(
        format_surat=format_surat, penduduk=penduduk, pihak=pihak, today=timezone.localdate()
    )
    return _draft(
        format_surat=format_surat,
        resident=resident,
        pihak=pihak,
        keluarga=keluarga,
        isian=_isian_values(format_surat, isian or {}),
        tanggal=timezone.localdate(),
        nomor_urut=None,
        nomor=PRATINJAU_NOMOR,
        qr=_QR_PRATINJAU,
        ttd=penandatangan_default(aparatur_id=aparatur_id),
        check_isian=isian is not None,
        profil=profil,
    )


def surat_check(
    *,
    format_surat: FormatSurat,
    penduduk: Any,
    isian: dict[str, Any] | None = None,
    aparatur_id: int | None = None,
    pihak: dict[str, Any] | None = None,
) -> list[Masalah]:
    """The pre-issue check of one letter: what would stop ``surat_issue`` (no signer
    with a name and an office, a field the letter prints left empty — the other
    people's too —, a merge code that would print raw, a unit named twice). Empty: the
    letter can go out. ``isian=None`` checks everything but the form the operator has
    yet to fill (its own fields, the other people, the event). Reads only; takes no
    number."""
    return _preview_draft(
        format_surat=format_surat,
        penduduk=penduduk,
        isian=isian,
        aparatur_id=aparatur_id,
        profil=_profil(),
        pihak=pihak,
    ).masalah


def _example_draft(format_surat: FormatSurat, profil: ProfilDesa) -> Draf:
    """The template filled for an example resident, everyone a letter can name
    (``fields.EXAMPLE_PIHAK``), a family of ten and every form field filled."""
    isian = {
        str(f.get("kode", "")).strip("[]").lower(): f"({f.get('nama') or f.get('kode')})"
        for f in format_surat_isian_list(format_surat)
    }
    return _draft(
        format_surat=format_surat,
        resident=dict(fields.EXAMPLE_RESIDENT),
        pihak=dict(fields.EXAMPLE_PIHAK),
        keluarga=dict(fields.EXAMPLE_KELUARGA),
        isian=isian,
        tanggal=timezone.localdate(),
        nomor_urut=None,
        nomor=PRATINJAU_NOMOR,
        qr=_QR_PRATINJAU,
        ttd=penandatangan_default(),
        profil=profil,
    )


def format_surat_check(*, format_surat: FormatSurat) -> list[Masalah]:
    """The pre-issue check of a template, run when it is saved or imported: the
    template merged for an example resident with every form field filled. Problems
    of ``sumber`` "format" are the template's own (it would never issue cleanly);
    the others are the village's to complete (signer, profile) and hold for every
    template alike. A template offered to residents (``mandiri``) that names other
    people or an event is the template's problem too: the resident's request form does
    not collect them, so the request could never be issued."""
    masalah = list(_example_draft(format_surat, _profil()).masalah)
    if format_surat.mandiri and (
        hanya_petugas := format_surat_office_only_list(format_surat=format_surat)
    ):
        masalah.append(
            Masalah(
                pesan=gettext(
                    "Surat ini memuat isian yang hanya dapat diisi petugas (%(isian)s), jadi "
                    "tidak dapat diminta lewat layanan mandiri: matikan pilihan layanan mandiri."
                )
                % {"isian": ", ".join(hanya_petugas)},
                sumber=SumberMasalah.FORMAT,
            )
        )
    return masalah


def format_surat_office_only_list(*, format_surat: FormatSurat) -> list[str]:
    """What only the office's fill-in page collects for this template: the other people
    it names and the required details of an event (the resident's request form has the
    template's own fields only)."""
    bagian = fields.form_parts(format_surat.isi, subjek_luar=False)
    return [nama for _slug, nama in bagian.peran] + [
        nama for _kode, nama, _tipe, wajib in bagian.peristiwa if wajib
    ]


# Where the village completes what every letter needs (its profile, its signer, the
# letter settings): not a template's gap.
_VILLAGE_SOURCES = frozenset(
    {SumberMasalah.PROFIL, SumberMasalah.PENANDA_TANGAN, SumberMasalah.PENGATURAN}
)


def format_surat_unfilled_list(
    *, format_surat: FormatSurat, masalah: list[Masalah] | None = None
) -> list[str]:
    """The fields a letter of this template would still leave empty (or print raw) with
    every form field filled and everyone it names given (the example of
    ``format_surat_check``; ``masalah``: its result, if at hand). The village's own gaps
    (profile, signer, letter settings) are not the template's and are left out. Empty:
    the template can be filled completely."""
    found = masalah if masalah is not None else format_surat_check(format_surat=format_surat)
    return sorted(
        {
            m.kode.strip("[]").split(",")[0].strip().lower()
            for m in found
            if m.kode and m.sumber not in _VILLAGE_SOURCES
        }
    )


@dataclass(frozen=True)
class SuratHtml:
    """A letter as HTML for the preview in the browser: letterhead, body, problems."""

    kop: str
    isi: str
    masalah: list[Masalah]


def surat_html_build(
    *,
    format_surat: FormatSurat,
    penduduk: Any = None,
    isian: dict[str, Any] | None = None,
    aparatur_id: int | None = None,
    pihak: dict[str, Any] | None = None,
) -> SuratHtml:
    """The letter (or, without ``penduduk`` nor ``pihak``, the template's example) as
    HTML with the same letterhead as the PDF, and what the pre-issue check found.
    Reads only."""
    profil = _profil()
    if penduduk is None and not pihak:
        draf = _example_draft(format_surat, profil)
    else:
        draf = _preview_draft(
            format_surat=format_surat,
            penduduk=penduduk,
            isian=isian,
            aparatur_id=aparatur_id,
            profil=profil,
            pihak=pihak,
        )
    return SuratHtml(
        kop=_kop(profil) if format_surat.kop else "", isi=draf.isi, masalah=draf.masalah
    )


def surat_preview(
    *,
    format_surat: FormatSurat,
    penduduk: Any,
    isian: dict[str, Any],
    aparatur_id: int | None = None,
    pihak: dict[str, Any] | None = None,
) -> bytes:
    """The letter as it would be issued, without a number or QR. Writes nothing and
    consumes no number. Required form fields must be filled; other problems of the
    pre-issue check do not stop a preview (it is how the operator sees them)."""
    profil = _profil()
    draf = _preview_draft(
        format_surat=format_surat,
        penduduk=penduduk,
        isian=isian_clean(format_surat=format_surat, isian=isian),
        aparatur_id=aparatur_id,
        profil=profil,
        pihak=pihak,
    )
    forms = _lampiran_html(format_surat, draf, penduduk=penduduk, tanggal=timezone.localdate())
    return _render(format_surat, draf, profil, lampiran_html=forms)


def _next_number(*, lingkup: str, tahun: int) -> int:
    """Take the next number of ``lingkup``/``tahun``, holding the counter row's lock
    until the caller's transaction ends: a rollback gives the number back, so the
    sequence has no gaps, and concurrent issuers queue on the row."""
    PenomoranSurat.objects.bulk_create(
        [PenomoranSurat(lingkup=lingkup, tahun=tahun)], ignore_conflicts=True
    )
    counter = PenomoranSurat.objects.select_for_update().get(lingkup=lingkup, tahun=tahun)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return counter.terakhir


@transaction.atomic
def surat_issue(
    *,
    format_surat: FormatSurat,
    penduduk: Any,
    isian: dict[str, Any],
    actor: Actor | None = None,
    aparatur_id: int | None = None,
    penandatangan: Penandatangan | None = None,
    pihak: dict[str, Any] | None = None,
) -> SuratKeluar:
    """Issue a letter: take its number, freeze its data, render and store its PDF with
    the verification QR, and audit it — all in one transaction, so a failure anywhere
    consumes no number. The number format and scope come from the settings (a template
    may override the format). ``penandatangan``: who signs (the approver of a resident's
    request at the chain's last step), else the chosen official or the default signer.

    Every letter Balai issues goes through here (the operator's page, the last step of
    a resident's request, the demo) and through the pre-issue check: with any problem
    (``checks.letter_problems``) it raises :class:`SuratBermasalah` listing them all,
    and nothing is stored (the number is given back with the transaction).

    ``pihak``: the other people the letter names and the event typed for the subject
    (``surat_pihak_parse``), frozen on the letter; without ``penduduk`` the subject is
    ``pihak["subjek"]``, typed in (a letter for someone not on the register).

    When the village signs electronically (``signing``, the tte app) and the signer
    holds its certificate, the stored PDF (letter and attachment forms) is the signed
    one; a provider's refusal is a ``ValidationError`` and, likewise, stores nothing."""
    user = actor.user if actor is not None else None
    cleaned = _isian_values(format_surat, isian)
    ttd = penandatangan or penandatangan_default(aparatur_id=aparatur_id)
    settings = pengaturan_get()
    profil = _profil()
    tanggal = timezone.localdate()
    lingkup = "*" if settings.lingkup_nomor == LingkupNomor.GLOBAL else f"format:{format_surat.pk}"
    nomor_urut = _next_number(lingkup=lingkup, tahun=tanggal.year)
    nomor = _nomor(format_surat, nomor_urut=nomor_urut, tanggal=tanggal, profil=profil)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    resident, pihak, keluarga = _people(
        format_surat=format_surat, penduduk=penduduk, pihak=pihak, today=tanggal
    )
    subjek = pihak[pihak_mod.SUBJEK]
    draf = _draft(
        format_surat=format_surat,
        resident=resident,
        pihak=pihak,
        keluarga=keluarga,
        isian=cleaned,
        tanggal=tanggal,
        nomor_urut=nomor_urut,
        nomor=nomor,
        qr=pdf.qr_img(verification_url(token)),
        ttd=ttd,
        profil=profil,
    )
    if draf.masalah:
        raise SuratBermasalah(draf.masalah)
    forms = _lampiran_html(format_surat, draf, penduduk=penduduk, tanggal=tanggal)
    tte = signing.surat_sign(
        pdf=_render(format_surat, draf, profil, lampiran_html=forms),
        penanda_tangan=ttd.nama,
        perihal=format_surat.judul,
        nomor=nomor,
    )
    content = tte.pdf
    values = dict(draf.values)
    values.pop("qr_code", None)  # markup with the token: not part of the frozen data
    surat = SuratKeluar.objects.create(
        format=format_surat,
        lingkup=lingkup,
        tahun=tanggal.year,
        nomor_urut=nomor_urut,
        nomor=nomor,
        token=token,
        perihal=format_surat.judul[:200],
        tanggal=tanggal,
        berlaku_dari=tanggal,
        berlaku_sampai=_berlaku_sampai(format_surat, tanggal),
        penduduk_id=getattr(penduduk, "pk", None),
        nama_warga=subjek.nama,
        nik_warga=subjek.nik,
        subjek_luar=penduduk is None,
        pihak=pihak_mod.pihak_json(pihak),
        ttd_nama=ttd.nama,
        ttd_jabatan=ttd.jabatan,
        data=values,
        pdf=content,
        pdf_sha256=hashlib.sha256(content).hexdigest(),
        dibuat_oleh=user.get_username() if getattr(user, "is_authenticated", False) else "",
    )
    signing.surat_sign_record(surat_id=surat.pk, hasil=tte)
    audit_record(
        action=AuditAction.ISSUE,
        object_type="surat",
        object_id=surat.pk,
        summary=f"{format_surat.slug} {nomor}"
        + (" (bukan penduduk terdaftar)" if penduduk is None else ""),
        actor=actor,
    )
    return surat


@transaction.atomic
def surat_revoke(*, surat_id: int, alasan: str, actor: Actor | None = None) -> SuratKeluar:
    """Revoke an issued letter. It keeps its number and PDF; its verification page
    then says it is revoked, with the reason."""
    user = actor.user if actor is not None else None
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": gettext("Alasan pencabutan wajib diisi.")})
    surat = SuratKeluar.objects.select_for_update().defer("pdf").get(pk=surat_id)
    if surat.status == StatusSurat.DICABUT:
        raise ValidationError(gettext("Surat ini sudah dicabut."))
    surat.status = StatusSurat.DICABUT
    surat.alasan_cabut = alasan[:255]
    surat.dicabut_pada = timezone.now()
    surat.dicabut_oleh = user.get_username() if getattr(user, "is_authenticated", False) else ""
    surat.save(update_fields=["status", "alasan_cabut", "dicabut_pada", "dicabut_oleh"])
    audit_record(
        action=AuditAction.REVOKE,
        object_type="surat",
        object_id=surat.pk,
        actor=actor,
    )
    return surat


@transaction.atomic
def surat_download(*, surat_id: int, actor: Actor | None = None, summary: str = "") -> SuratKeluar:
    """Hand out the stored PDF (byte-identical to the one issued) and audit it."""
    surat = SuratKeluar.objects.get(pk=surat_id)
    audit_record(
        action=AuditAction.DOWNLOAD,
        object_type="surat",
        object_id=surat.pk,
        summary=summary,
        actor=actor,
    )
    return surat
