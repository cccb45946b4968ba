"""Provincial variants (variables/pension/regional/): where they apply, and what they refuse.

The amounts are tested on verified approval forms in tests/approval_forms/provincial_variants.yaml;
here: a variant stays inside its regions, and inputs without a sourced rule are refused by name.
"""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core.errors import InputError


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def _person(region, retirement, **extra):
    """A retiree with printed figures (xizang/4.json's), in another region or month if asked."""
    fields = {
        "birth_date": "1965-01-01",
        "sex": "male",
        "insured_region": region,
        "retirement_date": retirement,
        "pension_eligible": True,
        "pension_calculation_base": 11777,
        "average_contribution_index": 0.671,
        "contribution_years": 26.75,
        "pre_account_contribution_years": 0,
        "personal_account_balance": 69473.19,
        "payout_months": 170,
    } | extra
    return {name: {"ETERNITY": value} for name, value in fields.items()}


def _calculate(system, variable, month, **person):
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": person}})
    return float(simulation.calculate(variable, month)[0])


def test_plateau_allowance_only_where_the_region_pays_it(system):
    tibet = _person("xizang", "2025-11-01", plateau_work_years=15.83)
    sichuan = _person("sichuan", "2025-11-01", plateau_work_years=15.83)
    assert _calculate(system, "plateau_allowance", "2025-11", **tibet) == pytest.approx(790.24, abs=0.005)
    assert _calculate(system, "plateau_allowance", "2025-11", **sichuan) == 0
    # Before the retirement month nothing is paid.
    assert _calculate(system, "plateau_allowance", "2025-10", **tibet) == 0


def test_plateau_allowance_bands_by_whole_years(system):
    at_14_9 = _person("xizang", "2025-11-01", plateau_work_years=14.9)
    at_20 = _person("xizang", "2025-11-01", plateau_work_years=20)
    assert _calculate(system, "plateau_allowance", "2025-11", **at_14_9) == pytest.approx(7902.37 * 0.05, abs=0.005)
    assert _calculate(system, "plateau_allowance", "2025-11", **at_20) == pytest.approx(7902.37 * 0.15, abs=0.005)


def test_plateau_allowance_is_paid_from_the_regime_start(system):
    """The allowance and its bands start together, at the regime start (estimated): a retiree of
    2006-03, before the bands' former unsourced date 2006-07-01, was paid a silent 0."""
    early = _person("xizang", "2006-03-01", plateau_work_years=15.83)
    assert _calculate(system, "plateau_allowance", "2006-03", **early) == pytest.approx(11777 * 0.671 * 0.10, abs=0.005)
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"p": early}})
    assert simulation.calculate("extra_pension_rules_status", "2006-03").decode()[0].name == "estimated"


def test_negative_plateau_years_are_refused(system):
    with pytest.raises(InputError, match="plateau_work_years.*negative"):
        _calculate(system, "plateau_allowance", "2025-11", **_person("xizang", "2025-11-01", plateau_work_years=-1))


def test_an_area_category_without_a_sourced_allowance_is_refused(system):
    person = _person("xizang", "2025-11-01", hardship_area_category=3)
    with pytest.raises(InputError, match="hardship_area_category.*Allowed: 0 \\(none\\) or 2"):
        _calculate(system, "hardship_area_allowance", "2025-11", **person)
    assert _calculate(system, "hardship_area_allowance", "2025-11", **_person("xizang", "2025-11-01", hardship_area_category=2)) == 329.88
    assert _calculate(system, "hardship_area_allowance", "2025-11", **_person("hubei", "2025-11-01", hardship_area_category=2)) == 0


def test_guangdong_transition_pays_the_original_method_and_the_adjustment(system):
    """huizhou.json (2025-10): deemed account / 120 + 100 + 4 a whole year in the transitional
    column, the new method's excess (base x indexed years x 1.2%) as 调整额; from 2026 the new method."""
    fields = dict(
        pension_calculation_base=9307,
        average_contribution_index=0.5938,
        contribution_years=27.92,
        pre_account_contribution_years=0.75,
        deemed_account_balance=13615.08,
        pre_account_indexed_years=4.41845,
    )
    in_2025 = _person("guangdong", "2025-10-01", **fields)
    assert _calculate(system, "transitional_pension", "2025-10", **in_2025) == pytest.approx(113.46 + 100 + 4 * 27, abs=0.005)
    new_method = round(9307 * 4.41845 * 0.012, 2)  # 493.47
    assert _calculate(system, "transitional_adjustment", "2025-10", **in_2025) == pytest.approx(new_method - 113.46 - 4 * 27, abs=0.005)
    in_2026 = _person("guangdong", "2026-01-01", **fields)
    assert _calculate(system, "transitional_pension", "2026-01", **in_2026) == pytest.approx(new_method + 100 + 4 * 27, abs=0.005)
    assert _calculate(system, "transitional_adjustment", "2026-01", **in_2026) == 0
    # Outside the original method a deemed account is not paid (Shandong: coefficient method only).
    shandong = _person("shandong", "2025-10-01", **fields)
    assert _calculate(system, "transitional_adjustment", "2025-10", **shandong) == 0


