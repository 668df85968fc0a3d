"""Writes of residents. Each public service is one transaction with its audit row and,
when the population changes, its event-log row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.import_job import import_job_finish, import_job_open, import_job_start
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.penduduk.models import NikMode, Penduduk, PengaturanPenduduk
from village_apps.penduduk.selectors import penduduk_kemungkinan_ganda, pengaturan_get
from village_apps.penduduk.validation import nik_temuan_struktur, nomor_16_digit


@dataclass
class HasilSimpan:
    """A saved resident and the warnings the operator should see."""

    penduduk: Penduduk
    peringatan: list[str] = field(default_factory=list)


def kode_desa_get() -> str:
    from village_apps.profil.selectors import profil_get

    profil = profil_get()
    return profil.kode_desa if profil else "0000000000"


def nomor_sementara_baru(*, jenis: str) -> str:
    """OpenSID's temporary number for a resident without NIK (``jenis="nik"``) or a
    family without KK (``"kk"``): ``0`` + 10-digit village code + 5-digit sequence."""
    from village_apps.keluarga.models import Keluarga

    prefix = "0" + kode_desa_get().zfill(10)[:10]
    if jenis == "kk":
        last = Keluarga.objects.filter(no_kk__startswith=prefix).aggregate(m=Max("no_kk"))["m"]
    else:
        last = Penduduk.objects.filter(nik__startswith=prefix).aggregate(m=Max("nik"))["m"]
    seq = int(last[11:]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def nik_periksa(*, nik: str, tanggallahir: date | None, sex: int | None) -> tuple[list, list]:
    """(errors, warnings) for a NIK under the village's setting."""
    if not nomor_16_digit(nik):
        return [_("NIK harus 16 angka.")], []
    findings = nik_temuan_struktur(nik, tanggallahir=tanggallahir, sex=sex)
    if pengaturan_get().nik_struktur == NikMode.ERROR:
        return findings, []
    return [], findings


def _tandai_ganda(penduduk: Penduduk) -> list[str]:
    others = list(
        penduduk_kemungkinan_ganda(
            nama=penduduk.nama, tanggallahir=penduduk.tanggallahir, exclude_pk=penduduk.pk
        ).values_list("pk", flat=True)
    )
    if not others:
        return []
    Penduduk.objects.filter(pk__in=[*others, penduduk.pk]).update(kemungkinan_ganda=True)
    penduduk.kemungkinan_ganda = True
    return [
        _("Kemungkinan data ganda: %(n)d penduduk lain dengan nama dan tanggal lahir sama.")
        % {"n": len(others)}
    ]


def _simpan(penduduk: Penduduk) -> list[str]:
    if not penduduk.nik:
        penduduk.nik = nomor_sementara_baru(jenis="nik")
    errors, warnings = nik_periksa(
        nik=penduduk.nik, tanggallahir=penduduk.tanggallahir, sex=penduduk.sex
    )
    if errors:
        raise ValidationError({"nik": errors})
    penduduk.full_clean(exclude=["foto"])
    penduduk.save()
    return warnings + _tandai_ganda(penduduk)


@transaction.atomic
def penduduk_create(
    *,
    data: dict[str, Any],
    kode_peristiwa: int | None = None,
    tanggal_peristiwa: date | None = None,
    actor: Actor | None = None,
) -> HasilSimpan:
    """Add a resident (empty NIK → temporary number) and log how they entered the
    population: ``kode_peristiwa`` is lahir, pindah masuk or data awal (default).
    A resident joining a family without an address unit of their own lives where the
    family does. Raises ``ValidationError`` (field-keyed, Indonesian) and saves nothing
    on error."""
    from village_apps.peristiwa.choices import KodePeristiwa
    from village_apps.peristiwa.services import log_masuk

    data = dict(data)
    if data.get("keluarga") and not data.get("wilayah"):
        data["wilayah"] = data["keluarga"].wilayah
    penduduk = Penduduk(**data)
    peringatan = _simpan(penduduk)
    kode = kode_peristiwa or KodePeristiwa.DATA_AWAL
    log_masuk(
        penduduk=penduduk,
        kode=kode,
        tanggal_peristiwa=tanggal_peristiwa or timezone.localdate(),
        actor=actor,
    )
    if penduduk.keluarga_id and penduduk.kk_level == 1:
        from village_apps.keluarga.models import Keluarga

        Keluarga.objects.filter(pk=penduduk.keluarga_id, kepala__isnull=True).update(
            kepala=penduduk
        )
    audit_record(
        action=AuditAction.CREATE,
        object_type="penduduk",
        object_id=penduduk.pk,
        actor=actor,
    )
    return HasilSimpan(penduduk, peringatan)


