"""The migration step of a deploy (``entrypoint.sh migrate``, the Helm hook Job).

Order matters: the public schema first (shared apps), then the template schema
that new villages are cloned from, then the **expand** migrations of every village
(additive and fast by design), so the new code never meets a schema it does not
know. Heavy and contract migrations run afterwards from the control plane
(``fleet upgrade --kind contract``) and never block ``helm upgrade``.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("balai.migrate")


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
    import django

    django.setup()
    from django.core.management import call_command, get_commands

    from tenants import schema

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=1)
    fingerprint = schema.template_ensure()
    log.warning("template schema at %s", fingerprint[:12])
    if "fleet" not in get_commands():
        log.error("manage.py fleet is missing: village schemas were not expanded")
        return 1
    call_command("fleet", "upgrade", "--kind", "expand", *argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
