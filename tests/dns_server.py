"""A real DNS server on loopback for custom-domain ownership tests (dnslib, UDP).

``dns_zone`` starts it on a free port, points ``DOMAIN_DNS_NAMESERVERS`` and
``DOMAIN_DNS_PORT`` at it and yields the zone: ``zone.txt[name] = [values]`` publishes
TXT records, ``zone.servfail.add(name)`` makes a name fail. Any other name is NXDOMAIN.
The resolver in ``tenants.domains`` talks to it over the network like to any server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dnslib import QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSLogger, DNSServer


class Zone(BaseResolver):
    def __init__(self) -> None:
        self.txt: dict[str, list[str]] = {}
        self.servfail: set[str] = set()
        self.queries: list[str] = []

    def resolve(self, request, handler):  # noqa: ANN001 - dnslib's interface
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        self.queries.append(name)
        if name in self.servfail:
            reply.header.rcode = RCODE.SERVFAIL
        elif name not in self.txt:
            reply.header.rcode = RCODE.NXDOMAIN
        elif request.q.qtype == QTYPE.TXT:
            for value in self.txt[name]:
                reply.add_answer(RR(request.q.qname, QTYPE.TXT, rdata=TXT(value), ttl=60))
        return reply


@pytest.fixture
def dns_zone(settings) -> Iterator[Zone]:
    zone = Zone()
    quiet = DNSLogger(logf=lambda *_args: None)
    server = DNSServer(zone, port=0, address="127.0.0.1", logger=quiet)
    server.start_thread()
    try:
        settings.DOMAIN_DNS_NAMESERVERS = ["127.0.0.1"]
        settings.DOMAIN_DNS_PORT = server.server.server_address[1]
        settings.DOMAIN_DNS_TIMEOUT = 3.0
        yield zone
    finally:
        server.stop()
        server.server.server_close()
