"""OpenSID's code lists, with OpenSID's numeric codes (data, not free text).

Generated once from the sheet "Kode Data" of OpenSID's ``FormatImporExcel.xlsm``
(plus ``tweb_sakit_menahun``, ``tweb_penduduk_status`` and ``tweb_keluarga_sejahtera``
from OpenSID's demo database) and committed: the import, export, forms and statistics
all read these classes, never the workbook. Labels are OpenSID's, unchanged, so that an
exported file reads the same in OpenSID.
"""

from django.db import models


class Sex(models.IntegerChoices):
    """OpenSID `sex`."""

    LAKI_LAKI = 1, "LAKI-LAKI"
    PEREMPUAN = 2, "PEREMPUAN"


class Agama(models.IntegerChoices):
    """OpenSID `agama_id`."""

    ISLAM = 1, "ISLAM"
    KRISTEN = 2, "KRISTEN"
    KATHOLIK = 3, "KATHOLIK"
    HINDU = 4, "HINDU"
    BUDHA = 5, "BUDHA"
    KHONGHUCU = 6, "KHONGHUCU"
    KEPERCAYAAN = 7, "Kepercayaan Terhadap Tuhan YME / Lainnya"


class PendidikanKK(models.IntegerChoices):
    """OpenSID `pendidikan_kk_id`."""

    K1 = 1, "TIDAK / BELUM SEKOLAH"
    K2 = 2, "BELUM TAMAT SD/SEDERAJAT"
    K3 = 3, "TAMAT SD / SEDERAJAT"
    K4 = 4, "SLTP/SEDERAJAT"
    K5 = 5, "SLTA / SEDERAJAT"
    K6 = 6, "DIPLOMA I / II"
    K7 = 7, "AKADEMI/ DIPLOMA III/S. MUDA"
    K8 = 8, "DIPLOMA IV/ STRATA I"
    K9 = 9, "STRATA II"
    K10 = 10, "STRATA III"


class PendidikanSedang(models.IntegerChoices):
    """OpenSID `pendidikan_sedang_id`."""

    K1 = 1, "BELUM MASUK TK/KELOMPOK BERMAIN"
    K2 = 2, "SEDANG TK/KELOMPOK BERMAIN"
    K3 = 3, "TIDAK PERNAH SEKOLAH"
    K4 = 4, "SEDANG SD/SEDERAJAT"
    K5 = 5, "TIDAK TAMAT SD/SEDERAJAT"
    K6 = 6, "SEDANG SLTP/SEDERAJAT"
    K7 = 7, "SEDANG SLTA/SEDERAJAT"
    K8 = 8, "SEDANG D-1/SEDERAJAT"
    K9 = 9, "SEDANG D-2/SEDERAJAT"
    K10 = 10, "SEDANG D-3/SEDERAJAT"
    K11 = 11, "SEDANG S-1/SEDERAJAT"
    K12 = 12, "SEDANG S-2/SEDERAJAT"
    K13 = 13, "SEDANG S-3/SEDERAJAT"
    K14 = 14, "SEDANG SLB A/SEDERAJAT"
    K15 = 15, "SEDANG SLB B/SEDERAJAT"
    K16 = 16, "SEDANG SLB C/SEDERAJAT"
    K17 = 17, "TIDAK DAPAT MEMBACA DAN MENULIS HURUF LATIN/ARAB"
    K18 = 18, "TIDAK SEDANG SEKOLAH"