@transaction.atomic
def penduduk_update(
    *,
    penduduk: Penduduk,
    data: dict[str, Any],
    actor: Actor | None = None,
) -> HasilSimpan:
    """Change a resident's data. ``status_dasar`` is not editable here: it changes only
    through an event (``village_apps.peristiwa.services``)."""
    data = {k: v for k, v in data.items() if k != "status_dasar"}
    for key, value in data.items():
        setattr(penduduk, key, value)
    peringatan = _simpan(penduduk)
    audit_record(
        action=AuditAction.UPDATE,
        object_type="penduduk",
        object_id=penduduk.pk,
        actor=actor,
    )
    return HasilSimpan(penduduk, peringatan)


@transaction.atomic
def pengaturan_update(*, nik_struktur: str, actor: Actor | None = None):
    """Switch NIK-structure findings between warnings and errors for this village."""
    pengaturan = pengaturan_get()
    pengaturan.nik_struktur = nik_struktur
    pengaturan.full_clean()
    pengaturan.save()
    audit_record(
        action=AuditAction.UPDATE,
        object_type="pengaturan_penduduk",
        object_id=1,
        actor=actor,
    )
    return pengaturan


@transaction.atomic
def pengaturan_statistik_update(
    *, kategori: Iterable[str], actor: Actor | None = None
) -> PengaturanPenduduk:
    """Choose the special statistics categories (health, disability, pregnancy,
    contraception) the village publishes; every other one stays off every public output.

    Writes the audit row (which categories were opened and closed) in the same
    transaction. The save asks the dashboards for a new publish after commit (their
    ``post_save`` listener), which adds or removes the categories from the open data
    within seconds; the website's cached pages are retired at once."""
    from village_apps.web.cache import situs_cache_invalidate

    pengaturan = PengaturanPenduduk.objects.select_for_update().get_or_create(pk=1)[0]
    lama, baru = set(pengaturan.statistik_sensitif or []), set(kategori)
    pengaturan.statistik_sensitif = sorted(baru)
    pengaturan.full_clean()
    pengaturan.save()
    audit_record(
        action=AuditAction.UPDATE,
        object_type="pengaturan_statistik",
        object_id=1,
        summary="statistik khusus dibuka: {}; ditutup: {}".format(
            ", ".join(sorted(baru - lama)) or "-", ", ".join(sorted(lama - baru)) or "-"
        ),
        actor=actor,
    )
    situs_cache_invalidate()
    return pengaturan


# Files above this size are imported by the background worker (with progress).
IMPOR_LATAR_BYTES = 512 * 1024


@transaction.atomic
def impor_antre(
    *, nama_berkas: str, isi: bytes, perbarui: bool, village_id: int, actor: Actor | None = None
):
    """Queue a large workbook for the background import (deferred on commit).

    The archive guard runs here, before anything is stored or queued, so every caller
    (the back office, scripts, the CLI) gets a bomb or a file that is not a workbook
    refused at once with ``BerkasDitolak`` (its message is for the operator), instead
    of a worker that dies on it. The guard reads the bytes in 1 MB pieces."""
    import io

    from village_apps.penduduk.excel import berkas_periksa
    from village_apps.penduduk.models import ImporPenduduk
    from village_apps.penduduk.tasks import penduduk_impor_task

    berkas_periksa(io.BytesIO(isi), nama_berkas)
    impor = ImporPenduduk.objects.create(
        nama_berkas=nama_berkas[:200],
        isi=isi,
        perbarui=perbarui,
        created_by_id=(actor.user_id if actor is not None else None),
    )
    transaction.on_commit(
        lambda: penduduk_impor_task.defer(village_id=village_id, impor_id=impor.pk)
    )
    return impor


