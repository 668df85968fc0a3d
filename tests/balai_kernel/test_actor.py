"""An Actor says the same thing in the audit trail whoever builds it."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from balai_kernel.actor import Actor, ActorKind, actor_from_request


class _User:
    is_authenticated = True
    pk = 7

    def get_username(self) -> str:
        return "sekdes"


def test_actor_from_request_takes_the_user_address_and_request_id(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    request.user = _User()
    request.request_id = "r-1"
    actor = actor_from_request(request, role="sekdes")
    assert (str(actor), actor.user_id, actor.role, actor.address, actor.request_id) == (
        "sekdes",
        7,
        "sekdes",
        "203.0.113.9",
        "r-1",
    )
    assert actor.kind is ActorKind.USER


def test_anonymous_visitors_and_the_cli_and_jobs_have_their_own_labels():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.4")
    request.user = AnonymousUser()
    anonymous = actor_from_request(request)
    assert (str(anonymous), anonymous.user, anonymous.address) == ("anonim", None, "192.0.2.4")
    assert str(Actor.cli("villages provision")).startswith("cli:")
    assert Actor.cli().kind is ActorKind.CLI
    assert str(Actor.system("backup")) == "system:backup"


def test_coerce_keeps_an_actor_and_wraps_a_label():
    actor = Actor.system("x")
    assert Actor.coerce(actor) is actor
    assert str(Actor.coerce("pytest")) == "pytest"
