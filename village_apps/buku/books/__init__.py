"""The books made from the data of apps below ``buku`` (penduduk, peristiwa, keluarga,
wilayah, profil, pembangunan) and from this app's own registers. Imported by the
registry's autodiscovery like any app's ``books`` module."""

from village_apps.buku.books import pembangunan, penduduk, umum  # noqa: F401
