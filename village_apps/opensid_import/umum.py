"""OpenSID's tables for the Buku Administrasi Umum → Balai's legal products, village
assets and land registers (issue 22).

- ``dokumen`` (kategori 2 SK Kades, 3 Perdes; its ``attr`` JSON holds the numbers and
  dates) → ``produk_hukum.ProdukHukum``; public-information documents (kategori 1) and
  residents' documents stay behind, each named in a warning.
- ``inventaris_{tanah,peralatan,gedung,jalan,asset,kontruksi}`` → ``inventaris.Aset``
  in KIB A–F, ``mutasi_inventaris_*`` → ``inventaris.MutasiAset`` (condition changes,
  sales, write-offs, donations) in date order; rows OpenSID hid (``visible = 0``) are
  its deletions and are skipped.
- ``tanah_kas_desa`` → ``tanah.TanahKasDesa``; ``tanah_desa`` and the C-Desa register
  (``cdesa``, ``cdesa_penduduk``, ``persil``, ``mutasi_cdesa``, ``ref_persil_kelas``,
  ``ref_persil_mutasi``) → ``tanah.TanahDesa``: one parcel per persil, owned by the
  C-Desa that holds it after its last mutation, with its Letter C and persil numbers.

The writer methods run inside the importer's one transaction (all or nothing)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

INVENTARIS_COMMON = {
    "id", "nama_barang", "kode_barang", "register", "asal", "harga", "keterangan", "status",
    "visible",
}  # fmt: skip
# OpenSID table → (KIB category, its own columns).
INVENTARIS = {
    "inventaris_tanah": ("A", {
        "luas", "tahun_pengadaan", "letak", "hak", "no_sertifikat", "tanggal_sertifikat",
        "penggunaan",
    }),
    "inventaris_peralatan": ("B", {
        "merk", "ukuran", "bahan", "tahun_pengadaan", "no_pabrik", "no_rangka", "no_mesin",
        "no_polisi", "no_bpkb",
    }),
    "inventaris_gedung": ("C", {
        "kondisi_bangunan", "kontruksi_bertingkat", "kontruksi_beton", "luas_bangunan", "letak",
        "tanggal_dokument", "no_dokument", "luas", "status_tanah", "kode_tanah",
    }),
    "inventaris_jalan": ("D", {
        "kontruksi", "panjang", "lebar", "luas", "letak", "tanggal_dokument", "no_dokument",
        "status_tanah", "kode_tanah", "kondisi",
    }),
    "inventaris_asset": ("E", {
        "jenis", "judul_buku", "spesifikasi_buku", "asal_daerah", "pencipta", "bahan",
        "jenis_hewan", "ukuran_hewan", "jenis_tumbuhan", "ukuran_tumbuhan", "jumlah",
        "tahun_pengadaan",
    }),
    "inventaris_kontruksi": ("F", {
        "kondisi_bangunan", "kontruksi_bertingkat", "kontruksi_beton", "luas_bangunan", "letak",
        "tanggal_dokument", "no_dokument", "tanggal", "status_tanah", "kode_tanah",
    }),
}  # fmt: skip
MUTASI_COLUMNS = {
    "id", "jenis_mutasi", "tahun_mutasi", "harga_jual", "sumbangkan", "keterangan", "visible",
    "status_mutasi",
}  # fmt: skip
TANAH_DESA_HAK = {
    "hak_milik": "hm", "hak_guna_bangunan": "hgb", "hak_pakai": "hp", "hak_guna_usaha": "hgu",
    "hak_pengelolaan": "hpl", "hak_milik_adat": "adat", "hak_verponding": "verponding",
    "tanah_negara": "negara",
}  # fmt: skip
TANAH_DESA_GUNA = {
    "perumahan": "perumahan", "perdagangan_jasa": "perdagangan_jasa",
    "perkantoran": "perkantoran", "industri": "industri", "fasilitas_umum": "fasilitas_umum",
    "sawah": "sawah", "tegalan": "tegalan", "perkebunan": "perkebunan",
    "peternakan_perikanan": "peternakan_perikanan", "hutan_belukar": "hutan_belukar",
    "hutan_lebat_lindung": "hutan_lebat_lindung", "tanah_kosong": "tanah_kosong", "lain": "lain",
}  # fmt: skip
TKD_ASAL = {
    "asli_milik_desa": "asli", "pemerintah": "pemerintah", "provinsi": "provinsi",
    "kabupaten_kota": "kabupaten", "lain_lain": "lain",
}  # fmt: skip
TKD_JENIS = {
    "sawah": "sawah", "tegal": "tegal", "kebun": "kebun", "tambak_kolam": "tambak_kolam",
    "tanah_kering_darat": "tanah_kering_darat",
}  # fmt: skip
TKD_PERUNTUKAN = {
    "sewa": "sewa", "pinjam": "pinjam_pakai", "kerja": "kerjasama", "bangun": "bgs",
}  # fmt: skip

MAPPED_UMUM: dict[str, set[str]] = {
    "dokumen": {
        "id", "satuan", "nama", "enabled", "tgl_upload", "id_pend", "kategori", "attr", "tahun",
        "kategori_info_publik", "deleted", "id_syarat", "id_parent", "dok_warga",
    },
    **{t: INVENTARIS_COMMON | cols for t, (_k, cols) in INVENTARIS.items()},
    **{f"mutasi_{t}": MUTASI_COLUMNS | {f"id_{t}"} for t in INVENTARIS if t != "inventaris_kontruksi"},
    "tanah_desa": {
        "id", "id_penduduk", "nik", "jenis_pemilik", "nama_pemilik_asal", "luas", "mutasi",
        "keterangan", "visible", *TANAH_DESA_HAK, *TANAH_DESA_GUNA,
    },
    "tanah_kas_desa": {
        "id", "nama_pemilik_asal", "letter_c", "kelas", "luas", "ada_patok", "tidak_ada_patok",
        "ada_papan_nama", "tidak_ada_papan_nama", "tanggal_perolehan", "lokasi", "peruntukan",
        "mutasi", "keterangan", "visible", *TKD_ASAL, *TKD_JENIS,
    },
    "cdesa": {
        "id", "nomor", "nama_kepemilikan", "jenis_pemilik", "nama_pemilik_luar",
        "alamat_pemilik_luar",
    },
    "cdesa_penduduk": {"id", "id_cdesa", "id_pend"},
    "persil": {
        "id", "nomor", "nomor_urut_bidang", "kelas", "luas_persil", "id_wilayah", "lokasi",
        "cdesa_awal",
    },
    "mutasi_cdesa": {
        "id", "id_cdesa_masuk", "cdesa_keluar", "jenis_mutasi", "tanggal_mutasi", "keterangan",
        "id_persil", "no_bidang_persil", "luas", "no_objek_pajak",
    },
    "ref_persil_kelas": {"id", "tipe", "kode", "ndesc"},
    "ref_persil_mutasi": {"id", "nama", "ndesc"},
}  # fmt: skip


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _ref(value: Any) -> int | None:
    return _int(value) or None


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _dec(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _date(value: Any) -> dt.date | None:
    """A date as the reader gives it, ISO text, or OpenSID's ``dd-mm-yyyy`` (attr JSON)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _str(value)
    if not text or text.startswith("0000"):
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text[:19], fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _visible(row: dict) -> bool:
    return _str(row.get("visible")) not in ("0",)


