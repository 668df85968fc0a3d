"""Schema-level invariants of the resident tables."""

import re

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
    # On UPPER(nama): the expression Django's icontains (used by the list search) compares.
    assert "USING gin" in indexdef and "upper" in indexdef and "gin_trgm_ops" in indexdef


def test_the_trigram_index_matches_the_expression_the_list_search_compares(village):
    """The planner's choice depends on table statistics, so compare expressions: the
    index is on ``upper((nama)::text)``, exactly what ``icontains`` emits."""
    with village_context(village), connection.cursor() as cur:
        cur.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND indexname = %s",
            [village.schema_name, "penduduk_nama_trgm"],
        )
        (indexdef,) = cur.fetchone()
    sql = str(Penduduk.objects.filter(nama__icontains="adi").query)
    assert 'UPPER("penduduk_penduduk"."nama"::text) LIKE' in sql
    assert re.search(r"USING gin \(upper\(\(nama\)::text\) (public\.)?gin_trgm_ops\)", indexdef)
