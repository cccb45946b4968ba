"""Eligibility for a monthly pension (pension_eligible): the minimum years in force when the
person retires, through api.assess.

Expected values are worked out by hand from the law and the parameters, the arithmetic
written out; the test failed before its fix (the minimum was looked up at the statutory
date). The boundary at 15 years is a YAML test beside this file (eligibility_boundary.yaml).
"""

import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def one(system, profile):
    return api.assess({"p": profile}, system)[0]


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
