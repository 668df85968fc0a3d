"""Test support: builders for the common objects, login clients, the shared-files
fixture. Loaded by ``tests/conftest.py`` through ``pytest_plugins``:

- ``builders``: plain functions that make rows the way the product makes them
  (through its services where one exists), usable from fixtures and test bodies;
- ``fixtures``: the fixtures every test may ask for (village users by role and their
  logged-in clients, control-plane staff clients, caches emptied between tests);
- ``shared_files``: OpenSID's reference files from ``../shared`` — a test that needs
  one says so (``@pytest.mark.shared_files(...)`` or the ``shared_file`` fixture) and
  is skipped with the reason when the file is absent, or fails with
  ``BALAI_REQUIRE_SHARED=1`` (CI).

A fixture is defined once, here or in the one test module that needs it;
``tests/test_support.py`` keeps it that way.
"""
