"""Dataset metadata in the spirit of Satu Data Indonesia: who produces the data, under
which licence, how often it changes, which period and region it covers, and what each
variable means and in which unit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from control_plane.dashboards.categories import KNOWN

LICENCE = {
    "nama": "Creative Commons Attribution 4.0 (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def reference_edition() -> dict[str, Any]:
    """The edition of the Kemendagri list the codes and names come from, with the
    attribution and licence its source requires (ODbL for ``kepmendagri-2025``)."""
    from control_plane.dashboards.regions import active_edition
    from control_plane.reference.editions import EDITIONS

    name = active_edition()
    source = EDITIONS.get(name)
    if source is None:
        return {"edisi": name}
    return {
        "edisi": name,
        "judul": source.title,
        "sumber": source.source,
        "url_sumber": source.source_url,
        "lisensi": {"nama": source.licence, "url": source.licence_url},
        "atribusi": source.attribution,
    }


def dataset_metadata(*, period: str | None = None, region: str = "") -> dict[str, Any]:
    return {
        "judul": _("Statistik desa dan wilayah dari Balai"),
        "deskripsi": _(
            "Statistik kependudukan, peristiwa, layanan surat, bantuan sosial dan APBDes "
            "setiap desa yang memakai Balai, dijumlahkan ke kecamatan, kabupaten/kota dan "
            'provinsi. Jumlah 1–4 ditampilkan "<5"; sel "x" disembunyikan agar sel '
            "kecil tidak dapat dihitung ulang dari total."
        ),
        "produsen_data": _("Pemerintah desa pengguna Balai (dihimpun oleh operator platform)"),
        "kontak": settings.DEFAULT_FROM_EMAIL,
        "lisensi": LICENCE,
        "frekuensi_pembaruan": _(
            "Setiap ada perubahan data desa (beberapa detik) dan setiap malam"
        ),
        "periode": period or _("Posisi terkini; kategori peristiwa dan surat: bulan berjalan"),
        "cakupan_wilayah": region or _("Desa/kelurahan yang memakai Balai"),
        "kode_wilayah": _(
            "Kode Kemendagri (Permendagri 72/2019): 2 digit provinsi, 4 kabupaten/kota, 6 kecamatan, 10 desa/kelurahan"
        ),
        "referensi_wilayah": reference_edition(),
        "supresi": {
            "nilai_kecil": "<5",
            "nilai_pelengkap": "x",
            "aturan": _(
                "Sel bernilai 1–4 disembunyikan; sel lain ikut disembunyikan sehingga setiap "
                "total yang memuat sel tersembunyi memuat sedikitnya dua, dan tidak ada sel "
                "tersembunyi yang dapat dihitung dari kombinasi sel yang terbit."
            ),
            "kategori_khusus": _(
                "Kategori kesehatan, disabilitas, kehamilan dan kontrasepsi (khusus: ya) "
                "hanya terbit dari desa yang membukanya sendiri."
            ),
        },
        "variabel": [
            {
                "kategori": c.code,
                "nama": str(c.title),
                "satuan": c.unit,
                "disupresi": c.suppress,
                "khusus": c.sensitive,
            }
            for c in KNOWN.values()
        ],
        "kolom": [
            {"nama": "kategori", "definisi": _("Kode kategori statistik")},
            {"nama": "kode", "definisi": _("Kode nilai dalam kategori")},
            {"nama": "label", "definisi": _("Uraian nilai")},
            {"nama": "laki_laki", "definisi": _("Jumlah laki-laki (kosong bila tidak berlaku)")},
            {"nama": "perempuan", "definisi": _("Jumlah perempuan (kosong bila tidak berlaku)")},
            {"nama": "jumlah", "definisi": _("Jumlah seluruhnya, dalam satuan kategori")},
        ],
    }
