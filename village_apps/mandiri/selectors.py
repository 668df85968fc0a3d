"""Reads of the self-service module."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from village_apps.mandiri.choices import APPROVAL_STATUSES, OPEN_STATUSES
from village_apps.mandiri.models import Permohonan
from village_apps.penduduk.models import Penduduk


def resident_get(*, penduduk_id: int) -> Penduduk:
    return Penduduk.objects.select_related("wilayah__rw__dusun", "keluarga").get(pk=penduduk_id)


def family_of(*, penduduk: Penduduk) -> list[Penduduk]:
    """Members of the resident's family (same KK), the resident included."""
    if penduduk.keluarga_id is None:
        return [penduduk]
    return list(
        Penduduk.objects.filter(keluarga_id=penduduk.keluarga_id, status_dasar=1).order_by(
            "kk_level", "tanggallahir", "id"
        )
    )


def permohonan_of(*, penduduk_id: int) -> QuerySet[Permohonan]:
    return Permohonan.objects.filter(penduduk_id=penduduk_id).select_related("format")


def permohonan_queue(*, status: str = "") -> QuerySet[Permohonan]:
    """The operators' queue: open requests first (oldest first), or one status."""
    qs = Permohonan.objects.select_related("format", "penduduk")
    if status.isdigit():
        return qs.filter(status=int(status)).order_by("dibuat_pada", "id")
    return qs.filter(status__in=OPEN_STATUSES).order_by("dibuat_pada", "id")


def permohonan_inbox_list(*, tahap: list[int], panjang_rantai: int) -> QuerySet[Permohonan]:
    """Requests waiting at one of the chain steps ``tahap`` (indexes of the chain, which
    has ``panjang_rantai`` steps), oldest first. A request past a chain shortened since
    waits at its last step."""
    if not tahap:
        return Permohonan.objects.none()
    waiting = Q(tahap__in=tahap)
    if panjang_rantai - 1 in tahap:
        waiting |= Q(tahap__gte=panjang_rantai - 1)
    return (
        Permohonan.objects.select_related("format", "penduduk")
        .filter(waiting, status__in=APPROVAL_STATUSES)
        .order_by("dibuat_pada", "id")
    )


def permohonan_get(*, pk: int) -> Permohonan:
    return (
        Permohonan.objects.select_related("format", "penduduk", "surat")
        .prefetch_related("dokumen")
        .get(pk=pk)
    )


def permohonan_isian_list(*, permohonan: Permohonan) -> list[tuple[str, str]]:
    """The resident's answers as (label, value), in the letter format's field order: the
    label is the format's name for the field (``form_keperluan`` → "Keperluan"). A key
    the format no longer lists keeps a readable form of itself, after the known ones."""
    labels = {
        f["kode"]: f.get("nama") or f["kode"]
        for f in permohonan.format.kode_isian
        if isinstance(f, dict) and f.get("kode")
    }
    answers = dict(permohonan.isian)
    rows = [(labels[k], str(answers.pop(k))) for k in labels if k in answers]
    rows += [
        (k.removeprefix("form_").replace("_", " ").capitalize(), str(v)) for k, v in answers.items()
    ]
    return rows
