"""The owner's layout rules: platform/ never shadows the stdlib, apps sit in one list."""

import subprocess
import sys
import sysconfig
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
# Django contrib apps in both lists by design: each schema has its own users,
# permissions (which need content types) and sessions.
SHARED_AND_TENANT = {
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    # Second-factor devices live beside their users (staff: public; village staff: village).
    "django_otp",
    "django_otp.plugins.otp_totp",
}


def test_platform_is_the_standard_library():
    import platform

    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert Path(platform.__file__).resolve().parent == stdlib
    assert callable(platform.system)


def test_platform_folder_is_not_a_package():
    assert (ROOT / "platform").is_dir()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_platform_is_stdlib_in_a_fresh_project_process():
    """pytest imports the real module first, so check a process started like manage.py too."""
    code = "import platform, sysconfig, pathlib, balai_site; print(pathlib.Path(platform.__file__).parent == pathlib.Path(sysconfig.get_paths()['stdlib']))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )  # noqa: S603
    assert out.stdout.strip() == "True"


def test_every_app_is_shared_or_tenant_exactly_once():
    shared, tenant = set(settings.SHARED_APPS), set(settings.TENANT_APPS)
    both = shared & tenant
    assert both == SHARED_AND_TENANT, f"unexpected apps in both lists: {both - SHARED_AND_TENANT}"
    for app in settings.INSTALLED_APPS:
        assert (app in shared) or (app in tenant), app
    assert all(a.startswith(("village_apps.", "django.contrib.")) for a in tenant - shared)
    assert not any(a.startswith("village_apps.") for a in shared)


def test_every_project_app_has_an_explicit_label():
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith(("village_apps.", "control_plane.", "tenants")):
            assert type(config).label is not None and "label" in type(config).__dict__, config.name
