"""Each province's account start (parameters pension.personal_account.in_operation) decides which
career years count before the account: for the transitional pension, not for the average index."""

import pytest

from openfisca_china_social_insurance import api


def _row(region, first_year):
    profile = {"birth_date": "1965-09-01", "sex": "male", "insured_region": region,
               "career": [{"from": first_year, "to": 2024, "index": 1.0}], "retirement_date": "2025-09-01"}
    return api.assess({"p": profile})[0]


def test_inner_mongolias_accounts_start_in_1996():
    """The verified form cases/neimenggu/2.json (2025-09): 建立个人账户时间1996-01, its 视同 11.33 years
    running from the work start 1984-09 to 1996-01. A career from 1991 has 1991-1995 before the account."""
    row = _row("neimenggu", 1991)
    assert row["pre_account_contribution_years"] == pytest.approx(5, abs=1e-9)
    assert row["contribution_years"] == pytest.approx(34, abs=1e-9)
    # Tianjin's accounts start in 1998-01: 7 years before them, the same career elsewhere.
    assert _row("tianjin", 1991)["pre_account_contribution_years"] == pytest.approx(7, abs=1e-9)


def test_shaanxi_counts_no_year_paid_before_the_account():
    """cases/shaanxi/2.json (verified, 2025-08): 1993-01参工并缴费, 建账1996-01, 建账前年限3年, 视同0, 过渡 0.
    The same career in Shandong (建账前缴费年限 count): 3 years at 1.3%."""
    shaanxi, shandong = _row("shaanxi", 1993), _row("shandong", 1993)
    assert shaanxi["pre_account_contribution_years"] == pytest.approx(3, abs=1e-9)
    assert shaanxi["transitional_pension"] == 0
    assert shandong["transitional_pension"] == pytest.approx(
        round(shandong["indexed_average_monthly_wage"] * 3 * 0.013, 2), abs=0.005)