class Pekerjaan(models.IntegerChoices):
    """OpenSID `pekerjaan_id`."""

    K1 = 1, "BELUM/TIDAK BEKERJA"
    K2 = 2, "MENGURUS RUMAH TANGGA"
    K3 = 3, "PELAJAR/MAHASISWA"
    K4 = 4, "PENSIUNAN"
    K5 = 5, "PEGAWAI NEGERI SIPIL (PNS)"
    K6 = 6, "TENTARA NASIONAL INDONESIA (TNI)"
    K7 = 7, "KEPOLISIAN RI (POLRI)"
    K8 = 8, "PERDAGANGAN"
    K9 = 9, "PETANI/PEKEBUN"
    K10 = 10, "PETERNAK"
    K11 = 11, "NELAYAN/PERIKANAN"
    K12 = 12, "INDUSTRI"
    K13 = 13, "KONSTRUKSI"
    K14 = 14, "TRANSPORTASI"
    K15 = 15, "KARYAWAN SWASTA"
    K16 = 16, "KARYAWAN BUMN"
    K17 = 17, "KARYAWAN BUMD"
    K18 = 18, "KARYAWAN HONORER"
    K19 = 19, "BURUH HARIAN LEPAS"
    K20 = 20, "BURUH TANI/PERKEBUNAN"
    K21 = 21, "BURUH NELAYAN/PERIKANAN"
    K22 = 22, "BURUH PETERNAKAN"
    K23 = 23, "PEMBANTU RUMAH TANGGA"
    K24 = 24, "TUKANG CUKUR"
    K25 = 25, "TUKANG LISTRIK"
    K26 = 26, "TUKANG BATU"
    K27 = 27, "TUKANG KAYU"
    K28 = 28, "TUKANG SOL SEPATU"
    K29 = 29, "TUKANG LAS/PANDAI BESI"
    K30 = 30, "TUKANG JAHIT"
    K31 = 31, "TUKANG GIGI"
    K32 = 32, "PENATA RIAS"
    K33 = 33, "PENATA BUSANA"
    K34 = 34, "PENATA RAMBUT"
    K35 = 35, "MEKANIK"
    K36 = 36, "SENIMAN"
    K37 = 37, "TABIB"
    K38 = 38, "PARAJI"
    K39 = 39, "PERANCANG BUSANA"
    K40 = 40, "PENTERJEMAH"
    K41 = 41, "IMAM MASJID"
    K42 = 42, "PENDETA"
    K43 = 43, "PASTOR"
    K44 = 44, "WARTAWAN"
    K45 = 45, "USTADZ/MUBALIGH"
    K46 = 46, "JURU MASAK"
    K47 = 47, "PROMOTOR ACARA"
    K48 = 48, "ANGGOTA DPR-RI"
    K49 = 49, "ANGGOTA DPD"
    K50 = 50, "ANGGOTA BPK"
    K51 = 51, "PRESIDEN"
    K52 = 52, "WAKIL PRESIDEN"
    K53 = 53, "ANGGOTA MAHKAMAH KONSTITUSI"
    K54 = 54, "ANGGOTA KABINET KEMENTERIAN"
    K55 = 55, "DUTA BESAR"
    K56 = 56, "GUBERNUR"
    K57 = 57, "WAKIL GUBERNUR"
    K58 = 58, "BUPATI"
    K59 = 59, "WAKIL BUPATI"
    K60 = 60, "WALIKOTA"
    K61 = 61, "WAKIL WALIKOTA"
    K62 = 62, "ANGGOTA DPRD PROVINSI"
    K63 = 63, "ANGGOTA DPRD KABUPATEN/KOTA"
    K64 = 64, "DOSEN"
    K65 = 65, "GURU"
    K66 = 66, "PILOT"
    K67 = 67, "PENGACARA"
    K68 = 68, "NOTARIS"
    K69 = 69, "ARSITEK"
    K70 = 70, "AKUNTAN"
    K71 = 71, "KONSULTAN"
    K72 = 72, "DOKTER"
    K73 = 73, "BIDAN"
    K74 = 74, "PERAWAT"
    K75 = 75, "APOTEKER"
    K76 = 76, "PSIKIATER/PSIKOLOG"
    K77 = 77, "PENYIAR TELEVISI"
    K78 = 78, "PENYIAR RADIO"
    K79 = 79, "PELAUT"
    K80 = 80, "PENELITI"
    K81 = 81, "SOPIR"
    K82 = 82, "PIALANG"
    K83 = 83, "PARANORMAL"
    K84 = 84, "PEDAGANG"
    K85 = 85, "PERANGKAT DESA"
    K86 = 86, "KEPALA DESA"
    K87 = 87, "BIARAWATI"
    K88 = 88, "WIRASWASTA"
    K89 = 89, "LAINNYA"


class StatusKawin(models.IntegerChoices):
    """OpenSID `status_kawin`."""

    BELUM_KAWIN = 1, "BELUM KAWIN"
    KAWIN = 2, "KAWIN"
    CERAI_HIDUP = 3, "CERAI HIDUP"
    CERAI_MATI = 4, "CERAI MATI"


class SHDK(models.IntegerChoices):
    """OpenSID `kk_level`."""

    KEPALA_KELUARGA = 1, "KEPALA KELUARGA"
    SUAMI = 2, "SUAMI"
    ISTRI = 3, "ISTRI"
    ANAK = 4, "ANAK"
    MENANTU = 5, "MENANTU"
    CUCU = 6, "CUCU"
    ORANGTUA = 7, "ORANGTUA"
    MERTUA = 8, "MERTUA"
    FAMILI_LAIN = 9, "FAMILI LAIN"
    PEMBANTU = 10, "PEMBANTU"
    LAINNYA = 11, "LAINNYA"


class Warganegara(models.IntegerChoices):
    """OpenSID `warganegara_id`."""

    WNI = 1, "WNI"
    WNA = 2, "WNA"
    DUA_KEWARGANEGARAAN = 3, "DUA KEWARGANEGARAAN"


class GolonganDarah(models.IntegerChoices):
    """OpenSID `golongan_darah_id`."""

    K1 = 1, "A"
    K2 = 2, "B"
    K3 = 3, "AB"
    K4 = 4, "O"
    K5 = 5, "A+"
    K6 = 6, "A-"
    K7 = 7, "B+"
    K8 = 8, "B-"
    K9 = 9, "AB+"
    K10 = 10, "AB-"
    K11 = 11, "O+"
    K12 = 12, "O-"
    K13 = 13, "TIDAK TAHU"


