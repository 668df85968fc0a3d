"""What the rest of Balai may call in the legal-products module (inside a village
context): the selectors of its three books."""

from __future__ import annotations

from village_apps.produk_hukum.selectors import diundangkan_list, keputusan_list, peraturan_list

__all__ = ["diundangkan_list", "keputusan_list", "peraturan_list"]
