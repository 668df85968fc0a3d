"""Every view that answers with a file is known, and none can be steered to another file.

Three layers, each swept as a class so that a view or a file field added later is
covered without anyone remembering this file:

- ``FILE_VIEWS`` lists every URL (both URLconfs) whose view answers with a file, and how
  the file is chosen. ``test_every_file_serving_view_is_listed`` walks the URLconfs and
  reads each view's code (with the project functions it calls) for the marks of a file
  answer; an unlisted one fails the test until someone says how it is protected.
- No URL parameter of a file view can carry a path (``..``, separators, encodings):
  the route refuses it before the view runs. The one view that takes a path, the media
  view, has its own battery in ``test_media_isolation.py``.
- Files chosen by a stored name (``FileField``) are opened through the village storages,
  which refuse any non-canonical name: every ``FileField`` of every model, on the
  filesystem and on S3 (pre-signed URLs), plus the two views that stream such a file.
"""

from __future__ import annotations

import ast
import inspect
import posixpath
import re
import textwrap
import types
from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.urls import URLPattern, get_resolver, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone

from tenants.context import village_context
from tenants.storage import VillageFileSystemStorage, VillageS3Storage
from tests.balai_site.test_storage import CREDENTIALS, s3_endpoint  # noqa: F401 - fixture
from tests.security.rute import url_patterns
from tests.support.builders import village_login

pytestmark = pytest.mark.security

PROJECT = ("village_apps.", "tenants", "control_plane.", "balai_kernel.", "balai_site.")

# url name → how the file is chosen (and so what protects it).
FILE_VIEWS = {
    "media": "a path from the URL: tenants.media checks it canonically and by real location",
    "penduduk:ekspor": "generated in memory from the register (editors only)",
    "penduduk:impor_laporan": "generated in memory from an import row (by id)",
    "surat:terbitkan": "a preview PDF rendered in memory (by ids)",
    "surat:terbitkan_luar": "a preview PDF rendered in memory (a typed-in non-resident subject)",
    "surat:unduh": "PDF bytes stored in the letter row (by id; editors only)",
    "mandiri:permohonan_unduh": "PDF bytes stored in the letter row (the resident's own)",
    "mandiri:dokumen": "a stored FileField name, opened through the village storage",
    "pengaduan:foto": "a stored FileField name (by complaint id; staff only), opened through "
    "the village storage, answered only for a picture type",
    "keuangan:templat": "generated in memory",
    "buku:unduh": "a book's PDF/XLSX generated in memory (book slug from the registry, period "
    "from a validated form; export right per book)",
    "produk_hukum:kelola_berkas": "a stored FileField name (by product id; staff only), opened "
    "through the village storage",
    "produk_hukum:jdih_berkas": "a stored FileField name (by id of a published product only), "
    "opened through the village storage",
    "sekretariat:masuk_scan": "a stored FileField name (by incoming-letter id; register readers "
    "only, audited), opened through the village storage",
    "onboarding:approval_proof": "a stored FileField name, opened through the storage",
    "taxes:bast_pdf": "PDF bytes stored in the BAST row (by id)",
    "taxes:kuitansi": "a receipt PDF rendered in memory (by id)",
    "taxes:coretax": "XML generated in memory (dates from the query string)",
    "dashboards:opendk": "a ZIP generated in memory (by a 10-digit code)",
    "dashboards:village_book": "a closed book's PDF/XLSX generated in memory from the rows "
    "stored at closing (book slug from the registry, period parsed; region scope checked)",
    "dashboards:download": "CSV/XLSX generated in memory (by code and format)",
    "opendata:region-csv": "CSV generated in memory (by code)",
    "console:village_export_download": "an export archive in the backups storage, by a name the "
    "route allows only as <slug>-<UTC timestamp>.tar.gz and the view finds in that village's list",
    "console:backup_download": "a backup archive in the backups storage, by the id of its row "
    "(operations only): only a key that row recorded is opened, no name comes from the URL",
    "opendata:children-csv": "CSV generated in memory (by code)",
    "web:rss": "RSS generated in memory from published articles",
    "web:sitemap": "XML generated in memory from published pages",
    "web:robots": "plain text generated in memory",
    "billing:stripe_webhook": "a plain-text acknowledgement (no file)",
}

