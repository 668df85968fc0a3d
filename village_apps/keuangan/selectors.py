"""Reading an APBDes: the tree of totals per level and the transparency figures.

``apbdes_susun`` is a pure function over detail rows: every node's amounts are the
sum of its children, every kelompok's the sum of its nodes. The public page and the
back office both show this tree, so what is displayed always adds up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from village_apps.keuangan.choices import BIDANG_SINGKAT, NAMA_INDUK, Kelompok
from village_apps.keuangan.models import Apbdes, BarisApbdes
from village_apps.web.grafik import svg_batang

NOL = Decimal("0")


@dataclass
class Simpul:
    """One line of the APBDes: a detail row or a derived (sub-)total."""

    kode: str
    uraian: str
    level: int
    anggaran: Decimal = NOL
    realisasi_s1: Decimal = NOL
    realisasi_s2: Decimal = NOL
    anak: list[Simpul] = field(default_factory=list)
    rinci: bool = False
    pk: int | None = None

    @property
    def realisasi(self) -> Decimal:
        return self.realisasi_s1 + self.realisasi_s2

    @property
    def persen(self) -> Decimal:
        """Realisation as a percentage of the budget, exact (pages round it through the
        one percent formatter, ``balai_kernel.numbers.percent_format``)."""
        return self.realisasi / self.anggaran * 100 if self.anggaran else NOL

    @property
    def lebih_anggaran(self) -> bool:
        """Realised more than budgeted: the treasurer confirmed it when saving
        (``services.baris_save``); public pages flag it."""
        return self.realisasi > self.anggaran

    @property
    def sisa(self) -> Decimal:
        return self.anggaran - self.realisasi

    def baris(self) -> list[Simpul]:
        """This node and its descendants, depth first (the table order)."""
        hasil = [self]
        for a in self.anak:
            hasil.extend(a.baris())
        return hasil


@dataclass
class Laporan:
    tahun: int
    pendapatan: Simpul
    belanja: Simpul
    penerimaan_pembiayaan: Simpul
    pengeluaran_pembiayaan: Simpul

    @property
    def surplus(self) -> Decimal:
        return self.pendapatan.anggaran - self.belanja.anggaran

    @property
    def pembiayaan_netto(self) -> Decimal:
        return self.penerimaan_pembiayaan.anggaran - self.pengeluaran_pembiayaan.anggaran

    @property
    def silpa(self) -> Decimal:
        return self.surplus + self.pembiayaan_netto

    @property
    def surplus_realisasi(self) -> Decimal:
        return self.pendapatan.realisasi - self.belanja.realisasi

    def kelompok(self) -> list[Simpul]:
        return [
            self.pendapatan,
            self.belanja,
            self.penerimaan_pembiayaan,
            self.pengeluaran_pembiayaan,
        ]

    def tabel(self) -> list[Simpul]:
        return [s for k in self.kelompok() for s in k.baris()]

    def kartu(self) -> list[tuple[str, str, Simpul]]:
        """The summary cards with a realisation: (title, element id, node)."""
        return [
            (_("Pendapatan"), "pendapatan", self.pendapatan),
            (_("Belanja"), "belanja", self.belanja),
        ]

    @property
    def ada_lebih_anggaran(self) -> bool:
        return any(s.lebih_anggaran for s in self.tabel())

    def grafik_ringkas(self) -> SafeString:
        """The summary chart: the same figures as the summary cards (a negative net
        financing is drawn as it is, never as 0)."""
        return svg_batang(
            [
                (_("Pendapatan (anggaran)"), self.pendapatan.anggaran),
                (_("Pendapatan (realisasi)"), self.pendapatan.realisasi),
                (_("Belanja (anggaran)"), self.belanja.anggaran),
                (_("Belanja (realisasi)"), self.belanja.realisasi),
                (_("Pembiayaan netto"), self.pembiayaan_netto),
            ],
            judul=_("Pendapatan dan belanja"),
            kelas=["pendapatan", "realisasi", "belanja", "realisasi", "pembiayaan"],
        )

    def grafik_bidang(self) -> SafeString:
        return svg_batang(
            [(BIDANG_SINGKAT.get(b.kode, b.uraian), b.anggaran) for b in self.belanja.anak],
            judul=_("Belanja per bidang"),
        )

    def grafik_realisasi(self) -> SafeString:
        baris = [(_("Pendapatan"), self.pendapatan.persen), (_("Belanja"), self.belanja.persen)]
        baris += [(BIDANG_SINGKAT.get(b.kode, b.uraian), b.persen) for b in self.belanja.anak]
        return svg_batang(baris, judul=_("Persentase realisasi"), persen=True)


def _kunci(kode: str) -> tuple[int, ...]:
    return tuple(int(p) for p in kode.split(".") if p.isdigit())


def _pohon(akar: Simpul, kelompok: str, baris: list[BarisApbdes], *, lewati: int) -> Simpul:
    """Attach rows under ``akar``, creating the intermediate nodes their codes imply.
    ``lewati``: how many leading code segments ``akar`` itself stands for."""
    nama = NAMA_INDUK[kelompok]
    simpul: dict[str, Simpul] = {}
    for b in sorted(baris, key=lambda b: _kunci(b.kode)):
        bagian = b.kode.split(".")
        induk = akar
        for n in range(lewati + 1, len(bagian)):
            kode = ".".join(bagian[:n])
            if kode not in simpul:
                simpul[kode] = Simpul(
                    kode=kode,
                    uraian=nama[kode] if kode in nama else _("Kegiatan %(kode)s") % {"kode": kode},
                    level=n - lewati,
                )
                induk.anak.append(simpul[kode])
            induk = simpul[kode]
        induk.anak.append(
            Simpul(
                kode=b.kode,
                uraian=b.uraian,
                level=len(bagian) - lewati,
                anggaran=b.anggaran,
                realisasi_s1=b.realisasi_s1,
                realisasi_s2=b.realisasi_s2,
                rinci=True,
                pk=getattr(b, "pk", None),
            )
        )
    _jumlahkan(akar)
    return akar


def _jumlahkan(s: Simpul) -> None:
    if s.rinci:
        return
    for a in s.anak:
        _jumlahkan(a)
    s.anggaran = sum((a.anggaran for a in s.anak), NOL)
    s.realisasi_s1 = sum((a.realisasi_s1 for a in s.anak), NOL)
    s.realisasi_s2 = sum((a.realisasi_s2 for a in s.anak), NOL)


def apbdes_susun(*, tahun: int, baris: Iterable[BarisApbdes]) -> Laporan:
    """Build the totals tree from detail rows (pure; any objects with the row fields work)."""
    per: dict[str, list] = {k: [] for k in Kelompok.values}
    for b in baris:
        per[b.kelompok].append(b)
    pembiayaan = {"6.1": [], "6.2": []}
    for b in per[Kelompok.PEMBIAYAAN]:
        pembiayaan[b.kode[:3]].append(b)
    nama_bi = NAMA_INDUK[Kelompok.PEMBIAYAAN]
    return Laporan(
        tahun=tahun,
        pendapatan=_pohon(
            Simpul("4", gettext_lazy("Pendapatan"), 0),
            Kelompok.PENDAPATAN,
            per[Kelompok.PENDAPATAN],
            lewati=1,
        ),
        belanja=_pohon(
            Simpul("5", gettext_lazy("Belanja"), 0),
            Kelompok.BELANJA,
            per[Kelompok.BELANJA],
            lewati=0,
        ),
        penerimaan_pembiayaan=_pohon(
            Simpul("6.1", nama_bi["6.1"], 0), Kelompok.PEMBIAYAAN, pembiayaan["6.1"], lewati=2
        ),
        pengeluaran_pembiayaan=_pohon(
            Simpul("6.2", nama_bi["6.2"], 0), Kelompok.PEMBIAYAAN, pembiayaan["6.2"], lewati=2
        ),
    )


def apbdes_list() -> QuerySet[Apbdes]:
    return Apbdes.objects.all()


def apbdes_terbaru() -> Apbdes | None:
    return Apbdes.objects.order_by("-tahun").first()


def apbdes_laporan(apbdes: Apbdes) -> Laporan:
    """The year's tree in one query."""
    return apbdes_susun(tahun=apbdes.tahun, baris=list(apbdes.baris.all()))
