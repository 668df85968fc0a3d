"""What the rest of Balai may call in the tte app: nothing yet (see
``village_apps.contracts.FACADES``). Letters (``surat``) use ``services.tanda_tangan_create``
and ``selectors.dokumen_verify`` directly, as village apps do among themselves."""
