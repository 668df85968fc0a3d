"""Hand-written dumps: OpenSID's dashboard rules, all-or-nothing, unmapped parts,
multi-village dumps, dump variants and the folder zip."""

import gzip
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tenants.context import village_context
from tests.village_apps.opensid_import.dumps import (
    KODE,
    matching_tables,
    opensid_sql,
    village_tables,
)
from village_apps.opensid_import.mapping import ID_COLUMNS
from village_apps.opensid_import.services import opensid_import

pytestmark = pytest.mark.django_db


def _write(tmp_path, tables, name="cadangan.sql", **kw):
    path = tmp_path / name
    path.write_text(opensid_sql(tables, **kw), encoding="utf-8")
    return path


def _residents(village):
    with village_context(village):
        from village_apps.penduduk.models import Penduduk

        return Penduduk.objects.count()


def test_matching_village_imports_with_hand_computed_numbers(village_b, tmp_path):
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, matching_tables()))
    assert laporan.errors == []
    assert laporan.ok
    expected = {"penduduk": 2, "keluarga": 1, "rumah_tangga": 1, "dusun": 2, "kelompok": 1}
    assert laporan.source == expected
    assert laporan.balai == expected
    assert laporan.breakdown["status_dasar"] == {"1": 2, "2": 1, "3": 2}
    assert laporan.breakdown["kode_peristiwa"] == {"2": 1, "3": 2}
    assert laporan.breakdown["sasaran"] == {"1": 1, "2": 1, "3": 1, "4": 1}
    with village_context(village_b):
        from village_apps.bantuan.models import Peserta
        from village_apps.keluarga.models import Keluarga
        from village_apps.penduduk.models import Penduduk
        from village_apps.wilayah.models import RT

        head = Keluarga.objects.get(no_kk=f"{KODE}000010").kepala
        assert head.nik == f"{KODE}000001"  # nik_kepala was a penduduk id, re-keyed
        assert Penduduk.objects.get(nik=f"{KODE}000002").rumah_tangga.no_rtm == "R-1"
        # Residents of the "-" placeholder unit keep it.
        assert Penduduk.objects.get(nik=f"{KODE}000005").wilayah.nama == "-"
        assert set(RT.objects.values_list("rw__dusun__nama", "rw__nama", "nama")) == {
            ("Krajan", "-", "-"),
            ("Krajan", "001", "-"),
            ("Krajan", "001", "001"),
            ("Wetan", "-", "-"),
        }
        kinds = {
            (p.penduduk_id is not None, p.keluarga_id is not None)
            + (p.rumah_tangga_id is not None, p.kelompok_id is not None)
            for p in Peserta.objects.all()
        }
        assert len(kinds) == 4  # one participant per sasaran, each on its own kind


def test_deaths_dead_heads_and_dissolved_family_differ_and_roll_back(village_b, tmp_path):
    dump = _write(tmp_path, village_tables())
    laporan = opensid_import(village=village_b, dump_path=dump)
    assert not laporan.ok
    assert laporan.source == {
        "penduduk": 4,
        "keluarga": 1,
        "rumah_tangga": 1,
        "dusun": 2,
        "kelompok": 1,
    }
    assert laporan.balai["keluarga"] == 3 and laporan.balai["rumah_tangga"] == 2
    assert sorted(laporan.differences) == ["keluarga", "rumah_tangga"]
    family = " ".join(laporan.differences["keluarga"])
    assert "tweb_keluarga id=11" in family and "status dasar 2" in family
    assert "tweb_keluarga id=13" in family and "peristiwa keluarga terakhir 4" in family
    assert laporan.differences["rumah_tangga"] == [
        "tweb_rtm id=3: tidak dihitung OpenSID, dihitung Balai "
        "(kepala berstatus dasar 2, anggota masih hidup)"
    ]
    assert _residents(village_b) == 0  # rolled back

    accepted = opensid_import(village=village_b, dump_path=dump, accept_differences=True)
    assert accepted.ok and accepted.differences
    assert _residents(village_b) == 8


def test_corrupted_line_imports_nothing(village_b, tmp_path):
    text = opensid_sql(matching_tables()).replace(
        "VALUES ('2', 'Warga 2'", "VALUES ('2', 'Warga 2 tanpa tutup", 1
    )
    path = tmp_path / "rusak.sql"
    path.write_text(text)
    laporan = opensid_import(village=village_b, dump_path=path)
    assert not laporan.ok
    assert len(laporan.errors) == 1 and "baris" in laporan.errors[0]
    assert _residents(village_b) == 0


