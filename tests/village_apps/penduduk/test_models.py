"""Schema-level invariants of the resident tables."""

import pytest
from django.db import IntegrityError, connection, transaction

from tenants.context import village_context
from village_apps.penduduk.models import Penduduk


def test_nik_must_be_16_digits(village):
    with village_context(village), pytest.raises(IntegrityError), transaction.atomic():
        Penduduk.objects.create(nik="123", nama="A", sex=1, agama_id=1)


def test_names_have_a_trigram_index_in_the_village_schema(village):
    with village_context(village), connection.cursor() as cur:
        cur.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND indexname = %s",
            [village.schema_name, "penduduk_nama_trgm"],
        )
        (indexdef,) = cur.fetchone()
    assert "USING gin" in indexdef and "gin_trgm_ops" in indexdef
