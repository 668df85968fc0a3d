"""Issue 22, acceptance 4: OpenSID's tables of the Buku Administrasi Umum are mapped —
legal products (``dokumen``), assets and their mutations (``inventaris_*``,
``mutasi_inventaris_*``), village land (``tanah_kas_desa``, ``tanah_desa``) and the
C-Desa register (``cdesa``, ``cdesa_penduduk``, ``persil``, ``mutasi_cdesa``) — rows
arrive in the books, the tables leave the unmapped list, and a broken reference
writes nothing (all or nothing, like the rest of the import)."""

import datetime as dt

import pytest

from tenants.context import village_context
from tests.support.shared_files import SHARED_DIR
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql
from village_apps.opensid_import.services import opensid_import

pytestmark = pytest.mark.django_db

SAMPLE = SHARED_DIR / "opensid" / "contoh_data_awal_20220601.sql"
TABLES = (
    "dokumen", "inventaris_tanah", "inventaris_peralatan", "inventaris_gedung",
    "inventaris_jalan", "inventaris_asset", "inventaris_kontruksi", "mutasi_inventaris_tanah",
    "mutasi_inventaris_peralatan", "mutasi_inventaris_gedung", "mutasi_inventaris_jalan",
    "mutasi_inventaris_asset", "tanah_desa", "tanah_kas_desa", "cdesa", "cdesa_penduduk",
    "persil", "mutasi_cdesa", "ref_persil_kelas", "ref_persil_mutasi",
)  # fmt: skip


def _umum_tables() -> dict[str, list[dict]]:
    tables = matching_tables()
    tables["inventaris_peralatan"] = [
        {"id": 1, "nama_barang": "Laptop", "kode_barang": "02.06", "register": "0001",
         "merk": "Lenovo", "tahun_pengadaan": 2019, "asal": "Pembelian Sendiri",
         "harga": 8500000, "keterangan": "", "visible": 1},
        {"id": 2, "nama_barang": "Printer", "kode_barang": "02.06", "register": "0002",
         "merk": "Epson", "tahun_pengadaan": 2020, "asal": "Bantuan Kabupaten",
         "harga": 2500000, "keterangan": "", "visible": 1},
        {"id": 3, "nama_barang": "Dihapus OpenSID", "kode_barang": "", "register": "",
         "merk": "", "tahun_pengadaan": 2020, "asal": "Sumbangan", "harga": 1,
         "keterangan": "", "visible": 0},
    ]  # fmt: skip
    tables["mutasi_inventaris_peralatan"] = [
        {"id": 1, "id_inventaris_peralatan": 1, "jenis_mutasi": "Barang Rusak",
         "status_mutasi": "Rusak", "tahun_mutasi": dt.date(2021, 3, 1), "harga_jual": None,
         "keterangan": "", "visible": 1},
        {"id": 2, "id_inventaris_peralatan": 1, "jenis_mutasi": "Barang Dijual",
         "status_mutasi": "Hapus", "tahun_mutasi": dt.date(2022, 5, 1), "harga_jual": 1000000,
         "keterangan": "lelang", "visible": 1},
    ]  # fmt: skip
    tables["inventaris_jalan"] = [
        {"id": 1, "nama_barang": "Jalan usaha tani", "kode_barang": "04.13", "register": "1",
         "kontruksi": "Rabat beton", "panjang": 300, "lebar": 3, "luas": 900, "letak": "Dusun I",
         "kondisi": "Baik", "asal": "Pembelian Sendiri", "harga": 120000000,
         "tanggal_dokument": dt.date(2020, 8, 1), "keterangan": "", "visible": 1},
    ]  # fmt: skip
    tables["tanah_kas_desa"] = [
        {"id": 1, "nama_pemilik_asal": "Desa", "letter_c": "C-1", "kelas": "S-I", "luas": 20000,
         "asli_milik_desa": 20000, "sawah": 20000, "ada_patok": 20000, "lokasi": "Blok A",
         "peruntukan": "Sewa", "mutasi": "", "keterangan": "bengkok", "visible": 1},
    ]  # fmt: skip
    tables["tanah_desa"] = [
        {"id": 1, "id_penduduk": 1, "nama_pemilik_asal": "", "luas": 500, "hak_milik": 500,
         "perumahan": 500, "mutasi": "", "keterangan": "", "visible": 1},
    ]  # fmt: skip
    tables["cdesa"] = [
        {"id": 1, "nomor": "112", "nama_kepemilikan": "Warga 1", "jenis_pemilik": 1,
         "nama_pemilik_luar": None},
        {"id": 2, "nomor": "113", "nama_kepemilikan": "Ahmad (luar desa)", "jenis_pemilik": 2,
         "nama_pemilik_luar": "Ahmad"},
    ]  # fmt: skip
    tables["cdesa_penduduk"] = [{"id": 1, "id_cdesa": 1, "id_pend": 2}]
    tables["ref_persil_kelas"] = [{"id": 5, "tipe": "KERING", "kode": "D-I", "ndesc": "Dekat"}]
    tables["ref_persil_mutasi"] = [{"id": 1, "nama": "Jual Beli", "ndesc": ""}]
    tables["persil"] = [
        {"id": 1, "nomor": "45", "nomor_urut_bidang": 1, "kelas": 5, "luas_persil": 1200,
         "lokasi": "Blok B", "cdesa_awal": 1},
    ]  # fmt: skip
    tables["mutasi_cdesa"] = [
        {"id": 1, "id_cdesa_masuk": 2, "cdesa_keluar": 1, "jenis_mutasi": 1,
         "tanggal_mutasi": dt.date(2021, 6, 1), "id_persil": 1, "luas": 1200},
    ]  # fmt: skip
    return tables


