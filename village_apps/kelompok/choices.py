"""Code lists of the kelompok app: group categories are data (``KategoriKelompok``),
not a fixed list."""
