"""Fixtures shared by the console's tests."""

import pytest


@pytest.fixture
def backups(settings, tmp_path):
    """Backups and media in a folder of this test: archives written by the test are the
    only ones the console lists or serves."""
    folder = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder
