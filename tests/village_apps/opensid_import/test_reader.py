"""The OpenSID dump reader handles OpenSID's own backups and phpMyAdmin/mysqldump variants."""

import datetime as dt
import gzip
import json
from decimal import Decimal

import pytest

from tests.support.shared_files import SHARED_DIR
from village_apps.opensid_import.reader import DumpError, read_dump, repair_text

SAMPLE = SHARED_DIR / "opensid" / "contoh_data_awal_20220601.sql"

OPENSID_STYLE = """# OpenSID backup
DROP TABLE IF EXISTS tweb_penduduk;
CREATE TABLE `tweb_penduduk` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `nama` varchar(100) NOT NULL,
  `tanggallahir` date DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `berat` decimal(5,2) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
INSERT INTO `tweb_penduduk` (`id`, `nama`, `tanggallahir`, `created_at`, `berat`) VALUES ('1', 'D\\'Arcy; \\"x\\" \\\\ y', '0000-00-00', '2020-01-02 03:04:05', '61.50');
INSERT INTO `tweb_penduduk` (`id`, `nama`, `tanggallahir`, `created_at`, `berat`) VALUES ('2', 'Baris\\nbaru', '1990-05-17', '0000-00-00 00:00:00', NULL);
"""

MYSQLDUMP_STYLE = """-- MySQL dump 10.13
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
--
-- Table structure for table `kelompok`
--
CREATE TABLE `kelompok` (
  `id` int NOT NULL,
  `nama` varchar(50) DEFAULT NULL,
  `foto` blob,
  `kode` varchar(10) DEFAULT NULL,
  PRIMARY KEY (`id`)
);
LOCK TABLES `kelompok` WRITE;
/*!40000 ALTER TABLE `kelompok` DISABLE KEYS */;
INSERT INTO `kelompok` VALUES (1,'Tani -- Makmur',_binary 'abc',0x4B3031),(2,'Nelayan /* bukan komentar */','',NULL),
(3,'It''s',x'',  'K03');
/*!40000 ALTER TABLE `kelompok` ENABLE KEYS */;
UNLOCK TABLES;
"""


def _write(tmp_path, name, text, gz=False):
    path = tmp_path / name
    data = text.encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_opensid_style_values_and_types(tmp_path):
    dump = read_dump(_write(tmp_path, "a.sql", OPENSID_STYLE))
    rows = dump.rows["tweb_penduduk"]
    assert rows[0] == {
        "id": 1,
        "nama": 'D\'Arcy; "x" \\ y',
        "tanggallahir": None,
        "created_at": dt.datetime(2020, 1, 2, 3, 4, 5),  # noqa: DTZ001 - naive as stored; the importer applies the village timezone
        "berat": Decimal("61.50"),
    }
    assert rows[1]["nama"] == "Baris\nbaru" and rows[1]["tanggallahir"] == dt.date(1990, 5, 17)
    assert rows[1]["created_at"] is None
    assert dump.tables["tweb_penduduk"].primary_key == ["id"]


@pytest.mark.parametrize("gz", [False, True])
def test_mysqldump_variants(tmp_path, gz):
    dump = read_dump(_write(tmp_path, "b.sql.gz" if gz else "b.sql", MYSQLDUMP_STYLE, gz=gz))
    rows = dump.rows["kelompok"]
    assert [r["nama"] for r in rows] == ["Tani -- Makmur", "Nelayan /* bukan komentar */", "It's"]
    assert rows[0]["foto"] == "abc" and rows[0]["kode"] == "K01"
    assert rows[2]["kode"] == "K03"
    assert dump.counts["kelompok"] == 3


def test_corrupt_line_is_reported_with_its_line(tmp_path):
    bad = OPENSID_STYLE.replace("'2', 'Baris", "'2', Baris")
    with pytest.raises(DumpError) as err:
        read_dump(_write(tmp_path, "c.sql", bad))
    assert err.value.line == 12  # the second INSERT


def test_unterminated_string_is_an_error(tmp_path):
    with pytest.raises(DumpError):
        read_dump(
            _write(tmp_path, "d.sql", OPENSID_STYLE + "INSERT INTO `tweb_penduduk` VALUES (3,'x")
        )


def test_wrong_number_of_values_is_an_error(tmp_path):
    bad = OPENSID_STYLE + "INSERT INTO `tweb_penduduk` VALUES (3,'x');\n"
    with pytest.raises(DumpError, match="nilai untuk"):
        read_dump(_write(tmp_path, "e.sql", bad))


def test_sid_backup(tmp_path):
    data = {
        "info": {"versi": "24.08"},
        "tabel": {"tweb_penduduk": {"primary_key": "id", "data": [{"id": 1001, "nama": "A"}]}},
    }
    dump = read_dump(_write(tmp_path, "x.sid", json.dumps(data)))
    assert dump.kind == "sid" and dump.info["versi"] == "24.08"
    assert dump.rows["tweb_penduduk"] == [{"id": 1001, "nama": "A"}]


def test_double_encoded_text_is_repaired():
    assert repair_text("CafÃ©") == ("Café", True)
    assert repair_text("Biasa saja") == ("Biasa saja", False)


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_reads_the_opensid_sample():
    dump = read_dump(SAMPLE)
    assert dump.counts["tweb_penduduk"] == 97
    assert dump.counts["tweb_keluarga"] == 37
    assert dump.rows["config"][0]["kode_desa"] == "5201142005"
    assert len(dump.tables) > 200
