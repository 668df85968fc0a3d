"""Facts about Indonesian regions that need no database."""

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

# Every province of the Kemendagri list (codes 11–96) and its time zone: WIB (UTC+7),
# WITA (UTC+8) or WIT (UTC+9). Maintenance windows and imports use the village's zone;
# ``tests/tenants/test_regions.py`` checks this table against every province of the
# active edition, so a new province must be added here before villages can use it.
PROVINCE_TIMEZONES: dict[str, str] = {
    "11": WIB,  # Aceh
    "12": WIB,  # Sumatera Utara
    "13": WIB,  # Sumatera Barat
    "14": WIB,  # Riau
    "15": WIB,  # Jambi
    "16": WIB,  # Sumatera Selatan
    "17": WIB,  # Bengkulu
    "18": WIB,  # Lampung
    "19": WIB,  # Kepulauan Bangka Belitung
    "21": WIB,  # Kepulauan Riau
    "31": WIB,  # DKI Jakarta
    "32": WIB,  # Jawa Barat
    "33": WIB,  # Jawa Tengah
    "34": WIB,  # DI Yogyakarta
    "35": WIB,  # Jawa Timur
    "36": WIB,  # Banten
    "51": WITA,  # Bali
    "52": WITA,  # Nusa Tenggara Barat
    "53": WITA,  # Nusa Tenggara Timur
    "61": WIB,  # Kalimantan Barat
    "62": WIB,  # Kalimantan Tengah
    "63": WITA,  # Kalimantan Selatan
    "64": WITA,  # Kalimantan Timur
    "65": WITA,  # Kalimantan Utara
    "71": WITA,  # Sulawesi Utara
    "72": WITA,  # Sulawesi Tengah
    "73": WITA,  # Sulawesi Selatan
    "74": WITA,  # Sulawesi Tenggara
    "75": WITA,  # Gorontalo
    "76": WITA,  # Sulawesi Barat
    "81": WIT,  # Maluku
    "82": WIT,  # Maluku Utara
    "91": WIT,  # Papua
    "92": WIT,  # Papua Barat
    "93": WIT,  # Papua Selatan (2022)
    "94": WIT,  # Papua Tengah (2022)
    "95": WIT,  # Papua Pegunungan (2022)
    "96": WIT,  # Papua Barat Daya (2022)
}


def province_timezone(provinsi_code: str) -> str:
    """The province's zone; a code outside the list (test data) counts as WIB."""
    return PROVINCE_TIMEZONES.get(provinsi_code, WIB)


def village_kind_for(code: str) -> str:
    """Kemendagri: the 4-digit village part starts with 1 for kelurahan, 2 for desa."""
    return "kelurahan" if code[6:7] == "1" else "desa"
