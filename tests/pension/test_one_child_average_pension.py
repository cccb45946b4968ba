"""Yunnan's one-child addition: 5% of the latest provincial average pension published when the
base is (the year before the calculation base's year), from the series, back-cast or projected."""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core.errors import InputError


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def _calculate(system, variable, region, retirement, provisional=False, **extra):
    fields = {
        "birth_date": "1965-01-01", "sex": "male", "insured_region": region, "retirement_date": retirement,
        "provisional_assessment": provisional, "pension_eligible": True, "one_child_parent": True,
        "pension_calculation_base": 8183, "average_contribution_index": 0.8183, "contribution_years": 41.5,
        "pre_account_contribution_years": 12.3333, "personal_account_balance": 102424.73, "payout_months": 139,
    } | extra
    person = {name: {"ETERNITY": value} for name, value in fields.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
    values = simulation.calculate(variable, retirement[:7])
    return values.decode()[0].name if variable.endswith("_status") else float(values[0])


@pytest.mark.parametrize(
    "retirement, provisional, average",
    [
        ("2025-01-01", True, 3431),  # yunnan/4.json: 2024's average not yet published, 2023's used
        ("2025-09-01", False, 3553),  # the 2024 average, once published
        ("2023-04-01", True, 3158),  # a provisional 2023 assessment: 2021's
    ],
)
def test_the_latest_average_published_when_the_base_is(system, retirement, provisional, average):
    assert _calculate(system, "one_child_average_pension", "yunnan", retirement, provisional) == average
    assert _calculate(system, "extra_pension", "yunnan", retirement, provisional) == round(average * 0.05, 2)


def test_outside_the_published_years_back_cast_then_projected_with_their_status(system):
    # 2021 published (3158); 2020 back-cast by the national uprating of 2021 (4.5%).
    assert _calculate(system, "one_child_average_pension", "yunnan", "2021-06-01") == round(3158 / 1.045, 2)
    assert _calculate(system, "one_child_average_pension_status", "yunnan", "2021-06-01") == "estimated"
    # A 2026 retirement reads 2025's average: 2024's uprated by the published 2% of 2025.
    assert _calculate(system, "one_child_average_pension", "yunnan", "2026-06-01") == round(3553 * 1.02, 2)
    assert _calculate(system, "one_child_average_pension_status", "yunnan", "2026-06-01") == "projected"


def test_refused_where_no_uprating_links_the_year_to_a_published_one_unless_given(system):
    with pytest.raises(InputError, match="one_child_average_pension: no value for region 'yunnan' at 2014"):
        _calculate(system, "extra_pension", "yunnan", "2014-06-01")
    assert _calculate(system, "extra_pension", "yunnan", "2014-06-01", one_child_average_pension=2000) == 100


def test_no_addition_and_no_refusal_elsewhere(system):
    assert _calculate(system, "one_child_average_pension", "hubei", "2014-06-01") == 0
    assert _calculate(system, "one_child_average_pension_status", "hubei", "2014-06-01") == "official"