def check_umum(rows: dict[str, list[dict]], laporan: Any) -> None:
    """Broken references between these tables (the import writes nothing then)."""
    err = laporan.errors.append
    for table in INVENTARIS:
        ids = {_ref(r.get("id")) for r in rows.get(table, [])}
        for r in rows.get(f"mutasi_{table}", []):
            if _ref(r.get(f"id_{table}")) not in ids:
                err(
                    gettext("mutasi_%(t)s id=%(id)s: id_%(t)s=%(ref)s tidak ada.")
                    % {"t": table, "id": r.get("id"), "ref": r.get(f"id_{table}")}
                )
    cdesa = {_ref(r.get("id")) for r in rows.get("cdesa", [])}
    persil = {_ref(r.get("id")) for r in rows.get("persil", [])}
    for r in rows.get("persil", []):
        if _ref(r.get("cdesa_awal")) and _ref(r.get("cdesa_awal")) not in cdesa:
            err(
                gettext("persil id=%(id)s: cdesa_awal=%(ref)s tidak ada.")
                % {"id": r.get("id"), "ref": r.get("cdesa_awal")}
            )
    for r in rows.get("mutasi_cdesa", []):
        if _ref(r.get("id_persil")) not in persil or (
            _ref(r.get("id_cdesa_masuk")) and _ref(r.get("id_cdesa_masuk")) not in cdesa
        ):
            err(gettext("mutasi_cdesa id=%(id)s: persil/C-Desa tidak ada.") % {"id": r.get("id")})


