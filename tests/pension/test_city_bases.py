"""Cities with a calculation base of their own: Shenyang and Dalian (Liaoning's three bases),
Changchun (its own base for the flat half, Jilin's for the indexed wage), Hubei's cities."""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def _calculate(system, variables, region, retirement="2025-11-01"):
    fields = {"birth_date": "1965-01-01", "sex": "male", "insured_region": region, "retirement_date": retirement,
              "pension_eligible": True, "average_contribution_index": 0.5}
    person = {name: {"ETERNITY": value} for name, value in fields.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
    return [float(simulation.calculate(variable, retirement[:7])[0]) for variable in variables]


@pytest.mark.parametrize(
    "region, base",
    [("shenyang", 8390), ("dalian", 8956), ("liaoning", 7346), ("changchun", 7978.25), ("jilin", 7322.08), ("wuhan", 9112), ("jingzhou", 7210)],
)
def test_each_city_its_own_base_under_2025_notices(system, region, base):
    assert _calculate(system, ["pension_calculation_base"], region) == [base]


def test_changchun_indexes_on_the_province_base_and_others_on_their_own(system):
    assert _calculate(system, ["indexed_wage_base", "indexed_average_monthly_wage"], "changchun") == [7322.08, 3661.04]
    assert _calculate(system, ["indexed_wage_base", "indexed_average_monthly_wage"], "shenyang") == [8390, 4195]


def test_a_city_base_carries_its_status(system):
    def status(region, retirement):
        fields = {"birth_date": "1965-01-01", "sex": "male", "insured_region": region, "retirement_date": retirement}
        person = {name: {"ETERNITY": value} for name, value in fields.items()}
        simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
        return simulation.calculate("pension_calculation_base_status", retirement[:7]).decode()[0].name

    assert status("shenyang", "2024-06-01") == "official"  # printed on a verified Shenyang form
    assert status("shenyang", "2025-06-01") == "estimated"  # 辽人社〔2025〕17号, read in secondary pages
    assert status("shenyang", "2015-06-01") == "estimated"  # before its own bases: the average wage
    assert status("shenyang", "2027-06-01") == "projected"


def test_henans_indexed_wage_moves_with_the_wage_after_its_last_form(system):
    """Henan multiplies the index by an average wage of its own (6385 on the 2026 forms). A later
    retiree's is that wage grown by the assumed wage growth, projected, never 6385 carried on."""
    growth = system.parameters.projection.average_wage_growth
    expected = 6385.0
    for year in range(2027, 2032):
        expected *= 1 + growth(f"{year}-01-01")

    def calculate(retirement):
        fields = {"birth_date": "1970-01-01", "sex": "male", "insured_region": "henan", "retirement_date": retirement,
                  "pension_eligible": True, "average_contribution_index": 0.8}
        person = {name: {"ETERNITY": value} for name, value in fields.items()}
        simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
        return (float(simulation.calculate("indexed_wage_base", retirement[:7])[0]),
                simulation.calculate("indexed_wage_base_status", retirement[:7]).decode_to_str()[0])

    assert calculate("2026-03-01") == (6385, "official")
    wage, status = calculate("2031-06-01")
    assert wage == pytest.approx(expected, abs=0.02) and status == "projected"
