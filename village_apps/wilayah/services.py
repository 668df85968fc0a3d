"""Writes of the dusun → RW → RT hierarchy."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from balai_kernel.actor import Actor
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.wilayah.models import RT, RW, TANPA, Dusun


def _nama(value: str | None) -> str:
    value = (value or "").strip()
    return value or TANPA


@transaction.atomic
def wilayah_ensure(*, dusun: str, rw: str = "", rt: str = "") -> RT:
    """The RT leaf for (dusun, RW, RT), created with its parents when missing. Empty or
    ``-`` RW/RT become the ``-`` placeholder units (OpenSID's convention)."""
    d, _c = Dusun.objects.get_or_create(nama=dusun.strip())
    w, _c = RW.objects.get_or_create(dusun=d, nama=_nama(rw))
    t, _c = RT.objects.get_or_create(rw=w, nama=_nama(rt))
    return t


@transaction.atomic
def dusun_create(*, nama: str, actor: Actor | None = None) -> Dusun:
    dusun = Dusun(nama=nama.strip())
    dusun.full_clean()
    dusun.save()
    RT.objects.create(rw=RW.objects.create(dusun=dusun, nama=TANPA), nama=TANPA)
    audit_record(action=AuditAction.CREATE, object_type="dusun", object_id=dusun.pk, actor=actor)
    return dusun


@transaction.atomic
def rw_create(*, dusun: Dusun, nama: str, actor: Actor | None = None) -> RW:
    rw = RW(dusun=dusun, nama=nama.strip())
    rw.full_clean()
    rw.save()
    RT.objects.create(rw=rw, nama=TANPA)
    audit_record(action=AuditAction.CREATE, object_type="rw", object_id=rw.pk, actor=actor)
    return rw


@transaction.atomic
def rt_create(*, rw: RW, nama: str, actor: Actor | None = None) -> RT:
    rt = RT(rw=rw, nama=nama.strip())
    rt.full_clean()
    rt.save()
    audit_record(action=AuditAction.CREATE, object_type="rt", object_id=rt.pk, actor=actor)
    return rt


@transaction.atomic
def wilayah_set_kepala(*, unit: Any, kepala_id: int | None, actor: Actor | None = None) -> Any:
    """Set the head of a dusun (kepala) or RW/RT (ketua)."""
    attr = "kepala_id" if isinstance(unit, Dusun) else "ketua_id"
    setattr(unit, attr, kepala_id)
    unit.save(update_fields=[attr])
    audit_record(
        action=AuditAction.UPDATE,
        object_type=type(unit).__name__.lower(),
        object_id=unit.pk,
        actor=actor,
    )
    return unit
