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
    # On UPPER(nama): the expression Django's icontains (used by the list search) compares.
    assert "USING gin" in indexdef and "upper" in indexdef and "gin_trgm_ops" in indexdef


def test_name_search_as_the_list_runs_it_can_use_the_trigram_index(village):
    from django.db import transaction

    with village_context(village), transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")  # leave bitmap scans: trigram or nothing
        plan = Penduduk.objects.filter(nama__icontains="adi").order_by().values("id").explain()
    assert "penduduk_nama_trgm" in plan
