"""What the rest of Balai may call in this app: nothing yet (see
``village_apps.contracts.FACADES``). Its books reach the books framework through its own
``books.py``, which ``village_apps.buku`` discovers."""
