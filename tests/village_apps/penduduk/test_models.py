"""Schema-level invariants of the resident tables."""

import pytest
from django.db import IntegrityError, connection, transaction

from tenants.context import village_context
from village_apps.penduduk.models import Penduduk


def test_nik_must_be_16_digits(village):
    with village_context(village), pytest.raises(IntegrityError), transaction.atomic():
        Penduduk.objects.create(nik="123", nama="A", sex=1, agama_id=1)


def test_name_search_uses_the_trigram_index(village):
    with village_context(village), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN SELECT id FROM penduduk_penduduk WHERE nama ILIKE '%adi%'")
        plan = "\n".join(r[0] for r in cur.fetchall())
    assert "penduduk_nama_trgm" in plan
