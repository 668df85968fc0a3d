"""What the rest of Balai may call in the kelola app: nothing yet (see
``village_apps.contracts.FACADES``). A contract added there is implemented here."""
