"""Every project management command, swept (issue 18, findings 9 and 16, and the Build
rule "every CLI command with ``--json`` prints JSON and exits 0 on success whatever
optional subsystem is off"):

- every option, argument and sub-command of every project command has help text
  (``provision --help`` listed options with no description);
- every (sub-)command that takes ``--json`` prints exactly one JSON object on stdout (a
  JSON array only where its contract says so: ``villages users SLUG list``) and
  exits 0 when it succeeds, with billing (no ``STRIPE_SECRET_KEY``), e-mail (a mail
  server that refuses connections) and Sentry off — a new ``--json`` command fails
  here until it has a case below;
- without ``--json`` they print text for people, not JSON (``villages suspend`` printed
  JSON, ``fleet status`` a Python dict).
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.db import connection

from control_plane.contracts.models import Contract, ContractSeat
from tenants import schema
from tenants.models import Village
from tests.dns_server import dns_zone  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]
SLUG, RESTORED = "sapu-cli", "sapu-cli-pulih"
CODE = "18.01.04.2006"


def project_commands() -> dict[str, str]:
    """``{command: app}`` for the commands of the project's own apps."""
    found = {}
    for name, app in get_commands().items():
        module = importlib.import_module(app)
        path = Path(module.__file__ or "").resolve()
        if ROOT in path.parents and ".venv" not in path.parts:
            found[name] = app
    return found