def _write(tmp_path, tables):
    path = tmp_path / "cadangan.sql"
    path.write_text(opensid_sql(tables), encoding="utf-8")
    return path


def test_assets_land_and_letter_c_arrive(village_b, tmp_path):
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, _umum_tables()))
    assert laporan.ok, laporan.errors
    assert not {t for t in laporan.unmapped if t.split(".")[0] in TABLES}, laporan.unmapped
    assert laporan.imported["inventaris.Aset"] == 3  # the hidden one stays behind
    with village_context(village_b):
        from village_apps.inventaris.models import Aset
        from village_apps.inventaris.selectors import inventaris_baris_list
        from village_apps.tanah.models import TanahDesa, TanahKasDesa

        laptop = Aset.objects.get(nama="Laptop")
        assert (laptop.kategori, laptop.sumber, laptop.tanggal_perolehan) == (
            "B", "apbdes", dt.date(2019, 1, 1),
        )  # fmt: skip
        assert laptop.keadaan(dt.date(2021, 12, 31)).kondisi != "baik"
        assert laptop.keadaan().keluar.jenis == "jual"
        assert laptop.keadaan().keluar.nilai == 1_000_000
        assert Aset.objects.get(nama="Printer").sumber == "kabupaten"
        assert Aset.objects.get(kategori="D").luas == 900
        assert {r.aset.nama for r in inventaris_baris_list(tahun=2022)} >= {"Laptop", "Printer"}
        assert "Laptop" not in {r.aset.nama for r in inventaris_baris_list(tahun=2023)}
        kas = TanahKasDesa.objects.get()
        assert (kas.asal, kas.jenis_lahan, kas.ada_patok, kas.peruntukan) == (
            "asli", "sawah", True, "sewa",
        )  # fmt: skip
        pemilik = TanahDesa.objects.get(opensid_id="tanah_desa:1")
        assert pemilik.pemilik.nama == "Warga 1" and pemilik.status_hak == "hm"
        persil = TanahDesa.objects.get(nomor_persil="45")
        # Moved by mutasi_cdesa to C-Desa 113 (an outside owner).
        assert (persil.nomor_letter_c, persil.nama_pemilik, persil.kelas) == ("113", "Ahmad", "D-I")
        assert persil.pemilik is None and "Jual Beli" in persil.mutasi