def test_a_share_is_needed_only_with_an_excess_to_pay(system):
    """Shenzhen 2024 has no sourced share (test below); a retiree without pre-account years has no excess: 0, not refused."""
    person = _person("shenzhen", "2024-06-01", transitional_original_indexed_wage=3894.34, transitional_original_ratio=0.065)
    assert _calculate(system, "transitional_adjustment", "2024-06", **person) == 0


def test_negative_indexed_years_are_refused(system):
    person = _person("guangdong", "2026-01-01", pre_account_contribution_years=0.75, pre_account_indexed_years=-1)
    with pytest.raises(InputError, match="pre_account_indexed_years.*negative"):
        _calculate(system, "transitional_pension", "2026-01", **person)


def test_shenzhen_variant_stays_in_shenzhen(system):
    """Guangdong (from 2026, after the transition) keeps the coefficient method, its low-index scaling, no adjustment and no subsidy."""
    fields = dict(
        pension_calculation_base=11181,
        average_contribution_index=0.3803,
        transitional_contribution_index=0.498,
        contribution_years=16.5833,
        pre_account_contribution_years=5.4167,
        transitional_original_indexed_wage=3894.34,
        transitional_original_ratio=0.065,
        local_subsidy_years=3,
    )
    guangdong = _person("guangdong", "2026-06-01", **fields)
    shenzhen = _person("shenzhen", "2025-06-01", **fields)
    assert _calculate(system, "transitional_adjustment", "2026-06", **guangdong) == 0
    assert _calculate(system, "local_subsidy", "2026-06", **guangdong) == 0
    # Guangdong 2026: coefficient method 361.93 + 100 + 4 x 16; Shenzhen: original method 253.13 + 100 + 4 x 16.
    assert _calculate(system, "transitional_pension", "2026-06", **guangdong) == pytest.approx(361.93 + 164, abs=0.005)
    assert _calculate(system, "transitional_pension", "2025-06", **shenzhen) == pytest.approx(253.13 + 164, abs=0.005)
    assert _calculate(system, "basic_pension", "2025-06", **shenzhen) == pytest.approx(1279.66, abs=0.005)
    assert _calculate(system, "local_subsidy", "2025-06", **shenzhen) == pytest.approx(round(3 * 0.3803 * 18.5, 2) + 20, abs=0.005)


def test_shenzhen_year_without_a_form_takes_the_provinces_share(system):
    """Shenzhen has no form of 2024: its file leaves the year empty and the province's schedule (0.9, estimated) applies."""
    # shenzhen-man-2025's figures a year earlier: a new-method excess of 361.93 - 317.13 = 44.80.
    person = _person(
        "shenzhen", "2024-06-01", pension_calculation_base=11181, transitional_contribution_index=0.498,
        contribution_years=16.5833, pre_account_contribution_years=5.4167,
        transitional_original_indexed_wage=3894.34, transitional_original_ratio=0.065,
    )
    assert _calculate(system, "transitional_adjustment", "2024-06", **person) == pytest.approx(round(0.9 * 44.80, 2), abs=0.005)


def test_sichuan_extra_pension_at_the_assessed_rate(system):
    """sichuan/6.json (2024-03): 增发 = indexed wage 5865.35 x assessed rate 0.4% x 37.08 years (two decimals)."""
    fields = dict(pension_calculation_base=8079, average_contribution_index=0.726, contribution_years=37.08333,
                  pre_account_contribution_years=8.83333, personal_account_balance=88960.59)
    assessed = _person("sichuan", "2024-03-01", extra_pension_rate_of_indexed_wage=0.004, **fields)
    assert _calculate(system, "extra_pension", "2024-03", **assessed) == pytest.approx(round(8079 * 0.726 * 0.004 * 37.08, 2), abs=0.005)
    # Without an assessed rate: the one-child rate (0.1%) for a parent of an only child, else nothing.
    parent = _person("sichuan", "2024-03-01", one_child_parent=True, **fields)
    assert _calculate(system, "extra_pension_rate_of_indexed_wage", "2024-03", **parent) == 0.001
    assert _calculate(system, "extra_pension", "2024-03", **_person("sichuan", "2024-03-01", **fields)) == 0
    with pytest.raises(InputError, match="extra_pension_rate_of_indexed_wage.*negative"):
        _calculate(system, "extra_pension", "2024-03", **_person("sichuan", "2024-03-01", extra_pension_rate_of_indexed_wage=-0.001, **fields))


def test_an_entitlement_ratio_above_one_is_refused(system):
    person = _person("shenzhen", "2025-06-01", transitional_original_indexed_wage=3894.34, transitional_original_ratio=6.5)
    with pytest.raises(InputError, match="transitional_original_ratio.*outside 0..1"):
        _calculate(system, "transitional_pension", "2025-06", **person)
