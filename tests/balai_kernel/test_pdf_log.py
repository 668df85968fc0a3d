"""A refused PDF resource is logged without its address: letters are filled with resident
fields, so an address in a template can carry a name (UU PDP: no personal data in logs)."""

import logging

from balai_kernel.pdf import pdf_render


def test_refused_resource_logs_the_scheme_not_the_address(caplog):
    html = '<p>x</p><img src="https://contoh.id/SITI-AMINAH-1801044107900001.png">'
    with caplog.at_level(logging.WARNING, logger="balai_kernel.pdf"):
        assert pdf_render(html).startswith(b"%PDF")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "pdf resource refused: scheme https" in logged
    assert "SITI" not in logged and "contoh.id" not in logged
