import json
import logging

from balai_site.observability import ContextFilter, JsonFormatter, village_var


def test_json_log_line_carries_village_and_no_nik():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "impor untuk %s", ("1801044512900001",), None
    )
    token = village_var.set("hajimena")
    try:
        ContextFilter().filter(record)
    finally:
        village_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["village"] == "hajimena"
    assert "1801044512900001" not in line["message"]
