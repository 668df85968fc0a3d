"""Events and the monthly report (acceptance 3: a hypothesis property test)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenants.context import village_context
from village_apps.keluarga.services import keluarga_create
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.services import penduduk_create
from village_apps.penduduk.statistik import ringkasan
from village_apps.peristiwa.choices import KodePeristiwa as K
from village_apps.peristiwa.models import LogKeluarga
from village_apps.peristiwa.selectors import laporan_bulanan
from village_apps.peristiwa.services import kelahiran_catat, peristiwa_catat
from village_apps.referensi import StatusDasar

KELUAR = [K.MATI, K.PINDAH_KELUAR, K.HILANG, K.PERGI, K.TIDAK_VALID]


def _orang(nama: str, sex: int, **extra):
    return {"nama": nama, "sex": sex, "agama_id": 1, "tanggallahir": date(1980, 1, 1), **extra}


def _bulan_bulan(awal: date, akhir: date):
    y, m = awal.year, awal.month
    while (y, m) <= (akhir.year, akhir.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


langkah = st.lists(
    st.tuples(
        st.sampled_from(["lahir", "masuk", "keluar", "kembali"]),
        st.integers(min_value=0, max_value=20),  # days after the previous step
        st.sampled_from([1, 2]),  # sex
        st.integers(min_value=0, max_value=10_000),  # which resident
        st.sampled_from(KELUAR),
    ),
    min_size=1,
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(langkah=langkah)
def test_monthly_report_identity_and_live_totals_hold_for_any_event_sequence(village, langkah):
    today = timezone.localdate()
    start = today - timedelta(days=sum(s[1] for s in langkah) + 1)
    with village_context(village), transaction.atomic():
        hari = start
        for i, (aksi, jeda, sex, pilih, kode) in enumerate(langkah):
            hari = min(hari + timedelta(days=jeda), today)
            hidup = list(Penduduk.objects.filter(status_dasar=StatusDasar.HIDUP).order_by("id"))
            pergi = list(
                Penduduk.objects.filter(
                    status_dasar__in=[StatusDasar.PINDAH, StatusDasar.HILANG, StatusDasar.PERGI]
                ).order_by("id")
            )
            if aksi == "lahir":
                kelahiran_catat(data=_orang(f"Bayi {i}", sex, tanggallahir=hari))
            elif (
                aksi == "masuk"
                or (aksi == "keluar" and not hidup)
                or (aksi == "kembali" and not pergi)
            ):
                penduduk_create(
                    data=_orang(f"Pendatang {i}", sex),
                    kode_peristiwa=K.PINDAH_MASUK,
                    tanggal_peristiwa=hari,
                )
            elif aksi == "keluar":
                peristiwa_catat(
                    penduduk=hidup[pilih % len(hidup)],
                    kode=kode,
                    tanggal_peristiwa=hari,
                    ref_pindah=1,
                )
            else:
                peristiwa_catat(
                    penduduk=pergi[pilih % len(pergi)], kode=K.KEMBALI, tanggal_peristiwa=hari
                )

        sebelumnya = None
        for tahun, bulan in _bulan_bulan(start, today):
            r = laporan_bulanan(tahun, bulan)
            for s in ("L", "P", "jumlah"):
                assert (
                    r["akhir"][s]
                    == r["awal"][s] + r["lahir"][s] + r["datang"][s] - r["mati"][s] - r["pindah"][s]
                )
                assert r["akhir"][s] >= 0
                if sebelumnya is not None:
                    assert r["awal"][s] == sebelumnya["akhir"][s]
            sebelumnya = r
        live = ringkasan()
        assert (sebelumnya["akhir"]["L"], sebelumnya["akhir"]["P"]) == (
            live["laki_laki"],
            live["perempuan"],
        )
        assert sebelumnya["akhir"]["jumlah"] == live["penduduk"]
        transaction.set_rollback(True)


def test_report_counts_by_event_date_not_report_date(village):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=5)
    with village_context(village):
        p = penduduk_create(
            data=_orang("Lama", 1), tanggal_peristiwa=last_month - timedelta(days=3)
        ).penduduk
        peristiwa_catat(penduduk=p, kode=K.MATI, tanggal_peristiwa=last_month, tanggal_lapor=today)
        r = laporan_bulanan(last_month.year, last_month.month)
        assert r["mati"]["L"] == 1 and r["akhir"]["jumlah"] == 0
        assert laporan_bulanan(today.year, today.month)["mati"]["jumlah"] == 0


def test_events_change_status_and_guard_impossible_transitions(village):
    today = timezone.localdate()
    with village_context(village):
        p = penduduk_create(
            data=_orang("Ani", 2), tanggal_peristiwa=today - timedelta(days=10)
        ).penduduk
        with pytest.raises(ValidationError):
            peristiwa_catat(penduduk=p, kode=K.KEMBALI, tanggal_peristiwa=today)
        with pytest.raises(ValidationError):
            peristiwa_catat(
                penduduk=p, kode=K.PINDAH_KELUAR, tanggal_peristiwa=today
            )  # no jenis pindah
        with pytest.raises(ValidationError):
            peristiwa_catat(
                penduduk=p, kode=K.MATI, tanggal_peristiwa=today - timedelta(days=20)
            )  # before entry
        with pytest.raises(ValidationError):
            peristiwa_catat(penduduk=p, kode=K.MATI, tanggal_peristiwa=today + timedelta(days=1))
        peristiwa_catat(penduduk=p, kode=K.PERGI, tanggal_peristiwa=today)
        p.refresh_from_db()
        assert p.status_dasar == StatusDasar.PERGI
        with pytest.raises(ValidationError):
            peristiwa_catat(penduduk=p, kode=K.MATI, tanggal_peristiwa=today)
        peristiwa_catat(penduduk=p, kode=K.KEMBALI, tanggal_peristiwa=today)
        p.refresh_from_db()
        assert p.status_dasar == StatusDasar.HIDUP


def test_death_of_the_head_leaves_the_family_headless_until_a_new_head(village):
    from village_apps.keluarga.services import keluarga_ganti_kepala

    today = timezone.localdate()
    with village_context(village):
        kk = keluarga_create(no_kk="1801040101010001")
        ayah = penduduk_create(
            data=_orang("Ayah", 1, keluarga=kk, kk_level=1), tanggal_peristiwa=today
        ).penduduk
        ibu = penduduk_create(
            data=_orang("Ibu", 2, keluarga=kk, kk_level=3), tanggal_peristiwa=today
        ).penduduk
        kk.refresh_from_db()
        assert kk.kepala_id == ayah.pk
        peristiwa_catat(penduduk=ayah, kode=K.MATI, tanggal_peristiwa=today)
        kk.refresh_from_db()
        assert kk.kepala_id is None
        assert LogKeluarga.objects.filter(keluarga=kk, kode=2).exists()
        keluarga_ganti_kepala(keluarga=kk, kepala=ibu)
        ibu.refresh_from_db()
        assert ibu.kk_level == 1 and Keluarga_kepala(kk) == ibu.pk


def Keluarga_kepala(kk) -> int:  # noqa: N802 - tiny helper for readability above
    kk.refresh_from_db()
    return kk.kepala_id


def test_pecah_kk_moves_members_to_a_new_family(village):
    from village_apps.keluarga.services import keluarga_pecah

    today = timezone.localdate()
    with village_context(village):
        kk = keluarga_create(no_kk="1801040101010002")
        kepala = penduduk_create(
            data=_orang("Kepala", 1, keluarga=kk, kk_level=1), tanggal_peristiwa=today
        ).penduduk
        anak = penduduk_create(
            data=_orang("Anak", 1, keluarga=kk, kk_level=4), tanggal_peristiwa=today
        ).penduduk
        menantu = penduduk_create(
            data=_orang("Menantu", 2, keluarga=kk, kk_level=5), tanggal_peristiwa=today
        ).penduduk
        baru = keluarga_pecah(keluarga=kk, anggota=[menantu], kepala=anak)
        assert baru.no_kk.startswith("0")  # temporary KK number
        assert set(baru.anggota.values_list("pk", flat=True)) == {anak.pk, menantu.pk}
        assert baru.kepala_id == anak.pk
        kk.refresh_from_db()
        assert kk.kepala_id == kepala.pk
