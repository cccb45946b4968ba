"""Findings of the review of the core path (api.assess and the model): each test failed
before its fix. Expected values are worked out by hand from the law and the parameters,
the arithmetic written out."""

import math

import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api
from openfisca_china_social_insurance.core.errors import InputError


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def one(system, profile):
    return api.assess({"p": profile}, system)[0]


# ---------------------------------------------------------------- refunds need no transitional coefficient


def test_refund_with_deemed_years_needs_no_transitional_coefficient(system):
    """国发〔1997〕26号 art.5 / 社会保险法 art.16: short of 15 years at retirement, the balance
    is paid as a lump sum; no transitional pension is paid, so its coefficient (Shandong's
    is encoded only from 2023) must not be asked for.

    Man born 1950-05-10, Jinan: statutory date 2010-05 (60, before the 2024 delay); 3 deemed
    years + 12 months in 2009 = 4 < 15 years; continued contributions only from 2011-07-01.
    2009: Shandong average wage 2,200.33, index 1 -> base 2,200.33; credit
    round(2,200.33 x 8%) = 176.03 a month x 12 = 2,112.36; rate in force 2009-01-01: 2.25%
    (2008-12-23). End of 2009: 2,112.36 x (1 + 0.0225 x 0.5415) = 2,138.0966 -> 2,138.10.
    2010, retiring in May (4 months before): 2,138.10 x (1 + 0.0225 x 4 / 12) = 2,154.13575
    -> 2,154.14. Before the fix: InputError asking for Jinan's transitional coefficient.
    """
    row = one(system, {
        "birth_date": "1950-05-10", "sex": "male", "insured_region": "jinan",
        "deemed_contribution_years": 3, "career": [{"from": 2009, "to": 2009, "index": 1.0}],
    })
    assert row["retirement_date"] == "2010-05-01"
    assert row["pension_eligible"] is False
    assert row["monthly_pension"] == 0
    assert row["lump_sum_refund"] == pytest.approx(round(round(2112.36 * (1 + 0.0225 * 0.5415), 2) * (1 + 0.0225 * 4 / 12) + 1e-9, 2), abs=0.001)
    assert row["lump_sum_refund"] == pytest.approx(2154.14, abs=0.001)


# ---------------------------------------------------------------- minimum years before the 1997 rules


def test_late_retirement_after_1997_of_a_person_whose_statutory_date_was_before(system):
    """A man born 1936-05 reached 60 in 1996-05, before 国发〔1997〕26号; he retires (given
    retirement_date) in 1999-01, under the 1997 rules: 15 years minimum (fact sheet §1).
    20 deemed + 36 months (1996-1998) = 23 years >= 15: a monthly pension, no refund.
    Basic pension (1997 rule): 20% x Beijing's 1999 calculation base 845.47 = 169.094 -> 169.09.
    Before the fix the minimum was looked up at the statutory date (no value: NaN) and he
    got a lump-sum refund instead of a pension.
    """
    row = one(system, {
        "birth_date": "1936-05-10", "sex": "male", "insured_region": "beijing",
        "retirement_date": "1999-01-01", "deemed_contribution_years": 20,
        "overrides": {"transitional_coefficient": 0.01},
        "career": [{"from": 1996, "to": 1998, "wage": 800}],
    })
    assert row["contribution_years"] == 20 + 36 / 12
    assert row["pension_eligible"] is True
    assert row["lump_sum_refund"] == 0
    assert row["basic_pension"] == pytest.approx(round(0.2 * 845.47, 2), abs=0.001)


# ---------------------------------------------------------------- profile fields api.assess must refuse

BASE = {"birth_date": "1962-05-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1998, "to": 2022, "index": 1.0}]}


def refused(system, profiles, *words):
    with pytest.raises(InputError) as info:
        api.assess(profiles, system)
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Allowed" in message, message


def test_provisional_assessment_must_be_a_bool(system):
    # "false" (a string) used to count as true: the previous year's base, silently.
    refused(system, {"p": {**BASE, "provisional_assessment": "false"}}, "provisional_assessment", "'false'", "true or false")


@pytest.mark.parametrize("field, value", [("deemed_contribution_years", math.nan), ("special_type_work_years", math.inf)])
def test_profile_numbers_must_be_finite(system, field, value):
    # NaN deemed years made the contribution years NaN: no pension, no error.
    refused(system, {"p": {**BASE, field: value}}, field, "finite")


def test_override_must_be_finite(system):
    refused(system, {"p": {**BASE, "overrides": {"personal_account_balance": math.nan}}}, "personal_account_balance", "finite")


def test_payout_months_override_must_be_positive(system):
    # 0 divided the balance by zero: an account pension of infinity.
    refused(system, {"p": {**BASE, "overrides": {"payout_months": 0}}}, "payout_months", "more than 0")


def test_overrides_must_be_a_mapping(system):
    refused(system, {"p": {**BASE, "overrides": [1]}}, "overrides", "mapping")


def test_a_list_of_profiles_with_a_non_mapping(system):
    refused(system, [BASE, 1], "person_1", "mapping")


def test_a_list_of_profiles_with_the_same_name_twice(system):
    # The second used to replace the first: two persons in, one pension out.
    refused(system, [{**BASE, "name": "a"}, {**BASE, "name": "a", "sex": "female"}], "'a'", "twice")


def test_a_list_of_profiles_with_an_unusable_name(system):
    refused(system, [{**BASE, "name": ["a"]}], "name", "['a']")


def test_career_before_working_age(system):
    # Born 2030 (a typo for 1930 or 1960) with contributions from 2000: a pension was
    # computed for contributions paid before birth.
    refused(system, {"p": {**BASE, "birth_date": "2030-01-01"}}, "p.career", "1998", "2046")


def test_unknown_region_names_the_person_and_field(system):
    refused(system, {"p": {**BASE, "insured_region": "atlantis"}}, "p.insured_region", "atlantis")
    refused(system, {"p": {**BASE, "career": [{"from": 1998, "to": 2022, "index": 1.0, "region": None}]}}, "p.career[0].region")


@pytest.mark.parametrize("field, value", [("from", 1998.5), ("months", 6.5)])
def test_career_years_and_months_must_be_whole(system, field, value):
    # 1998.5 used to be cut to 1998 and 6.5 months to 6, silently.
    segment = {"from": 1998, "to": 2022, "index": 1.0, field: value}
    refused(system, {"p": {**BASE, "career": [segment]}}, f"p.career[0].{field}", repr(value), "whole number")


def test_an_indexed_wage_given_as_input_is_the_one_the_transitional_pension_uses():
    """Weifang form 2025-09 with the printed indexed wage 5,236.40 given instead of the index:
    transitional = 5,236.40 x 14.08 x 1.3% = 958.47, as printed."""
    from openfisca_china_social_insurance import api

    profile = {
        "birth_date": "1965-07-01", "sex": "male", "insured_region": "weifang", "provisional_assessment": True,
        "career": [{"from": 1999, "to": 2024, "index": 0.5}],
        "overrides": {"indexed_average_monthly_wage": 5236.40, "contribution_years": 41,
                      "pre_account_contribution_years": 14.0833, "personal_account_balance": 95061.63},
    }
    (row,) = api.assess({"weifang": profile})
    assert abs(row["transitional_pension"] - 5236.40 * 14.08 * 0.013) < 0.005
    assert abs(row["basic_pension"] - (7678 + 5236.40) / 2 * 41 * 0.01) < 0.005
