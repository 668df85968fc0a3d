"""Public pages of the village website (anonymous, cached per village)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from balai_kernel.links import absolute_url
from balai_kernel.pagination import page_get
from tenants.modules import module_enabled
from village_apps.akun.permissions import public_view
from village_apps.profil.selectors import profil_get
from village_apps.web import selectors, statistik
from village_apps.web.cache import DURASI_STATISTIK, halaman_publik
from village_apps.web.models import Artikel, Halaman, Kategori


@public_view
@require_GET
@halaman_publik(durasi=DURASI_STATISTIK)
def beranda(request: HttpRequest) -> HttpResponse:
    """Home: identity, greeting, latest news, coming events, headline statistics.

    The home stays reachable when the plan switches the website off
    (``tenants.modules.ALWAYS_OPEN``): it then shows the identity page only."""
    if not module_enabled(getattr(request, "tenant", None), "web"):
        return render(request, "profil/beranda.html", {"profil": profil_get()})
    return render(
        request,
        "web/beranda.html",
        {
            "profil": profil_get(),
            "pengaturan": selectors.pengaturan_situs(),
            "berita": list(selectors.artikel_terbit()[:6]),
            "agenda": list(selectors.agenda_mendatang(batas=5)),
            "ringkasan": statistik.ringkasan_penduduk(statistik.statistik_publik(request)),
        },
    )


@public_view
@require_GET
@halaman_publik()
def berita_daftar(request: HttpRequest) -> HttpResponse:
    kategori = None
    if slug := request.GET.get("kategori"):
        kategori = get_object_or_404(Kategori, slug=slug)
    cari = request.GET.get("q", "").strip()[:100]
    page = page_get(request, selectors.artikel_terbit(kategori=kategori, cari=cari), per_page=10)
    return render(
        request,
        "web/berita_daftar.html",
        {
            "page": page,
            "kategori": kategori,
            "kategori_list": selectors.kategori_list(),
            "cari": cari,
        },
    )


@public_view
@require_GET
@halaman_publik()
def berita_detail(request: HttpRequest, slug: str) -> HttpResponse:
    artikel = get_object_or_404(Artikel.objects.select_related("kategori"), slug=slug, terbit=True)
    return render(request, "web/berita_detail.html", {"artikel": artikel})


@public_view
@require_GET
@halaman_publik()
def halaman_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "web/halaman.html", {"halaman": get_object_or_404(Halaman, slug=slug)})


@public_view
@require_GET
@halaman_publik()
def agenda(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/agenda.html",
        {"mendatang": selectors.agenda_mendatang(), "lalu": selectors.agenda_lalu()[:20]},
    )


@public_view
@require_GET
@halaman_publik()
def galeri(request: HttpRequest) -> HttpResponse:
    page = page_get(request, selectors.foto_list(), per_page=24)
    return render(request, "web/galeri.html", {"page": page})


@public_view
@require_GET
@halaman_publik()
def kontak(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/kontak.html",
        {"profil": profil_get(), "pengaturan": selectors.pengaturan_situs()},
    )


@public_view
@require_GET
@halaman_publik(durasi=DURASI_STATISTIK)
def statistik_indeks(request: HttpRequest) -> HttpResponse:
    stat = statistik.statistik_publik(request)
    kategori = statistik.statistik_kategori(stat)
    kodes = [k for k, _ in kategori]
    # The index opens on the cheapest table; every category is one link away.
    kode = "jenis-kelamin" if "jenis-kelamin" in kodes else (kodes[0] if kodes else "")
    return render(
        request,
        "web/statistik.html",
        {
            "stat": stat,
            "kategori": kategori,
            "tabel": statistik.statistik_tabel(stat, kode) if kode else None,
            "ringkasan": statistik.ringkasan_penduduk(stat),
        },
    )


@public_view
@require_GET
@halaman_publik(durasi=DURASI_STATISTIK)
def statistik_detail(request: HttpRequest, kode: str) -> HttpResponse:
    """One category. A category the village does not publish (a special one left off,
    or any while the kabupaten is closed) answers 404, the same as one that does not
    exist: the page tells nothing about it."""
    stat = statistik.statistik_publik(request)
    tabel = statistik.statistik_tabel(stat, kode)
    if tabel is None:
        raise Http404
    return render(
        request,
        "web/statistik.html",
        {"stat": stat, "kategori": statistik.statistik_kategori(stat), "tabel": tabel},
    )


@public_view
@require_GET
@halaman_publik()
def rss(request: HttpRequest) -> HttpResponse:
    """RSS 2.0 feed of the 20 latest articles."""
    profil = profil_get()
    nama = f"{request.tenant.name}"
    feed = Rss201rev2Feed(
        title=gettext("Berita %(nama)s") % {"nama": nama},
        link=absolute_url(reverse("web:berita"), village=request.tenant),
        description=(
            profil
            and gettext("Berita dari %(nama)s, %(kabupaten)s")
            % {"nama": nama, "kabupaten": profil.nama_kabupaten}
        )
        or gettext("Berita dari %(nama)s") % {"nama": nama},
        language=get_language() or "id",
        feed_url=absolute_url(reverse("web:rss"), village=request.tenant),
    )
    for artikel in selectors.artikel_terbit()[:20]:
        feed.add_item(
            title=artikel.judul,
            link=absolute_url(artikel.get_absolute_url(), village=request.tenant),
            description=artikel.ringkasan,
            pubdate=artikel.diterbitkan_pada,
            unique_id=absolute_url(artikel.get_absolute_url(), village=request.tenant),
            categories=[artikel.kategori.nama] if artikel.kategori else None,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8"
    )


@public_view
@require_GET
@halaman_publik()
def sitemap(request: HttpRequest) -> HttpResponse:
    """sitemap.xml: the fixed public pages, every published article and static page."""
    tetap = ["web:beranda", "web:berita", "web:statistik", "web:agenda", "web:galeri",
             "web:kontak", "bantuan:publik", "pembangunan:daftar", "pengaduan:kirim"]  # fmt: skip
    if request.tenant.kind != "kelurahan":
        tetap.append("keuangan:publik")
    alamat = [(reverse(name), None) for name in tetap]
    alamat += [
        (a.get_absolute_url(), a.diubah_pada)
        for a in selectors.artikel_terbit().select_related(None).only("slug", "diubah_pada")
    ]
    alamat += [
        (h.get_absolute_url(), h.diubah_pada) for h in Halaman.objects.only("slug", "diubah_pada")
    ]
    return render(
        request,
        "web/sitemap.xml",
        {"alamat": [(absolute_url(p, village=request.tenant), t) for p, t in alamat]},
        content_type="application/xml; charset=utf-8",
    )


@public_view
@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    baris = ["User-agent: *", "Disallow: /kelola/", "Disallow: /akun/", "Disallow: /mandiri/",
             "Disallow: /pengaduan/lacak/", f"Sitemap: {absolute_url(reverse('web:sitemap'), village=request.tenant)}"]  # fmt: skip
    return HttpResponse("\n".join(baris) + "\n", content_type="text/plain; charset=utf-8")