# What gives a view away as answering with a file (or any body that is not a page or
# JSON: a CSV served without Content-Disposition is still a file).
FILE_MARKS = re.compile(
    r"FileResponse|StreamingHttpResponse|X-Accel-Redirect|X-Sendfile|Content-Disposition"
    r"|as_attachment|application/pdf|generate_presigned_url|views\.static|static\.serve"
    r"|content_type\s*=\s*[\"'](?!text/html|application/json)[\w.+-]+/"
)


def _unwrap(obj: Callable) -> Callable:
    while hasattr(obj, "__wrapped__"):
        obj = obj.__wrapped__
    return obj


def _view_functions(callback: Callable) -> list[Callable]:
    view = _unwrap(callback)
    cls = getattr(callback, "view_class", None) or getattr(view, "view_class", None)
    if cls is None:
        return [view]
    return [
        member
        for klass in cls.__mro__
        if klass.__module__.startswith(PROJECT)
        for member in vars(klass).values()
        if inspect.isfunction(member)
    ]


def _source_closure(function: Callable, seen: set, depth: int = 0) -> Iterator[str]:
    """The source of ``function`` and of every project function it calls (by name or
    ``module.name``), a few levels deep: a view that delegates the response to a helper
    (``pdf_response``) is still found."""
    if function in seen or depth > 4:
        return
    seen.add(function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return
    yield source
    tree = ast.parse(textwrap.dedent(source))
    local = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    local |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
    names = getattr(function, "__globals__", {})
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        target = None
        if isinstance(call.func, ast.Name) and call.func.id not in local:
            target = names.get(call.func.id)
        elif isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name):
            owner = names.get(call.func.value.id)
            if isinstance(owner, types.ModuleType):
                target = getattr(owner, call.func.attr, None)
        target = _unwrap(target) if callable(target) else None
        if inspect.isfunction(target) and target.__module__.startswith(PROJECT):
            yield from _source_closure(target, seen, depth + 1)


def serves_a_file(callback: Callable) -> bool:
    view = _unwrap(callback)
    if view.__module__.startswith("django.views.static"):
        return True
    seen: set = set()
    return any(
        FILE_MARKS.search(source)
        for function in _view_functions(callback)
        for source in _source_closure(function, seen)
    )


def test_every_file_serving_view_is_listed():
    found = {name or route for _, route, name, p in url_patterns() if serves_a_file(p.callback)}
    unlisted = found - set(FILE_VIEWS)
    assert not unlisted, (
        f"views answering with a file that no traversal test covers: {sorted(unlisted)} — add "
        "them to FILE_VIEWS with how the file is chosen, and a test if a name can steer it"
    )
    stale = set(FILE_VIEWS) - found
    assert not stale, f"FILE_VIEWS names no longer found as file views: {sorted(stale)}"


SAMPLE_VIEWS = """
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse


def _helper(name):
    return FileResponse(default_storage.open(name))


def direct(request, name):
    return FileResponse(open(name, "rb"))


def delegated(request, pk):
    return _helper(str(pk))


def bare_csv(request):
    return HttpResponse("a,b", content_type="text/csv; charset=utf-8")


def page(request):
    return HttpResponse("<p>halaman</p>")


def api(request):
    return HttpResponse("{}", content_type="application/json")
"""


