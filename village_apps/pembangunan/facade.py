"""What the rest of Balai may call in the development-projects module, inside a
village context: the ``OpenDKSource`` and ``DemoData`` contracts
(``village_apps.contracts``), and the finished projects other registers record
(the village's assets, ``village_apps.inventaris``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from village_apps.contracts import ProyekSelesai
from village_apps.pembangunan.demo import load_demo_village
from village_apps.pembangunan.models import Proyek


def opendk_rows() -> Mapping[str, Sequence[Mapping[str, Any]]]:
    """The village's projects in OpenDK's ``pembangunan`` shape."""
    return {
        "pembangunan": [
            {
                "id": p.pk,
                "judul": p.nama,
                "lokasi": p.lokasi,
                "sumber_dana": p.sumber_dana_label,
                "anggaran": p.anggaran,
                "tahun_anggaran": p.tahun,
                "pelaksana_kegiatan": p.pelaksana,
                "volume": p.volume,
                "keterangan": p.keterangan,
            }
            for p in Proyek.objects.order_by("pk")
        ]
    }


def _selesai(p: Proyek) -> ProyekSelesai:
    return ProyekSelesai(
        pk=p.pk,
        nama=p.nama,
        lokasi=p.lokasi,
        tahun=p.tahun,
        anggaran=p.anggaran,
        sumber_dana=tuple(p.sumber_dana),
        volume=p.volume,
        pelaksana=p.pelaksana,
    )


def proyek_selesai_list(*, kecuali: Sequence[int] = ()) -> list[ProyekSelesai]:
    """Finished projects, newest first, without those whose ids are in ``kecuali``."""
    qs = Proyek.objects.filter(progres=100).exclude(pk__in=list(kecuali))
    return [_selesai(p) for p in qs.order_by("-tahun", "nama", "pk")]


def proyek_selesai_get(*, pk: int) -> ProyekSelesai | None:
    p = Proyek.objects.filter(progres=100, pk=pk).first()
    return _selesai(p) if p is not None else None


__all__ = [
    "ProyekSelesai",
    "load_demo_village",
    "opendk_rows",
    "proyek_selesai_get",
    "proyek_selesai_list",
]
