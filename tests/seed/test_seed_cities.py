"""The seed's city rules where the model must refuse rather than guess.

Source: 社会保险管理工作难点与对策 (2002), Shandong report 灵活就业人员社会保险关系管理的问题与对策,
section 一.(二).2-3. The 18% flexible-worker rate is reported for Jinan, Weifang and Dezhou;
the seed is silent on Dongying's rate, and Shandong and the nation have none before 2006.
Jinan alone lets a worker pay the employer's share.
"""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core.errors import InputError


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def simulate(system, region, year, **inputs):
    person = {
        "birth_date": {"ETERNITY": "1965-03-15"},
        "insured_region": {"ETERNITY": region},
        "contribution_wage": {str(year): 750},
    }
    person.update({name: {str(year): value} for name, value in inputs.items()})
    return SimulationBuilder().build_from_entities(system, {"persons": {"a": person}})


@pytest.mark.parametrize("region", ["dongying", "dongying_guangrao", "shandong"])
def test_flexible_worker_before_2006_refused_where_the_seed_gives_no_rate(system, region):
    simulation = simulate(system, region, 2002, employment_type="flexible_worker")
    with pytest.raises(InputError) as error:
        simulation.calculate("individual_contribution", "2002")
    message = str(error.value)
    assert "employment_type 2002" in message
    assert "no flexible-worker rate" in message
    assert "Allowed:" in message


@pytest.mark.parametrize(
    "region, rate",
    [("jinan", 0.18), ("jinan_shizhong", 0.18), ("weifang", 0.18), ("dezhou", 0.18), ("dezhou_decheng", 0.18)],
)
def test_seed_cities_and_their_districts_charge_18_percent_in_2002_and_2005(system, region, rate):
    for year in (2002, 2005):
        simulation = simulate(system, region, year, employment_type="flexible_worker")
        base = float(simulation.calculate("contribution_base", str(year))[0])
        paid = float(simulation.calculate("individual_contribution", str(year))[0])
        assert paid == pytest.approx(round(base * rate, 2) * 12, abs=0.005)


@pytest.mark.parametrize("region", ["jinan", "weifang", "dongying", "dezhou"])
def test_national_20_percent_from_2006_in_every_seed_city(system, region):
    simulation = simulate(system, region, 2006, employment_type="flexible_worker", contribution_wage=1294.17)
    assert float(simulation.calculate("individual_contribution", "2006")[0]) == pytest.approx(258.83 * 12, abs=0.005)


@pytest.mark.parametrize("region", ["weifang", "dongying", "dezhou", "shandong"])
def test_worker_paying_the_employer_share_refused_outside_jinan(system, region):
    simulation = simulate(system, region, 2002, worker_pays_employer_share=True)
    with pytest.raises(InputError) as error:
        simulation.calculate("contribution_paid_by_person", "2002")
    assert "worker_pays_employer_share 2002" in str(error.value)


def test_worker_paying_the_employer_share_allowed_in_a_jinan_district(system):
    simulation = simulate(system, "jinan_shizhong", 2002, worker_pays_employer_share=True)
    paid = float(simulation.calculate("contribution_paid_by_person", "2002")[0])
    employer = float(simulation.calculate("contribution_paid_by_employer", "2002")[0])
    assert (paid, employer) == pytest.approx((750 * 0.07 * 12 + 750 * 0.18 * 12, 0), abs=0.005)