def test_a_broken_reference_writes_nothing(village_b, tmp_path):
    tables = _umum_tables()
    tables["mutasi_inventaris_peralatan"][0]["id_inventaris_peralatan"] = 99
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, tables))
    assert not laporan.ok
    assert any("mutasi_inventaris_peralatan id=1" in e for e in laporan.errors)
    with village_context(village_b):
        from village_apps.inventaris.models import Aset
        from village_apps.penduduk.models import Penduduk

        assert not Aset.objects.exists() and not Penduduk.objects.exists()


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_sample_dump_fills_the_legal_products_books(village_b):
    laporan = opensid_import(village=village_b, dump_path=SAMPLE)
    assert laporan.ok, laporan.errors
    # The 22.06 demo has these tables (most of them empty); none is unmapped now.
    present = set(laporan.tables)
    assert {
        "dokumen",
        "inventaris_tanah",
        "tanah_desa",
        "tanah_kas_desa",
        "cdesa",
        "persil",
    } <= present
    assert not set(TABLES) & set(laporan.unmapped)
    # Only the map drawings of the C-Desa register stay behind (Balai keeps no polygons).
    assert {t for t in laporan.unmapped if t.split(".")[0] in TABLES} == {
        "persil.path", "persil.id_peta", "mutasi_cdesa.path", "mutasi_cdesa.id_peta",
    }  # fmt: skip
    with village_context(village_b):
        from village_apps.produk_hukum.selectors import keputusan_list, peraturan_list

        # dokumen 2 and 3 (SK Kades), 4 and 5 (Perdes); 6 is public information.
        assert [p.tentang for p in keputusan_list()] == [
            "SK TIM Penyusun RPJMDes Tahun 2017",
            "SK Pengangkatan RT dan Pemberentian RT Baru",
        ]
        perdes = list(peraturan_list())
        assert [p.nomor for p in perdes] == ["1", "2"]
        assert perdes[0].nomor_diundangkan == "1" and perdes[0].tahap == "diundangkan"
    assert any("dokumen id=6" in w for w in laporan.warnings)


def test_folder_zip_attaches_signed_documents_checked_by_content(village_b, tmp_path, settings):
    import json
    import zipfile

    settings.MEDIA_ROOT = tmp_path / "media"
    tables = matching_tables()
    attr = {"uraian": "APBDes", "no_ditetapkan": "4", "tgl_ditetapkan": "10-01-2022"}
    tables["dokumen"] = [
        {"id": 1, "satuan": "perdes_4.pdf", "nama": "Perdes APBDes 2022", "enabled": 1,
         "kategori": 3, "attr": json.dumps(attr), "deleted": 0, "dok_warga": 0},
        {"id": 2, "satuan": "sk.jpg", "nama": "SK palsu", "enabled": 1, "kategori": 2,
         "attr": json.dumps({"no_kep_kades": "9", "tgl_kep_kades": "11-01-2022"}),
         "deleted": 0, "dok_warga": 0},
    ]  # fmt: skip
    desa = tmp_path / "desa.zip"
    with zipfile.ZipFile(desa, "w") as zf:
        zf.writestr("desa/upload/dokumen/perdes_4.pdf", b"%PDF-1.4 perdes")
        zf.writestr("desa/upload/dokumen/sk.jpg", b"<html>bukan gambar</html>")
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, tables), desa_zip=desa)
    assert laporan.ok, laporan.errors
    assert laporan.imported["berkas.produk_hukum"] == 1
    with village_context(village_b):
        from village_apps.produk_hukum.models import ProdukHukum

        perdes = ProdukHukum.objects.get(nomor="4")
        assert (
            perdes.berkas.name.startswith("produk_hukum/")
            and perdes.berkas_tipe == "application/pdf"
        )
        assert perdes.berkas.read() == b"%PDF-1.4 perdes"
        assert not ProdukHukum.objects.get(nomor="9").berkas
    assert any("bukan PDF, JPG atau PNG" in w for w in laporan.warnings)