def test_the_detector_finds_a_new_file_view(tmp_path):
    """The listing test is only as good as its detector: a view added tomorrow that
    answers with a file, itself or through a helper, is found; a page is not."""
    import importlib.util

    source = tmp_path / "contoh_views.py"
    source.write_text(SAMPLE_VIEWS)
    spec = importlib.util.spec_from_file_location("village_apps.contoh_views", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert all(serves_a_file(v) for v in (module.direct, module.delegated, module.bare_csv))
    assert not serves_a_file(module.page) and not serves_a_file(module.api)


# Path spellings (as the view receives them, after the server's one decoding). A lone
# ``..`` without a separator is left out: it climbs only if a view joins the argument
# into a path, and FILE_VIEWS says none does (ids, slugs and codes look rows up).
ROUTE_PAYLOADS = (
    "../..",
    "1/../2",
    "..%2f..",
    "%2e%2e%2f",
    "..\\..",
    "/etc/passwd",
    "1/..",
    "x/../../etc/passwd",
    "1\x00",
)
SAMPLE = {"IntConverter": 7, "SlugConverter": "contoh", "StringConverter": "contoh"}
SAMPLE_REGEX = {
    "code": "1801042001",
    "fmt": "csv",
    "slug": "contoh",
    "archive": "contoh-20260101T000000Z.tar.gz",
    "periode": "2026-01",
}


def _concrete_url(urlconf: str, name: str, pattern: URLPattern) -> tuple[str, list[str]]:
    """A real URL of the pattern (sample arguments) and those sample values as text."""
    converters = getattr(pattern.pattern, "converters", {})
    if converters:
        kwargs = {k: SAMPLE[type(c).__name__] for k, c in converters.items()}
    else:
        kwargs = {k: SAMPLE_REGEX[k] for k in pattern.pattern.regex.groupindex}
    return reverse(name, urlconf=urlconf, kwargs=kwargs), [str(v) for v in kwargs.values()]


@pytest.mark.parametrize(
    ("urlconf", "name", "pattern"),
    [
        pytest.param(urlconf, name, pattern, id=name)
        for urlconf, _, name, pattern in url_patterns()
        if name in FILE_VIEWS and name != "media"
    ],
)
def test_no_file_route_carries_a_path(urlconf, name, pattern):
    """Every argument of a file view (other than the media view's path) is an id, a
    slug or a code: a payload put in its place never reaches the view."""
    url, samples = _concrete_url(urlconf, name, pattern)
    resolver = get_resolver(urlconf)
    assert resolver.resolve(url).url_name == name.rsplit(":", 1)[-1], url  # control
    for sample in samples:
        for payload in ROUTE_PAYLOADS:
            attacked = url.replace(sample, payload, 1)
            try:
                match = resolver.resolve(attacked)
            except Resolver404:
                continue
            assert match.url_name != name.rsplit(":", 1)[-1], attacked


# --- stored names ------------------------------------------------------------------------

SECRET = b"\xff\xd8 BERKAS-PRIBADI-RAHASIA"


def _file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def _in_schema_of(model: type[models.Model], village):
    tenant = model._meta.app_config.name.startswith("village_apps.")
    return village_context(village) if tenant else _public()


class _public:
    def __enter__(self):
        connection.set_schema_to_public()

    def __exit__(self, *exc):
        connection.set_schema_to_public()


def _traversing_names(model, field) -> list[str]:
    """Names that start in the field's own folder and lead to ``rahasia/warga1.jpg``."""
    folder = posixpath.dirname(field.generate_filename(model(), "x.jpg"))
    up = "../" * len(folder.split("/"))
    return [
        f"{folder}/{up}rahasia/warga1.jpg",
        f"{folder}/./{up}rahasia/warga1.jpg",
        f"{folder}//{up}rahasia/warga1.jpg",
        folder + "/" + up.replace("/", "\\") + "rahasia\\warga1.jpg",
        f"/{folder}/x.jpg",
        f"{folder}/%2e%2e/x.jpg",
        f"{folder}/x\x00.jpg",
    ]


def test_file_field_sweep_covers_the_known_fields():
    """Control: the sweep below sees the fields that hold private files."""
    labels = {f"{m._meta.label}.{f.name}" for m, f in _file_fields()}
    assert {
        "mandiri.DokumenSyarat.berkas",
        "penduduk.Penduduk.foto",
        "pengaduan.Pengaduan.foto",
        "onboarding.Signup.proof",
    } <= labels


def test_every_file_field_refuses_traversing_names(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for model, field in _file_fields():
        with _in_schema_of(model, village):
            default_storage.save("rahasia/warga1.jpg", ContentFile(SECRET))
            for name in _traversing_names(model, field):
                instance = model()
                setattr(instance, field.attname, name)
                stored = getattr(instance, field.attname)
                for action in (lambda f: f.open("rb").read(), lambda f: f.url):
                    with pytest.raises(SuspiciousOperation):
                        action(stored)
                        pytest.fail(f"{model._meta.label}.{field.name} gave {name!r}")


def test_every_file_field_refuses_traversing_names_on_s3(s3_endpoint, village, village_b):  # noqa: F811
    """On S3 the name becomes a pre-signed URL's key: django-storages normalises it
    first, so ``profil/../penduduk/x.jpg`` would sign the private key."""
    import boto3
    import requests

    bucket = "balai-traversal-s3"
    boto3.client("s3", endpoint_url=s3_endpoint, **_boto(CREDENTIALS)).create_bucket(Bucket=bucket)
    storage = VillageS3Storage(
        bucket_name=bucket, endpoint_url=s3_endpoint, location="media", **CREDENTIALS
    )
    with village_context(village):
        storage.save("rahasia/warga1.jpg", ContentFile(SECRET))
        public = storage.url("profil/logo.png")
        assert "X-Amz-Signature=" in public  # control: canonical names are signed
        for model, field in _file_fields():
            for name in _traversing_names(model, field):
                for action in (storage.url, storage.open, storage.exists, storage.size):
                    try:
                        result = action(name)
                    except SuspiciousOperation:
                        continue
                    leaked = (
                        requests.get(result, timeout=10).content
                        if isinstance(result, str)
                        else result
                    )
                    pytest.fail(f"{action.__name__}({name!r}) answered: {leaked!r:.80}")


def _boto(credentials: dict[str, str]) -> dict[str, str]:
    return {
        "aws_access_key_id": credentials["access_key"],
        "aws_secret_access_key": credentials["secret_key"],
        "region_name": credentials["region_name"],
    }


def test_storages_keep_canonical_names_working(village, settings, tmp_path):
    """Control: the check refuses spellings, not files: uploads, folders and walks work."""
    from tenants.archive import media_walk

    settings.MEDIA_ROOT = tmp_path
    storage = VillageFileSystemStorage()
    with village_context(village):
        name = storage.save("mandiri/syarat/2026/ktp.pdf", ContentFile(b"%PDF-1.7"))
        assert storage.open(name).read() == b"%PDF-1.7"
        assert storage.listdir("mandiri/syarat/")[0] == ["2026"]
        assert list(media_walk("")) == [name]


def test_requirement_document_with_a_traversing_name_is_not_served(
    village, village_client, settings, tmp_path
):
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.akun.services import village_user_create
    from village_apps.mandiri.models import DokumenSyarat, Permohonan
    from village_apps.surat.models import FormatSurat
    from village_apps.surat.services import format_surat_seed

    settings.MEDIA_ROOT = tmp_path
    with village_context(village):
        default_storage.save("penduduk/warga1.jpg", ContentFile(SECRET))
        own = default_storage.save("mandiri/syarat/2026/ktp.jpg", ContentFile(b"\xff\xd8 ktp"))
        format_surat_seed()
        permohonan = Permohonan.objects.create(
            penduduk=penduduk_make(), format=FormatSurat.objects.first(), isian={}
        )
        docs = [
            DokumenSyarat.objects.create(
                permohonan=permohonan, nama="KTP", berkas=name, tipe="image/jpeg", ukuran=9
            )
            for name in (
                own,
                "mandiri/syarat/2026/../../../penduduk/warga1.jpg",
                "mandiri/syarat/2026/..\\..\\..\\penduduk\\warga1.jpg",
                "mandiri/syarat/2026/%2e%2e/%2e%2e/%2e%2e/penduduk/warga1.jpg",
            )
        ]
        operator = village_user_create(username="op-berkas", role="operator")
    village_login(village_client, operator, village)
    served_only_canonical(
        village_client, [f"/mandiri/kelola/dokumen/{d.pk}/" for d in docs], b"\xff\xd8 ktp"
    )


def served_only_canonical(client, urls: list[str], own: bytes) -> None:
    """The first URL answers its own file as a private file; the others, whose stored
    names climb out of their folder, answer 400/404 and never the secret."""
    control = client.get(urls[0])
    assert control.status_code == 200 and b"".join(control.streaming_content) == own
    assert control["Cache-Control"] == "private, no-store"
    assert control["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in control["Content-Security-Policy"]
    for url in urls[1:]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code in (400, 404), url
        assert b"RAHASIA" not in body, url


def test_complaint_photo_is_served_to_staff_and_never_by_a_traversing_name(
    village, village_client, settings, tmp_path
):
    """Finding 5: the operator sees a complaint's photo through a permission-checked
    view, while the media view keeps refusing the ``pengaduan/`` folder."""
    from village_apps.akun.services import village_user_create
    from village_apps.pengaduan.models import Pengaduan

    settings.MEDIA_ROOT = tmp_path
    with village_context(village):
        default_storage.save("penduduk/warga1.jpg", ContentFile(SECRET))
        own = default_storage.save("pengaduan/aduan.jpg", ContentFile(b"\xff\xd8 aduan"))
        rows = [
            Pengaduan.objects.create(
                kode_lacak=f"UJIFOTO{n}", judul="Jalan", isi="Rusak", foto=name
            )
            for n, name in enumerate(
                (
                    own,
                    "pengaduan/../penduduk/warga1.jpg",
                    "pengaduan/..\\penduduk\\warga1.jpg",
                    "pengaduan/%2e%2e/penduduk/warga1.jpg",
                )
            )
        ]
        tanpa_foto = Pengaduan.objects.create(kode_lacak="UJIFOTO9", judul="x", isi="y")
        operator = village_user_create(username="op-foto", role="operator")
    urls = [f"/pengaduan/kelola/{row.pk}/foto/" for row in rows]
    assert village_client.get(urls[0])["Location"].startswith("/akun/masuk/")  # anonymous
    assert village_client.get(f"/media/{village.schema_name}/{own}").status_code == 404
    village_login(village_client, operator, village)
    served_only_canonical(village_client, urls, b"\xff\xd8 aduan")
    assert village_client.get(f"/pengaduan/kelola/{tanpa_foto.pk}/foto/").status_code == 404
    page = village_client.get(f"/pengaduan/kelola/{rows[0].pk}/").content.decode()
    assert f'src="{urls[0]}"' in page and "/media/" not in page


def test_signup_proof_with_a_traversing_name_is_not_served(db, settings, tmp_path):
    from control_plane.onboarding.models import Signup
    from tests.support.builders import staff_client

    settings.MEDIA_ROOT = tmp_path
    connection.set_schema_to_public()
    default_storage.save("rahasia/ekspor.jpg", ContentFile(SECRET))
    proof = default_storage.save("pendaftaran/bukti/sk.pdf", ContentFile(b"%PDF-1.4 sk"))
    common = {
        "kabupaten_code": "1801",
        "village_name": "Uji Berkas",
        "operator_name": "Operator",
        "email": "op@contoh.id",
        "phone": "081234567890",
        "position": "Sekdes",
        "consent_at": timezone.now(),
        "status": "pending",
    }
    own, *bad = (
        Signup.objects.create(proof=name, code=f"180104200{n}", slug=f"uji-berkas-{n}", **common)
        for n, name in enumerate(
            (
                proof,
                "pendaftaran/bukti/../../rahasia/ekspor.jpg",
                "pendaftaran/bukti/..\\..\\rahasia\\ekspor.jpg",
            )
        )
    )
    client, _user = staff_client(role="ops", username="ops-berkas")
    control = client.get(f"/daftar/persetujuan/{own.pk}/bukti/")
    assert control.status_code == 200 and b"".join(control.streaming_content) == b"%PDF-1.4 sk"
    for signup in bad:
        response = client.get(f"/daftar/persetujuan/{signup.pk}/bukti/")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code in (400, 404), signup.proof.name
        assert b"RAHASIA" not in body, signup.proof.name


def test_static_files_do_not_leave_their_folder(client, settings):
    """``/static/`` is answered by WhiteNoise before any URLconf: the same spellings."""
    for path in (
        "/static/../platform/balai_site/settings.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/..\\..\\pyproject.toml",
        "/static//etc/passwd",
    ):
        response = client.get(path, HTTP_HOST=settings.BALAI_DOMAIN)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 404, path
        assert b"SECRET_KEY" not in body and b"[project]" not in body and b"root:" not in body


def test_imported_file_names_are_made_canonical(village, settings, tmp_path):
    """OpenSID's folder archive names files as its users uploaded them ('%', spaces):
    the import stores them under a name the storages accept, as an upload would be."""
    import types
    import zipfile

    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.opensid_import.files import attach
    from village_apps.opensid_import.mapping import Laporan

    settings.MEDIA_ROOT = tmp_path
    archive_path = tmp_path / "desa.zip"
    with zipfile.ZipFile(archive_path, "w") as zf:
        zf.writestr("desa/upload/user_pict/foto%20warga 1.jpg", b"\xff\xd8 foto")
    with village_context(village):
        warga = penduduk_make()
        writer = types.SimpleNamespace(files={"penduduk": {warga.pk: "foto%20warga 1.jpg"}})
        laporan = Laporan()
        with zipfile.ZipFile(archive_path) as archive:
            stored = attach(archive, writer, laporan)
        warga.refresh_from_db()
        assert stored == [warga.foto.name] and "%" not in warga.foto.name
        assert warga.foto.read() == b"\xff\xd8 foto" and not laporan.warnings
