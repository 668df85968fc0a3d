"""Moving an OpenSID village into a Balai village, all or nothing.

``opensid_import`` reads the dump (no MySQL), checks every reference, writes the
village's registers in one transaction inside the target village, then compares
OpenSID's dashboard numbers (computed on the source rows with OpenSID's rules) with
Balai's own (through the population facade). Any error, a difference without
``accept_differences``, or ``dry_run`` rolls the whole transaction back, files included.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.translation import gettext, pgettext

from balai_kernel.actor import Actor
from balai_kernel.import_job import import_job_finish, import_job_open, import_job_start
from tenants.context import village_context
from tenants.models import Village
from village_apps.opensid_import import files
from village_apps.opensid_import.mapping import (
    MAPPED,
    REQUIRED,
    Laporan,
    Writer,
    breakdown,
    check,
    explain,
    kode_digits,
    select_village,
    source_sets,
    unmapped,
)
from village_apps.opensid_import.models import ImporOpenSID
from village_apps.opensid_import.reader import DumpError, read_dump
from village_apps.opensid_import.selectors import balai_sets

Progress = Callable[[int, str], None]


class _Rollback(Exception):
    """Leaves the import transaction without committing (dry run, error, difference)."""


def _noop(percent: int, stage: str) -> None:
    return None


def opensid_import(
    *,
    village: Village | str | int,
    dump_path: str | Path,
    desa_zip: str | Path | None = None,
    kode_desa: str = "",
    strict: bool = False,
    dry_run: bool = False,
    accept_differences: bool = False,
    replace: bool = False,
    actor: Actor | None = None,
    progress: Progress = _noop,
) -> Laporan:
    """Import one OpenSID village into ``village`` (which must hold no residents yet).

    ``replace`` (the caller has asked for confirmation) empties the village's registers
    first, in the same transaction, so a failed import leaves the old data in place.
    Returns the report; ``report.ok`` is true only when the data was committed (or, for
    a dry run, would have been). Enters the village context itself; one transaction;
    one audit row (counts only, no personal data) in the same transaction.
    """
    laporan = Laporan()
    progress(5, pgettext("tahap impor", "membaca"))
    try:
        dump = read_dump(dump_path, keep=set(MAPPED))
    except DumpError as exc:
        laporan.errors.append(gettext("Berkas cadangan rusak: %(pesan)s") % {"pesan": exc})
        return laporan
    except OSError as exc:
        laporan.errors.append(
            gettext("Berkas cadangan tidak dapat dibuka: %(pesan)s") % {"pesan": exc.strerror}
        )
        return laporan
    laporan.tables = dict(sorted(dump.counts.items()))
    laporan.unmapped = unmapped(dump)
    if dump.repaired_text:
        laporan.warnings.append(
            gettext("%(n)s teks ber-encoding ganda diperbaiki.") % {"n": dump.repaired_text}
        )
    missing = [t for t in REQUIRED if t not in dump.tables]
    if missing:
        laporan.errors.append(
            gettext("Tabel wajib tidak ada: %(daftar)s.") % {"daftar": ", ".join(missing)}
        )
        return laporan
    with village_context(village) as target:
        chosen = kode_digits(kode_desa) or target.code
        rows = select_village(dump, kode_desa=chosen, laporan=laporan)
        config = (rows["config"] or [{}])[0]
        if kode_digits(config.get("kode_desa")) != target.code:
            message = gettext(
                "Kode desa di cadangan (%(kode)s) berbeda dengan kode desa tujuan (%(tujuan)s)."
            ) % {"kode": kode_digits(config.get("kode_desa")) or "-", "tujuan": target.code}
            (laporan.errors if strict else laporan.warnings).append(message)
        progress(15, pgettext("tahap impor", "memeriksa"))
        check(rows, laporan)
        sets = source_sets(rows)
        laporan.source = {key: len(ids) for key, ids in sets.items()}
        laporan.breakdown = breakdown(rows)
        if laporan.errors:
            return laporan
        _write(
            rows,
            laporan,
            sets=sets,
            target=target,
            desa_zip=desa_zip,
            dry_run=dry_run,
            accept_differences=accept_differences,
            replace=replace,
            actor=actor,
            progress=progress,
        )
    progress(100, pgettext("tahap impor", "selesai"))
    return laporan


def _write(
    rows: dict[str, list[dict]],
    laporan: Laporan,
    *,
    sets: dict[str, set],
    target: Village,
    desa_zip: str | Path | None,
    dry_run: bool,
    accept_differences: bool,
    replace: bool,
    actor: Actor | None,
    progress: Progress,
) -> None:
    from village_apps.audit.choices import AuditAction
    from village_apps.audit.services import audit_record
    from village_apps.penduduk.models import Penduduk

    saved: list[str] = []
    progress(30, pgettext("tahap impor", "menulis data"))
    try:
        with transaction.atomic():
            if replace:
                _registers_clear()
                laporan.warnings.append(
                    gettext("Data desa sebelumnya diganti dengan data OpenSID.")
                )
            elif Penduduk.objects.exists():
                laporan.errors.append(
                    gettext(
                        "Desa tujuan sudah berisi data penduduk; impor hanya ke desa baru (atau ganti datanya dengan --replace dan konfirmasi)."
                    )
                )
                raise _Rollback
            writer = Writer(rows, laporan, tz=target.timezone_name, kode_desa=target.code)
            writer.write_all()
            if desa_zip:
                progress(80, pgettext("tahap impor", "menyalin berkas"))
                try:
                    with zipfile.ZipFile(desa_zip) as archive:
                        saved += files.attach(archive, writer, laporan)
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    laporan.errors.append(
                        gettext("Arsip folder desa bukan ZIP yang dapat dibaca: %(pesan)s")
                        % {"pesan": exc}
                    )
                    raise _Rollback from exc
            progress(90, pgettext("tahap impor", "memverifikasi"))
            balai, balai_ids = balai_sets(writer)
            laporan.balai = balai
            for key, source_ids in sets.items():
                if laporan.source[key] != balai[key]:
                    laporan.differences[key] = explain(rows, key, source_ids, balai_ids[key])
            if laporan.differences and not accept_differences:
                laporan.errors.append(
                    gettext(
                        "Angka Balai berbeda dengan angka OpenSID: %(angka)s (lihat 'differences';"
                        " ulangi dengan --accept-differences untuk menerima)."
                    )
                    % {"angka": ", ".join(sorted(laporan.differences))}
                )
                raise _Rollback
            audit_record(
                action=AuditAction.IMPORT,
                object_type="opensid",
                summary="Impor OpenSID: "
                + ", ".join(f"{k} {v}" for k, v in sorted(laporan.balai.items())),
                actor=actor,
            )
            laporan.ok = True
            if dry_run:
                laporan.warnings.append(
                    gettext("Uji coba (--dry-run): tidak ada data yang disimpan.")
                )
                raise _Rollback
            from village_apps.web.cache import situs_cache_invalidate

            situs_cache_invalidate()  # public pages show the imported numbers at once
    except _Rollback:
        files.remove(saved)
    except DatabaseError as exc:
        # A row Balai's constraints refuse that the checks did not foresee.
        files.remove(saved)
        laporan.ok = False
        laporan.errors.append(
            gettext("Basis data menolak data: %(pesan)s") % {"pesan": str(exc).splitlines()[0]}
        )


# Every register the import writes (models as ``app_label.Model``).
REGISTERS = tuple(
    (
        "penduduk.Penduduk keluarga.Keluarga keluarga.RumahTangga wilayah.Dusun wilayah.RW "
        "wilayah.RT peristiwa.LogPenduduk peristiwa.LogKeluarga kelompok.KategoriKelompok "
        "kelompok.Kelompok kelompok.KelompokAnggota bantuan.Program bantuan.Peserta "
        "profil.Aparatur web.Artikel web.Kategori pengaduan.Pengaduan pengaduan.Tanggapan "
        "pembangunan.Proyek keuangan.Apbdes keuangan.BarisApbdes produk_hukum.ProdukHukum "
        "inventaris.MutasiAset inventaris.Aset tanah.TanahDesa tanah.TanahKasDesa"
    ).split()
)


def _registers_clear() -> None:
    """Empty every register the import writes (and, by CASCADE, what hangs off them,
    e.g. self-service PINs). Runs inside the import's transaction."""
    from django.apps import apps
    from django.db import connection

    tables = ", ".join(
        connection.ops.quote_name(apps.get_model(x)._meta.db_table) for x in REGISTERS
    )
    with connection.cursor() as cur:
        # Deferred FK checks still pending in this transaction block TRUNCATE.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute(f"TRUNCATE {tables} CASCADE")
        cur.execute("SET CONSTRAINTS ALL DEFERRED")
    from village_apps.surat.models import SuratKeluar

    SuratKeluar.objects.filter(lingkup="opensid").delete()


