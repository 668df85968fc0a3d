"""Balai's side of the verification: the same five numbers, read back after writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from village_apps.penduduk.statistik import ringkasan

if TYPE_CHECKING:
    from village_apps.opensid_import.mapping import Writer

HIDUP = 1


def balai_sets(writer: Writer) -> tuple[dict[str, int], dict[str, set]]:
    """Balai's dashboard numbers (from the population facade) and, to explain any
    difference, the OpenSID ids of what Balai counts."""
    from village_apps.kelompok.models import Kelompok
    from village_apps.keluarga.models import Keluarga, RumahTangga
    from village_apps.penduduk.models import Penduduk

    totals = ringkasan()
    counts = {
        "penduduk": totals["penduduk"],
        "keluarga": totals["keluarga"],
        "rumah_tangga": totals["rumah_tangga"],
        "dusun": totals["dusun"],
        "kelompok": Kelompok.objects.filter(ketua__status_dasar=HIDUP).count(),
    }

    def back(mapping: dict, ids) -> set:
        reverse = {new: old for old, new in mapping.items()}
        return {reverse[i] for i in ids if i in reverse}

    living_rtm = RumahTangga.objects.filter(anggota__status_dasar=HIDUP).values_list(
        "no_rtm", flat=True
    )
    rtm_old = {str(r.get("no_kk") or "").strip(): r["id"] for r in writer.rows["tweb_rtm"]}
    dusun_rows = {}
    for r in writer.rows["tweb_wil_clusterdesa"]:
        if str(r.get("rt")).strip() == "0" and str(r.get("rw")).strip() == "0":
            dusun_rows.setdefault(str(r.get("dusun") or "-").strip(), r["id"])
    from village_apps.wilayah.models import Dusun

    ids = {
        "penduduk": back(
            writer.penduduk,
            Penduduk.objects.filter(status_dasar=HIDUP).values_list("id", flat=True),
        ),
        "keluarga": back(
            writer.keluarga,
            Keluarga.objects.filter(anggota__status_dasar=HIDUP)
            .distinct()
            .values_list("id", flat=True),
        ),
        "rumah_tangga": {rtm_old[n] for n in set(living_rtm) if n in rtm_old},
        "dusun": {dusun_rows.get(n, n) for n in Dusun.objects.values_list("nama", flat=True)},
        "kelompok": back(
            writer.kelompok_ids,
            Kelompok.objects.filter(ketua__status_dasar=HIDUP).values_list("id", flat=True),
        ),
    }
    return counts, ids


def impor_list():
    """Uploads, newest first (the report stays after the files are gone)."""
    from village_apps.opensid_import.models import ImporOpenSID

    return ImporOpenSID.objects.only(
        "pk", "nama_berkas", "status", "persen", "created_at"
    ).order_by("-created_at")
