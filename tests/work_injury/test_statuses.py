"""Each work injury benefit carries the weakest status of what it rests on: the pooling
area's average wage (projected after the last published year; at least estimated where the
province's figure stands in for the city's), the national urban disposable income, and the
person's own wage only where the average wage clamps it."""

import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.api import situations
from openfisca_china_social_insurance.core.errors import InputError

BENEFITS = ("work_injury_wage_status", "work_injury_disability_lump_sum_status", "work_injury_disability_allowance_status",
            "work_injury_nursing_allowance_status")
DEATH = ("work_injury_funeral_grant_status", "work_injury_survivor_pension_status")


def person(region="jinan", day="2024-03-15", wage=6000, **facts):
    given = {"insured_region": region, "injury_date": day, "pre_injury_average_wage": wage} | facts
    return {name: {"ETERNITY": value} for name, value in given.items()}


def statuses(persons, variables, system=None):
    simulation = situations.build({"persons": persons}, system)
    return {variable: simulation.calculate(variable, "2024-03").decode_to_str().tolist() for variable in variables}


def test_an_injury_in_2035_rests_on_a_projected_average_wage():
    # Shandong's average wage is published to 2024: 2035's is grown by the projection assumptions.
    # The wage of 2,000 is raised to 60% of it, so every benefit on the wage is projected too.
    persons = {
        "raised": person(day="2035-03-15", wage=2000, disability_grade=3, nursing_level="completely"),
        "died": person(day="2035-03-15", wage=2000, died_of_work_injury=True, survivor_spouse=True),
        # Within 60%-300%: the lump sum and allowance rest on her own wage alone; the nursing
        # allowance on the average wage.
        "within": person(day="2035-03-15", wage=10000, disability_grade=3, nursing_level="partly"),
    }
    found = statuses(persons, BENEFITS + DEATH + ("work_injury_average_wage_status",))
    for variable in BENEFITS:
        assert found[variable][0] == "projected", variable
    assert [found[variable][1] for variable in DEATH] == ["projected", "projected"]
    assert found["work_injury_nursing_allowance_status"][2] == "projected"
    assert [found[variable][2] for variable in BENEFITS[:3]] == ["official"] * 3
    assert found["work_injury_average_wage_status"] == ["projected"] * 3


def test_a_benefit_not_paid_rests_on_nothing():
    found = statuses({"grade_5": person(disability_grade=5)},
                     ("work_injury_nursing_allowance_status", "work_injury_funeral_grant_status", "work_injury_death_lump_sum_status"))
    assert found == {variable: ["official"] for variable in found}


def test_the_death_lump_sum_carries_the_national_incomes_status():
    # 20 x the previous year's national urban disposable income: 2023's read on a secondary page
    # (estimated), 2024's recalled (unverified); Shandong's average wage plays no part.
    persons = {"died_2024": person(died_of_work_injury=True), "died_2025": person(day="2025-03-15", died_of_work_injury=True)}
    assert statuses(persons, ("work_injury_death_lump_sum_status",)) == {"work_injury_death_lump_sum_status": ["estimated", "unverified"]}


@pytest.fixture(scope="module")
def official_wages():
    """A system whose Shandong and Beijing average wages and pooling rules are official, to
    see what the pooling area alone does to a status."""
    system = CountryTaxBenefitSystem()
    wages, pooling = system.parameters.common.average_wage, system.parameters.work_injury.benefit.province_is_pooling_area
    for node in (wages.shandong, wages.beijing, pooling.nation, pooling.beijing):
        node.metadata["status"] = "official"
    return system


def test_the_provinces_average_wage_standing_in_for_the_citys_is_estimated(official_wages):
    # Jinan (and its district) pool work injury on Jinan's average wage, which the model does not
    # have: Shandong's official figure stands in, estimated. Shandong itself names no pooling
    # area (which city is not known). Beijing, a municipality, is its own pooling area.
    persons = {region: person(region, nursing_level="partly") for region in ("jinan", "jinan_shizhong", "shandong", "beijing")}
    simulation = situations.build({"persons": persons}, official_wages)
    assert simulation.calculate("work_injury_average_wage", "2024-03").tolist()[:3] == [7506] * 3  # Shandong's
    found = simulation.calculate("work_injury_nursing_allowance_status", "2024-03").decode_to_str().tolist()
    assert found == ["estimated", "estimated", "estimated", "official"]


def test_a_citys_average_wage_given_is_used_and_official(official_wages):
    # A user who has Jinan's published figure gives it (8,000 here, a made-up figure of the test):
    # the nursing allowance is 30% of it, and official as any figure the caller gives.
    persons = {"given": person(nursing_level="partly", work_injury_average_wage=8000),
               "declared": person(nursing_level="partly", work_injury_average_wage=8000, work_injury_average_wage_status="unverified")}
    simulation = situations.build({"persons": persons}, official_wages)
    assert simulation.calculate("work_injury_nursing_allowance", "2024-03").tolist() == [8000 * 0.3, 8000 * 0.3]
    assert simulation.calculate("work_injury_nursing_allowance_status", "2024-03").decode_to_str().tolist() == ["official", "unverified"]
    with pytest.raises(InputError, match="work_injury_average_wage: 0 or below 0"):
        simulation = situations.build({"persons": {"p": person(nursing_level="partly", work_injury_average_wage=0)}})
        simulation.calculate("work_injury_nursing_allowance", "2024-03")
