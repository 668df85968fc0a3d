"""``./balai demo --port 8100``: every generated absolute URL uses port 8100 — the one
builder (``balai_kernel.links``) reads ``BALAI_PORT``, which the demo sets for itself
and for the worker and web processes it starts (issue 18, finding 6)."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from balai_kernel.links import absolute_url
from control_plane.console.management.commands import demo
from control_plane.provisioning.services import village_set_password_link_get


@pytest.mark.django_db
def test_demo_port_is_the_port_of_every_generated_link(monkeypatch, settings, village):
    monkeypatch.setenv("BALAI_PORT", "8000")  # restored after the test
    settings.BALAI_PORT = "8000"
    seen: dict = {}

    def load(self) -> None:
        seen["links"] = [
            village.url,
            absolute_url("/daftar/"),
            village_set_password_link_get(village=village),
        ]

    def serve(self, port: int, dev: bool) -> None:
        seen["port"], seen["child_env"] = port, os.environ["BALAI_PORT"]

    monkeypatch.setattr(demo, "call_command", lambda *a, **kw: None)
    monkeypatch.setattr(demo, "connection", SimpleNamespace(close=lambda: None))
    monkeypatch.setattr(demo.Command, "load_demo_data", load)
    monkeypatch.setattr(demo.Command, "serve", serve)
    call_command("demo", "--port", "8100")
    assert seen["port"] == 8100 and seen["child_env"] == "8100"
    assert all(":8100/" in link for link in seen["links"]), seen["links"]
    assert not any(":8000" in link for link in seen["links"])
