"""One rule for "the contract in force": sign-up approval and seats (onboarding) and
which contract pays for a village (billing) agree for every status a contract can have.
Before, onboarding ignored the status, so a cancelled contract still auto-approved
villages that billing then found no contract for."""

from __future__ import annotations

import pytest

from control_plane.billing.selectors import contract_for_village
from control_plane.contracts.models import ContractStatus
from control_plane.onboarding.selectors import contract_for_kabupaten
from tests.control_plane.onboarding.helpers import make_contract

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", list(ContractStatus))
def test_onboarding_and_billing_agree_on_the_contract_in_force(status, village):
    contract = make_contract(village.kabupaten_code, auto_approve=True)
    contract.status = status
    contract.save(update_fields=["status"])
    in_force = status == ContractStatus.ACTIVE
    assert (contract_for_kabupaten(village.kabupaten_code) == contract) is in_force
    assert (contract_for_village(village=village) == contract) is in_force
    if not in_force:
        assert contract_for_kabupaten(village.kabupaten_code) is None
        assert contract_for_village(village=village) is None


def test_a_cancelled_contract_approves_no_sign_up_by_itself(village):
    """The sign-up side of it: only operations decide while no contract is in force."""
    from control_plane.onboarding.selectors import signup_decider_list
    from tests.control_plane.onboarding.helpers import make_staff

    manager = make_staff("pk-batal", "contract_manager", village.kabupaten_code)
    manager.email = "pk-batal@contoh.id"
    manager.save(update_fields=["email"])
    ops = make_staff("ops-batal", "ops")
    ops.email = "ops-batal@contoh.id"
    ops.save(update_fields=["email"])
    contract = make_contract(village.kabupaten_code, manager, auto_approve=True)
    assert signup_decider_list(village.kabupaten_code) == ["pk-batal@contoh.id"]
    contract.status = ContractStatus.CANCELLED
    contract.save(update_fields=["status"])
    assert "ops-batal@contoh.id" in signup_decider_list(village.kabupaten_code)
    assert "pk-batal@contoh.id" not in signup_decider_list(village.kabupaten_code)
