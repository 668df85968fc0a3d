"""Letter + attachment form benchmark: p50/p95 to merge and render Balai's birth letter
alone and with its F-2.01 form (issue 21: letter + one form p50 ≤ 200 ms warm).

    uv run python bench/surat_lampiran.py [--runs N] [--form F-2.01]

Same layers as ``bench/surat.py`` (``merge.render`` + the warm ``pdf.render_pdf``), plus
``lampiran.render_html`` for the form filled with every field (``contoh_lengkap``). No
database. Wall time and the process's CPU time are both printed: on a shared machine
the CPU time is what the render costs, the wall time what a user waits.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _common import ROOT, table

sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--form", default="F-2.01")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
    import django

    django.setup()
    from village_apps.surat import lampiran, merge, pdf
    from village_apps.surat.defaults import DEFAULT_TEMPLATES
    from village_apps.surat.fields import EXAMPLE_RESIDENT

    template = next(t for t in DEFAULT_TEMPLATES if t["slug"] == "keterangan-kelahiran")["isi"]
    data = lampiran.contoh_lengkap()
    values = {
        **EXAMPLE_RESIDENT,
        "nama_desa": "Hajimena",
        "nama_kecamatan": "Natar",
        "nama_kabupaten": "Lampung Selatan",
        "sebutan_kabupaten": "Kabupaten",
        "nama_provinsi": "Lampung",
        "form_nama_bayi": "Putri Ayu Lestari",
        "form_tempat_lahir": "Natar",
        "form_tanggal_lahir": "20 November 2026",
        "nama_pamong": "Drs. H. Sutrisno",
        "jabatan": "Kepala Desa",
        "atas_nama": "Kepala Desa Hajimena",
        "tgl_surat": "7 Desember 2026",
        "format_nomor_surat": "474.1/001/1801042001/XII/2026",
    }
    qr = pdf.qr_img("https://hajimena.balai.id/surat/verifikasi/" + "x" * 43 + "/")
    kop = pdf.kop_html(
        logo_uri="",
        baris=["Pemerintah Kabupaten Lampung Selatan", "Kecamatan Natar", "Desa Hajimena"],
        alamat="Jl. Raya Hajimena No. 1",
    )

    def letter(with_form: bool) -> bytes:
        body = merge.render(template, {**values, "qr_code": qr}, raw=["qr_code"])
        forms = [lampiran.render_html(args.form, data)] if with_form else []
        return pdf.render_pdf(body, halaman=pdf.Halaman(), kop=kop, lampiran=forms)

    pdf.warm()
    letter(True)

    def measure(with_form: bool) -> tuple[list[float], list[float]]:
        wall, cpu = [], []
        for _ in range(args.runs):
            w, c = time.perf_counter(), time.process_time()
            letter(with_form)
            wall.append(time.perf_counter() - w)
            cpu.append(time.process_time() - c)
        return sorted(wall), sorted(cpu)

    def p95(values: list[float]) -> float:
        return values[int(0.95 * (len(values) - 1))]

    rows = []
    for name, with_form in (("letter", False), (f"letter + {args.form}", True)):
        wall, cpu = measure(with_form)
        rows.append([name, statistics.median(wall), p95(wall), statistics.median(cpu), p95(cpu)])
    print(f"{args.runs} runs each, load average {os.getloadavg()[0]:.1f}")
    print(table(rows, ["render", "wall p50 s", "wall p95 s", "cpu p50 s", "cpu p95 s"]))


if __name__ == "__main__":
    main()
