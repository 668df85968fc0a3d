import pytest
from django.core.exceptions import ValidationError

from tenants.context import village_context
from village_apps.kelompok.selectors import kelompok_list
from village_apps.kelompok.services import kelompok_anggota_add, kelompok_create
from village_apps.penduduk.services import penduduk_create


def test_group_with_chair_and_members(village):
    with village_context(village):
        ketua = penduduk_create(data={"nama": "Ketua", "sex": 2, "agama_id": 1}).penduduk
        anggota = penduduk_create(data={"nama": "Anggota", "sex": 2, "agama_id": 1}).penduduk
        pkk = kelompok_create(nama="PKK Dusun I", kode="PKK-1", kategori="PKK", ketua=ketua)
        kelompok_anggota_add(kelompok=pkk, penduduk=anggota, jabatan="Bendahara")
        with pytest.raises(ValidationError):
            kelompok_anggota_add(kelompok=pkk, penduduk=anggota)
        (row,) = kelompok_list()
        assert (row.kategori.nama, row.ketua_id, row.jumlah) == ("PKK", ketua.pk, 2)
