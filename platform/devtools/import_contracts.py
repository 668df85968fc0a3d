"""Custom import-linter contract types for Balai's architecture (``pyproject.toml``).

``facade_only``: the control plane reaches a village app only through that app's
``facade`` module (typed functions returning dataclasses), never its models, services,
selectors or views. A forbidden contract cannot say "everything but ``facade``" without
one ignore entry per app, so this contract states the rule once: every direct import
from an ``importers`` package into ``<apps_package>.<app>.<module>`` must have
``<module> == facade`` (or a submodule of it). Exceptions are ``ignore_imports``
entries, each with its reason in a comment, as in the built-in contracts.

Only lint-imports imports this module (``./balai lint``); nothing at run time does.
"""

from __future__ import annotations

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class FacadeOnlyContract(Contract):
    type_name = "facade_only"

    importers = fields.ListField(subfield=fields.ModuleField())
    apps_package = fields.ModuleField()
    facade = fields.StringField(required=False, default="facade")
    # Modules of the apps package every importer may use besides the facades: the
    # typed contracts the facades fulfil (``village_apps.contracts``).
    shared = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        apps = self.apps_package.name  # type: ignore[attr-defined]
        facade = str(self.facade)
        shared = {str(m) for m in (self.shared or [])}  # type: ignore[attr-defined]
        bad: list[dict[str, object]] = []
        for importer_root in self.importers:  # type: ignore[attr-defined]
            importers = {importer_root.name} | graph.find_descendants(importer_root.name)
            for importer in sorted(importers):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    parts = imported.split(".")
                    if parts[0] != apps or len(parts) < 2:
                        continue
                    if len(parts) >= 3 and parts[2] == facade:
                        continue
                    if parts[1] in shared:
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    bad.append(
                        {
                            "importer": importer,
                            "imported": imported,
                            "lines": [d["line_number"] for d in details],
                        }
                    )
        return ContractCheck(
            kept=not bad,
            warnings=list(removal.warnings),
            metadata={"bad": bad},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["bad"]:
            lines = ", ".join(f"l.{n}" for n in item["lines"])
            output.print_error(
                f"{item['importer']} -> {item['imported']} ({lines}): "
                f"import the app's {self.facade} module instead",
                bold=False,
            )
            output.new_line()
