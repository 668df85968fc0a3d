"""The attachment forms themselves: the content of each Dukcapil form of Permendagri
108/2019 (F-1.xx biodata, family card, moving; F-2.xx civil registration) and of the
marriage forms N-1 … N-6, as :mod:`village_apps.surat.lampiran` blocks.

Written by Balai from the regulation's forms (their numbered items, boxed fields and
options); the layout is ``surat/lampiran/formulir.html`` with ``lampiran.css``.
``untuk`` names the letters (template slugs: Balai's defaults and OpenSID's
``url_surat``) that attach a form by default.
"""

from __future__ import annotations

from village_apps.surat.lampiran import (
    Bagian,
    Blok,
    Daftar,
    Formulir,
    Isi,
    Kotak,
    Paragraf,
    Pilih,
    Tandatangan,
    Tanggal,
    register,
)

AGAMA = ("Islam", "Kristen", "Katholik", "Hindu", "Budha", "Khonghucu", "Kepercayaan")
JENIS_KELAMIN = ("Laki-laki", "Perempuan")
KLASIFIKASI_PINDAH = (
    "Dalam satu Desa/Kelurahan",
    "Antar Desa/Kelurahan",
    "Antar Kecamatan",
    "Antar Kab/Kota",
    "Antar Provinsi",
)
ALASAN_PINDAH = (
    "Pekerjaan",
    "Pendidikan",
    "Keamanan",
    "Kesehatan",
    "Perumahan",
    "Keluarga",
    "Lainnya",
)
JENIS_KEPINDAHAN = (
    "Kep. Keluarga",
    "Kep. Keluarga dan Seluruh Angg. Keluarga",
    "Kep. Keluarga dan Sbg. Angg. Keluarga",
    "Angg. Keluarga",
)
STATUS_KK_TIDAK_PINDAH = (
    "Numpang KK",
    "Membuat KK Baru",
    "Tidak Ada Angg. Keluarga Yang Ditinggal",
    "Nomor KK Tetap",
)
STATUS_KK_PINDAH = ("Numpang KK", "Membuat KK Baru", "Nama Kep. Keluarga dan Nomor KK Tetap")
ANGGOTA_KOLOM = (("NIK", "nik"), ("Nama Lengkap", "nama"), ("SHDK", "hubungan"))

PELAPORAN_SIPIL = (
    "Kelahiran",
    "Lahir Mati",
    "Perkawinan",
    "Pembatalan Perkawinan",
    "Perceraian",
    "Pembatalan Perceraian",
    "Kematian",
    "Pengangkatan Anak",
    "Pengakuan Anak",
    "Pengesahan Anak",
    "Perubahan Nama",
    "Perubahan Status Kewarganegaraan",
    "Pencatatan Peristiwa Penting Lainnya",
    "Pembetulan Akta",
    "Pembatalan Akta",
    "Pelaporan Pencatatan Sipil dari Luar Wilayah NKRI",
)

TTD_DESA = ("{wilayah.desa}, {tanggal_surat}", "{ttd_jabatan}", "ttd_nama")


def _alamat(prefix: str, no: str = "") -> tuple:
    """An address as the Dukcapil forms box it: street, RT/RW, village … postcode."""
    return (
        Kotak("Alamat", f"{prefix}.alamat", 34, no=no),
        Kotak("RT", f"{prefix}.rt", 3),
        Kotak("RW", f"{prefix}.rw", 3),
        Kotak("a. Desa/Kelurahan", f"{prefix}.desa", 24),
        Kotak("b. Kecamatan", f"{prefix}.kecamatan", 24),
        Kotak("c. Kabupaten/Kota", f"{prefix}.kabupaten", 24),
        Kotak("d. Provinsi", f"{prefix}.provinsi", 24),
        Kotak("Kode Pos", f"{prefix}.kode_pos", 5),
    )


def _identitas_sipil(prefix: str) -> tuple:
    """Name, NIK, KK number and citizenship (F-2.01's reporter/witness/subject rows)."""
    return (
        Kotak("Nama", f"{prefix}.nama", 34),
        Kotak("NIK", f"{prefix}.nik", 16),
        Kotak("Nomor Dokumen Perjalanan*", f"{prefix}.paspor", 16),
        Kotak("Nomor Kartu Keluarga", f"{prefix}.no_kk", 16),
        Kotak("Kewarganegaraan", f"{prefix}.kewarganegaraan", 34),
    )


def _orang_tua(prefix: str, sebutan: str) -> tuple:
    return (
        Kotak(f"Nama {sebutan}", f"{prefix}.nama", 34),
        Kotak(f"NIK {sebutan}", f"{prefix}.nik", 16),
        Kotak(f"Tempat Lahir {sebutan}", f"{prefix}.tempat_lahir", 34),
        Tanggal(f"Tanggal Lahir {sebutan}", f"{prefix}.tanggal_lahir"),
        Kotak("Kewarganegaraan", f"{prefix}.kewarganegaraan", 34),
    )


