import json
import logging
import sys

import pytest
from django.db import IntegrityError, connection, transaction

from balai_site.observability import ContextFilter, JsonFormatter, TextFormatter
from tenants.context import village_context, village_var

NIK = "1801044512900001"
# Built at run time so that a traceback's source lines (this file) do not contain it.
NAME = " ".join(["Siti", "Aminah"])


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


def _database_error_with_a_name(village) -> IntegrityError:
    """A real error from PostgreSQL whose text repeats the failing row, name included."""
    with village_context(village), pytest.raises(IntegrityError) as caught:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("INSERT INTO penduduk_penduduk (nik, nama) VALUES (%s, %s)", [NIK, NAME])
    return caught.value


@pytest.mark.django_db
def test_a_database_error_logged_by_a_worker_never_carries_the_row(village):
    error = _database_error_with_a_name(village)
    assert NAME in str(error)  # PostgreSQL does repeat the row: what the scrubber is for
    for formatter in (JsonFormatter(), TextFormatter(fmt="%(levelname)s %(message)s")):
        record = logging.LogRecord(
            "procrastinate.worker",
            logging.ERROR,
            __file__,
            1,
            "Job penduduk_impor_task failed: %s",
            (error,),
            (type(error), error, error.__traceback__),
        )
        ContextFilter().filter(record)
        line = formatter.format(record)
        assert NAME not in line and NIK not in line, line
        # The error itself stays readable for whoever is on call.
        assert "violates not-null constraint" in line
        assert "DETAIL: [disaring]" in line


def _response_record(status: int) -> logging.LogRecord:
    from django.core.exceptions import PermissionDenied

    try:
        raise PermissionDenied
    except PermissionDenied:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Refused: %s", ("/x/",), exc_info
    )
    record.status_code = status
    return record


def test_a_refused_request_is_one_line_and_a_server_error_keeps_its_traceback(settings):
    """Issue 18, finding 17: every 403 printed full tracebacks. The filter sits on the
    configured console handler, so it applies to every logger that reaches it."""
    from balai_site.observability import ClientErrorFilter

    assert "client_errors" in settings.LOGGING["handlers"]["console"]["filters"]
    refused, failed = _response_record(403), _response_record(500)
    for record in (refused, failed):
        ClientErrorFilter().filter(record)
    assert "exc" not in json.loads(JsonFormatter().format(refused))
    assert "\n" not in TextFormatter(fmt="%(message)s").format(refused)
    assert "PermissionDenied" in json.loads(JsonFormatter().format(failed))["exc"]