def penduduk_import_upload(*, berkas: Any, perbarui: bool, village_id: int, actor: Actor):
    """An uploaded workbook: a large one is queued for the worker, a small one
    imported at once (all or nothing) and its report kept as a finished job, so both
    end on the same status page. ``BerkasDitolak`` for a file that is no workbook."""
    from village_apps.penduduk.choices import StatusImpor
    from village_apps.penduduk.excel import penduduk_impor_excel
    from village_apps.penduduk.models import ImporPenduduk

    if berkas.size > IMPOR_LATAR_BYTES:
        return impor_antre(
            nama_berkas=berkas.name,
            isi=berkas.read(),
            perbarui=perbarui,
            village_id=village_id,
            actor=actor,
        )
    hasil = penduduk_impor_excel(
        source=berkas, nama_berkas=berkas.name, perbarui=perbarui, actor=actor
    ).as_dict()
    return ImporPenduduk.objects.create(
        nama_berkas=berkas.name[:200],
        status=StatusImpor.SELESAI if hasil["ok"] else StatusImpor.GAGAL,
        hasil=hasil,
        diproses=hasil["baris"],
        created_by_id=actor.user_id,
    )


def _impor_gagal(impor_id: int, pesan: str) -> None:
    from village_apps.penduduk.models import ImporPenduduk

    import_job_finish(
        ImporPenduduk.objects,
        pk=impor_id,
        ok=False,
        hasil={"ok": False, "errors": [{"baris": 0, "kolom": "", "nilai": "", "pesan": pesan}]},
        isi=b"",
        diproses=0,
    )


def impor_jalankan(*, impor_id: int, percobaan: int = 0) -> None:
    """Run a queued import in the current village, recording progress and the report.

    The import itself is one transaction (all or nothing); progress rows are written
    outside it. A run killed mid-way therefore wrote no resident, and leaves the row
    ``berjalan`` with its file kept: the next run of the job (``percobaan`` earlier
    attempts) takes it over from the start, unless a live run still holds it. Any
    error ends in ``gagal`` with a message, never in a row stuck ``berjalan``."""
    import io

    from tenants.jobs import rerun_abandoned, rerun_lock
    from village_apps.penduduk.excel import BerkasDitolak, penduduk_impor_excel
    from village_apps.penduduk.models import ImporPenduduk

    with rerun_lock(f"penduduk-impor:{impor_id}") as dapat:
        if not dapat:
            return  # a live run has it
        # Read under the lock: a live run that just finished has released it.
        impor = ImporPenduduk.objects.get(pk=impor_id)
        if not import_job_open(impor.status):
            return
        if pesan := rerun_abandoned(percobaan):
            _impor_gagal(impor.pk, pesan)
            return
        import_job_start(ImporPenduduk.objects, pk=impor.pk, diproses=0)

        def progress(done: int, _total: int) -> None:
            ImporPenduduk.objects.filter(pk=impor.pk).update(diproses=done)

        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=impor.created_by_id).first()
        actor = Actor.for_user(user) if user is not None else None
        try:
            hasil = penduduk_impor_excel(
                source=io.BytesIO(bytes(impor.isi)),
                nama_berkas=impor.nama_berkas,
                perbarui=impor.perbarui,
                actor=actor,
                progress=progress,
            ).as_dict()
        except BerkasDitolak as exc:
            hasil = {
                "ok": False,
                "errors": [{"baris": 0, "kolom": "", "nilai": "", "pesan": str(exc)}],
            }
        except Exception:
            _impor_gagal(
                impor.pk,
                _(
                    "Impor gagal karena kesalahan sistem. Tidak ada data yang disimpan; "
                    "silakan unggah ulang berkas."
                ),
            )
            raise
        import_job_finish(
            ImporPenduduk.objects,
            pk=impor.pk,
            ok=hasil["ok"],
            hasil=hasil,
            isi=b"",
            diproses=hasil.get("baris", 0),
        )
