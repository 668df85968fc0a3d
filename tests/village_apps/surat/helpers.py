"""Residents for letter tests, made with the population models themselves."""

from __future__ import annotations

import datetime as dt
import secrets

from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.models import Penduduk
from village_apps.surat.selectors import penduduk_for_letter
from village_apps.wilayah.models import RT, RW, Dusun


def penduduk_make(*, nama: str = "budi SANTOSO", nik: str | None = None, **extra) -> Penduduk:
    """A living resident in Dusun Mawar, RW 002, RT 001, head of a new family."""
    n = secrets.randbelow(10**8)  # random: transactional tests leave rows behind
    dusun, _ = Dusun.objects.get_or_create(nama="Mawar")
    rw, _ = RW.objects.get_or_create(dusun=dusun, nama="002")
    rt, _ = RT.objects.get_or_create(rw=rw, nama="001")
    keluarga = Keluarga.objects.create(no_kk=f"18010420{n:08d}", wilayah=rt)
    fields = {
        "nik": nik or f"18010441{n:08d}",
        "nama": nama,
        "sex": 1,
        "tempatlahir": "lampung selatan",
        "tanggallahir": dt.date(1990, 5, 17),
        "agama_id": 1,
        "pekerjaan_id": 1,
        "status_kawin": 2,
        "kk_level": 1,
        "alamat": "Jl. Melati No. 5",
        "keluarga": keluarga,
        "wilayah": rt,
        **extra,
    }
    penduduk = Penduduk.objects.create(**fields)
    keluarga.kepala = penduduk
    keluarga.save(update_fields=["kepala"])
    return penduduk_for_letter(pk=penduduk.pk)


def format_editor_data(**changes: str) -> dict[str, str]:
    """A valid POST of the template editor (A4 portrait, one month, no letterhead),
    with ``changes`` applied."""
    return {
        "nama": "Keterangan Uji Editor",
        "slug": "uji-editor",
        "kode_surat": "470",
        "isi": "<p>[NAma]</p>",
        "ukuran": "A4",
        "orientasi": "potret",
        "margin_kiri": "2",
        "margin_atas": "1",
        "margin_kanan": "2",
        "margin_bawah": "1.5",
        "masa_berlaku": "1",
        "satuan_berlaku": "M",
        "kode_isian_json": "",
        "syarat_baris": "",
        **changes,
    }
