"""What the control plane may call in the letters app (inside a village context).

- ``surat_seed()``: seed Balai's default letter templates and settings at provisioning
  (idempotent; called by ``control_plane.provisioning.services.village_seed``).
- ``load_demo_village(*, village)``: demo templates and a sample issued letter.
"""

from village_apps.surat.demo import load_demo_village
from village_apps.surat.services import format_surat_seed as surat_seed

__all__ = ["load_demo_village", "surat_seed"]
