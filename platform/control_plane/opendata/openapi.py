"""The OpenAPI 3.1 description of the open-data API, written by hand next to the views
(``tests/control_plane/opendata/test_schemathesis.py`` checks the API against it)."""

from __future__ import annotations

from typing import Any

CELL = {
    "description": 'Angka; "<5" bila 1–4; "x" bila disembunyikan sebagai pelengkap; null bila tidak berlaku.',
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "enum": ["<5", "x"]},
        {"type": "null"},
    ],
}
CODE_PARAM = {
    "name": "kode",
    "in": "path",
    "required": True,
    "description": "Kode Kemendagri tanpa titik: 2 (provinsi), 4 (kabupaten/kota), 6 (kecamatan) atau 10 digit (desa/kelurahan).",
    "schema": {"type": "string", "pattern": "^[0-9]{2,10}$", "example": "1801"},
}
PARENT_PARAM = {
    **CODE_PARAM,
    "schema": {"type": "string", "pattern": "^[0-9]{2,6}$", "example": "18"},
}
ERROR = {
    "type": "object",
    "required": ["galat"],
    "properties": {"galat": {"type": "string"}},
}
NULLABLE_STR = {"type": ["string", "null"]}
EDITION = {
    "type": "string",
    "description": "Edisi daftar Kemendagri tempat kode ini berlaku, mis. kepmendagri-2025.",
}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        403: "Kabupaten menutup data di bawah tingkat kabupaten",
        404: "Kode tidak dikenal",
        429: "Batas permintaan terlampaui",
    }
    return {
        str(c): {
            "description": text[c],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}},
        }
        for c in codes
    }


