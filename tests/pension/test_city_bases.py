"""Cities with a calculation base of their own: Shenyang and Dalian (Liaoning's three bases),
Changchun (its own base for the flat half, Jilin's for the indexed wage), Hubei's cities."""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core.errors import InputError


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


def test_a_citys_province_base_is_its_provinces_of_the_same_year(system):
    """Liaoning's notice (辽人社〔2025〕17号): Shenyang 8390, the other cities 7346; Jilin's 7322.08 beside
    Changchun's 7978.25. At the province level the province's base is the region's own."""
    assert _calculate(system, ["province_pension_calculation_base"], "shenyang") == [7346]
    assert _calculate(system, ["province_pension_calculation_base"], "changchun") == [7322.08]
    assert _calculate(system, ["province_pension_calculation_base"], "liaoning") == [7346]


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


def _zhengzhou(system, variables, region="zhengzhou", retirement="2026-02-01", **extra):
    """The Zhengzhou form cases/henan/12.json (省基数6738/郑州基数7933), with `extra` inputs."""
    fields = {"birth_date": "1965-11-01", "sex": "male", "insured_region": region, "retirement_date": retirement,
              "pension_eligible": True, "pension_calculation_base": 6738, "average_contribution_index": 2.1119,
              "transitional_contribution_index": 2.5286, "deemed_contribution_years": 11.58,
              "pre_account_contribution_years": 11.58, "contribution_years": 42.5, "personal_account_balance": 395301.7,
              "payout_months": 137.3, **extra}
    person = {name: {"ETERNITY": value} for name, value in fields.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
    return [float(simulation.calculate(variable, retirement[:7])[0]) for variable in variables]


def test_zhengzhou_indexes_on_its_own_base_and_pays_the_subsidy_the_form_prints(system):
    """Zhengzhou's indexed wage is on the city's base (7933 in 2026), the flat half on Henan's;
    its 过渡性补贴 (郑州市企业职工基本养老保险条例 art.30) is the form's figure, paid in the total."""
    base, transitional, extra = _zhengzhou(
        system, ["indexed_wage_base", "transitional_pension", "extra_pension"], transitional_subsidy_amount=643.86)
    assert (base, transitional, extra) == (7933, 3019.74, 643.86)  # 7933 x 2.5286 x 11.58 x 1.3% as printed
    # The rest of Henan keeps the province's average wage.
    assert _zhengzhou(system, ["indexed_wage_base"], region="henan")[0] == 6385


def test_a_provisional_zhengzhou_assessment_takes_the_year_befores_city_base(system):
    assert _zhengzhou(system, ["indexed_wage_base"], retirement="2024-01-01", transitional_subsidy_amount=0)[0] == 7925
    assert _zhengzhou(system, ["indexed_wage_base"], retirement="2024-01-01", transitional_subsidy_amount=0,
                      provisional_assessment=True)[0] == 7800


def test_zhengzhous_subsidy_is_refused_unless_given_where_the_law_pays_it(system):
    with pytest.raises(InputError, match=r"transitional_subsidy_amount: not given.*transitional_subsidy_in_force.*Allowed: the figure printed"):
        _zhengzhou(system, ["monthly_pension"])
    # Given 0, the user knowingly leaves it out; without deemed years, or before 2007, the law pays none.
    assert _zhengzhou(system, ["extra_pension"], transitional_subsidy_amount=0) == [0]
    assert _zhengzhou(system, ["extra_pension"], deemed_contribution_years=0, pre_account_contribution_years=0) == [0]
    # A form given as overrides may print only the pre-account years (no deemed years): still asked for.
    with pytest.raises(InputError, match="transitional_subsidy_amount: not given"):
        _zhengzhou(system, ["monthly_pension"], deemed_contribution_years=0)
    assert _zhengzhou(system, ["extra_pension"], retirement="2006-06-01") == [0]


def test_a_subsidy_given_where_none_is_paid_is_refused_not_dropped(system):
    with pytest.raises(InputError, match="transitional_subsidy_amount: given, but the insured region pays no"):
        _zhengzhou(system, ["monthly_pension"], region="henan", transitional_subsidy_amount=643.86)
    with pytest.raises(InputError, match="pays no 过渡性补贴 to this person"):  # no years before the accounts
        _zhengzhou(system, ["monthly_pension"], deemed_contribution_years=0, pre_account_contribution_years=0, transitional_subsidy_amount=100)


def test_the_indexed_wage_carries_the_status_of_the_average_wage_it_multiplies(system):
    def status(region, retirement):
        fields = {"birth_date": "1964-01-15", "sex": "male", "insured_region": region, "retirement_date": retirement,
                  "pension_eligible": True, "average_contribution_index": 1.2, "transitional_subsidy_amount": 0}
        person = {name: {"ETERNITY": value} for name, value in fields.items()}
        simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
        return simulation.calculate("indexed_average_monthly_wage_status", retirement[:7]).decode_to_str()[0]

    # Zhengzhou's 2024 base (7925) is the public calculator's figure: estimated, whatever Henan's base is.
    assert status("zhengzhou", "2024-03-01") == "estimated"
    assert status("zhengzhou", "2026-03-01") == "official"  # printed on a verified form
    assert status("zhengzhou", "2030-03-01") == "projected"


def test_changchuns_indexed_wage_carries_the_status_of_the_province_base_it_multiplies(system):
    """A printed Changchun base is official, but the indexed wage multiplies Jilin's base (the
    model's, estimated in 2025): the indexed wage is as good as Jilin's base, not the city's."""
    def statuses(region, **given):
        fields = {"birth_date": "1965-01-01", "sex": "male", "insured_region": region, "retirement_date": "2025-11-01",
                  "pension_eligible": True, "average_contribution_index": 0.5, **given}
        person = {name: {"ETERNITY": value} for name, value in fields.items()}
        simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
        return [simulation.calculate(name, "2025-11").decode_to_str()[0]
                for name in ("pension_calculation_base_status", "indexed_wage_base_status", "indexed_average_monthly_wage_status")]

    printed = {"pension_calculation_base": 7978.25, "pension_calculation_base_status": "official"}
    assert statuses("changchun", **printed) == ["official", "estimated", "estimated"]
    assert statuses("shenyang", **printed) == ["official", "official", "official"]  # indexes on the base it prints


def test_a_jilin_county_form_gives_both_bases_it_prints(system):
    """A Jilin form prints the county's base (the flat half) and the province's (the indexed wage): the
    Python API takes both as overrides; with the county's alone, the index would multiply the county's."""
    from openfisca_china_social_insurance import api

    form = {"pension_calculation_base": 8000, "average_contribution_index": 0.5, "contribution_years": 30,
            "pre_account_contribution_years": 0, "personal_account_balance": 100000}
    profile = {"birth_date": "1965-01-01", "sex": "male", "insured_region": "jilin", "retirement_date": "2025-11-01"}
    both = api.assess({"p": {**profile, "overrides": {**form, "province_pension_calculation_base": 7322.08}}}, system)[0]
    assert both["indexed_average_monthly_wage"] == 3661.04  # 7322.08 x 0.5
    assert both["basic_pension"] == round((8000 + 3661.04) / 2 * 30 / 100, 2)  # 1749.16
    alone = api.assess({"p": {**profile, "overrides": form}}, system)[0]
    assert alone["indexed_average_monthly_wage"] == 4000
