"""Balai's own default letter templates, seeded into every village.

Written for Balai (not copied from OpenSID): one layout, the village's own merge
fields, classes instead of inline styles (the PDF stylesheet lives in ``pdf.py``).
Written the way the letter allowlist stores HTML (tables with ``<tbody>``), so cleaning
leaves them unchanged.
"""

from __future__ import annotations

IDENTITAS = [
    ("Nama", "[NAMA]"),
    ("NIK", "[nik]"),
    ("Tempat/Tanggal Lahir", "[Ttl]"),
    ("Jenis Kelamin", "[Jenis_kelamin]"),
    ("Agama", "[Agama]"),
    ("Status Perkawinan", "[Status_kawin]"),
    ("Pekerjaan", "[Pekerjaan]"),
    ("Kewarganegaraan", "[WARGA_NEGARA]"),
    ("Alamat", "[ALAMAT]"),
]

PEMBUKA = (
    '<p class="teks">Yang bertanda tangan di bawah ini, [Jabatan] [Nama_desa], Kecamatan '
    "[Nama_kecamatan], [Sebutan_kabupaten] [Nama_kabupaten], Provinsi [Nama_provinsi], "
    "menerangkan dengan sebenarnya bahwa:</p>"
)
PENUTUP = (
    '<p class="teks">Demikian surat keterangan ini dibuat dengan sebenarnya untuk '
    "dipergunakan sebagaimana mestinya.</p>"
)
TTD = (
    '<table class="ttd"><tbody><tr><td>[qr_code]<div class="qr-catatan">Pindai untuk memeriksa '
    "keaslian surat</div></td><td>[Nama_desa], [TGL_SURAT]<br>[ATAS_NAMA]"
    '<div class="ruang"></div><strong>[NAMA_PAMONG]</strong><br>[SEBUTAN_NIP_DESA] '
    "[nip_pamong]</td></tr></tbody></table>"
)


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{label}</td><td>:</td><td>{kode}</td></tr>" for label, kode in rows)
    return f'<table class="isian"><tbody>{body}</tbody></table>'


def _letter(*paragraphs: str, rows: list[tuple[str, str]] | None = None) -> str:
    head = (
        '<h4 class="judul-surat">[JUdul_surat]</h4>'
        '<p class="nomor-surat">Nomor: [FORMAT_NOMOR_SURAT]</p>'
    )
    return head + PEMBUKA + _table(rows or IDENTITAS) + "".join(paragraphs) + PENUTUP + TTD


def _keperluan() -> dict:
    return {"kode": "form_keperluan", "nama": "Keperluan", "tipe": "textarea", "required": True}