def _csv(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API data terbuka Balai",
            "version": "1.0.0",
            "description": "Statistik desa dan wilayah (hanya baca). Angka kecil disupresi; lihat /api/v1/metadata.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "paths": {
            "/api/v1/metadata": {
                "get": {
                    "operationId": "metadata",
                    "summary": "Metadata set data",
                    "responses": {
                        "200": {
                            "description": "Metadata",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Metadata"}
                                }
                            },
                        },
                        **_errors(429),
                    },
                }
            },
            "/api/v1/wilayah/{kode}": {
                "get": {
                    "operationId": "wilayah",
                    "summary": "Statistik satu wilayah atau desa",
                    "parameters": [CODE_PARAM],
                    "responses": {
                        "200": {
                            "description": "Statistik",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Wilayah"}
                                }
                            },
                        },
                        **_errors(403, 404, 429),
                    },
                }
            },
            "/api/v1/wilayah/{kode}.csv": {
                "get": {
                    "operationId": "wilayahCsv",
                    "summary": "Statistik satu wilayah atau desa (CSV)",
                    "parameters": [CODE_PARAM],
                    "responses": {
                        "200": _csv(
                            "kode_wilayah,edisi_wilayah,kategori,kode,label,laki_laki,perempuan,jumlah"
                        ),
                        **_errors(403, 404, 429),
                    },
                }
            },
            "/api/v1/wilayah/{kode}/anak": {
                "get": {
                    "operationId": "wilayahAnak",
                    "summary": "Perbandingan wilayah di bawahnya",
                    "parameters": [PARENT_PARAM],
                    "responses": {
                        "200": {
                            "description": "Wilayah di bawahnya",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/DaftarAnak"}
                                }
                            },
                        },
                        **_errors(403, 404, 429),
                    },
                }
            },
            "/api/v1/wilayah/{kode}/anak.csv": {
                "get": {
                    "operationId": "wilayahAnakCsv",
                    "summary": "Perbandingan wilayah di bawahnya (CSV)",
                    "parameters": [PARENT_PARAM],
                    "responses": {"200": _csv("Satu baris per wilayah"), **_errors(403, 404, 429)},
                }
            },
        },
        "components": {
            "schemas": {
                "Galat": ERROR,
                "Referensi": {
                    "type": "object",
                    "description": "Edisi daftar Kemendagri yang dipakai, dengan sumber, lisensi dan atribusinya.",
                    "required": ["edisi"],
                    "properties": {
                        "edisi": {"type": "string"},
                        "judul": {"type": "string"},
                        "sumber": {"type": "string"},
                        "url_sumber": {"type": "string"},
                        "lisensi": {"type": "object"},
                        "atribusi": {"type": "string"},
                    },
                },
                "Sel": CELL,
                "Statistik": {
                    "type": "object",
                    "required": ["kategori", "kode", "label", "laki_laki", "perempuan", "jumlah"],
                    "properties": {
                        "kategori": {"type": "string"},
                        "kode": {"type": "string"},
                        "label": {"type": "string"},
                        "laki_laki": {"$ref": "#/components/schemas/Sel"},
                        "perempuan": {"$ref": "#/components/schemas/Sel"},
                        "jumlah": {"$ref": "#/components/schemas/Sel"},
                    },
                },
                "Metadata": {
                    "type": "object",
                    "required": [
                        "judul",
                        "produsen_data",
                        "lisensi",
                        "frekuensi_pembaruan",
                        "periode",
                        "cakupan_wilayah",
                        "referensi_wilayah",
                        "variabel",
                    ],
                    "properties": {
                        "judul": {"type": "string"},
                        "deskripsi": {"type": "string"},
                        "produsen_data": {"type": "string"},
                        "kontak": {"type": "string"},
                        "lisensi": {"type": "object"},
                        "frekuensi_pembaruan": {"type": "string"},
                        "periode": {"type": "string"},
                        "cakupan_wilayah": {"type": "string"},
                        "kode_wilayah": {"type": "string"},
                        "referensi_wilayah": {"$ref": "#/components/schemas/Referensi"},
                        "supresi": {"type": "object"},
                        "variabel": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["kategori", "nama", "satuan"],
                                "properties": {
                                    "kategori": {"type": "string"},
                                    "nama": {"type": "string"},
                                    "satuan": {"type": "string"},
                                    "disupresi": {"type": "boolean"},
                                    "khusus": {"type": "boolean"},
                                },
                            },
                        },
                        "kolom": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "Wilayah": {
                    "type": "object",
                    "required": [
                        "kode",
                        "tingkat",
                        "nama",
                        "induk",
                        "desa_di_balai",
                        "desa_referensi",
                        "diperbarui",
                        "edisi_wilayah",
                        "statistik",
                        "metadata",
                    ],
                    "properties": {
                        "kode": {"type": "string"},
                        "tingkat": {
                            "type": "string",
                            "enum": ["provinsi", "kabupaten", "kecamatan", "desa"],
                        },
                        "nama": {"type": "string"},
                        "induk": NULLABLE_STR,
                        "desa_di_balai": {"type": "integer"},
                        "desa_referensi": {"type": "integer"},
                        "diperbarui": {**NULLABLE_STR, "format": "date-time"},
                        "data_tertua": {**NULLABLE_STR, "format": "date-time"},
                        "edisi_wilayah": EDITION,
                        "metadata": {"$ref": "#/components/schemas/Metadata"},
                        "statistik": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Statistik"},
                        },
                    },
                },
                "DaftarAnak": {
                    "type": "object",
                    "required": ["induk", "wilayah", "referensi_wilayah"],
                    "properties": {
                        "induk": {"type": "string"},
                        "referensi_wilayah": {"$ref": "#/components/schemas/Referensi"},
                        "wilayah": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": [
                                    "kode",
                                    "nama",
                                    "desa_di_balai",
                                    "desa_referensi",
                                    "penduduk",
                                    "edisi_wilayah",
                                ],
                                "properties": {
                                    "kode": {"type": "string"},
                                    "nama": {"type": "string"},
                                    "desa_di_balai": {"type": "integer"},
                                    "desa_referensi": {"type": "integer"},
                                    "penduduk": {"$ref": "#/components/schemas/Sel"},
                                    "laki_laki": {"$ref": "#/components/schemas/Sel"},
                                    "perempuan": {"$ref": "#/components/schemas/Sel"},
                                    "keluarga": {"$ref": "#/components/schemas/Sel"},
                                    "surat_bulan_ini": {"$ref": "#/components/schemas/Sel"},
                                    "realisasi_belanja_persen": {"type": ["number", "null"]},
                                    "data_tertua": {**NULLABLE_STR, "format": "date-time"},
                                    "terbuka": {"type": "boolean"},
                                    "edisi_wilayah": EDITION,
                                },
                            },
                        },
                    },
                },
            }
        },
    }