class Cacat(models.IntegerChoices):
    """OpenSID `cacat_id`."""

    K1 = 1, "CACAT FISIK"
    K2 = 2, "CACAT NETRA/BUTA"
    K3 = 3, "CACAT RUNGU/WICARA"
    K4 = 4, "CACAT MENTAL/JIWA"
    K5 = 5, "CACAT FISIK DAN MENTAL"
    K6 = 6, "CACAT LAINNYA"
    K7 = 7, "TIDAK CACAT"


class CaraKB(models.IntegerChoices):
    """OpenSID `cara_kb_id`."""

    K1 = 1, "Pil"
    K2 = 2, "IUD"
    K3 = 3, "Suntik"
    K4 = 4, "Kondom"
    K5 = 5, "Susuk KB"
    K6 = 6, "Sterilisasi Wanita"
    K7 = 7, "Sterilisasi Pria"
    K99 = 99, "Lainnya"


class Hamil(models.IntegerChoices):
    """OpenSID `hamil`."""

    HAMIL = 1, "HAMIL"
    TIDAK_HAMIL = 2, "TIDAK HAMIL"


class KtpEl(models.IntegerChoices):
    """OpenSID `ktp_el`."""

    BELUM = 1, "BELUM"
    KTP_EL = 2, "KTP-EL"


class StatusRekam(models.IntegerChoices):
    """OpenSID `status_rekam`."""

    K1 = 1, "BELUM WAJIB"
    K2 = 2, "BELUM REKAM"
    K3 = 3, "SUDAH REKAM"
    K4 = 4, "CARD PRINTED"
    K5 = 5, "PRINT READY RECORD"
    K6 = 6, "CARD SHIPPED"
    K7 = 7, "SENT FOR CARD PRINTING"
    K8 = 8, "CARD ISSUED"


class StatusDasar(models.IntegerChoices):
    """OpenSID `status_dasar`."""

    HIDUP = 1, "HIDUP"
    MATI = 2, "MATI"
    PINDAH = 3, "PINDAH"
    HILANG = 4, "HILANG"
    PERGI = 6, "PERGI"
    TIDAK_VALID = 9, "TIDAK VALID"


class Asuransi(models.IntegerChoices):
    """OpenSID `id_asuransi`."""

    K1 = 1, "TIDAK/BELUM PUNYA"
    K2 = 2, "BPJS PENERIMA BANTUAN IURAN"
    K3 = 3, "BPJS NON PENERIMA BANTUAN IURAN"
    K4 = 4, "BPJS BANTUAN DAERAH"
    K99 = 99, "ASURANSI LAINNYA"


class SakitMenahun(models.IntegerChoices):
    """OpenSID `sakit_menahun_id` (table ``tweb_sakit_menahun``)."""

    K1 = 1, "JANTUNG"
    K2 = 2, "LEVER"
    K3 = 3, "PARU-PARU"
    K4 = 4, "KANKER"
    K5 = 5, "STROKE"
    K6 = 6, "DIABETES MELITUS"
    K7 = 7, "GINJAL"
    K8 = 8, "MALARIA"
    K9 = 9, "LEPRA/KUSTA"
    K10 = 10, "HIV/AIDS"
    K11 = 11, "GILA/STRESS"
    K12 = 12, "TBC"
    K13 = 13, "ASTHMA"
    K14 = 14, "TIDAK ADA/TIDAK SAKIT"


class StatusPenduduk(models.IntegerChoices):
    """OpenSID `status` (table ``tweb_penduduk_status``)."""

    TETAP = 1, "TETAP"
    TIDAK_TETAP = 2, "TIDAK TETAP"


class KelasSosial(models.IntegerChoices):
    """OpenSID `kelas_sosial` of a family (table ``tweb_keluarga_sejahtera``)."""

    K1 = 1, "Keluarga Pra Sejahtera"
    K2 = 2, "Keluarga Sejahtera I"
    K3 = 3, "Keluarga Sejahtera II"
    K4 = 4, "Keluarga Sejahtera III"
    K5 = 5, "Keluarga Sejahtera III Plus"


# The import/export columns that hold a code, and the list each must belong to.
CODE_FIELDS: dict[str, type[models.IntegerChoices]] = {
    "sex": Sex,
    "agama_id": Agama,
    "pendidikan_kk_id": PendidikanKK,
    "pendidikan_sedang_id": PendidikanSedang,
    "pekerjaan_id": Pekerjaan,
    "status_kawin": StatusKawin,
    "kk_level": SHDK,
    "warganegara_id": Warganegara,
    "golongan_darah_id": GolonganDarah,
    "cacat_id": Cacat,
    "cara_kb_id": CaraKB,
    "hamil": Hamil,
    "ktp_el": KtpEl,
    "status_rekam": StatusRekam,
    "status_dasar": StatusDasar,
    "id_asuransi": Asuransi,
}
