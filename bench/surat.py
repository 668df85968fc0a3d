"""Letter PDF benchmark: p50 time to merge and render a one-page letter.

    uv run python bench/surat.py [--quick] [--runs N]

Balai: the default *Surat Keterangan Domisili* template merged with a resident's data
(``merge.render``) and rendered by the warm renderer (``pdf.render_pdf``: fonts and
stylesheets parsed once per process), letterhead and QR included. Baseline: the same
letter rendered cold each time (a new font configuration and freshly parsed
stylesheets, i.e. what a naive WeasyPrint call per request does). Target: p50 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _common import ROOT, emit, setup_done, setup_only_add, table

sys.path.insert(0, str(ROOT / "platform"))

VALUES = {
    "nama_desa": "Hajimena",
    "kode_desa": "1801042001",
    "sebutan_desa": "Desa",
    "nama_kecamatan": "Natar",
    "nama_kabupaten": "Lampung Selatan",
    "sebutan_kabupaten": "Kabupaten",
    "nama_provinsi": "Lampung",
    "nik": "1801045705900001",
    "nama": "SITI RAHMAWATI",
    "ttl": "Lampung Selatan, 17 Mei 1990",
    "jenis_kelamin": "PEREMPUAN",
    "agama": "ISLAM",
    "status_kawin": "KAWIN",
    "pekerjaan": "WIRASWASTA",
    "warga_negara": "WNI",
    "alamat": "Jl. Melati No. 5 RT 001 RW 002 Dusun Mawar",
    "no_kk": "1801042001000001",
    "kepala_kk": "AHMAD FAUZI",
    "judul_surat": "Surat Keterangan Domisili",
    "format_nomor_surat": "474.4/001/1801042001/XI/2026",
    "tgl_surat": "28 November 2026",
    "berlaku_sampai": "28 Desember 2026",
    "form_keperluan": "pembukaan rekening bank",
    "nama_pamong": "Drs. H. Sutrisno",
    "nip_pamong": "-",
    "jabatan": "Kepala Desa",
    "atas_nama": "Kepala Desa Hajimena",
    "sebutan_nip_desa": "NIP",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=40)
    setup_only_add(parser)
    args = parser.parse_args()
    runs = 10 if args.quick else args.runs

    from pypdf import PdfReader
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from balai_kernel.pdf import PdfFetcher
    from village_apps.surat import merge, pdf
    from village_apps.surat.defaults import DEFAULT_TEMPLATES

    template = next(t for t in DEFAULT_TEMPLATES if t["slug"] == "keterangan-domisili")["isi"]
    qr = pdf.qr_img("https://hajimena.balai.id/surat/verifikasi/" + "x" * 43 + "/")
    kop = pdf.kop_html(
        logo_uri="",
        baris=["Pemerintah Kabupaten Lampung Selatan", "Kecamatan Natar", "Desa Hajimena"],
        alamat="Jl. Raya Hajimena No. 1",
    )

    def warm_letter() -> bytes:
        body = merge.render(template, {**VALUES, "qr_code": qr}, raw=["qr_code"])
        return pdf.render_pdf(body, halaman=pdf.Halaman(), kop=kop)

    def cold_letter() -> bytes:
        body = merge.render(template, {**VALUES, "qr_code": qr}, raw=["qr_code"])
        fonts, fetcher = FontConfiguration(), PdfFetcher()
        css = CSS(string=pdf.BASE_CSS, font_config=fonts, url_fetcher=fetcher)
        page = CSS(string="@page { size: 215mm 330mm; margin: 1cm 2cm 1.5cm 2cm; }")
        document = f'<!doctype html><html><body><div class="lembar">{kop}{body}</div></body></html>'
        return HTML(string=document, url_fetcher=fetcher).write_pdf(
            stylesheets=[css, page], font_config=fonts
        )

    pdf.warm()
    sample = warm_letter()
    pages = len(PdfReader(__import__("io").BytesIO(sample)).pages)
    if args.setup_only:
        cold_letter()
        setup_done("surat", pages=pages)

    def measure(fn) -> list[float]:  # noqa: ANN001
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return times

    balai = measure(warm_letter)
    baseline = measure(cold_letter)

    def summary(times: list[float]) -> dict[str, float]:
        ordered = sorted(times)
        return {
            "p50_s": statistics.median(ordered),
            "p95_s": ordered[int(0.95 * (len(ordered) - 1))],
            "letters_per_s": 1 / statistics.median(ordered),
        }

    b, c = summary(balai), summary(baseline)
    print(f"one-page letter ({pages} page(s), {len(sample)} bytes), {runs} runs each")
    print(
        table(
            [["balai (warm)", b["p50_s"], b["p95_s"]], ["cold render", c["p50_s"], c["p95_s"]]],
            ["renderer", "p50 s", "p95 s"],
        )
    )
    emit("surat", {**b, "pages": pages, "target_p50_s": 0.3}, c)


if __name__ == "__main__":
    main()