def impor_antre(
    *,
    berkas: Any,
    berkas_desa: Any = None,
    kode_desa: str = "",
    ketat: bool = False,
    terima_selisih: bool = False,
    uji_coba: bool = False,
    ganti: bool = False,
    village_id: int,
    actor: Actor | None = None,
) -> ImporOpenSID:
    """Store the uploaded files in the village's storage and queue the import
    (deferred on commit, so the worker sees the row)."""
    from django.utils import translation

    from village_apps.opensid_import.tasks import opensid_import_task

    # The report is written by the worker in the language of the person who uploaded.
    bahasa = translation.get_language() or ""

    with transaction.atomic():
        impor = ImporOpenSID.objects.create(
            berkas=berkas,
            berkas_desa=berkas_desa or "",
            nama_berkas=berkas.name[:200],
            kode_desa=kode_desa,
            ketat=ketat,
            terima_selisih=terima_selisih,
            uji_coba=uji_coba,
            ganti=ganti,
            created_by_id=(actor.user_id if actor is not None else None),
        )
        transaction.on_commit(
            lambda: opensid_import_task.defer(
                village_id=village_id, impor_id=impor.pk, bahasa=bahasa
            )
        )
    return impor


def impor_jalankan(*, impor_id: int, percobaan: int = 0) -> None:
    """Run a queued import in the current village. Progress is written outside the
    import's own transaction so the status page can show it; the files are deleted
    afterwards, whatever the outcome.

    A run killed mid-way (its worker died) wrote nothing, and leaves the row
    ``berjalan`` with its files kept: the next run of the job (``percobaan`` earlier
    attempts, the job put back by ``tenants.jobs``) takes it over from the start,
    unless a live run still holds it; after too many dead runs it ends ``gagal``."""
    from tenants.jobs import rerun_lock

    with rerun_lock(f"opensid-impor:{impor_id}") as dapat:
        if dapat:  # else a live run has it
            _impor_ambil_alih(impor_id, percobaan)


