"""Facts about Indonesian regions that need no database."""

# Provinces in WITA (UTC+8) and WIT (UTC+9); all others are WIB (UTC+7).
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def province_timezone(provinsi_code: str) -> str:
    if provinsi_code in _WIT:
        return "Asia/Jayapura"
    if provinsi_code in _WITA:
        return "Asia/Makassar"
    return "Asia/Jakarta"


def village_kind_for(code: str) -> str:
    """Kemendagri: the 4-digit village part starts with 1 for kelurahan, 2 for desa."""
    return "kelurahan" if code[6:7] == "1" else "desa"
