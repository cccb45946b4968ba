"""The transitional pension (过渡性养老金) through api.assess: which indexed wage it uses.

Expected values are the approval form's own figures, the arithmetic written out; the form
itself, with the printed index as input, is the YAML test approval_form_weifang_2025_09.yaml
beside this file.
"""

from openfisca_china_social_insurance import api


def test_an_indexed_wage_given_as_input_is_the_one_the_transitional_pension_uses():
    """Weifang form 2025-09 with the printed indexed wage 5,236.40 given instead of the index:
    transitional = 5,236.40 x 14.08 x 1.3% = 958.47, as printed."""
    profile = {
        "birth_date": "1965-07-01", "sex": "male", "insured_region": "weifang", "provisional_assessment": True,
        "career": [{"from": 1999, "to": 2024, "index": 0.5}],
        "overrides": {"indexed_average_monthly_wage": 5236.40, "contribution_years": 41,
                      "pre_account_contribution_years": 14.0833, "personal_account_balance": 95061.63},
    }
    (row,) = api.assess({"weifang": profile})
    assert abs(row["transitional_pension"] - 5236.40 * 14.08 * 0.013) < 0.005
    assert abs(row["basic_pension"] - (7678 + 5236.40) / 2 * 41 * 0.01) < 0.005
