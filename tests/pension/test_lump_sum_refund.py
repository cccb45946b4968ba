"""The lump-sum refund (一次性支付) of a person short of the minimum years, through api.assess.

Expected values are worked out by hand from the law and the parameters, the arithmetic
written out; the test failed before its fix (a refund asked for a transitional coefficient).
The amounts of other refunds are YAML tests beside this file (lump_sum_refund.yaml).
"""

import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def one(system, profile):
    return api.assess({"p": profile}, system)[0]


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
