"""``manage.py penduduk import|export`` (JSON output, exit codes)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tenants.context import village_context
from tests.village_apps.penduduk.generate import baris_penduduk, tulis_berkas
from village_apps.penduduk.excel import KOLOM
from village_apps.penduduk.models import Penduduk


def test_import_then_export_from_the_command_line(village, tmp_path):
    path = tulis_berkas(tmp_path / "a.xlsx", jumlah=12)
    out = StringIO()
    call_command("penduduk", "import", "--village", village.slug, str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["ok"] and result["created"]["penduduk"] == 12 and result["errors"] == []
    assert set(result["created"]) == {"penduduk", "keluarga", "rumah_tangga", "wilayah"}
    target = tmp_path / "ekspor.xlsx"
    out = StringIO()
    call_command(
        "penduduk", "export", "--village", village.slug, "--out", str(target), "--json", stdout=out
    )
    assert json.loads(out.getvalue())["penduduk"] == 12 and target.stat().st_size > 0


def test_failed_import_prints_errors_and_exits_non_zero(village, tmp_path):
    rows = baris_penduduk(2)
    rows[1][KOLOM.index("no_kk")] = "abc"
    path = tulis_berkas(tmp_path / "b.xlsx", jumlah=0, rows=rows)
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "penduduk", "import", "--village", village.slug, str(path), "--json", stdout=out
        )
    assert exc.value.returncode == 1
    result = json.loads(out.getvalue())
    assert not result["ok"] and result["errors"][0]["baris"] == 3
    # Without --json: the same errors, for a person.
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("penduduk", "import", "--village", village.slug, str(path), stdout=out)
    assert out.getvalue().startswith("Tidak ada yang diimpor") and "baris 3" in out.getvalue()
    with village_context(village):
        assert Penduduk.objects.count() == 0
