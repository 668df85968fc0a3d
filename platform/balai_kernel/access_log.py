"""gunicorn's access logger with the secrets of URLs redacted (``balai_kernel.redaction``).

``infra/gunicorn.conf.py`` selects it (``logger_class``). Every text atom (request
line, path, query string, headers such as Referer) passes ``redact_text``, whatever
``access_log_format`` shows, so changing the format cannot bring tokens back.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from balai_kernel.redaction import redact_query, redact_text


class AccessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact_text(value)
        if isinstance(atoms.get("q"), str):
            atoms["q"] = redact_query(atoms["q"])
        return atoms
