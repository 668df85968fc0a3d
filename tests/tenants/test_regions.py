"""The province → time zone table (maintenance windows, imports) covers every province of
the active Kemendagri edition, and agrees with the zones as the law draws them
(UU 1987: WIT east of Sulawesi, WITA for Bali, Nusa Tenggara, eastern Kalimantan and
Sulawesi) — judged here from the province names, independently of the table."""

import datetime as dt

import pytest

from tenants.regions import PROVINCE_TIMEZONES, WIB, WIT, WITA, province_timezone


def zone_by_name(name: str) -> str:
    name = name.upper()
    if "PAPUA" in name or "MALUKU" in name:
        return WIT
    wita = ("BALI", "NUSA TENGGARA", "SULAWESI", "GORONTALO")
    wita_kalimantan = ("KALIMANTAN SELATAN", "KALIMANTAN TIMUR", "KALIMANTAN UTARA")
    if name.startswith(wita) or name in wita_kalimantan:
        return WITA
    return WIB


@pytest.mark.django_db
def test_every_province_of_the_active_edition_has_its_zone(wilayah):  # noqa: F811
    from control_plane.reference.models import Provinsi

    provinces = list(Provinsi.objects.all())
    assert len(provinces) == 38
    for province in provinces:
        assert province.code in PROVINCE_TIMEZONES, province
        assert province_timezone(province.code) == zone_by_name(province.name), province
    assert {p.code for p in provinces} == set(PROVINCE_TIMEZONES)
    assert [c for c, z in PROVINCE_TIMEZONES.items() if z == WIT] == [
        "81", "82", "91", "92", "93", "94", "95", "96"
    ]  # fmt: skip


@pytest.mark.django_db
def test_maintenance_window_opens_per_zone(village):
    """At 02:30 WIT it is 01:30 WITA and 00:30 WIB: a 02:00–04:00 window is open in
    Papua Pegunungan only."""
    from control_plane.fleet.services import window_filter
    from tenants.models import Village

    now = dt.datetime(2026, 1, 5, 17, 30, tzinfo=dt.UTC)  # 02:30 WIT
    Village.objects.filter(pk=village.pk).update(provinsi_code="95")
    open_now = Village.objects.filter(window_filter(window="02:00-04:00", now=now))
    assert list(open_now.values_list("slug", flat=True)) == [village.slug]
    later = now + dt.timedelta(hours=2)  # 02:30 WIB
    open_later = set(
        Village.objects.filter(window_filter(window="02:00-04:00", now=later)).values_list(
            "slug", flat=True
        )
    )
    assert village.slug not in open_later and {"sidosari", "desa-lain"} <= open_later
