"""What other parts of Balai may call in the population module (inside a village context).

Stable names (the website, dashboards, letters, aid programmes and the OpenSID import
use them; change them only together with their callers):

- ``STATISTIK_KATEGORI``: ``{key: Indonesian title}`` of every statistics category
  (``umur``, ``umur-kategori``, ``jenis-kelamin``, ``agama``, ``pendidikan-kk``,
  ``pendidikan-sedang``, ``pekerjaan``, ``status-kawin``, ``hubungan-keluarga``,
  ``warganegara``, ``golongan-darah``, ``disabilitas``, ``sakit-menahun``,
  ``akseptor-kb``, ``asuransi``, ``status-penduduk``, ``ktp-el``, ``status-rekam``,
  ``kehamilan``, ``dusun``).
- ``statistik(kategori, *, pada=None) -> list[dict]``: rows
  ``{kode, label, laki_laki, perempuan, jumlah}`` of living residents (status dasar 1),
  one query per call; every code of the list appears (zeros included) plus a last
  ``kode=None`` row "BELUM MENGISI".
- ``ringkasan() -> dict``: ``{penduduk, laki_laki, perempuan, keluarga, rumah_tangga, dusun}``.
- ``statistik_sensitif_aktif() -> frozenset[str]``: the special categories (health,
  disability, pregnancy, contraception) the village turned on for public outputs;
  every other special category stays off them (``balai_kernel.disclosure.policy``).
- ``laporan_bulanan(tahun, bulan) -> dict``: the monthly population report (see
  ``village_apps.peristiwa.selectors``).
- ``penduduk_impor_excel(...)`` / ``penduduk_ekspor_excel(...)``: OpenSID's 43-column
  resident workbook (see ``village_apps.penduduk.excel``).
- ``choices``: OpenSID's code lists as ``IntegerChoices`` (``choices.CODE_FIELDS``).
- ``load_demo_village(*, village)``: demo residents/families/wilayah (idempotent).
"""

from village_apps.penduduk import choices
from village_apps.penduduk.demo import load_demo_village
from village_apps.penduduk.excel import penduduk_ekspor_excel, penduduk_impor_excel
from village_apps.penduduk.selectors import statistik_sensitif_aktif
from village_apps.penduduk.statistik import STATISTIK_KATEGORI, ringkasan, statistik
from village_apps.peristiwa.selectors import laporan_bulanan

__all__ = [
    "STATISTIK_KATEGORI",
    "choices",
    "laporan_bulanan",
    "load_demo_village",
    "penduduk_ekspor_excel",
    "penduduk_impor_excel",
    "ringkasan",
    "statistik",
    "statistik_sensitif_aktif",
]
