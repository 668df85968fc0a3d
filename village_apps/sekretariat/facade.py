"""What the rest of Balai may call in the sekretariat app, inside a village context:
the ``DemoData`` contract (``village_apps.contracts``)."""

from village_apps.sekretariat.demo import load_demo_village

__all__ = ["load_demo_village"]