def test_missing_parents_import_nothing_and_each_is_reported(village_b, tmp_path):
    tables = matching_tables()
    tables["tweb_penduduk"][0]["id_kk"] = 99
    tables["tweb_keluarga"][0]["nik_kepala"] = "77"
    tables["log_penduduk"].append({"id": 9, "id_pend": 55, "kode_peristiwa": 2})
    tables["program_peserta"][0]["peserta"] = "9999999999999999"
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, tables))
    assert not laporan.ok
    assert sorted(laporan.errors) == [
        "log_penduduk id=9: id_pend=55 tidak ada.",
        "program_peserta id=1: peserta tidak ditemukan untuk sasaran 1.",
        "tweb_keluarga id=10: kepala (id penduduk 77) tidak ada.",
        "tweb_penduduk id=1: id_kk=99 tidak ada di tweb_keluarga.",
    ]
    assert laporan.source["penduduk"] == 2  # the source numbers are still reported
    assert _residents(village_b) == 0


def test_unknown_tables_and_columns_are_listed_as_unmapped(village_b, tmp_path):
    tables = matching_tables()
    tables["modul_baru"] = [{"id": 1, "isi": "apa saja"}]
    for row in tables["tweb_penduduk"]:
        row["kolom_baru"] = "x"
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, tables))
    assert laporan.ok, laporan.errors
    assert "modul_baru" in laporan.unmapped
    assert "tweb_penduduk.kolom_baru" in laporan.unmapped
    assert laporan.tables["modul_baru"] == 1
    assert _residents(village_b) == 5


def _two_villages() -> dict:
    """A "database gabungan": config_id on every table, a second village (config 2)
    whose ids overlap the first one's."""
    first, second = matching_tables(), village_tables()
    second["config"] = [{"id": 2, "nama_desa": "Lain", "kode_desa": "1801042099"}]
    merged = {}
    for name in first:
        rows = [dict(r, config_id=1) for r in first[name]]
        for r in second[name]:
            r = dict(r, config_id=2)
            for key in ("nik", "no_kk"):
                if key in r and name in ("tweb_penduduk", "tweb_keluarga"):
                    r[key] = "9" + r[key][1:]
            rows.append(r)
        merged[name] = rows
    for r in merged["program_peserta"]:
        if r["config_id"] == 2 and r["peserta"].startswith("1801"):
            r["peserta"] = "9" + r["peserta"][1:]
    return merged


def test_multi_village_dump_imports_only_the_chosen_village(village_b, tmp_path):
    path = _write(tmp_path, _two_villages())
    laporan = opensid_import(village=village_b, dump_path=path)
    assert laporan.ok, laporan.errors
    assert laporan.source["penduduk"] == 2
    assert _residents(village_b) == 5
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk

        assert not Penduduk.objects.filter(nik__startswith="9").exists()


def test_multi_village_dump_by_kode_desa(village_b, tmp_path):
    path = _write(tmp_path, _two_villages())
    laporan = opensid_import(
        village=village_b, dump_path=path, kode_desa="1801042099", accept_differences=True
    )
    assert laporan.ok
    assert laporan.source["penduduk"] == 4
    assert any("berbeda dengan kode desa tujuan" in w for w in laporan.warnings)
    assert _residents(village_b) == 8


def test_other_kode_desa_is_an_error_when_strict(village_b, tmp_path):
    tables = matching_tables()
    tables["config"][0]["kode_desa"] = "1801042001"
    path = _write(tmp_path, tables)
    strict = opensid_import(village=village_b, dump_path=path, strict=True)
    assert not strict.ok and "berbeda dengan kode desa tujuan" in strict.errors[0]
    assert _residents(village_b) == 0
    loose = opensid_import(village=village_b, dump_path=path, dry_run=True)
    assert loose.ok and any("berbeda" in w for w in loose.warnings)
    assert _residents(village_b) == 0  # dry run


