"""Code lists of the wilayah app: none (dusun, RW and RT are the village's own data)."""