def _identitas_nikah(prefix: str) -> tuple:
    """A person as the marriage forms (N-x) write them out, numbered."""
    return (
        Isi("Nama", f"{prefix}.nama", no="1."),
        Isi("Bin/Binti", f"{prefix}.bin", no="2."),
        Kotak("Nomor Induk Kependudukan", f"{prefix}.nik", 16, no="3."),
        Isi("Tempat lahir", f"{prefix}.tempat_lahir", no="4."),
        Tanggal("Tanggal lahir", f"{prefix}.tanggal_lahir", no="5."),
        Isi("Kewarganegaraan", f"{prefix}.kewarganegaraan", no="6."),
        Isi("Agama", f"{prefix}.agama", no="7."),
        Isi("Pekerjaan", f"{prefix}.pekerjaan", no="8."),
        Isi("Tempat tinggal", f"{prefix}.alamat", no="9."),
    )


NIKAH = frozenset({"surat-keterangan-nikah", "keterangan-nikah"})


def _ttd_mengetahui(peran: str, nama: str) -> Tandatangan:
    """The signer of the letter "knows" (left), the person who fills the form signs (right)."""
    return Tandatangan(
        (
            ("Mengetahui,", "{ttd_jabatan}", "ttd_nama"),
            ("{wilayah.desa}, {tanggal_surat}", peran, nama),
        )
    )


def _ttd_berdua(peran_kiri: str, nama_kiri: str, peran_kanan: str, nama_kanan: str) -> Tandatangan:
    """Two people sign (the couple, the parents); the place and date over the right one."""
    return Tandatangan(
        (("", peran_kiri, nama_kiri), ("{wilayah.desa}, {tanggal_surat}", peran_kanan, nama_kanan))
    )


# Moving and family-card forms: the camat knows, the applicant and the village sign.
TTD_CAMAT = Tandatangan(
    (
        ("Diketahui oleh:", "Camat", ""),
        ("", "Pemohon", "pemohon.nama"),
        ("Dikeluarkan oleh:", "{ttd_jabatan}", "ttd_nama"),
    )
)
TTD_CAMAT_PEMOHON = Tandatangan(
    (
        ("Mengetahui,", "Camat", ""),
        ("", "{ttd_jabatan}", "ttd_nama"),
        ("{wilayah.desa}, {tanggal_surat}", "Pemohon", "pemohon.nama"),
    )
)


def _daerah_asal() -> tuple:
    """The origin of a move: family card, head of family, address."""
    return (
        Bagian("DATA DAERAH ASAL"),
        Kotak("Nomor Kartu Keluarga", "pemohon.no_kk", 16, no="1."),
        Kotak("Nama Kepala Keluarga", "kepala_keluarga.nama", 34, no="2."),
        *_alamat("pemohon", no="3."),
    )


def _pemohon_kk(alasan: tuple[str, ...]) -> tuple:
    """The applicant of a family-card form, their address and the reason."""
    return (
        Paragraf("Harap diisi dengan huruf cetak dan menggunakan tinta hitam.", kecil=True),
        Kotak("Nama Lengkap Pemohon", "pemohon.nama", 33, no="1."),
        Kotak("NIK Pemohon", "pemohon.nik", 16, no="2."),
        Kotak("No. KK Semula", "pemohon.no_kk", 16, no="3."),
        *_alamat("pemohon", no="4."),
        Pilih("Alasan Permohonan", "keperluan", alasan, no="5."),
        Bagian("6. DAFTAR ANGGOTA KELUARGA PEMOHON"),
        Daftar("anggota", ANGGOTA_KOLOM, baris=10),
        TTD_CAMAT_PEMOHON,
    )


def _keterangan_desa(kode: str, judul: str, *blok: Blok) -> Formulir:
    """A marriage form the village issues: numbered, "the undersigned states …", signed
    by the village head."""
    return Formulir(
        kode=kode,
        judul=judul,
        untuk=NIKAH,
        subjudul="Nomor: {nomor_surat}",
        blok=(
            Paragraf("Yang bertanda tangan di bawah ini menerangkan dengan sesungguhnya bahwa:"),
            *blok,
            Paragraf("Demikian surat keterangan ini dibuat untuk digunakan seperlunya."),
            Tandatangan((TTD_DESA,)),
        ),
    )


