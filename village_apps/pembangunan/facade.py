"""What the rest of Balai may call in the development-projects module, inside a
village context: the ``OpenDKSource`` and ``DemoData`` contracts
(``village_apps.contracts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


__all__ = ["load_demo_village", "opendk_rows"]
