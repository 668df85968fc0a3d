"""What the rest of Balai may call in the sekretariat app: nothing yet (see
``village_apps.contracts.FACADES``). A contract added there is implemented here."""
