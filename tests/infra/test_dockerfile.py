"""The image's essentials, checked by reading the Dockerfile (no container engine here)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "infra" / "Dockerfile"
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|TOKEN|_KEY\b|DSN|CREDENTIAL)", re.IGNORECASE)
BUILD_TOOLS = ("gcc", "g++", "build-essential", "make ", "uv ", "/uv", "gettext", "-dev ")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text()
    logical, current = [], ""
    for line in text.splitlines():
        if not current and line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        current += line
        if current.strip():
            logical.append(current.strip())
        current = ""
    return [(ins.split(None, 1)[0].upper(), ins.split(None, 1)[1]) for ins in logical]


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for ins, args in instructions():
        if ins == "FROM":
            result.append([])
        if result:
            result[-1].append((ins, args))
    return result


@pytest.fixture(scope="module")
def final() -> list[tuple[str, str]]:
    return stages()[-1]


def test_multi_stage_on_slim_python_313():
    all_stages = stages()
    assert len(all_stages) >= 2
    base = dict(instructions())["ARG"]
    assert re.search(r"PYTHON_IMAGE=python:3\.13-slim", base)
    assert all(stage[0][1].startswith("${PYTHON_IMAGE}") for stage in all_stages)


def test_final_stage_runs_as_non_root_user(final):
    users = [args for ins, args in final if ins == "USER"]
    assert users, "final stage has no USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert user.isdigit(), "numeric UID lets Kubernetes verify runAsNonRoot"


def test_no_secret_baked_into_env_or_args():
    for ins, args in instructions():
        if ins not in {"ENV", "ARG"}:
            continue
        for token in shlex.split(args):
            name = token.split("=", 1)[0]
            assert not SECRET_NAME.search(name), f"{ins} {name} would bake a secret into the image"


def test_build_stage_compiles_translations_collects_static_and_checks_pg_dump():
    build = " ".join(args for ins, args in stages()[0] if ins == "RUN")
    assert "uv sync --frozen --no-dev" in build
    assert "compilemessages" in build
    assert "collectstatic --noinput" in build
    assert "pg_bin('pg_dump')" in build
    assert "gettext" in build


def test_final_stage_has_no_build_tools(final):
    runs = " ".join(args for ins, args in final if ins == "RUN") + " "
    copies = " ".join(args for ins, args in final if ins == "COPY")
    for tool in BUILD_TOOLS:
        assert tool not in runs, f"final stage installs {tool.strip()}"
    assert "astral-sh/uv" not in copies
    assert "--from=build /app /app" in copies


def test_entrypoint_and_healthcheck(final):
    entry = dict(final)
    assert "/app/infra/entrypoint.sh" in entry["ENTRYPOINT"]
    assert "probe.py" in entry["HEALTHCHECK"]
    script = ROOT / "infra" / "entrypoint.sh"
    assert script.stat().st_mode & 0o111, "entrypoint must be executable"


def test_dockerignore_keeps_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".git", ".venv", "var", ".env", "tests", "staticfiles"):
        assert path in ignored


def test_every_packaged_directory_reaches_the_image():
    """The build stage copies the tree; nothing the wheel packages may be ignored."""
    import tomllib

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"
    ]["wheel"]["packages"]
    ignored = set((ROOT / ".dockerignore").read_text().split())
    copies = [args for ins, args in stages()[0] if ins == "COPY"]
    assert ". ." in copies
    for package in [*packages, "manage.py", "infra"]:
        assert package.split("/")[0] not in ignored, package