def _mempelai_sipil(judul: str, peran: str) -> tuple:
    """A spouse on F-2.12: identity, education … and both parents, numbered 1-15."""
    return (
        Bagian(judul),
        Kotak("NIK", f"{peran}.nik", 16, no="1."),
        Kotak("Nomor KK", f"{peran}.no_kk", 16, no="2."),
        Kotak("Nama Lengkap", f"{peran}.nama", 34, no="3."),
        Kotak("Tempat Lahir", f"{peran}.tempat_lahir", 24, no="4."),
        Tanggal("Tanggal Lahir", f"{peran}.tanggal_lahir", no="5."),
        Kotak("Alamat", f"{peran}.alamat", 34, no="6."),
        Kotak("Pendidikan Terakhir", f"{peran}.pendidikan", 30, no="7."),
        Kotak("Agama/Penghayat Kepercayaan", f"{peran}.agama", 20, no="8."),
        Kotak("Pekerjaan", f"{peran}.pekerjaan", 30, no="9."),
        Kotak("Status Perkawinan Sebelum Nikah", f"perkawinan.status_{peran}", 20, no="10."),
        Kotak("Kewarganegaraan", f"{peran}.kewarganegaraan", 20, no="11."),
        Kotak("NIK Ayah", f"ayah_{peran}.nik", 16, no="12."),
        Kotak("Nama Ayah", f"ayah_{peran}.nama", 34, no="13."),
        Kotak("NIK Ibu", f"ibu_{peran}.nik", 16, no="14."),
        Kotak("Nama Ibu", f"ibu_{peran}.nama", 34, no="15."),
    )


def _ayah_ibu(ayah: str, ibu: str) -> tuple:
    return (Bagian(ayah), *_identitas_nikah("ayah"), Bagian(ibu), *_identitas_nikah("ibu"))


