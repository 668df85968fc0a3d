"""A schema's pg_dump with the parts that differ between two identical schemas taken out
(its own name, comments, session settings, server-level attribute options), so tests can
compare a cloned or generated schema with the one it should equal, line by line."""

import re

from tenants import schema


def schema_dump_lines(schema_name: str, *, data: bool = True) -> list[str]:
    sql = re.sub(rf"\b{schema_name}\b", "S", schema.pg_dump_schema(schema_name, data=data))
    return [
        line
        for line in sql.splitlines()
        if line
        and not line.startswith(("--", "\\", "SET ", "SELECT pg_catalog.set_config"))
        and not schema.SERVER_ATTOPTION.match(line)
    ]
