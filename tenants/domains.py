"""The DNS side of custom-domain ownership: is the challenge record published?

Whoever attaches a custom domain must publish its token as the TXT record
``_balai-challenge.<domain>``; only the domain's owner can. The resolver is
configurable (``DOMAIN_DNS_NAMESERVERS``, ``DOMAIN_DNS_PORT``,
``DOMAIN_DNS_TIMEOUT``): empty nameservers use the system's resolver, tests point
it at a DNS server they start. No state and no database here; the status
transitions live in ``tenants.services.village_domain_check``.
"""

from __future__ import annotations

import dns.exception
import dns.resolver
from django.conf import settings

from tenants.choices import DomainCheckResult


def _resolver() -> dns.resolver.Resolver:
    nameservers = settings.DOMAIN_DNS_NAMESERVERS
    resolver = dns.resolver.Resolver(configure=not nameservers)
    if nameservers:
        resolver.nameservers = list(nameservers)
    resolver.port = settings.DOMAIN_DNS_PORT
    resolver.timeout = resolver.lifetime = settings.DOMAIN_DNS_TIMEOUT
    return resolver


def domain_challenge_lookup(*, name: str, token: str) -> DomainCheckResult:
    """``FOUND`` when a TXT record at ``name`` equals ``token``. ``MISSING`` (no such
    name, or no TXT there) and ``MISMATCH`` (TXT records, none equal) are definite
    answers from DNS; ``ERROR`` (timeout, SERVFAIL, no resolver) is not, and never
    changes a domain's status."""
    if not token:
        return DomainCheckResult.MISMATCH
    try:
        # Inside the try: without nameservers, reading /etc/resolv.conf may fail too.
        answer = _resolver().resolve(name, "TXT", search=False)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return DomainCheckResult.MISSING
    except dns.exception.DNSException:
        return DomainCheckResult.ERROR
    # A TXT record may be split into several strings of at most 255 bytes each.
    values = {b"".join(record.strings).decode("ascii", "replace").strip() for record in answer}
    return DomainCheckResult.FOUND if token in values else DomainCheckResult.MISMATCH