register(
    Formulir(
        kode="F-1.01",
        judul="FORMULIR BIODATA KELUARGA",
        untuk=frozenset(
            {
                "surat-biodata-penduduk",
                "surat-permohonan-kartu-keluarga",
                "surat-permohonan-perubahan-kartu-keluarga",
            }
        ),
        blok=(
            Paragraf(
                "PERHATIAN: Isilah formulir ini dengan huruf cetak dan jelas serta mengikuti "
                "tata cara pengisian formulir.",
                kecil=True,
            ),
            Bagian("DATA KEPALA KELUARGA"),
            Kotak("Nama Kepala Keluarga", "kepala_keluarga.nama", 34, no="1."),
            Kotak("Alamat", "kepala_keluarga.alamat", 34, no="2."),
            Kotak("Kode Pos", "wilayah.kode_pos", 5, no="3."),
            Kotak("RT", "kepala_keluarga.rt", 3, no="4."),
            Kotak("RW", "kepala_keluarga.rw", 3, no="5."),
            Kotak("Telepon/HP", "kepala_keluarga.telepon", 16, no="7."),
            Bagian("DATA WILAYAH"),
            Kotak("Kode Provinsi", "wilayah.kode_provinsi", 2, no="9."),
            Kotak("Nama Provinsi", "wilayah.provinsi", 30),
            Kotak("Kode Kabupaten/Kota", "wilayah.kode_kabupaten", 4, no="10."),
            Kotak("Nama Kabupaten/Kota", "wilayah.kabupaten", 30),
            Kotak("Kode Kecamatan", "wilayah.kode_kecamatan", 6, no="11."),
            Kotak("Nama Kecamatan", "wilayah.kecamatan", 30),
            Kotak("Kode Desa/Kelurahan", "wilayah.kode_desa", 10, no="12."),
            Kotak("Nama Desa/Kelurahan", "wilayah.desa", 30),
            Kotak("Nama Dusun/Kampung", "kepala_keluarga.dusun", 30, no="13."),
            Bagian("DATA ANGGOTA KELUARGA"),
            Daftar(
                "anggota",
                (
                    ("NIK", "nik"),
                    ("Nama Lengkap", "nama"),
                    ("Jenis Kelamin", "jenis_kelamin"),
                    ("Tempat Lahir", "tempat_lahir"),
                    ("Tanggal Lahir", "tanggal_lahir"),
                    ("Agama", "agama"),
                    ("Pendidikan", "pendidikan"),
                    ("Pekerjaan", "pekerjaan"),
                    ("Status Kawin", "status_kawin"),
                    ("SHDK", "hubungan"),
                    ("Gol. Darah", "gol_darah"),
                    ("Nama Ayah", "nama_ayah"),
                    ("Nama Ibu", "nama_ibu"),
                ),
                baris=10,
            ),
            Paragraf(
                "Demikian formulir ini saya isi dengan sesungguhnya; apabila keterangan di atas "
                "tidak sesuai dengan keadaan sebenarnya, saya bersedia dikenakan sanksi sesuai "
                "ketentuan peraturan perundang-undangan.",
            ),
            _ttd_mengetahui("Kepala Keluarga", "kepala_keluarga.nama"),
        ),
    ),
    Formulir(
        kode="F-1.02",
        judul="FORMULIR PENDAFTARAN PERISTIWA KEPENDUDUKAN",
        untuk=frozenset(
            {
                "surat-biodata-penduduk",
                "surat-permohonan-kartu-keluarga",
                "surat-permohonan-perubahan-kartu-keluarga",
            }
        ),
        blok=(
            Bagian("DATA PEMOHON"),
            Kotak("Nama Lengkap", "pemohon.nama", 34, no="1."),
            Kotak("NIK", "pemohon.nik", 16, no="2."),
            Kotak("Nomor KK", "pemohon.no_kk", 16, no="3."),
            Kotak("Alamat", "pemohon.alamat", 34, no="4."),
            Kotak("Nomor Telepon", "pemohon.telepon", 16, no="5."),
            Bagian("JENIS PERMOHONAN"),
            Pilih(
                "Jenis permohonan",
                "keperluan",
                (
                    "KK Baru",
                    "KK Perubahan Data",
                    "KK Hilang/Rusak",
                    "KTP-el Baru",
                    "KTP-el Perpanjangan",
                    "KTP-el Hilang/Rusak",
                    "Surat Keterangan Pindah",
                    "Surat Keterangan Kependudukan Lainnya",
                ),
                no="6.",
            ),
            Bagian("DATA INDIVIDU"),
            Kotak("Tempat Lahir", "pemohon.tempat_lahir", 30, no="7."),
            Tanggal("Tanggal Lahir", "pemohon.tanggal_lahir", no="8."),
            Pilih("Jenis Kelamin", "pemohon.jenis_kelamin", JENIS_KELAMIN, no="9."),
            Kotak("Agama", "pemohon.agama", 20, no="10."),
            Kotak("Pekerjaan", "pemohon.pekerjaan", 30, no="11."),
            Kotak("Status Perkawinan", "pemohon.status_kawin", 20, no="12."),
            Kotak("Pendidikan Terakhir", "pemohon.pendidikan", 30, no="13."),
            Kotak("Golongan Darah", "pemohon.gol_darah", 3, no="14."),
            Kotak("Nama Ayah", "pemohon.nama_ayah", 34, no="15."),
            Kotak("Nama Ibu", "pemohon.nama_ibu", 34, no="16."),
            Isi("Keterangan", "keterangan", no="17."),
            _ttd_mengetahui("Pemohon", "pemohon.nama"),
        ),
    ),
    Formulir(
        kode="F-1.03",
        judul="FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK",
        untuk=frozenset({"surat-keterangan-pindah-penduduk", "keterangan-pindah"}),
        blok=(
            Paragraf("Harap diisi dengan huruf cetak dan menggunakan tinta hitam.", kecil=True),
            Kotak("Nomor Kartu Keluarga", "pemohon.no_kk", 16, no="1."),
            Kotak("Nama Lengkap Pemohon", "pemohon.nama", 34, no="2."),
            Kotak("NIK", "pemohon.nik", 16, no="3."),
            Pilih(
                "Jenis Permohonan",
                "keperluan",
                (
                    "Surat Keterangan Kependudukan",
                    "Surat Keterangan Pindah",
                    "Surat Keterangan Pindah Luar Negeri (SKPLN)",
                    "Surat Keterangan Tempat Tinggal (SKTT)",
                ),
                no="4.",
            ),
            Bagian("ALAMAT ASAL"),
            *_alamat("pemohon", no="5."),
            Bagian("KEPINDAHAN"),
            Pilih("Klasifikasi Kepindahan", "pindah.klasifikasi", KLASIFIKASI_PINDAH, no="6."),
            *_alamat("pindah.tujuan", no="7."),
            Pilih("Alasan Pindah", "pindah.alasan", ALASAN_PINDAH, no="8."),
            Pilih("Jenis Kepindahan", "pindah.jenis_kepindahan", JENIS_KEPINDAHAN, no="9."),
            Pilih(
                "Anggota Keluarga Yang Tidak Pindah",
                "pindah.status_kk_tidak_pindah",
                STATUS_KK_TIDAK_PINDAH,
                no="10.",
            ),
            Pilih(
                "Anggota Keluarga Yang Pindah",
                "pindah.status_kk_pindah",
                STATUS_KK_PINDAH,
                no="11.",
            ),
            Bagian("12. DAFTAR ANGGOTA KELUARGA YANG PINDAH"),
            Daftar("pengikut", ANGGOTA_KOLOM, baris=8),
            Tanggal("Rencana Tanggal Pindah", "pindah.tanggal", no="13."),
            _ttd_mengetahui("Pemohon", "pemohon.nama"),
        ),
    ),
    Formulir(
        kode="F-1.06",
        judul="SURAT PERNYATAAN PERUBAHAN ELEMEN DATA KEPENDUDUKAN",
        untuk=frozenset({"surat-keterangan-beda-identitas"}),
        kepala=False,
        blok=(
            Paragraf("Yang bertanda tangan di bawah ini:"),
            Kotak("Nama Lengkap", "pemohon.nama", 34),
            Kotak("NIK", "pemohon.nik", 16),
            Kotak("Nomor KK", "pemohon.no_kk", 16),
            Isi("Alamat rumah", "pemohon.alamat"),
            Paragraf("Dengan rincian KK sebagai berikut:"),
            Daftar("anggota", ANGGOTA_KOLOM, baris=6),
            Paragraf(
                "Menyatakan bahwa elemen data kependudukan saya telah berubah, dengan rincian:"
            ),
            Bagian("ELEMEN DATA SEMULA"),
            Isi("Nama", "identitas_lain.nama"),
            Isi("Nomor identitas", "identitas_lain.nik"),
            Isi("Tempat lahir", "identitas_lain.tempat_lahir"),
            Tanggal("Tanggal lahir", "identitas_lain.tanggal_lahir"),
            Isi("Alamat", "identitas_lain.alamat"),
            Bagian("ELEMEN DATA MENJADI"),
            Isi("Nama", "pemohon.nama"),
            Isi("Tempat lahir", "pemohon.tempat_lahir"),
            Tanggal("Tanggal lahir", "pemohon.tanggal_lahir"),
            Isi("Dasar perubahan", "keterangan"),
            Paragraf(
                "Terlampir disampaikan fotokopi berkas-berkas yang terkait dengan perubahan "
                "elemen data tersebut. Demikian surat pernyataan ini saya buat dengan "
                "sebenarnya; apabila keterangan yang saya berikan tidak benar, saya bersedia "
                "dikenakan sanksi sesuai ketentuan peraturan perundang-undangan."
            ),
            Tandatangan(
                (("{wilayah.desa}, {tanggal_surat}", "Yang membuat pernyataan", "pemohon.nama"),)
            ),
        ),
    ),
    Formulir(
        kode="F-1.08",
        judul="SURAT KETERANGAN PINDAH WNI",
        untuk=frozenset({"surat-keterangan-pindah-penduduk", "keterangan-pindah"}),
        subjudul="Nomor: {nomor_surat}",
        blok=(
            *_daerah_asal(),
            Kotak("Telepon", "pemohon.telepon", 12),
            Kotak("NIK Pemohon", "pemohon.nik", 16, no="4."),
            Kotak("Nama Lengkap", "pemohon.nama", 34, no="5."),
            Bagian("DATA KEPINDAHAN"),
            Pilih("Alasan Pindah", "pindah.alasan", ALASAN_PINDAH, no="1."),
            *_alamat("pindah.tujuan", no="2."),
            Pilih("Klasifikasi Pindah", "pindah.klasifikasi", KLASIFIKASI_PINDAH, no="3."),
            Pilih("Jenis Kepindahan", "pindah.jenis_kepindahan", JENIS_KEPINDAHAN, no="4."),
            Pilih(
                "Status No. KK Bagi Yang Tidak Pindah",
                "pindah.status_kk_tidak_pindah",
                STATUS_KK_TIDAK_PINDAH,
                no="5.",
            ),
            Pilih(
                "Status No. KK Bagi Yang Pindah",
                "pindah.status_kk_pindah",
                STATUS_KK_PINDAH,
                no="6.",
            ),
            Tanggal("Rencana Tanggal Pindah", "pindah.tanggal", no="7."),
            Bagian("8. KELUARGA YANG PINDAH"),
            Daftar("pengikut", ANGGOTA_KOLOM, baris=8),
            TTD_CAMAT,
        ),
    ),
    Formulir(
        kode="F-1.15",
        judul="FORMULIR PERMOHONAN KARTU KELUARGA (KK) BARU WARGA NEGARA INDONESIA",
        untuk=frozenset({"surat-permohonan-kartu-keluarga"}),
        blok=_pemohon_kk(
            (
                "Karena Membentuk Rumah Tangga Baru",
                "Karena Kartu Keluarga Hilang/Rusak",
                "Lainnya",
            )
        ),
    ),
    Formulir(
        kode="F-1.16",
        judul="FORMULIR PERMOHONAN PERUBAHAN KARTU KELUARGA (KK) WARGA NEGARA INDONESIA",
        untuk=frozenset({"surat-permohonan-perubahan-kartu-keluarga"}),
        blok=_pemohon_kk(
            (
                "Karena Penambahan Anggota Keluarga (Kelahiran, Kedatangan)",
                "Karena Pengurangan Anggota Keluarga (Kematian, Kepindahan)",
                "Lainnya",
            )
        ),
    ),
    Formulir(
        kode="F-1.25",
        judul="SURAT KETERANGAN PINDAH DATANG WNI",
        untuk=frozenset({"surat-keterangan-pindah-penduduk"}),
        subjudul="Antar Kabupaten/Kota atau Antar Provinsi",
        blok=(
            *_daerah_asal(),
            Kotak("NIK Pemohon", "pemohon.nik", 16, no="4."),
            Kotak("Nama Lengkap", "pemohon.nama", 34, no="5."),
            Bagian("DATA KEPINDAHAN"),
            Pilih("Alasan Pindah", "pindah.alasan", ALASAN_PINDAH, no="1."),
            *_alamat("pindah.tujuan", no="2."),
            Pilih("Jenis Kepindahan", "pindah.jenis_kepindahan", JENIS_KEPINDAHAN, no="3."),
            Pilih(
                "Status No. KK Bagi Yang Pindah",
                "pindah.status_kk_pindah",
                STATUS_KK_PINDAH,
                no="4.",
            ),
            Tanggal("Rencana Tanggal Pindah", "pindah.tanggal", no="5."),
            Bagian("6. KELUARGA YANG PINDAH"),
            Daftar("pengikut", ANGGOTA_KOLOM, baris=6),
            Bagian("DATA DAERAH TUJUAN"),
            Kotak("Nomor Kartu Keluarga", "pindah.tujuan.no_kk", 16, no="1."),
            Kotak("NIK Kepala Keluarga", "pindah.tujuan.nik", 16, no="2."),
            Kotak("Nama Kepala Keluarga", "pindah.tujuan.nama", 34, no="3."),
            Tanggal("Tanggal Kedatangan", "pindah.tanggal", no="4."),
            TTD_CAMAT,
        ),
    ),
    Formulir(
        kode="F-1.27",
        judul="FORMULIR PERMOHONAN PINDAH DATANG WNI",
        untuk=frozenset({"surat-keterangan-pindah-penduduk"}),
        blok=(
            *_daerah_asal(),
            Bagian("DATA KEPINDAHAN"),
            Kotak("NIK Pemohon", "pemohon.nik", 16, no="1."),
            Kotak("Nama Lengkap", "pemohon.nama", 34, no="2."),
            *_alamat("pindah.tujuan", no="3."),
            Pilih(
                "Status No. KK Bagi Yang Pindah",
                "pindah.status_kk_pindah",
                STATUS_KK_PINDAH,
                no="4.",
            ),
            Tanggal("Tanggal Kedatangan", "pindah.tanggal", no="5."),
            Bagian("6. KELUARGA YANG DATANG"),
            Daftar("pengikut", ANGGOTA_KOLOM, baris=8),
            Tandatangan(
                (
                    ("Diketahui oleh:", "Camat", ""),
                    ("", "Pemohon", "pemohon.nama"),
                    ("{wilayah.desa}, {tanggal_surat}", "{ttd_jabatan}", "ttd_nama"),
                )
            ),
        ),
    ),
    Formulir(
        kode="F-2.01",
        judul="FORMULIR PELAPORAN PENCATATAN SIPIL DI DALAM WILAYAH NKRI",
        untuk=frozenset(
            {
                "surat-keterangan-kelahiran",
                "keterangan-kelahiran",
                "surat-keterangan-kematian",
                "keterangan-kematian",
                "surat-keterangan-lahir-mati",
            }
        ),
        blok=(
            Pilih("Jenis Pelaporan Pencatatan Sipil", "jenis_pelaporan", PELAPORAN_SIPIL),
            Bagian("DATA PELAPOR"),
            *_identitas_sipil("pelapor"),
            Bagian("DATA SAKSI I"),
            Kotak("Nama", "saksi1.nama", 34),
            Kotak("NIK", "saksi1.nik", 16),
            Kotak("Nomor Kartu Keluarga", "saksi1.no_kk", 16),
            Kotak("Kewarganegaraan", "saksi1.kewarganegaraan", 34),
            Bagian("DATA SAKSI II"),
            Kotak("Nama", "saksi2.nama", 34),
            Kotak("NIK", "saksi2.nik", 16),
            Kotak("Nomor Kartu Keluarga", "saksi2.no_kk", 16),
            Kotak("Kewarganegaraan", "saksi2.kewarganegaraan", 34),
            Bagian("DATA ORANG TUA (untuk pencatatan kelahiran, lahir mati dan kematian)"),
            *_orang_tua("ayah", "Ayah"),
            *_orang_tua("ibu", "Ibu"),
            Bagian("DATA ANAK"),
            Kotak("Nama", "anak.nama", 34, no="1."),
            Pilih("Jenis kelamin", "anak.jenis_kelamin", JENIS_KELAMIN, no="2."),
            Pilih(
                "Tempat dilahirkan",
                "kelahiran.tempat_dilahirkan",
                ("RS/SB", "Puskesmas", "Polindes", "Rumah", "Lainnya"),
                no="3.",
            ),
            Kotak("Tempat kelahiran", "anak.tempat_lahir", 34, no="4."),
            Tanggal("Hari dan Tanggal Lahir", "anak.tanggal_lahir", no="5.", hari=True),
            Kotak("Pukul", "kelahiran.pukul", 5, no="6."),
            Pilih(
                "Jenis kelahiran",
                "kelahiran.jenis_kelahiran",
                ("Tunggal", "Kembar 2", "Kembar 3", "Kembar 4", "Lainnya"),
                no="7.",
            ),
            Kotak("Kelahiran anak ke-", "kelahiran.anak_ke", 2, no="8."),
            Pilih(
                "Penolong kelahiran",
                "kelahiran.penolong",
                ("Dokter", "Bidan/Perawat", "Dukun", "Lainnya"),
                no="9.",
            ),
            Kotak("Berat bayi (kg)", "kelahiran.berat", 4, no="10."),
            Kotak("Panjang bayi (cm)", "kelahiran.panjang", 3, no="11."),
            Bagian("DATA KEMATIAN"),
            Kotak("NIK", "almarhum.nik", 16, no="1."),
            Kotak("Nama Lengkap", "almarhum.nama", 34, no="2."),
            Tanggal("Tanggal Kematian", "kematian.tanggal", no="3."),
            Kotak("Pukul", "kematian.pukul", 5, no="4."),
            Pilih(
                "Sebab Kematian",
                "kematian.sebab",
                (
                    "Sakit biasa/tua",
                    "Wabah Penyakit",
                    "Kecelakaan",
                    "Kriminalitas",
                    "Bunuh Diri",
                    "Lainnya",
                ),
                no="5.",
            ),
            Kotak("Tempat Kematian", "kematian.tempat", 34, no="6."),
            Pilih(
                "Yang Menerangkan",
                "kematian.yang_menerangkan",
                ("Dokter", "Tenaga Kesehatan", "Kepolisian", "Lainnya"),
                no="7.",
            ),
            Paragraf(
                "Saya menyatakan bahwa data yang saya isikan dalam formulir ini adalah benar "
                "dan dapat dipertanggungjawabkan.",
            ),
            _ttd_mengetahui("Pelapor", "pelapor.nama"),
            Paragraf(
                "* Diisi oleh penduduk Orang Asing. ** Diisi untuk pencatatan kelahiran, lahir "
                "mati dan kematian.",
                kecil=True,
            ),
        ),
    ),
    Formulir(
        kode="F-2.12",
        judul="FORMULIR PENCATATAN PERKAWINAN",
        untuk=frozenset({"surat-keterangan-untuk-nikah-warga-non-muslim"}),
        blok=(
            *_mempelai_sipil("I. DATA SUAMI", "pria"),
            *_mempelai_sipil("II. DATA ISTRI", "wanita"),
            Bagian("III. DATA SAKSI"),
            Kotak("NIK Saksi I", "saksi1.nik", 16, no="1."),
            Kotak("Nama Saksi I", "saksi1.nama", 34, no="2."),
            Kotak("NIK Saksi II", "saksi2.nik", 16, no="3."),
            Kotak("Nama Saksi II", "saksi2.nama", 34, no="4."),
            Bagian("IV. PERKAWINAN"),
            Tanggal("Tanggal Pemberkatan Perkawinan", "perkawinan.tanggal", no="1.", hari=True),
            Kotak("Pukul", "perkawinan.pukul", 5, no="2."),
            Kotak("Tempat", "perkawinan.tempat", 34, no="3."),
            _ttd_berdua("Suami", "pria.nama", "Istri", "wanita.nama"),
        ),
    ),
    Formulir(
        kode="F-2.30",
        judul="FORMULIR PELAPORAN KEMATIAN",
        untuk=frozenset({"surat-keterangan-kematian", "keterangan-kematian"}),
        blok=(
            Paragraf("Yang bertanda tangan di bawah ini:"),
            Kotak("Nama lengkap", "pelapor.nama", 34),
            Kotak("NIK", "pelapor.nik", 16),
            Kotak("Umur", "pelapor.umur", 3),
            Isi("Pekerjaan", "pelapor.pekerjaan"),
            Isi("Alamat", "pelapor.alamat"),
            Isi("Hubungan dengan yang mati", "pelapor.hubungan"),
            Paragraf("Melaporkan bahwa:"),
            Kotak("Nama lengkap", "almarhum.nama", 34),
            Kotak("NIK", "almarhum.nik", 16),
            Pilih("Jenis kelamin", "almarhum.jenis_kelamin", JENIS_KELAMIN),
            Tanggal("Tanggal lahir", "almarhum.tanggal_lahir"),
            Isi("Agama", "almarhum.agama"),
            Isi("Alamat", "almarhum.alamat"),
            Isi("Kewarganegaraan", "almarhum.kewarganegaraan"),
            Paragraf("Telah meninggal dunia pada:"),
            Tanggal("Hari dan tanggal", "kematian.tanggal", hari=True),
            Kotak("Pukul", "kematian.pukul", 5),
            Isi("Bertempat di", "kematian.tempat"),
            Isi("Penyebab kematian", "kematian.sebab"),
            Isi("Yang menerangkan", "kematian.yang_menerangkan"),
            _ttd_mengetahui("Pelapor", "pelapor.nama"),
        ),
    ),
    # --- Marriage (model N): the village's part of a marriage's papers -------------------
    _keterangan_desa(
        "N-1",
        "SURAT KETERANGAN UNTUK NIKAH",
        *_identitas_nikah("pemohon"),
        Isi("Jenis kelamin", "pemohon.jenis_kelamin", no="10."),
        Isi("Status perkawinan", "pemohon.status_kawin", no="11."),
        Isi("Istri/suami terdahulu", "perkawinan.pasangan_terdahulu", no="12."),
        Paragraf("Adalah benar anak dari pernikahan seorang pria:"),
        Isi("Nama ayah", "ayah.nama"),
        Isi("NIK ayah", "ayah.nik"),
        Paragraf("dengan seorang wanita:"),
        Isi("Nama ibu", "ibu.nama"),
        Isi("NIK ibu", "ibu.nik"),
    ),
    _keterangan_desa(
        "N-2",
        "SURAT KETERANGAN ASAL-USUL",
        Bagian("I. Calon pengantin"),
        *_identitas_nikah("pemohon"),
        *_ayah_ibu(
            "II. Adalah benar anak kandung dari pasangan seorang pria:", "dengan seorang wanita:"
        ),
    ),
    Formulir(
        kode="N-3",
        judul="SURAT PERSETUJUAN MEMPELAI",
        untuk=NIKAH,
        kepala=False,
        blok=(
            Paragraf("Yang bertanda tangan di bawah ini:"),
            Bagian("A. Calon suami"),
            *_identitas_nikah("pria"),
            Bagian("B. Calon istri"),
            *_identitas_nikah("wanita"),
            Paragraf(
                "Menyatakan dengan sesungguhnya bahwa atas dasar sukarela, dengan kesadaran "
                "sendiri, tanpa paksaan dari siapa pun juga, setuju untuk melangsungkan "
                "perkawinan."
            ),
            Paragraf("Demikian surat persetujuan ini dibuat untuk digunakan seperlunya."),
            _ttd_berdua("Calon suami", "pria.nama", "Calon istri", "wanita.nama"),
        ),
    ),
    _keterangan_desa(
        "N-4",
        "SURAT KETERANGAN TENTANG ORANG TUA",
        *_ayah_ibu("I. Ayah", "II. Ibu"),
        Paragraf("Adalah benar ayah kandung dan ibu kandung dari seorang:"),
        *_identitas_nikah("pemohon"),
    ),
    Formulir(
        kode="N-5",
        judul="SURAT IZIN ORANG TUA",
        untuk=NIKAH,
        kepala=False,
        blok=(
            Paragraf("Yang bertanda tangan di bawah ini:"),
            *_ayah_ibu("A. Ayah", "B. Ibu"),
            Paragraf("Adalah ayah kandung dan ibu kandung dari:"),
            *_identitas_nikah("pemohon"),
            Paragraf(
                "Memberikan izin kepada anak kami untuk melakukan pernikahan dengan calon "
                "pasangannya yang bernama {pasangan.nama}. Surat izin ini dibuat dengan "
                "kesadaran tanpa ada paksaan dari siapa pun dan untuk digunakan seperlunya."
            ),
            _ttd_berdua("Ayah", "ayah.nama", "Ibu", "ibu.nama"),
        ),
    ),
    _keterangan_desa(
        "N-6",
        "SURAT KETERANGAN KEMATIAN SUAMI/ISTRI",
        *_identitas_nikah("almarhum"),
        Paragraf("Telah meninggal dunia pada:"),
        Tanggal("Tanggal", "kematian.tanggal", hari=True),
        Isi("Di", "kematian.tempat"),
        Paragraf("Yang bersangkutan adalah suami/istri dari:"),
        *_identitas_nikah("pemohon"),
    ),
)
