"""Household (rumah tangga) pages and services: list/search/paging, audited detail,
create / add / remove / change head / dissolve, Indonesian validation, roles, isolation."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import secrets

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from tests.support.builders import village_login
from village_apps.akun.services import village_user_create
from village_apps.audit.models import AccessAudit
from village_apps.bantuan import services as bantuan
from village_apps.bantuan.choices import Sasaran
from village_apps.keluarga import services
from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.templatetags.penduduk_tags import TERSAMAR
from village_apps.referensi import StatusDasar
from village_apps.wilayah.services import wilayah_ensure

URL = "/kelola/keluarga/rumah-tangga/"
_NIK = itertools.count(secrets.randbelow(10**8) * 10)


def _warga(
    nama: str, *, rt=None, keluarga=None, status_dasar=StatusDasar.HIDUP, nik: str = ""
) -> Penduduk:
    return Penduduk.objects.create(
        nik=nik or f"1801044{next(_NIK) % 10**9:09d}",
        nama=nama,
        sex=1,
        agama_id=1,
        tanggallahir=dt.date(1980, 1, 1),
        wilayah=rt,
        keluarga=keluarga,
        status_dasar=status_dasar,
    )


@pytest.fixture
def rumah(village):
    """One household: head Sutrisno (Dusun Krajan RW 001 RT 002, KK address) and member
    Wati, plus Joko who is in no household."""
    with village_context(village):
        rt = wilayah_ensure(dusun="Krajan", rw="001", rt="002")
        kk = Keluarga.objects.create(no_kk="1801042202020001", wilayah=rt, alamat="Jl. Kenanga 7")
        kepala = _warga("Sutrisno", rt=rt, keluarga=kk)
        wati = _warga("Wati", rt=rt, keluarga=kk)
        joko = _warga("Joko", rt=rt)
        rtm = services.rumah_tangga_create(kepala=kepala, no_rtm="RT-0001")
        services.rumah_tangga_anggota_add(rumah_tangga=rtm, penduduk=wati)
        return {"rtm": rtm, "kepala": kepala, "wati": wati, "joko": joko, "kk": kk}


# List ------------------------------------------------------------------------------------


def test_empty_list_says_so_in_indonesian(operator_client):
    html = operator_client.get(URL).content.decode()
    assert "Belum ada rumah tangga." in html
    html = operator_client.get(URL, {"q": "tidak-ada"}).content.decode()
    assert "Tidak ada rumah tangga yang cocok dengan pencarian ini." in html


def test_list_shows_head_member_count_and_wilayah(village, operator_client, rumah):
    with village_context(village):
        # A member who died still belongs to the household but is not counted.
        mati = _warga("Almarhum", status_dasar=StatusDasar.MATI)
        mati.rumah_tangga, mati.rtm_level = rumah["rtm"], 2
        mati.save()
    html = operator_client.get(URL).content.decode()
    row = html[html.index("RT-0001") :]
    row = row[: row.index("</tr>")]
    assert "Sutrisno" in row and rumah["kepala"].nik in row
    assert "<td>2</td>" in row
    assert "Dusun Krajan, RW 001, RT 002" in row  # wilayah.alamat, the one formatter


def test_operator_searches_by_number_head_name_and_nik_prefix(village, operator_client, rumah):
    with village_context(village):
        joni = _warga("Joni", nik=f"3273{secrets.randbelow(10**12):012d}")
        lain = services.rumah_tangga_create(kepala=joni, no_rtm="RT-0002")

    def found(q):
        html = operator_client.get(URL, {"q": q}).content.decode()
        return {n for n in ("RT-0001", "RT-0002") if n in html}

    assert found("RT-0002") == {lain.no_rtm}
    assert found("rt-000") == {"RT-0001", "RT-0002"}  # number prefix, any case
    assert found("sutris") == {"RT-0001"}  # head name, part of it
    assert found("wati") == set()  # members are not heads
    assert found(rumah["kepala"].nik[:6]) == {"RT-0001"}  # NIK prefix for operators
    assert found(joni.nik) == {"RT-0002"}


def test_viewer_finds_a_head_only_by_the_full_nik_and_sees_it_masked(viewer_client, rumah):
    nik = rumah["kepala"].nik
    prefix = viewer_client.get(URL, {"q": nik[:12]}).content.decode()
    # A prefix search would let a viewer recover a masked NIK digit by digit.
    assert "RT-0001" not in prefix and "memerlukan NIK lengkap" in prefix
    full = viewer_client.get(URL, {"q": nik}).content.decode()
    assert "RT-0001" in full
    listing = full.replace(f'value="{nik}"', "")  # the search box echoes what was typed
    assert nik not in listing and TERSAMAR in listing


def _isi(dari: int, sampai: int) -> None:
    """Households RTM-<dari>…RTM-<sampai - 1>, each a head and one member."""
    for i in range(dari, sampai):
        kepala = _warga(f"Kepala {i:03d}")
        rtm = services.rumah_tangga_create(kepala=kepala, no_rtm=f"RTM-{i:03d}")
        services.rumah_tangga_anggota_add(rumah_tangga=rtm, penduduk=_warga(f"Anggota {i:03d}"))


def _queries(client: Client, **params) -> int:
    client.get(URL, params)  # warm: routing cache and its generation check are per process
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_without_count_and_queries_do_not_grow_with_rows(
    village, operator_client, settings, django_assert_max_num_queries
):
    # No cross-process routing check inside the measured requests (it adds queries to
    # whichever request comes a second after the previous check).
    settings.ROUTING_GENERATION_CHECK_SECONDS = 3600
    with village_context(village):
        _isi(0, 3)
    sedikit = _queries(operator_client)
    with village_context(village):
        _isi(3, 51)
    # 51 households, 102 residents: the same number of queries as for 3 (no N+1 on the
    # head, the head's wilayah or the member count).
    operator_client.get(URL)
    with django_assert_max_num_queries(sedikit) as ctx:
        page1 = operator_client.get(URL).content.decode()
    assert sedikit <= 10
    # Paging fetches one row more than a page instead of counting the whole list.
    counts = [q["sql"] for q in ctx.captured_queries if 'AS "__count"' in q["sql"]]
    assert counts == [], counts
    assert page1.count("<td>2</td>") == 50 and "RTM-049" in page1 and "RTM-050" not in page1
    assert "halaman=2" in page1 and "Berikutnya" in page1
    page2 = operator_client.get(URL, {"halaman": 2}).content.decode()
    assert "RTM-050" in page2 and "RTM-000" not in page2 and "Sebelumnya" in page2


# Detail ----------------------------------------------------------------------------------


def test_detail_shows_head_members_address_and_is_audited(village, operator_client, rumah):
    rtm = rumah["rtm"]
    html = operator_client.get(f"{URL}{rtm.pk}/").content.decode()
    assert "Rumah tangga RT-0001" in html
    assert f'href="/kelola/penduduk/{rumah["kepala"].pk}/">Sutrisno</a>' in html
    assert f'href="/kelola/penduduk/{rumah["wati"].pk}/">Wati</a>' in html
    assert "Krajan, RW 001, RT 002" in html and "Jl. Kenanga 7" in html
    assert "Kepala rumah tangga</td>" in html and "Anggota</td>" in html
    assert f'href="/kelola/keluarga/{rumah["kk"].pk}/"' in html
    assert html.index("Sutrisno</a></td>") < html.index("Wati</a></td>")  # head first
    with village_context(village):
        row = AccessAudit.objects.get(action="view", object_type="rumah_tangga")
        assert (row.object_id, row.username, row.role) == (str(rtm.pk), "uji-operator", "operator")


def test_detail_queries_do_not_grow_with_members(village, operator_client, rumah, settings):
    settings.ROUTING_GENERATION_CHECK_SECONDS = 3600
    url = f"{URL}{rumah['rtm'].pk}/"
    sedikit = len(_capture(operator_client, url))
    with village_context(village):
        for i in range(10):
            kk = Keluarga.objects.create(no_kk=f"18010422020{i:05d}")
            services.rumah_tangga_anggota_add(
                rumah_tangga=rumah["rtm"], penduduk=_warga(f"Anak {i}", keluarga=kk)
            )
    assert len(_capture(operator_client, url)) == sedikit


def _capture(client: Client, url: str) -> list:
    client.get(url)  # warm the routing cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return ctx.captured_queries


def test_viewer_sees_masked_numbers_and_no_change_buttons(viewer_client, rumah):
    response = viewer_client.get(f"{URL}{rumah['rtm'].pk}/")
    html = response.content.decode()
    # The page itself, with the head listed (an error page would also lack the numbers).
    assert response.status_code == 200 and "Rumah tangga RT-0001" in html
    assert "Sutrisno" in html and TERSAMAR in html
    assert rumah["kepala"].nik not in html and rumah["kk"].no_kk not in html
    assert "Tambah anggota" not in html and "Keluarkan" not in html and "Bubarkan" not in html


def test_unknown_household_is_a_404(operator_client):
    response = operator_client.get(f"{URL}999999/")
    assert response.status_code == 404
    assert "Rumah tangga tidak ditemukan" in response.content.decode()


# Changes through the pages ---------------------------------------------------------------


def test_operator_creates_fills_changes_head_removes_and_dissolves(village, operator_client):
    with village_context(village):
        rt = wilayah_ensure(dusun="Krajan", rw="001", rt="001")
        ani, budi, cici = (_warga(n, rt=rt) for n in ("Ani", "Budi", "Cici"))
    response = operator_client.post(f"{URL}tambah/", {"kepala": ani.nik, "no_rtm": ""})
    assert response.status_code == 302
    with village_context(village):
        rtm = RumahTangga.objects.get()
        kode = RumahTangga.objects.get().no_rtm
        assert len(kode) == 15 and kode.endswith("00001")  # kode desa + urutan
        assert rtm.kepala_id == ani.pk
    assert response["Location"] == f"{URL}{rtm.pk}/"
    for warga in (budi, cici):
        r = operator_client.post(f"{URL}{rtm.pk}/anggota/", {"penduduk": warga.nik})
        assert r.status_code == 302
    with village_context(village):
        assert dict(rtm.anggota.values_list("nama", "rtm_level")) == {
            "Ani": 1,
            "Budi": 2,
            "Cici": 2,
        }
    assert operator_client.post(f"{URL}{rtm.pk}/kepala/", {"kepala": budi.pk}).status_code == 302
    with village_context(village):
        rtm.refresh_from_db()
        assert rtm.kepala_id == budi.pk
        assert dict(rtm.anggota.values_list("nama", "rtm_level")) == {
            "Ani": 2,
            "Budi": 1,
            "Cici": 2,
        }
    assert operator_client.post(f"{URL}{rtm.pk}/anggota/{ani.pk}/keluar/").status_code == 302
    with village_context(village):
        ani.refresh_from_db()
        assert (ani.rumah_tangga_id, ani.rtm_level) == (None, None)
    bubar = operator_client.post(f"{URL}{rtm.pk}/bubar/", {})
    assert "Centang untuk membubarkan rumah tangga." in bubar.content.decode()
    assert operator_client.post(f"{URL}{rtm.pk}/bubar/", {"yakin": "on"})["Location"] == URL
    with village_context(village):
        assert not RumahTangga.objects.exists()
        assert not Penduduk.objects.filter(rumah_tangga__isnull=False).exists()
        assert not Penduduk.objects.filter(rtm_level__isnull=False).exists()
        audit = list(
            AccessAudit.objects.filter(object_type="rumah_tangga")
            .order_by("id")
            .values_list("action", "object_id", "username", "summary")
        )
    pk = str(rtm.pk)
    assert audit == [
        ("create", pk, "uji-operator", f"kepala: penduduk {ani.pk}"),
        ("update", pk, "uji-operator", f"anggota ditambah: penduduk {budi.pk}"),
        ("update", pk, "uji-operator", f"anggota ditambah: penduduk {cici.pk}"),
        ("update", pk, "uji-operator", f"kepala diganti: penduduk {budi.pk}"),
        ("update", pk, "uji-operator", f"anggota dikeluarkan: penduduk {ani.pk}"),
        ("delete", pk, "uji-operator", ""),
    ]
    # Audit rows name residents by id only, never by name or NIK.
    assert not any(w.nik in s or w.nama in s for *_x, s in audit for w in (ani, budi, cici))


def test_form_errors_are_indonesian(village, operator_client, rumah):
    rtm = rumah["rtm"]
    html = operator_client.post(f"{URL}tambah/", {"kepala": "1801040000000000"}).content.decode()
    assert "Penduduk dengan NIK ini tidak ditemukan." in html
    html = operator_client.post(f"{URL}tambah/", {"kepala": rumah["wati"].nik}).content.decode()
    assert "sudah anggota rumah tangga RT-0001" in html
    html = operator_client.post(
        f"{URL}tambah/", {"kepala": rumah["joko"].nik, "no_rtm": "RT-0001"}
    ).content.decode()
    assert "Nomor rumah tangga ini sudah dipakai." in html
    html = operator_client.post(f"{URL}{rtm.pk}/anggota/", {"penduduk": rumah["wati"].nik}).content
    assert "Penduduk ini sudah anggota rumah tangga ini." in html.decode()
    # The head cannot be removed; the page says why.
    page = operator_client.post(f"{URL}{rtm.pk}/anggota/{rumah['kepala'].pk}/keluar/", follow=True)
    assert "Kepala rumah tangga tidak dapat dikeluarkan." in page.content.decode()
    with village_context(village):
        assert RumahTangga.objects.count() == 1
        assert Penduduk.objects.get(pk=rumah["kepala"].pk).rumah_tangga_id == rtm.pk


# Services: the rules ---------------------------------------------------------------------


def test_a_resident_is_in_at_most_one_household(village, rumah):
    with village_context(village):
        lain = services.rumah_tangga_create(kepala=rumah["joko"])
        with pytest.raises(ValidationError) as err:
            services.rumah_tangga_anggota_add(rumah_tangga=lain, penduduk=rumah["wati"])
        assert err.value.messages == [
            "Penduduk ini sudah anggota rumah tangga RT-0001. Keluarkan dulu dari rumah tangga itu."
        ]
        with pytest.raises(ValidationError):
            services.rumah_tangga_create(kepala=rumah["kepala"])
        assert Penduduk.objects.get(pk=rumah["wati"].pk).rumah_tangga_id == rumah["rtm"].pk


def test_only_living_residents_join_and_lead(village, rumah):
    with village_context(village):
        mati = _warga("Almarhumah", status_dasar=StatusDasar.MATI)
        with pytest.raises(ValidationError) as err:
            services.rumah_tangga_create(kepala=mati)
        assert "berstatus hidup" in err.value.messages[0]
        with pytest.raises(ValidationError):
            services.rumah_tangga_anggota_add(rumah_tangga=rumah["rtm"], penduduk=mati)
        with pytest.raises(ValidationError) as err:
            services.rumah_tangga_ganti_kepala(rumah_tangga=rumah["rtm"], kepala=rumah["joko"])
        assert err.value.messages == [
            "Kepala rumah tangga harus anggota rumah tangga ini yang masih hidup."
        ]
        assert RumahTangga.objects.filter(kepala__isnull=False).count() == 1


def test_removing_a_non_member_is_refused(village, rumah):
    with village_context(village):
        with pytest.raises(ValidationError) as err:
            services.rumah_tangga_anggota_remove(rumah_tangga=rumah["rtm"], penduduk=rumah["joko"])
        assert err.value.messages == ["Penduduk ini bukan anggota rumah tangga ini."]


def test_automatic_numbers_are_not_reused_after_a_dissolution(village):
    with village_context(village):
        a, b, c = (services.rumah_tangga_create(kepala=_warga(n)) for n in ("Satu", "Dua", "Tiga"))
        assert [a.no_rtm[-5:], b.no_rtm[-5:], c.no_rtm[-5:]] == ["00001", "00002", "00003"]
        services.rumah_tangga_bubar(rumah_tangga=a)
        d = services.rumah_tangga_create(kepala=_warga("Empat"))
        assert d.no_rtm[-5:] == "00004"


def test_a_household_in_an_aid_programme_is_not_dissolved(village, rumah):
    with village_context(village):
        program = bantuan.program_save(
            nama="BLT Dana Desa",
            sasaran=Sasaran.RUMAH_TANGGA,
            asal_dana=1,
            mulai=dt.date(2025, 1, 1),
            selesai=dt.date(2025, 12, 31),
        )
        bantuan.peserta_add(program=program, pengenal="RT-0001")
        with pytest.raises(ValidationError) as err:
            services.rumah_tangga_bubar(rumah_tangga=rumah["rtm"])
        assert "masih menjadi peserta program bantuan" in err.value.messages[0]
        assert program.peserta.count() == 1
        assert rumah["rtm"].anggota.count() == 2


# Roles and isolation ---------------------------------------------------------------------


def test_viewer_cannot_change_households(village, viewer_client, rumah):
    pk = rumah["rtm"].pk
    assert viewer_client.get(URL).status_code == 200
    assert viewer_client.get(f"{URL}{pk}/").status_code == 200
    for url in (f"{URL}tambah/", f"{URL}{pk}/anggota/", f"{URL}{pk}/kepala/", f"{URL}{pk}/bubar/"):
        assert viewer_client.get(url).status_code == 403, url
    assert viewer_client.post(f"{URL}tambah/", {"kepala": rumah["joko"].nik}).status_code == 403
    assert viewer_client.post(f"{URL}{pk}/anggota/{rumah['wati'].pk}/keluar/").status_code == 403
    assert viewer_client.post(f"{URL}{pk}/bubar/", {"yakin": "on"}).status_code == 403
    with village_context(village):
        assert rumah["rtm"].anggota.count() == 2 and RumahTangga.objects.count() == 1


def test_pages_need_a_login(village_client):
    response = village_client.get(URL)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_household_of_a_is_a_404_on_b(village, village_b, rumah):
    with village_context(village_b):
        op_b = village_user_create(username="rtm-op-b", role="operator", password="sandi-kuat-123")
    b = village_login(Client(HTTP_HOST=village_b.host), op_b, village_b)
    pk = rumah["rtm"].pk
    response = b.get(f"{URL}{pk}/")
    assert response.status_code == 404
    assert "Sutrisno" not in response.content.decode()
    assert b.post(f"{URL}{pk}/bubar/", {"yakin": "on"}).status_code == 404
    assert b.post(f"{URL}{pk}/anggota/{rumah['wati'].pk}/keluar/").status_code == 404
    assert "RT-0001" not in b.get(URL).content.decode()
    with village_context(village):
        assert RumahTangga.objects.filter(pk=pk).exists()
        assert rumah["rtm"].anggota.count() == 2


def test_navigation_links_households_next_to_families(operator_client):
    html = operator_client.get("/kelola/keluarga/").content.decode()
    links = re.findall(r'<a href="(/kelola/[^"]*)"', html)
    # In the menu, households come right after families.
    assert links[links.index("/kelola/keluarga/") + 1] == "/kelola/keluarga/rumah-tangga/"


def test_resident_page_links_to_the_household(operator_client, rumah):
    rtm = rumah["rtm"]
    html = operator_client.get(f"/kelola/penduduk/{rumah['wati'].pk}/").content.decode()
    assert f'href="{URL}{rtm.pk}/">RT-0001</a>' in html
    joko = operator_client.get(f"/kelola/penduduk/{rumah['joko'].pk}/").content.decode()
    assert "Rumah tangga</th><td>-</td>" in joko