MYSQLDUMP = """-- MySQL dump 10.13
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `config`;
CREATE TABLE `config` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `nama_desa` varchar(100) NOT NULL,
  `kode_desa` varchar(100) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `config` WRITE;
/*!40000 ALTER TABLE `config` DISABLE KEYS */;
INSERT INTO `config` VALUES (1,'Sidosari','1801042002');
/*!40000 ALTER TABLE `config` ENABLE KEYS */;
UNLOCK TABLES;
CREATE TABLE `tweb_wil_clusterdesa` (
  `id` int(11) NOT NULL, `rt` varchar(10), `rw` varchar(10), `dusun` varchar(50),
  PRIMARY KEY (`id`)
);
INSERT INTO `tweb_wil_clusterdesa` VALUES (1,'0','0','Krajan'),(2,'0','001','Krajan'),(3,'001','001','Krajan');
CREATE TABLE `tweb_keluarga` (
  `id` int(11) NOT NULL, `no_kk` varchar(160), `nik_kepala` varchar(200), `id_cluster` int(11),
  PRIMARY KEY (`id`)
);
INSERT INTO `tweb_keluarga` VALUES (1,_binary '1801042002000001','1',3);
CREATE TABLE `tweb_penduduk` (
  `id` int(11) NOT NULL, `nama` varchar(100), `nik` varchar(16), `id_kk` int(11),
  `kk_level` tinyint(2), `sex` tinyint(4), `agama_id` int(1), `status_dasar` tinyint(4),
  `id_cluster` int(11), `id_rtm` varchar(30),
  PRIMARY KEY (`id`)
);
INSERT INTO `tweb_penduduk` VALUES (1,0x4B6570616C61,'1801042002000011',1,1,1,1,1,3,'0'),
(2,'Anak; satu','1801042002000012',1,4,2,1,1,3,'0');
"""


