"""Identity editing and village officials (admin only)."""

from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.audit.models import AccessAudit
from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.profil.selectors import penandatangan_list


def _client(village_client, village, role):
    with village_context(village):
        user = village_user_create(username=f"p-{role}", role=role, password="sandi-kuat-12345")
        village_client.force_login(user)
    return village_client


def test_admin_edits_identity_and_adds_a_signing_official(village, village_client):
    client = _client(village_client, village, "admin")
    response = client.post(
        "/kelola/profil/",
        {
            "nama_desa": "Hajimena",
            "alamat_kantor": "Jl. Raya Hajimena 1",
            "kode_pos": "35145",
            "telepon": "0721-123456",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/kelola/profil/aparatur/tambah/",
        {
            "nama": "Bapak Kades",
            "jabatan": "Kepala Desa",
            "boleh_ttd": "on",
            "aktif": "on",
            "urutan": 1,
            "masa_mulai": "2022-01-01",
            "masa_selesai": "2028-01-01",
        },
    )
    assert response.status_code == 302
    with village_context(village):
        assert ProfilDesa.objects.get().alamat_kantor == "Jl. Raya Hajimena 1"
        assert list(penandatangan_list().values_list("nama", flat=True)) == ["Bapak Kades"]
        assert AccessAudit.objects.filter(object_type__in=["profil", "aparatur"]).count() == 2


def test_period_must_be_ordered_and_operators_cannot_edit(village, village_client):
    client = _client(village_client, village, "admin")
    response = client.post(
        "/kelola/profil/aparatur/tambah/",
        {
            "nama": "X",
            "jabatan": "Sekdes",
            "urutan": 1,
            "masa_mulai": "2028-01-01",
            "masa_selesai": "2022-01-01",
        },
    )
    assert (
        response.status_code == 400
        and "Masa jabatan selesai harus sesudah masa mulai" in response.content.decode()
    )
    with village_context(village):
        assert not Aparatur.objects.exists()
    operator = _client(village_client, village, "operator")
    assert operator.get("/kelola/profil/").status_code == 403