DEFAULT_TEMPLATES: list[dict] = [
    {
        "slug": "keterangan-domisili",
        "nama": "Surat Keterangan Domisili",
        "kode_surat": "474.4",
        "mandiri": True,
        "syarat": ["KTP", "Kartu Keluarga"],
        "kode_isian": [_keperluan()],
        "isi": _letter(
            '<p class="teks">Orang tersebut di atas benar-benar warga [Sebutan_desa] '
            "[Nama_desa] yang bertempat tinggal di [ALAMAT], tercatat dalam Kartu Keluarga "
            "nomor [no_kk] dengan kepala keluarga [Kepala_kk].</p>",
            '<p class="teks">Surat keterangan ini dibuat untuk keperluan: '
            "<strong>[Form_keperluan]</strong>. Berlaku sampai [BERLAKU_SAMPAI].</p>",
        ),
    },
    {
        "slug": "keterangan-tidak-mampu",
        "nama": "Surat Keterangan Tidak Mampu",
        "kode_surat": "474.5",
        "mandiri": True,
        "syarat": ["KTP", "Kartu Keluarga"],
        "kode_isian": [_keperluan()],
        "isi": _letter(
            '<p class="teks">Berdasarkan pengetahuan kami, orang tersebut di atas berasal dari '
            "keluarga kurang mampu (KK nomor [no_kk], kepala keluarga [Kepala_kk]).</p>",
            '<p class="teks">Surat keterangan ini dibuat untuk keperluan: '
            "<strong>[Form_keperluan]</strong>.</p>",
        ),
    },
    {
        "slug": "keterangan-usaha",
        "nama": "Surat Keterangan Usaha",
        "kode_surat": "503",
        "mandiri": True,
        "syarat": ["KTP"],
        "kode_isian": [
            {
                "kode": "form_nama_usaha",
                "nama": "Nama/jenis usaha",
                "tipe": "text",
                "required": True,
            },
            {"kode": "form_alamat_usaha", "nama": "Alamat usaha", "tipe": "text", "required": True},
            _keperluan(),
        ],
        "isi": _letter(
            '<p class="teks">Orang tersebut di atas benar mempunyai usaha '
            "<strong>[Form_nama_usaha]</strong> yang berlokasi di [Form_alamat_usaha].</p>",
            '<p class="teks">Surat keterangan ini dibuat untuk keperluan: '
            "<strong>[Form_keperluan]</strong>.</p>",
        ),
    },
    {
        "slug": "pengantar-skck",
        "nama": "Surat Pengantar SKCK",
        "kode_surat": "331",
        "mandiri": True,
        "syarat": ["KTP", "Kartu Keluarga"],
        "kode_isian": [_keperluan()],
        "isi": _letter(
            '<p class="teks">Sepanjang pengetahuan kami, orang tersebut di atas berkelakuan baik '
            "dan tidak pernah terlibat perkara pidana. Surat pengantar ini diberikan untuk "
            "mengurus Surat Keterangan Catatan Kepolisian (SKCK) guna keperluan: "
            "<strong>[Form_keperluan]</strong>.</p>",
        ),
    },
    {
        "slug": "keterangan-kelahiran",
        "nama": "Surat Keterangan Kelahiran",
        "kode_surat": "474.1",
        "mandiri": False,
        "syarat": ["Surat keterangan lahir dari bidan/rumah sakit", "Kartu Keluarga"],
        "kode_isian": [
            {"kode": "form_nama_bayi", "nama": "Nama bayi", "tipe": "text", "required": True},
            {"kode": "form_tempat_lahir", "nama": "Tempat lahir", "tipe": "text", "required": True},
            {
                "kode": "form_tanggal_lahir",
                "nama": "Tanggal lahir",
                "tipe": "date",
                "required": True,
            },
        ],
        "isi": _letter(
            '<p class="teks">Telah lahir seorang anak bernama <strong>[FORM_NAMA_BAYI]</strong> '
            "di [Form_tempat_lahir] pada tanggal [form_tanggal_lahir], dari ibu/ayah yang "
            "identitasnya tersebut di atas.</p>",
        ),
    },
    {
        "slug": "keterangan-kematian",
        "nama": "Surat Keterangan Kematian",
        "kode_surat": "474.3",
        "mandiri": False,
        "syarat": ["KTP almarhum/almarhumah", "Kartu Keluarga"],
        "kode_isian": [
            {
                "kode": "form_tanggal_kematian",
                "nama": "Tanggal meninggal",
                "tipe": "date",
                "required": True,
            },
            {
                "kode": "form_tempat_kematian",
                "nama": "Tempat meninggal",
                "tipe": "text",
                "required": True,
            },
            {"kode": "form_sebab", "nama": "Sebab kematian", "tipe": "text", "required": False},
        ],
        "isi": _letter(
            '<p class="teks">Orang tersebut di atas telah meninggal dunia pada tanggal '
            "[form_tanggal_kematian] di [Form_tempat_kematian] karena [form_sebab].</p>",
        ),
    },
    {
        "slug": "keterangan-pindah",
        "nama": "Surat Keterangan Pindah",
        "kode_surat": "474.2",
        "mandiri": True,
        "syarat": ["KTP", "Kartu Keluarga"],
        "kode_isian": [
            {
                "kode": "form_alamat_tujuan",
                "nama": "Alamat tujuan",
                "tipe": "textarea",
                "required": True,
            },
            {
                "kode": "form_alasan_pindah",
                "nama": "Alasan pindah",
                "tipe": "text",
                "required": True,
            },
        ],
        "isi": _letter(
            '<p class="teks">Orang tersebut di atas bermaksud pindah ke [Form_alamat_tujuan] '
            "dengan alasan [form_alasan_pindah].</p>",
        ),
    },
]


# The attachment forms (``lampiran.py``) Balai's own letters print after the letter.
# Kept beside ``DEFAULT_TEMPLATES`` rather than in it: migration 0002 seeds those specs
# into a table that has no ``lampiran`` column yet.
DEFAULT_LAMPIRAN = {
    "keterangan-kelahiran": ["F-2.01"],
    "keterangan-kematian": ["F-2.01", "F-2.30"],
    "keterangan-pindah": ["F-1.03", "F-1.08"],
}
