"""What the rest of Balai may call in the wilayah app: nothing yet (see
``village_apps.contracts.FACADES``). A contract added there is implemented here."""
