"""The runbook matches the chart and the CLI: value names, values examples, commands."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
import yaml

from tests.helm.test_chart import CHART, scenario_values

pytestmark = pytest.mark.helm

ROOT = Path(__file__).resolve().parents[2]
RUNBOOK = (ROOT / "docs" / "operations.md").read_text()
DEFAULTS = yaml.safe_load((CHART / "values.yaml").read_text())
DOTTED = re.compile(r"`([a-z][A-Za-z0-9]*(?:\.(?:[A-Za-z0-9]+|\*))+)`")


def _resolves(path: str) -> bool:
    node = DEFAULTS
    for part in path.split("."):
        if part == "*":
            return isinstance(node, dict)
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def documented_value_names() -> set[str]:
    """Backticked dotted names whose first part is a top-level value."""
    names = set()
    for match in DOTTED.finditer(RUNBOOK):
        name = match.group(1)
        if name.split(".")[0] in DEFAULTS:
            names.add(name)
    for match in re.finditer(r"`([a-zA-Z]+)`", RUNBOOK):
        if match.group(1) in DEFAULTS:
            names.add(match.group(1))
    return names


def test_documented_value_names_exist_in_values_yaml():
    names = documented_value_names()
    assert len(names) > 40, "the runbook documents the chart's values"
    missing = sorted(n for n in names if not _resolves(n))
    assert missing == [], f"documented but not in values.yaml: {missing}"


def test_every_top_level_value_is_documented():
    mentioned = {n.split(".")[0] for n in documented_value_names()}
    undocumented = sorted(set(DEFAULTS) - mentioned - {"nameOverride", "fullnameOverride"})
    assert undocumented == [], f"values.yaml keys missing from docs/operations.md: {undocumented}"


def test_values_examples_pass_the_chart_schema():
    import helm_python as helm

    chart = helm.Chart.load(str(CHART))
    blocks = re.findall(r"```yaml\n(# values[^\n]*\n.*?)```", RUNBOOK, flags=re.S)
    assert blocks, "the runbook shows a values file"
    for block in blocks:
        values = yaml.safe_load(block)
        chart.validate_schema(chart.merge_values(values))
        chart.render(values, name="balai", namespace="balai")


def documented_commands() -> list[list[str]]:
    """Every `manage.py …`, `entrypoint.sh manage|fleet …` command in the shell examples."""
    commands = []
    shell = "\n".join(re.findall(r"```sh\n(.*?)```", RUNBOOK, flags=re.S))
    pattern = re.compile(
        r"(?:manage\.py\s+|entrypoint\.sh\s+manage\s+|entrypoint\.sh\s+(?=fleet\s))([^|\n>]+)"
    )
    for match in pattern.finditer(shell):
        args = shlex.split(match.group(1).strip().rstrip("\\").strip())
        if args and not args[0].startswith("…"):
            commands.append(args)
    return commands


def _parse(args: list[str]) -> None:
    from django.core.management import get_commands, load_command_class

    name, rest = args[0], args[1:]
    commands = get_commands()
    assert name in commands, f"manage.py {name} does not exist"
    command = load_command_class(commands[name], name)
    parser = command.create_parser("manage.py", name)
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if actions:
        assert rest and rest[0] in actions[0].choices, f"manage.py {name} {rest[:1]} unknown"
    parser.parse_args(rest)


def test_documented_commands_parse_with_the_real_cli():
    commands = documented_commands()
    seen = {tuple(c[:2]) for c in commands}
    for expected in [
        ("villages", "domains"),
        ("villages", "export"),
        ("villages", "restore"),
        ("villages", "suspend"),
        ("villages", "resume"),
        ("fleet", "upgrade"),
    ]:
        assert expected in seen, f"runbook lacks manage.py {' '.join(expected)}"
    for args in commands:
        _parse(args)


def test_helm_values_flag_is_documented():
    assert "villages domains --helm-values" in RUNBOOK
    assert scenario_values("custom-domains-values")["ingress"]["extraHosts"]
