"""Code lists of the keluarga app: family relations and statuses are OpenSID's
(``village_apps.referensi``); events on a family are
``village_apps.peristiwa.choices.KodePeristiwaKeluarga``."""