def _impor_ambil_alih(impor_id: int, percobaan: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tenants.jobs import rerun_abandoned

    # Read under the lock: a live run that just finished has released it.
    impor = ImporOpenSID.objects.get(pk=impor_id)
    if not import_job_open(impor.status):
        return
    if pesan := rerun_abandoned(percobaan):
        laporan = Laporan()
        laporan.errors.append(pesan)
        _impor_selesai(impor, laporan)
        return
    import_job_start(ImporOpenSID.objects, pk=impor.pk, persen=0, tahap="")

    def progress(percent: int, stage: str) -> None:
        if not connection.in_atomic_block:
            ImporOpenSID.objects.filter(pk=impor.pk).update(persen=percent, tahap=stage)

    user = get_user_model().objects.filter(pk=impor.created_by_id).first()
    actor = Actor.for_user(user) if user is not None else None
    try:
        # The storage may be remote (S3): the reader wants local files.
        with tempfile.TemporaryDirectory(prefix="opensid-") as tmp:
            dump_path = _local_copy(impor.berkas, Path(tmp) / "cadangan")
            zip_path = (
                _local_copy(impor.berkas_desa, Path(tmp) / "desa.zip")
                if impor.berkas_desa
                else None
            )
            laporan = opensid_import(
                village=connection.tenant,
                dump_path=dump_path,
                desa_zip=zip_path,
                kode_desa=impor.kode_desa,
                strict=impor.ketat,
                dry_run=impor.uji_coba,
                accept_differences=impor.terima_selisih,
                replace=impor.ganti,
                actor=actor,
                progress=progress,
            )
    except Exception:
        # A backup the checks did not foresee (the import's transaction already rolled
        # back): the row must not stay "berjalan" for ever, and the files must go.
        laporan = Laporan()
        laporan.errors.append(
            gettext(
                "Impor gagal karena kesalahan sistem saat membaca cadangan. Tidak ada data yang disimpan; periksa berkasnya lalu unggah ulang."
            )
        )
        _impor_selesai(impor, laporan)
        raise
    _impor_selesai(impor, laporan)


def _impor_selesai(impor: ImporOpenSID, laporan: Laporan) -> None:
    for f in (impor.berkas, impor.berkas_desa):
        if f:
            f.delete(save=False)
    import_job_finish(
        ImporOpenSID.objects,
        pk=impor.pk,
        ok=laporan.ok,
        persen=100,
        hasil=laporan.as_dict(),
        berkas="",
        berkas_desa="",
    )


def _local_copy(field: Any, target: Path) -> Path:
    with field.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return target