def test_mysqldump_variant_gzipped_through_the_command(village_b, tmp_path):
    path = tmp_path / "cadangan.sql.gz"
    path.write_bytes(gzip.compress(MYSQLDUMP.encode()))
    out = io.StringIO()
    call_command("opensid", "import", "--village", village_b.slug, str(path), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["ok"] and report["errors"] == []
    expected = {"penduduk": 2, "keluarga": 1, "rumah_tangga": 0, "dusun": 1, "kelompok": 0}
    assert report["source"] == expected and report["balai"] == expected
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk

        assert set(Penduduk.objects.values_list("nama", flat=True)) == {"Kepala", "Anak; satu"}


def test_command_fails_with_nonzero_exit_and_json_report(village_b, tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "opensid",
            "import",
            "--village",
            village_b.slug,
            str(_write(tmp_path, village_tables())),
            "--json",
            stdout=out,
        )
    report = json.loads(out.getvalue())
    assert report["ok"] is False and set(report) >= {
        "source",
        "balai",
        "tables",
        "unmapped",
        "warnings",
        "errors",
    }


def test_folder_zip_attaches_photos_images_and_logo(village_b, tmp_path):
    tables = matching_tables()
    tables["tweb_penduduk"][0]["foto"] = "warga1.jpg"
    tables["config"][0]["logo"] = "logo.png"
    tables["kategori"] = [{"id": 1, "kategori": "Berita Desa", "slug": "berita-desa"}]
    tables["artikel"] = [
        {"id": 5, "judul": "Kerja bakti", "isi": "<p>Ayo</p>", "enabled": 1,
         "id_kategori": 1, "gambar": "kerja.jpg", "tgl_upload": "2022-05-01 08:00:00"},
    ]  # fmt: skip
    tables["tweb_surat_format"] = [
        {"id": 7, "nama": "Keterangan Usaha", "url_surat": "surat_ket_usaha", "kode_surat": "510"}
    ]
    tables["log_surat"] = [
        {"id": 3, "id_format_surat": 7, "id_pend": 2, "tanggal": "2022-05-02 09:00:00",
         "no_surat": "12", "nama_surat": "surat_ket_usaha_12.rtf", "keterangan": "Usaha warung"},
    ]  # fmt: skip
    tables["pengaduan"] = [
        {"id": 1, "id_pengaduan": None, "nama": "Warga", "email": "w@contoh.id", "judul": "Jalan rusak",
         "isi": "Tolong diperbaiki", "status": 2, "foto": "jalan.jpg", "created_at": "2022-05-03 10:00:00"},
        {"id": 2, "id_pengaduan": 1, "nama": "Admin", "judul": "", "isi": "Sedang ditangani",
         "status": 2, "created_at": "2022-05-04 10:00:00"},
    ]  # fmt: skip
    desa = tmp_path / "desa.zip"
    with zipfile.ZipFile(desa, "w") as zf:
        zf.writestr("desa/upload/pengaduan/jalan.jpg", b"foto-jalan")
        zf.writestr("desa/arsip/surat_ket_usaha_12.rtf", b"{\\rtf1 surat}")
        zf.writestr("desa/upload/user_pict/kecil_warga1.jpg", b"foto-warga")
        zf.writestr("desa/upload/artikel/sedang_kerja.jpg", b"gambar-artikel")
        zf.writestr("desa/logo/logo.png", b"logo-desa")
    laporan = opensid_import(village=village_b, dump_path=_write(tmp_path, tables), desa_zip=desa)
    assert laporan.ok, laporan.errors
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk
        from village_apps.pengaduan.models import Pengaduan
        from village_apps.profil.models import ProfilDesa
        from village_apps.surat.models import SuratKeluar
        from village_apps.web.models import Artikel

        complaint = Pengaduan.objects.get()
        assert complaint.status == "diproses" and complaint.kontak == "w@contoh.id"
        assert complaint.dibuat_pada.isoformat() == "2022-05-03T03:00:00+00:00"  # WIB
        assert [t.isi for t in complaint.tanggapan.all()] == ["Sedang ditangani"]
        assert complaint.foto.read() == b"foto-jalan"
        default_storage.delete(complaint.foto.name)
        letter = SuratKeluar.objects.get()
        assert letter.nomor == "12" and bytes(letter.pdf) == b"{\\rtf1 surat}"
        assert letter.nik_warga == f"{KODE}000002" and letter.tanggal.isoformat() == "2022-05-02"
        assert letter.format.nama == "Keterangan Usaha" and not letter.format.aktif
        person = Penduduk.objects.get(nik=f"{KODE}000001")
        article = Artikel.objects.get()
        logo = ProfilDesa.objects.get().logo
        try:
            assert person.foto.read() == b"foto-warga"
            assert article.gambar.read() == b"gambar-artikel"
            assert article.kategori.nama == "Berita Desa" and article.terbit
            assert logo.read() == b"logo-desa"
        finally:
            for f in (person.foto, article.gambar, logo):
                default_storage.delete(f.name)


def test_sid_backup_with_text_values_imports(village_b, tmp_path):
    """OpenSID ≥ 24.08 .sid: JSON, every value text, ids shifted by an offset."""
    offset = 1000
    tabel = {}
    for name, rows in matching_tables().items():
        shifted = []
        for r in rows:
            r = {k: ("" if v is None else str(v)) for k, v in r.items()}
            for key in ID_COLUMNS:
                if r.get(key) not in (None, "", "0"):
                    r[key] = str(int(r[key]) + offset)
            if name == "program_peserta" and r["program_id"] == str(4 + offset):
                r["peserta"] = str(int(r["peserta"]) + offset)  # a group id
            shifted.append(r)
        tabel[name] = {"primary_key": "id", "data": shifted}
    path = tmp_path / "cadangan.sid"
    path.write_text(json.dumps({"info": {"versi": "2408.0.0"}, "tabel": tabel}))
    laporan = opensid_import(village=village_b, dump_path=path)
    assert laporan.ok, laporan.errors
    assert laporan.source == {
        "penduduk": 2,
        "keluarga": 1,
        "rumah_tangga": 1,
        "dusun": 2,
        "kelompok": 1,
    }
    assert laporan.balai == laporan.source


def test_a_village_with_data_is_replaced_only_with_confirmation(village_b, tmp_path):
    first = _write(tmp_path, matching_tables(), name="pertama.sql")
    assert opensid_import(village=village_b, dump_path=first).ok
    second = _write(tmp_path, village_tables(), name="kedua.sql")
    refused = opensid_import(village=village_b, dump_path=second, accept_differences=True)
    assert not refused.ok and "sudah berisi data penduduk" in refused.errors[0]
    with pytest.raises(CommandError, match="Konfirmasi"):
        call_command(
            "opensid", "import", "--village", village_b.slug, str(second), "--replace", "x"
        )
    assert _residents(village_b) == 5
    out = io.StringIO()
    call_command(
        "opensid", "import", "--village", village_b.slug, str(second), "--replace", village_b.slug,
        "--accept-differences", "--json", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["ok"]
    assert _residents(village_b) == 8
