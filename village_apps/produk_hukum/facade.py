"""What the rest of Balai may call in this app, inside a village context: the
``DemoData`` contract (``village_apps.contracts``). Its books reach the books framework
through its own ``books.py``, which ``village_apps.buku`` discovers."""

from village_apps.produk_hukum.demo import load_demo_village

__all__ = ["load_demo_village"]
