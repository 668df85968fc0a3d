"""Issue 16, finding 4 as a class: stored HTML is cleaned on every path into the database.

The registry is every model field of type ``balai_kernel.html.HtmlField`` (found through
the app registry, so a new one is swept automatically). For each:

- every ORM write path (create, save, save with update_fields, update, bulk_create,
  bulk_update, update_or_create, a model form) and the OpenSID import's COPY writer
  store hostile markup cleaned to the field's allowlist;
- every service, back-office form and import that writes it is listed in ``WRITERS``
  and run with hostile markup (a new ``HtmlField`` fails until its writers are listed);
- the data migrations clean what was stored before, in every village schema;
- no template renders a column unescaped (``|safe``, ``|safeseq``, ``autoescape off``,
  ``{% filter safe %}``)
  unless it is a registered ``HtmlField``, and ``mark_safe`` appears only where listed.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.forms import modelform_factory
from django.test import Client

from balai_kernel.html import HtmlField, html_clean
from tenants.context import village_context
from tests.security.pdf_isi import ROOT
from tests.security.test_stored_html import HOSTILE as HOSTILE_WEB
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql
from tests.village_apps.surat.helpers import format_editor_data
from village_apps.akun.services import village_user_create

pytestmark = pytest.mark.security

# The web markup of finding 4 plus what reads server files in a letter PDF.
HOSTILE = HOSTILE_WEB + (
    '<a rel="attachment" href="file:///etc/passwd">lampiran</a>'
    '<link rel="attachment" href="file:///proc/self/environ">'
    '<img src="file:///etc/passwd"><img src="data:image/svg+xml;base64,PHN2Zy8+">'
    '<p style="background-image: url(file:///etc/passwd); color: #000">isi</p>'
    '<td style="list-style: u\\72l(file:///etc/passwd)" width="url(file:///x)">sel</td>'
)
_COMMON = (
    r"<(meta|form|input|button|iframe|script|object|embed|link|base|svg|style|math)\b"
    r"|javascript:|\son[a-z]+=|jahat\.invalid|file:|attachment|url\(|\\"
)
FORBIDDEN = {
    "web": re.compile(_COMMON + r"|\sstyle=", re.IGNORECASE),
    # Letters keep inline layout styles, but no links at all and only data: images.
    "surat": re.compile(_COMMON + r"|<a\b|\shref=|<img[^>]*\ssrc=(?!\"data:image/)", re.IGNORECASE),
}


def html_fields() -> list[tuple[type[models.Model], HtmlField]]:
    return [
        (model, f)
        for model in django_apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, HtmlField)
    ]


def _label(model: type[models.Model], f: HtmlField) -> str:
    return f"{model._meta.label}.{f.name}"


FIELDS = {_label(m, f): (m, f) for m, f in html_fields()}


def assert_clean(values: list[str], profile: str) -> None:
    """No forbidden tag or attribute (text may say anything: it is escaped)."""
    assert values
    for value in values:
        markup = " ".join(re.findall(r"<[^>]*>", value))
        assert [m.group(0) for m in FORBIDDEN[profile].finditer(markup)] == [], value
        assert html_clean(value, profile=profile) == value  # what the allowlist keeps


def test_registry_holds_every_stored_html_column():
    assert {
        "web.Artikel.isi",
        "web.Halaman.isi",
        "web.PengaturanSitus.sambutan",
        "surat.FormatSurat.isi",
    } <= set(FIELDS)
    assert {f.profile for _, f in FIELDS.values()} <= {"web", "surat"}


# --- Every ORM path -----------------------------------------------------------------------


def _required(model: type[models.Model], field: str, value: str) -> dict:
    """The smallest set of values a row of ``model`` needs, with ``value`` in ``field``."""
    values = {field: value}
    for f in model._meta.concrete_fields:
        if (
            f.name == field
            or f.primary_key
            or f.has_default()
            or f.null
            or f.blank
            or getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
        ):
            continue
        assert isinstance(f, models.CharField | models.TextField), f"extend _required: {f}"
        values[f.name] = f"x{secrets.token_hex(6)}"[: f.max_length or 40]
    if model._meta.pk.has_default():  # a one-row table (pk fixed by a constraint)
        model.objects.filter(pk=model._meta.pk.get_default()).delete()
    return values


def _stored(model: type[models.Model], f: HtmlField, pk: object) -> str:
    table, column = model._meta.db_table, f.column
    with connection.cursor() as cur:
        cur.execute(
            f'SELECT "{column}" FROM "{table}" WHERE "{model._meta.pk.column}" = %s',  # noqa: S608
            [pk],
        )
        return cur.fetchone()[0]


def _copy(model, f, hostile):
    from village_apps.opensid_import.mapping import Laporan, Writer

    writer = Writer({}, Laporan(), tz="Asia/Jakarta", kode_desa="1801042001")
    return writer._bulk(model, [model(**_required(model, f.name, hostile))])[0].pk


def _form(model, f, hostile):
    data = _required(model, f.name, hostile)
    form = modelform_factory(model, fields=list(data))(data=data)
    assert form.is_valid(), form.errors
    return form.save().pk


def _made(model, f):
    return model.objects.create(**_required(model, f.name, "<p>awal</p>"))


def _then(obj, f, hostile, save):
    setattr(obj, f.attname, hostile)
    save(obj)
    return obj.pk


ORM_PATHS: dict[str, Callable] = {
    "create": lambda m, f, h: m.objects.create(**_required(m, f.name, h)).pk,
    "save": lambda m, f, h: _then(_made(m, f), f, h, lambda o: o.save()),
    "save_update_fields": lambda m, f, h: _then(
        _made(m, f), f, h, lambda o: o.save(update_fields=[f.name])
    ),
    "update": lambda m, f, h: (
        m.objects.filter(pk=(o := _made(m, f)).pk).update(**{f.name: h}) and o.pk
    ),
    "bulk_create": lambda m, f, h: m.objects.bulk_create([m(**_required(m, f.name, h))])[0].pk,
    "bulk_update": lambda m, f, h: _then(
        _made(m, f), f, h, lambda o: m.objects.bulk_update([o], [f.name])
    ),
    "update_or_create": lambda m, f, h: (
        m.objects.update_or_create(pk=_made(m, f).pk, defaults={f.name: h})[0].pk
    ),
    "model_form": _form,
    "opensid_copy": _copy,
}


# COPY writes only tables with a serial id (ids come from the sequence first).
ORM_CASES = [
    (label, path)
    for label, (model, _) in sorted(FIELDS.items())
    for path in sorted(ORM_PATHS)
    if path != "opensid_copy" or isinstance(model._meta.pk, models.AutoField)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "path"), ORM_CASES)
def test_every_orm_write_path_stores_html_cleaned(label, path, village):
    model, f = FIELDS[label]
    with village_context(village):
        pk = ORM_PATHS[path](model, f, HOSTILE)
        assert_clean([_stored(model, f, pk)], f.profile)


# --- Every service, form and import that writes one ---------------------------------------


def _client(village, role: str) -> Client:
    client = Client(HTTP_HOST=village.host)
    with village_context(village):
        user = village_user_create(username=f"{role}-{secrets.token_hex(3)}", role=role)
        client.force_login(user)
    return client


def _values(village, model_label: str, field: str, **filters) -> list[str]:
    with village_context(village):
        model = django_apps.get_model(model_label)
        return list(model.objects.filter(**filters).values_list(field, flat=True))


def _opensid_dump(village_b, tmp_path, tables: dict) -> None:
    from village_apps.opensid_import.services import opensid_import

    dump = tmp_path / "cadangan.sql"
    dump.write_text(opensid_sql({**matching_tables(), **tables}), encoding="utf-8")
    laporan = opensid_import(village=village_b, dump_path=dump)
    assert laporan.ok, laporan.errors


def _artikel(village, village_b, tmp_path, hostile) -> list[str]:
    from village_apps.web import services

    with village_context(village):
        services.artikel_save(judul="Layanan", isi=hostile)
    post = {"judul": "Formulir", "isi": hostile, "kategori": "", "terbit": "on"}
    assert _client(village, "operator").post("/kelola/web/artikel/baru/", post).status_code == 302
    _opensid_dump(village_b, tmp_path, {
        "kategori": [{"id": 1, "kategori": "Berita", "slug": "berita"}],
        "artikel": [{"id": 4, "judul": "Impor", "slug": "impor", "isi": hostile, "enabled": 1,
                     "id_kategori": 1, "gambar": "", "tgl_upload": "2022-05-01 08:00:00"}],
    })  # fmt: skip
    return _values(village, "web.Artikel", "isi", judul__in=["Layanan", "Formulir"]) + _values(
        village_b, "web.Artikel", "isi", judul="Impor"
    )


def _halaman(village, village_b, tmp_path, hostile) -> list[str]:
    from village_apps.web import services

    with village_context(village):
        services.halaman_save(judul="Layanan", isi=hostile)
    post = {"judul": "Formulir", "isi": hostile, "urutan": "1", "tampil_di_menu": "on"}
    assert _client(village, "operator").post("/kelola/web/halaman/baru/", post).status_code == 302
    return _values(village, "web.Halaman", "isi", judul__in=["Layanan", "Formulir"])


def _sambutan(village, village_b, tmp_path, hostile) -> list[str]:
    from village_apps.web import services

    with village_context(village_b):
        services.pengaturan_situs_update(sambutan=hostile)
    post = {"sambutan": hostile, "deskripsi": "d", "jam_pelayanan": "j"}
    assert _client(village, "operator").post("/kelola/web/pengaturan/", post).status_code == 302
    return _values(village, "web.PengaturanSitus", "sambutan") + _values(
        village_b, "web.PengaturanSitus", "sambutan"
    )


def _format_surat(village, village_b, tmp_path, hostile) -> list[str]:
    from village_apps.surat import services
    from village_apps.surat.models import FormatSurat

    item = {"nama": "Impor JSON", "url_surat": "surat_impor_json", "template": hostile}
    with village_context(village):
        services.format_surat_save(
            instance=FormatSurat(nama="Layanan", slug="layanan", kode_surat="470", isi=hostile),
            kode_isian=[],
            syarat=[],
        )
        services.format_surat_import(
            items=[{**item, "nama": "Impor Layanan", "url_surat": "surat_impor_layanan"}]
        )
    admin = _client(village, "admin")
    editor = format_editor_data(nama="Formulir", slug="formulir", isi=hostile)
    assert admin.post("/surat/kelola/format/baru/", editor).status_code == 302
    upload = SimpleUploadedFile("t.json", json.dumps([item]).encode(), "application/json")
    assert admin.post("/surat/kelola/format/impor/", {"berkas": upload}).status_code == 200
    # An OpenSID dump's archived letters bring their format's name into a template body.
    _opensid_dump(village_b, tmp_path, {
        "tweb_surat_format": [{"id": 7, "nama": hostile[:900], "url_surat": "surat_jahat",
                               "kode_surat": "470"}],
        "log_surat": [{"id": 3, "id_format_surat": 7, "id_pend": 2, "no_surat": "1",
                       "tanggal": "2022-05-02 09:00:00", "nama_surat": "x.rtf"}],
    })  # fmt: skip
    names = ["Layanan", "Impor Layanan", "Formulir", "Impor JSON"]
    return _values(village, "surat.FormatSurat", "isi", nama__in=names) + _values(
        village_b, "surat.FormatSurat", "isi", slug="surat_jahat"
    )


WRITERS: dict[str, Callable[..., list[str]]] = {
    "web.Artikel.isi": _artikel,
    "web.Halaman.isi": _halaman,
    "web.PengaturanSitus.sambutan": _sambutan,
    "surat.FormatSurat.isi": _format_surat,
}


def test_every_html_field_has_its_writers_listed():
    assert set(WRITERS) == set(FIELDS), "list the services/forms/imports that write the new field"


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(WRITERS))
def test_every_service_form_and_import_stores_html_cleaned(label, village, village_b, tmp_path):
    _, f = FIELDS[label]
    values = WRITERS[label](village, village_b, tmp_path, HOSTILE)
    assert len(values) >= 2
    assert_clean(values, f.profile)


# --- What was stored before ---------------------------------------------------------------

MIGRATIONS = {"web": "0002_html_field", "surat": "0004_isi_html_field"}


@pytest.mark.django_db
def test_data_migrations_clean_stored_rows_and_ran_in_every_village(village, village_b, village_x):
    assert {m._meta.app_label for m, _ in FIELDS.values()} <= set(MIGRATIONS)
    with village_context(village):
        rows = []
        for model, f in FIELDS.values():
            obj = _made(model, f)
            with connection.cursor() as cur:  # as an old import or release left it
                cur.execute(
                    f'UPDATE "{model._meta.db_table}" SET "{f.column}" = %s WHERE id = %s',  # noqa: S608
                    [HOSTILE, obj.pk],
                )
            rows.append((model, f, obj.pk))
        for app, name in MIGRATIONS.items():
            importlib.import_module(f"village_apps.{app}.migrations.{name}").clean_stored(
                django_apps, None
            )
        for model, f, pk in rows:
            assert_clean([_stored(model, f, pk)], f.profile)
    for each in (village, village_b, village_x):
        with village_context(each), connection.cursor() as cur:
            cur.execute(
                "SELECT app, name FROM django_migrations WHERE app || '.' || name = ANY(%s)",
                [[f"{app}.{name}" for app, name in MIGRATIONS.items()]],
            )
            assert set(cur.fetchall()) == set(MIGRATIONS.items()), each.slug


# --- Nothing else is rendered raw ---------------------------------------------------------

_RAW_FILTER = re.compile(r"\{\{\s*([^|}]+?)\s*\|[^}]*?\bsafe(?:seq)?\b[^}]*\}\}")
_AUTOESCAPE_OFF = re.compile(r"\{%\s*(?:autoescape\s+off|filter\s[^%]*\bsafe\b)[^%]*%\}")


def raw_template_uses(text: str) -> list[str]:
    """Expressions a template prints unescaped that are not a registered HTML field."""
    problems = [m.group(0) for m in _AUTOESCAPE_OFF.finditer(text)]
    for match in _RAW_FILTER.finditer(text):
        expression = match.group(1).strip()
        obj, _, attr = expression.rpartition(".")
        owner = obj.rsplit(".", 1)[-1]
        candidates = [
            f
            for model in django_apps.get_models()
            if owner and model._meta.model_name.startswith(owner)
            for f in model._meta.concrete_fields
            if f.name == attr
        ]
        if not candidates or not all(isinstance(f, HtmlField) for f in candidates):
            problems.append(expression)
    return problems


def test_the_raw_template_guard_tells_html_fields_from_other_text():
    assert raw_template_uses("{{ artikel.isi|safe }}{{ pengaturan.sambutan|safe }}") == []
    assert raw_template_uses("{{ object.pengaduan.isi|safe }}") == ["object.pengaduan.isi"]
    assert raw_template_uses("{{ agenda.keterangan|linebreaks|safe }}") == ["agenda.keterangan"]
    assert raw_template_uses("{{ teks|safe }}{% autoescape off %}{% filter lower|safe %}") == [
        "{% autoescape off %}",
        "{% filter lower|safe %}",
        "teks",
    ]


def test_templates_render_raw_only_registered_html_fields():
    problems = {}
    for folder in ("platform", "tenants", "village_apps"):
        for path in (ROOT / folder).rglob("templates/**/*.html"):
            found = raw_template_uses(path.read_text(encoding="utf-8"))
            if found:
                problems[str(path.relative_to(ROOT))] = found
    assert problems == {}, "render stored HTML from an HtmlField (|html_aman), never raw text"


# Where Python marks text safe, and why that text is safe.
MARK_SAFE = {
    "platform/control_plane/dashboards/charts.py": "SVG built from escaped labels and numbers",
    "village_apps/web/grafik.py": "SVG built from escaped labels and numbers",
    "village_apps/penduduk/templatetags/penduduk_tags.py": "integers and escaped labels",
    "village_apps/web/templatetags/situs.py": "html_aman: cleaned to the web allowlist",
    "village_apps/surat/templatetags/surat_tags.py": (
        "a letter's HTML preview: template cleaned to the letter allowlist, values escaped"
    ),
}


def test_mark_safe_only_where_listed():
    found = set()
    for folder in ("platform", "tenants", "village_apps"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                name = getattr(getattr(node, "func", None), "id", None) or getattr(
                    getattr(node, "func", None), "attr", None
                )
                if isinstance(node, ast.Call) and name in {"mark_safe", "SafeString"}:
                    found.add(Path(path).relative_to(ROOT).as_posix())
    assert found == set(MARK_SAFE)