def _kondisi(text: str) -> str:
    text = text.lower()
    if "berat" in text:
        return "rusak_berat"
    return "rusak_ringan" if "rusak" in text else "baik"


def _asal(text: str) -> str:
    text = text.lower()
    for key, value in (
        ("kabupaten", "kabupaten"), ("kota", "kabupaten"), ("provinsi", "provinsi"),
        ("pemerintah", "pemerintah"), ("pusat", "pemerintah"), ("sumbang", "hibah"),
        ("hibah", "hibah"), ("beli", "apbdes"), ("sendiri", "apbdes"), ("apbdes", "apbdes"),
    ):  # fmt: skip
        if key in text:
            return value
    return "lain"


def _largest(row: dict, columns: dict[str, str]) -> str | None:
    """The category whose area column holds the most (OpenSID splits a parcel's area over
    columns; Balai keeps one status/use per parcel)."""
    best = max(columns, key=lambda c: _dec(row.get(c)))
    return columns[best] if _dec(row.get(best)) > 0 else None


class UmumWriter:
    """Mixed into ``mapping.Writer``: uses its ``rows``, ``penduduk`` map, ``laporan``,
    ``today`` and ``_bulk``."""

    rows: dict[str, list[dict]]
    penduduk: dict[int, int]
    laporan: Any
    today: dt.date
    files: dict[str, dict[Any, str]]

    def _warn(self, text: str) -> None:
        self.laporan.warnings.append(text)

    # -- legal products -----------------------------------------------------------

    def produk_hukum(self) -> None:
        from village_apps.produk_hukum.choices import JenisProdukHukum, Tahap
        from village_apps.produk_hukum.models import ProdukHukum

        objs, berkas = [], []
        for r in self.rows.get("dokumen", []):
            kategori = _int(r.get("kategori"))
            if _str(r.get("deleted")) == "1" or _str(r.get("dok_warga")) == "1":
                continue
            if kategori not in (2, 3):
                self._warn(
                    gettext(
                        "dokumen id=%(id)s: bukan produk hukum (kategori %(k)s), tidak diimpor."
                    )
                    % {"id": r.get("id"), "k": kategori}
                )
                continue
            try:
                attr = json.loads(_str(r.get("attr")) or "{}")
            except ValueError:
                attr = {}
            attr = attr if isinstance(attr, dict) else {}
            a = {k: _str(v) for k, v in attr.items()}
            jenis_teks = a.get("jenis_peraturan", "").lower()
            if kategori == 2:
                jenis = JenisProdukHukum.KEPKADES
                nomor, ditetapkan = a.get("no_kep_kades", ""), _date(a.get("tgl_kep_kades"))
            else:
                jenis = (
                    JenisProdukHukum.PERBER
                    if "bersama" in jenis_teks
                    else JenisProdukHukum.PERKADES
                    if "kepala desa" in jenis_teks or "perkades" in jenis_teks
                    else JenisProdukHukum.PERDES
                )
                nomor, ditetapkan = a.get("no_ditetapkan", ""), _date(a.get("tgl_ditetapkan"))
            lembaran = jenis in (JenisProdukHukum.PERDES, JenisProdukHukum.PERBER)
            order = ("lembaran", "berita") if lembaran else ("berita", "lembaran")
            no_undang, tgl_undang = "", None
            if kategori == 3:
                for kind in order:
                    if _date(a.get(f"tgl_{kind}_desa")):
                        no_undang = a.get(f"no_{kind}_desa", "") or "-"
                        tgl_undang = _date(a.get(f"tgl_{kind}_desa"))
                        break
            if tgl_undang and (ditetapkan is None or tgl_undang < ditetapkan):
                self._warn(
                    gettext(
                        "dokumen id=%(id)s: tanggal diundangkan sebelum ditetapkan, tidak diimpor tanggalnya."
                    )
                    % {"id": r.get("id")}
                )
                no_undang, tgl_undang = "", None
            tahap = (
                Tahap.DIUNDANGKAN if tgl_undang
                else Tahap.DITETAPKAN if ditetapkan
                else Tahap.DISEPAKATI if _date(a.get("tgl_kesepakatan"))
                else Tahap.RANCANGAN
            )  # fmt: skip
            keterangan = "; ".join(
                p for p in (a.get("jenis_peraturan", ""), a.get("keterangan", "")) if p
            )
            objs.append(
                ProdukHukum(
                    jenis=jenis,
                    nomor=(nomor or ("-" if ditetapkan else ""))[:50],
                    tentang=(_str(r.get("nama")) or a.get("uraian", "") or "-")[:300],
                    uraian=a.get("uraian", ""),
                    tahap=tahap,
                    tanggal_disepakati=_date(a.get("tgl_kesepakatan")) if kategori == 3 else None,
                    tanggal_ditetapkan=ditetapkan,
                    nomor_dilaporkan=a.get("no_lapor", "")[:50],
                    tanggal_dilaporkan=_date(a.get("tgl_lapor")),
                    nomor_diundangkan=no_undang[:50],
                    tanggal_diundangkan=tgl_undang,
                    keterangan=keterangan[:300],
                    opensid_id=str(r.get("id")),
                )
            )
            berkas.append(_str(r.get("satuan")))
        for obj, name in zip(self._bulk(ProdukHukum, objs), berkas, strict=True):
            if name:
                self.files["produk_hukum"][obj.pk] = name

    # -- village assets -------------------------------------------------------------

    def _perolehan(self, table: str, r: dict) -> dt.date:
        tahun = _int(r.get("tahun_pengadaan"))
        if tahun and 1900 <= tahun <= self.today.year:
            return dt.date(tahun, 1, 1)
        found = _date(r.get("tanggal")) or _date(r.get("tanggal_dokument"))
        if found:
            return found
        self._warn(
            gettext("%(t)s id=%(id)s: tanggal perolehan tidak diketahui, dicatat hari impor.")
            % {"t": table, "id": r.get("id")}
        )
        return self.today

    @staticmethod
    def _spesifikasi(kategori: str, r: dict) -> str:
        parts = {
            "A": (r.get("hak"), r.get("penggunaan")),
            "B": (r.get("merk"), r.get("ukuran"), r.get("bahan")),
            "C": (r.get("kontruksi_bertingkat"), r.get("status_tanah")),
            "D": (
                r.get("kontruksi"),
                f"{_str(r.get('panjang'))} m x {_str(r.get('lebar'))} m"
                if r.get("panjang")
                else "",
            ),
            "E": (
                r.get("jenis"),
                r.get("judul_buku"),
                r.get("pencipta"),
                r.get("jenis_hewan"),
                r.get("jenis_tumbuhan"),
                r.get("bahan"),
            ),  # fmt: skip
            "F": (r.get("kontruksi_bertingkat"), r.get("status_tanah")),
        }[kategori]
        return ", ".join(_str(p) for p in parts if _str(p))[:300]

    def inventaris(self) -> None:
        from village_apps.inventaris.models import Aset, MutasiAset

        for table, (kategori, _cols) in INVENTARIS.items():
            source = [r for r in self.rows.get(table, []) if _visible(r)]
            objs = []
            for r in source:
                luas = r.get("luas") if kategori in "AD" else r.get("luas_bangunan")
                objs.append(
                    Aset(
                        kategori=kategori,
                        nama=(_str(r.get("nama_barang")) or "-")[:200],
                        kode_barang=_str(r.get("kode_barang"))[:64],
                        nomor_register=_str(r.get("register"))[:64],
                        spesifikasi=self._spesifikasi(kategori, r),
                        jumlah=max(_int(r.get("jumlah")) or 1, 1),
                        luas=_dec(luas) if _dec(luas) > 0 else None,
                        lokasi=_str(r.get("letak"))[:200],
                        nomor_dokumen=(
                            _str(r.get("no_sertifikat"))
                            or _str(r.get("no_dokument"))
                            or _str(r.get("no_bpkb"))
                            or _str(r.get("no_polisi"))
                        )[:100],  # fmt: skip
                        sumber=_asal(_str(r.get("asal"))),
                        tanggal_perolehan=self._perolehan(table, r),
                        nilai_perolehan=max(_dec(r.get("harga")), Decimal(0)).quantize(
                            Decimal("0.01")
                        ),
                        kondisi_awal=_kondisi(
                            _str(r.get("kondisi")) or _str(r.get("kondisi_bangunan"))
                        ),
                        keterangan=_str(r.get("keterangan"))[:300],
                        opensid_id=f"{table}:{r.get('id')}",
                    )
                )
            created = self._bulk(Aset, objs)
            aset = {_ref(r.get("id")): o for r, o in zip(source, created, strict=True)}
            mutasi = []
            keluar: set[int] = set()
            history = sorted(
                (m for m in self.rows.get(f"mutasi_{table}", []) if _visible(m)),
                key=lambda m: (_date(m.get("tahun_mutasi")) or dt.date.min, _int(m.get("id")) or 0),
            )
            for m in history:
                target = aset.get(_ref(m.get(f"id_{table}")))
                if target is None or target.pk in keluar:
                    self._warn(
                        gettext(
                            "mutasi_%(t)s id=%(id)s: aset tersembunyi atau sudah keluar, dilewati."
                        )
                        % {"t": table, "id": m.get("id")}
                    )
                    continue
                jenis_teks = f"{_str(m.get('jenis_mutasi'))} {_str(m.get('status_mutasi'))}".lower()
                if "jual" in jenis_teks:
                    jenis = "jual"
                elif "sumbang" in jenis_teks or _str(m.get("sumbangkan")):
                    jenis = "pindahtangan"
                elif "hapus" in jenis_teks or "hilang" in jenis_teks:
                    jenis = "hapus"
                else:
                    jenis = "kondisi"
                if jenis != "kondisi":
                    keluar.add(target.pk)
                mutasi.append(
                    MutasiAset(
                        aset_id=target.pk,
                        jenis=jenis,
                        tanggal=max(
                            _date(m.get("tahun_mutasi")) or target.tanggal_perolehan,
                            target.tanggal_perolehan,
                        ),  # fmt: skip
                        kondisi_baru=_kondisi(jenis_teks) if jenis == "kondisi" else "",
                        nilai=_dec(m.get("harga_jual")) if jenis == "jual" else None,
                        pihak=_str(m.get("sumbangkan"))[:200],
                        keterangan=_str(m.get("keterangan"))[:300],
                        dicatat_oleh="Impor OpenSID",
                    )
                )
            self._bulk(MutasiAset, mutasi)

    # -- land -----------------------------------------------------------------------

    def tanah(self) -> None:
        from village_apps.tanah.models import TanahDesa, TanahKasDesa

        people = {r["id"]: _str(r.get("nama")) for r in self.rows.get("tweb_penduduk", [])}
        desa = []
        for r in self.rows.get("tanah_desa", []):
            if not _visible(r):
                continue
            pid = _ref(r.get("id_penduduk"))
            status = _largest(r, TANAH_DESA_HAK)
            if status is None:
                self._warn(
                    gettext("tanah_desa id=%(id)s: status hak tidak diisi, dicatat hak milik adat.")
                    % {"id": r.get("id")}
                )
            desa.append(
                TanahDesa(
                    pemilik_id=self.penduduk.get(pid),
                    nama_pemilik=(people.get(pid) or _str(r.get("nama_pemilik_asal")) or "-")[:150],
                    luas=max(_dec(r.get("luas")), Decimal(1)),
                    status_hak=status or "adat",
                    penggunaan=_largest(r, TANAH_DESA_GUNA) or "lain",
                    mutasi=_str(r.get("mutasi"))[:300],
                    keterangan=_str(r.get("keterangan"))[:300],
                    opensid_id=f"tanah_desa:{r.get('id')}",
                )
            )
        desa += self._persil()
        self._bulk(TanahDesa, desa)
        kas = []
        for r in self.rows.get("tanah_kas_desa", []):
            if not _visible(r):
                continue
            peruntukan_teks = _str(r.get("peruntukan")).lower()
            peruntukan = next((v for k, v in TKD_PERUNTUKAN.items() if k in peruntukan_teks), "")
            kas.append(
                TanahKasDesa(
                    nama_pemilik_asal=_str(r.get("nama_pemilik_asal"))[:150],
                    nomor_letter_c=_str(r.get("letter_c"))[:30],
                    kelas=_str(r.get("kelas"))[:20],
                    luas=max(_dec(r.get("luas")), Decimal(1)),
                    asal=_largest(r, TKD_ASAL) or "lain",
                    jenis_lahan=_largest(r, TKD_JENIS) or "tanah_kering_darat",
                    tanggal_perolehan=_date(r.get("tanggal_perolehan")),
                    ada_patok=_dec(r.get("ada_patok")) > 0,
                    ada_papan_nama=_dec(r.get("ada_papan_nama")) > 0,
                    peruntukan=peruntukan or ("lain" if peruntukan_teks else ""),
                    lokasi=_str(r.get("lokasi"))[:200],
                    mutasi=_str(r.get("mutasi"))[:300],
                    keterangan=_str(r.get("keterangan"))[:300],
                    opensid_id=f"tanah_kas_desa:{r.get('id')}",
                )
            )
        self._bulk(TanahKasDesa, kas)

    def _persil(self) -> list:
        """One ``TanahDesa`` per persil of the C-Desa register, owned by the C-Desa that
        received it last (``mutasi_cdesa``), else the one it started in."""
        from village_apps.tanah.models import TanahDesa

        cdesa = {_ref(r.get("id")): r for r in self.rows.get("cdesa", [])}
        owners: dict[int, list[int]] = {}
        for r in self.rows.get("cdesa_penduduk", []):
            owners.setdefault(_ref(r.get("id_cdesa")), []).append(_ref(r.get("id_pend")))
        people = {r["id"]: _str(r.get("nama")) for r in self.rows.get("tweb_penduduk", [])}
        kelas = {
            _ref(r.get("id")): _str(r.get("kode")) for r in self.rows.get("ref_persil_kelas", [])
        }
        jenis_mutasi = {
            _ref(r.get("id")): _str(r.get("nama")) for r in self.rows.get("ref_persil_mutasi", [])
        }
        moves: dict[int, list[dict]] = {}
        for m in self.rows.get("mutasi_cdesa", []):
            moves.setdefault(_ref(m.get("id_persil")), []).append(m)
        out = []
        for p in self.rows.get("persil", []):
            history = sorted(
                moves.get(_ref(p.get("id")), []),
                key=lambda m: (
                    _date(m.get("tanggal_mutasi")) or dt.date.min,
                    _int(m.get("id")) or 0,
                ),
            )
            held = [m for m in history if _ref(m.get("id_cdesa_masuk"))]
            c_id = _ref(held[-1].get("id_cdesa_masuk")) if held else _ref(p.get("cdesa_awal"))
            c = cdesa.get(c_id) or {}
            pid = next(iter(owners.get(c_id, [])), None)
            nama = (
                people.get(pid)
                or _str(c.get("nama_pemilik_luar"))
                or _str(c.get("nama_kepemilikan"))
            )
            mutasi = "; ".join(
                " ".join(
                    x
                    for x in (
                        jenis_mutasi.get(_ref(m.get("jenis_mutasi")), ""),
                        _date(m.get("tanggal_mutasi")).strftime("%d-%m-%Y")
                        if _date(m.get("tanggal_mutasi"))
                        else "",
                    )
                    if x
                )  # fmt: skip
                for m in history
            )
            luas = _dec(p.get("luas_persil"))
            out.append(
                TanahDesa(
                    pemilik_id=self.penduduk.get(pid),
                    nama_pemilik=(nama or "-")[:150],
                    luas=luas if luas > 0 else Decimal(1),
                    status_hak="adat",  # Letter C (girik/petok D): land not yet certified
                    penggunaan="lain",
                    nomor_letter_c=_str(c.get("nomor"))[:30],
                    nomor_persil=_str(p.get("nomor"))[:30],
                    kelas=kelas.get(_ref(p.get("kelas")), "")[:20],
                    lokasi=_str(p.get("lokasi"))[:200],
                    mutasi=mutasi[:300],
                    opensid_id=f"persil:{p.get('id')}",
                )
            )
            if luas <= 0:
                self._warn(
                    gettext("persil id=%(id)s: luas kosong, dicatat 1 m².") % {"id": p.get("id")}
                )
        return out
