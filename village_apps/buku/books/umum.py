"""Buku Administrasi Umum made from the profil app: A.4 Buku Aparat Pemerintah Desa
(Permendagri 47/2016 Pasal 4)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.referensi import Agama, PendidikanKK, Sex


def _nomor_tanggal(nomor: str, tanggal: Any) -> str:
    tgl = tanggal.strftime("%d-%m-%Y") if tanggal else ""
    return " / ".join(p for p in (nomor, tgl) if p)


def aparat_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    """Officials in office at some time in the period (by their term; an official
    without a term counts while marked active)."""
    from village_apps.profil.models import Aparatur

    qs = (
        Aparatur.objects.select_related("penduduk")
        .filter((Q(masa_mulai__isnull=True) & Q(aktif=True)) | Q(masa_mulai__lte=periode.end))
        .filter(Q(masa_selesai__isnull=True) | Q(masa_selesai__gte=periode.start))
    )
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(jabatan__icontains=cari))
    for a in qs.order_by("urutan", "nama", "id"):
        p = a.penduduk
        yield (
            a.nama,
            a.nipd,
            a.nip,
            Sex(p.sex).label if p else "",
            ", ".join(
                x
                for x in (
                    p.tempatlahir,
                    p.tanggallahir.strftime("%d-%m-%Y") if p.tanggallahir else "",
                )
                if x
            )
            if p
            else "",
            Agama(p.agama_id).label if p else "",
            a.pangkat_golongan,
            a.jabatan,
            PendidikanKK(p.pendidikan_kk_id).label if p and p.pendidikan_kk_id else "",
            _nomor_tanggal(a.no_sk, a.tanggal_sk),
            _nomor_tanggal(a.no_sk_berhenti, a.tanggal_sk_berhenti),
            "" if a.aktif else "Tidak aktif",
        )


book_register(
    Book(
        slug="aparat-pemerintah-desa",
        title=_("Buku Aparat Pemerintah Desa"),
        group=BookGroup.UMUM,
        code="A.4",
        monthly=False,
        columns=(
            Column("nama", "NAMA", width=2.5),
            Column("niap", "NIAP", width=1.5),
            Column("nip", "NIP", width=1.8),
            Column("jenis_kelamin", "JENIS KELAMIN"),
            Column("ttl", "TEMPAT DAN TANGGAL LAHIR", width=2),
            Column("agama", "AGAMA"),
            Column("pangkat", "PANGKAT GOLONGAN"),
            Column("jabatan", "JABATAN", width=2),
            Column("pendidikan", "PENDIDIKAN TERAKHIR", width=1.5),
            Column("sk_angkat", "NOMOR DAN TANGGAL KEPUTUSAN PENGANGKATAN", width=2),
            Column("sk_berhenti", "NOMOR DAN TANGGAL KEPUTUSAN PEMBERHENTIAN", width=2),
            Column("ket", "KET"),
        ),
        rows=aparat_rows,
    )
)
