"""Family pages: create a KK, add members, split it (pecah KK), audited detail."""

from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.audit.models import AccessAudit
from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.models import Penduduk
from village_apps.wilayah.services import wilayah_ensure


def _anggota(client, kk, nama, sex, shdk):
    response = client.post(
        "/kelola/penduduk/tambah/",
        {
            "nama": nama,
            "sex": sex,
            "agama_id": 1,
            "warganegara_id": 1,
            "status": 1,
            "kk_level": shdk,
            "keluarga": kk.pk,
            "tanggallahir": "1990-01-01",
            "jenis_pencatatan": 8,
            "tanggal_peristiwa": "2025-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def test_operator_creates_fills_and_splits_a_family(village, village_client):
    with village_context(village):
        user = village_user_create(username="kk-op", role="operator", password="sandi-kuat-12345")
        rt = wilayah_ensure(dusun="Krajan", rw="001", rt="001")
        village_client.force_login(user)
    response = village_client.post(
        "/kelola/keluarga/tambah/", {"no_kk": "", "alamat": "Jl. A", "wilayah": rt.pk}
    )
    assert response.status_code == 302
    with village_context(village):
        kk = Keluarga.objects.get()
    assert kk.no_kk.startswith("0") and len(kk.no_kk) == 16
    _anggota(village_client, kk, "Kepala", 1, 1)
    _anggota(village_client, kk, "Istri", 2, 3)
    _anggota(village_client, kk, "Anak Sulung", 1, 4)
    _anggota(village_client, kk, "Menantu", 2, 5)
    page = village_client.get(f"/kelola/keluarga/{kk.pk}/").content.decode()
    assert (
        "Kepala keluarga: <strong>Kepala</strong>" in page and page.count("/kelola/penduduk/") >= 4
    )
    with village_context(village):
        anak = Penduduk.objects.get(nama="Anak Sulung")
        menantu = Penduduk.objects.get(nama="Menantu")
        assert Penduduk.objects.get(nama="Kepala").wilayah_id == rt.pk  # inherited from the KK
    response = village_client.post(
        f"/kelola/keluarga/{kk.pk}/pecah/",
        {"kepala": anak.pk, "anggota": [menantu.pk], "no_kk_baru": "1801041111110001"},
    )
    assert response.status_code == 302
    with village_context(village):
        baru = Keluarga.objects.get(no_kk="1801041111110001")
        assert baru.kepala_id == anak.pk
        assert set(baru.anggota.values_list("nama", flat=True)) == {"Anak Sulung", "Menantu"}
        assert Keluarga.objects.get(pk=kk.pk).anggota.count() == 2
        assert AccessAudit.objects.filter(action="view", object_type="keluarga").exists()
