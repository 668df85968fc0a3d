"""No NIK, KK number, name or cookie survives into a Sentry event."""

import sentry_sdk
from sentry_sdk.transport import Transport

from balai_site.observability import scrub, sentry_before_send, sentry_init

NIK = "1801044512900001"
KK = "1801040101090123"
# Built at run time so that Sentry's source-context lines (this file) do not contain it.
NAME = " ".join(["Siti", "Aminah"])


class CapturingTransport(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


def _sent(report) -> str:
    """What the Sentry SDK, set up as in production, sends when ``report()`` runs."""
    transport = CapturingTransport()
    sentry_init("https://public@sentry.invalid/1", release="test", debug=True, transport=transport)
    try:
        report()
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)
    return b"".join(item.get_bytes() for env in transport.envelopes for item in env.items).decode()


def test_captured_exception_has_no_personal_data(village_client):
    def report() -> None:
        try:
            nama = NAME  # noqa: F841 - a local that must not be sent
            raise ValueError(f"NIK {NIK} tidak cocok dengan KK {KK}")
        except ValueError:
            with sentry_sdk.new_scope() as scope:
                scope.set_context("penduduk", {"nik": NIK, "nama": NAME, "no_kk": KK})
                scope.set_extra("cookie_copy", {"sessionid": "abc"})
                sentry_sdk.capture_exception()

    payload = _sent(report)
    assert payload, "an event must have been captured"
    assert NIK not in payload and KK not in payload
    # Names are removed from known personal fields (free text cannot be scrubbed reliably,
    # which is why code never puts names into messages).
    assert NAME not in payload
    assert '"nik"' in payload  # the context key survives, its value does not


def test_before_send_drops_cookies_body_and_headers():
    event = {
        "request": {
            "cookies": {"sessionid": "rahasia"},
            "data": {"nik": NIK},
            "query_string": f"nik={NIK}",
            "headers": {"Cookie": "sessionid=rahasia", "User-Agent": "x"},
        },
        "user": {"username": "budi"},
        "message": f"gagal untuk {NIK}",
    }
    out = sentry_before_send(event)
    text = repr(out)
    assert "rahasia" not in text and NIK not in text and "budi" not in text
    assert out["request"]["headers"] == {"User-Agent": "x"}


def test_scrub_handles_numbers_and_nested_keys():
    assert scrub({"a": [{"nik": "x"}], "n": int(NIK)}) == {
        "a": [{"nik": "[disaring]"}],
        "n": "[disaring]",
    }


def test_a_database_error_reaches_sentry_without_its_row(village):
    from tests.balai_site.test_logging import _database_error_with_a_name

    error = _database_error_with_a_name(village)
    assert NAME in str(error)
    payload = _sent(lambda: sentry_sdk.capture_exception(error))
    assert "violates not-null constraint" in payload  # the event arrived, readable
    assert NAME not in payload and NIK not in payload