def parsers(name: str, app: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """``("villages suspend", parser)`` for the command and each of its sub-commands."""
    command = load_command_class(app, name)

    def walk(path: str, parser: argparse.ArgumentParser):
        yield path, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, subparser in action.choices.items():
                    yield from walk(f"{path} {sub}", subparser)

    yield from walk(name, command.create_parser("manage.py", name))


def undocumented(path: str, parser: argparse.ArgumentParser) -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            missing += [
                f"{path} {choice.dest}" for choice in action._choices_actions if not choice.help
            ]
            continue
        if not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


def json_paths() -> set[str]:
    return {
        path
        for name, app in project_commands().items()
        for path, parser in parsers(name, app)
        if any("--json" in a.option_strings for a in parser._actions)
    }


def test_the_sweep_sees_the_project_commands():
    commands = project_commands()
    assert {"villages", "fleet", "jobs", "billing", "wilayah", "opensid"} <= set(commands)
    assert "migrate" not in commands and "procrastinate" not in commands


def test_every_option_of_every_project_command_has_help():
    missing = [
        item
        for name, app in project_commands().items()
        for path, parser in parsers(name, app)
        for item in undocumented(path, parser)
    ]
    assert missing == []


# --- --json, with the optional subsystems off ------------------------------------------------


@pytest.fixture
def subsystems_off(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.SENTRY_DSN = ""
    # A mail server that is not there: connection refused at once.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    return settings


def _names(path: str, args: tuple[str, ...]) -> bool:
    """Whether ``args`` run the (sub-)command ``path``. ``villages users SLUG list`` names
    its village before the sub-command: the slug is not part of the path."""
    if args[:2] == ("villages", "users"):
        args = args[:2] + args[3:]
    return " ".join(args).startswith(path)


class Runner:
    """Runs commands as ``manage.py`` would and records which ``--json`` paths ran."""

    def __init__(self, paths: set[str]) -> None:
        self.paths = paths
        self.covered: set[str] = set()

    def json(self, *args: str, shape: type = dict) -> dict:
        out = io.StringIO()
        try:
            call_command(*args, "--json", stdout=out)
        except SystemExit as exc:  # pragma: no cover - reported
            pytest.fail(f"{' '.join(args)} --json exited {exc.code}: {out.getvalue()}")
        text = out.getvalue().strip()
        try:
            value = json.loads(text)
        except ValueError:  # pragma: no cover - reported
            pytest.fail(f"{' '.join(args)} --json printed no single JSON object: {text[:300]!r}")
        assert isinstance(value, shape), args
        self.covered |= {p for p in self.paths if _names(p, args)}
        return value

    def text(self, *args: str) -> str:
        out = io.StringIO()
        call_command(*args, stdout=out)
        text = out.getvalue().strip()
        assert text, args
        with pytest.raises(ValueError):
            json.loads(text)  # for people: not JSON
        assert not text.startswith(("{", "[")), text[:200]
        return text


@pytest.mark.django_db(transaction=True)
def test_every_json_command_prints_json_and_exits_0_with_subsystems_off(
    wilayah,
    wilayah_editions,
    contract,
    subsystems_off,
    dns_zone,  # noqa: F811 - the fixture imported above
    tmp_path,
    caplog,
):
    from tests.village_apps.opensid_import.test_import_cases import MYSQLDUMP
    from tests.village_apps.penduduk.generate import tulis_berkas

    run = Runner(json_paths())
    # A contract signed while billing was on has a provider subscription (finding 9:
    # provision --json then failed on the provider and never counted the seat).
    Contract.objects.filter(pk=contract.pk).update(
        stripe_subscription_id="sub_uji", stripe_subscription_item_id="si_uji"
    )
    for slug in (SLUG, RESTORED):
        schema.schema_drop("v_" + slug.replace("-", "_"))
    try:
        out = run.json(
            "villages", "provision", "--code", CODE, "--slug", SLUG, "--admin-email", "a@contoh.id"
        )
        assert out["ok"] and out["village"]["status"] == "active"
        village = Village.objects.get(slug=SLUG)
        assert ContractSeat.objects.filter(contract=contract, village=village).exists()
        assert "e-mail not sent" in caplog.text and "a@contoh.id" not in caplog.text

        assert SLUG in run.text("villages", "list")
        assert SLUG in [v["slug"] for v in run.json("villages", "list")["villages"]]
        assert "Ditangguhkan" in run.text("villages", "suspend", SLUG, "--reason", "operations")
        assert run.json("villages", "suspend", SLUG, "--reason", "other")["ok"]
        assert "sapu-cli" in run.text("villages", "resume", SLUG, "--reason", "operations")
        resumed = run.json("villages", "resume", SLUG, "--reason", "other")
        assert resumed["village"]["status"] == "active"
        run.json("villages", "add-domain", SLUG, "sapu.desa.id")
        assert "_balai-challenge.sapu.desa.id" in run.text(
            "villages", "check-domain", SLUG, "sapu.desa.id"
        )
        run.json("villages", "check-domain", SLUG, "sapu.desa.id")
        assert run.json("villages", "domains")["ok"]
        assert "skema siaga" in run.text("villages", "pool-fill", "--size", "0")
        run.json("villages", "pool-fill", "--size", "0")

        staff = run.json("villages", "users", SLUG, "list", shape=list)
        assert [u["role"] for u in staff] == ["admin"]
        assert "admin" in run.text("villages", "users", SLUG, "list")
        added = run.json(
            "villages",
            "users",
            SLUG,
            "add",
            "kades-sapu",
            "--role",
            "kades",
            "--password",
            "S4ndi-awal-uji",
        )
        assert added["user"]["role"] == "kades"
        assert run.json("villages", "users", SLUG, "role", "kades-sapu", "peninjau")["ok"]
        assert "nonaktif" in run.text("villages", "users", SLUG, "disable", "kades-sapu")
        run.json("villages", "users", SLUG, "disable", "kades-sapu")
        assert run.json("villages", "users", SLUG, "enable", "kades-sapu")["user"]["active"]

        dump = tmp_path / "opensid.sql"
        dump.write_text(MYSQLDUMP)
        assert run.json("opensid", "import", "--village", SLUG, str(dump), "--dry-run")["ok"]
        xlsx = tulis_berkas(tmp_path / "penduduk.xlsx", jumlah=3)
        assert "Diimpor" in run.text("penduduk", "import", "--village", SLUG, str(xlsx))
        assert run.json("penduduk", "import", "--village", SLUG, str(xlsx), "--update")["ok"]
        target = tmp_path / "ekspor.xlsx"
        assert run.json("penduduk", "export", "--village", SLUG, "--out", str(target))["ok"]

        templates = tmp_path / "template_surat.json"
        templates.write_text(
            json.dumps(
                [
                    {
                        "nama": "Keterangan Uji CLI",
                        "url_surat": "surat_keterangan_uji_cli",
                        "kode_surat": "474",
                        "template": "<p>Desa [nama_desa]: [form_keperluan]</p>",
                        "kode_isian": [{"nama": "Keperluan", "kode": "[form_keperluan]"}],
                    }
                ]
            )
        )
        imported = run.json("surat", "templates", "import", "--village", SLUG, str(templates))
        assert imported["imported"] == 1 and imported["unfilled"] == {}, imported
        assert "umum" in {b["group"] for b in run.json("buku", "list", shape=list)}
        run.text("buku", "list")

        assert run.json("restore_drill", "--village", SLUG)["ok"]
        params = connection.get_connection_params()
        dsn = " ".join(
            f"{key}={params[name]}"
            for key, name in (
                ("host", "host"),
                ("port", "port"),
                ("dbname", "dbname"),
                ("user", "user"),
            )
            if params.get(name)
        )
        assert run.json("village_recover", SLUG, "--source", dsn)["village"] == SLUG

        status = run.text("fleet", "status")  # a table of states, not a dict
        assert "Mutakhir" in status and "Belum tercatat" in status and "by_status" not in status
        for action in ("status", "plan", "check-migrations"):
            run.text("fleet", action)
            run.json("fleet", action)
        assert run.json("fleet", "upgrade", "--ring", "canary")["status"] == "completed"
        assert run.json("fleet", "retry", "--failed")["status"] == "completed"

        for action in ("stalled", "recover", "prune"):
            run.json("jobs", action)

        run.text("wilayah", "list")
        run.json("wilayah", "list")
        run.json("wilayah", "diff", "kepmendagri-2022", "kepmendagri-2025")
        run.json("wilayah", "apply", "kepmendagri-2025")
        run.json("wilayah", "load")

        for action in ("reconcile", "dunning", "sync-modules"):
            run.text("billing", action)
            assert run.json("billing", action)["ok"]
        assert run.json("billing", "smoke", "--local")["ok"]

        archive = tmp_path / "desa.tar.gz"
        assert run.json("villages", "export", SLUG, "--out", str(archive))["bytes"] > 0
        assert run.json("villages", "archive", SLUG)["village"]["status"] == "archived"
        assert run.json("villages", "delete", SLUG, "--confirm")["ok"]
        restored = run.json("villages", "restore", str(archive), "--slug", RESTORED)
        assert restored["village"]["status"] == "active"
        assert run.covered == run.paths, f"no case for: {sorted(run.paths - run.covered)}"
    finally:
        Village.objects.filter(slug__in=[SLUG, RESTORED]).delete()
        for slug in (SLUG, RESTORED):
            schema.schema_drop("v_" + slug.replace("-", "_"))
