"""What the rest of Balai may call in the aid-programme module, inside a village
context: the ``OpenDKSource`` and ``DemoData`` contracts (``village_apps.contracts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from village_apps.bantuan.demo import load_demo_village
from village_apps.bantuan.models import Program


def opendk_rows() -> Mapping[str, Sequence[Mapping[str, Any]]]:
    """The village's aid programmes in OpenDK's ``program_bantuan`` shape. Participants
    carry NIKs and are left out (``peserta_bantuan`` stays empty)."""
    today = timezone.localdate()
    return {
        "program_bantuan": [
            {
                "id": p.pk,
                "nama": p.nama,
                "sasaran": p.sasaran,
                "status": int(p.mulai <= today <= p.selesai),
                "sdate": p.mulai,
                "edate": p.selesai,
                "ndesc": p.keterangan,
            }
            for p in Program.objects.order_by("pk")
        ]
    }


__all__ = ["load_demo_village", "opendk_rows"]
