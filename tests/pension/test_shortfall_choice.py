"""A person short of the minimum years at the statutory date: the choice of 社会保险法
art.16 and 人社部令第13号 art.2-3 (keep contributing, move to the residents' scheme, or a
refund on written request), and the continuation api.assess writes into a career.

The person: a man born 1964-02 in Dongying, statutory date 2024-02 (before the 2024
delay reaches men born 1965), minimum 15 years then; paid 2015-2023 at 0.8 of the
average wage = 108 months, 72 short of 180.
"""

import pytest

from openfisca_china_social_insurance import api
from openfisca_china_social_insurance.core.errors import InputError

SHORT = {
    "birth_date": "1964-02-01", "sex": "male", "insured_region": "dongying",
    "career": [{"from": 2015, "to": 2023, "index": 0.8}],
}


def one(profile):
    return api.assess({"p": profile})[0]


def test_refund_only_on_request_and_transfer_moves_the_balance():
    refund = one({**SHORT, "shortfall_choice": "refund_on_request"})
    moved = one({**SHORT, "shortfall_choice": "transfer_to_residents_scheme"})
    for row in (refund, moved):
        assert row["retirement_date"] == "2024-02-01"
        assert row["pension_eligible"] is False and row["monthly_pension"] == 0
        assert row["months_short_of_minimum"] == 180 - 108
        assert row["continued_contribution_months"] == 0
    assert refund["lump_sum_refund"] == refund["personal_account_balance"] > 0
    assert refund["residents_scheme_transfer"] == 0
    assert moved["residents_scheme_transfer"] == moved["personal_account_balance"] == refund["personal_account_balance"]
    assert moved["lump_sum_refund"] == 0


def test_by_default_the_person_keeps_contributing_until_the_minimum():
    """72 months from January 2024 (the statutory year follows the career's last year):
    2024-2029, the minimum reached in 2029-12, the pension from 2030-01. The same
    continuation written by hand gives the same assessment."""
    row = one(SHORT)
    assert row["shortfall_choice"] == "continue_contributing"
    assert row["continued_contribution_months"] == 72
    assert row["retirement_date"] == "2030-01-01"
    assert row["contribution_years"] == 15 and row["pension_eligible"] is True
    assert row["monthly_pension"] > 0 and row["lump_sum_refund"] == 0 and row["months_short_of_minimum"] == 0
    by_hand = one({**SHORT, "career": SHORT["career"] + [{"from": 2024, "to": 2029, "index": 0.8}]})
    assert {k: v for k, v in row.items() if k != "continued_contribution_months"} == {
        k: v for k, v in by_hand.items() if k != "continued_contribution_months"
    }
    assert by_hand["continued_contribution_months"] == 0  # the career already reaches the minimum


def test_a_wage_above_the_cap_is_carried_on_at_the_cap():
    """A wage of 30,000 in 2010 is an index above 12 (refused as a segment's index): the
    continuation pays on at the base's cap, 300%, as the career's last year was paid."""
    high = {"birth_date": "1955-02-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 2000, "to": 2010, "wage": 30000}]}
    row = one(high)
    assert row["continued_contribution_months"] == 48 and row["pension_eligible"] is True
    by_hand = one({**high, "career": high["career"] + [{"from": 2015, "to": 2018, "index": 3.0}]})
    assert row["monthly_pension"] == by_hand["monthly_pension"] > 0


def test_a_part_year_continuation_and_its_employment_type():
    """30 months short (12.5 years paid): 2024 and 2025 in full and 6 months of 2026, as a
    flexible worker like the career's last year: pension from 2026-07."""
    profile = {**SHORT, "career": [
        {"from": 2011, "to": 2022, "index": 0.8},
        {"from": 2023, "to": 2023, "index": 0.6, "months": 6, "employment_type": "flexible_worker"},
    ]}
    row = one(profile)
    assert row["continued_contribution_months"] == 30
    assert row["retirement_date"] == "2026-07-01"
    written = one({**profile, "career": profile["career"] + [
        {"from": 2024, "to": 2025, "index": 0.6, "employment_type": "flexible_worker"},
        {"from": 2026, "months": 6, "index": 0.6, "employment_type": "flexible_worker"},
    ]})
    assert written["monthly_pension"] == row["monthly_pension"] > 0


def test_before_2011_the_refund_was_the_only_outcome():
    """国发〔1997〕26号 art.5: a statutory date before 2011-07-01 is refunded whatever the choice."""
    profile = {"birth_date": "1948-03-01", "sex": "male", "insured_region": "shandong",
               "career": [{"from": 2000, "to": 2007, "index": 1.0}], "shortfall_choice": "transfer_to_residents_scheme"}
    row = one(profile)
    assert row["retirement_date"] == "2008-03-01" and row["continued_contribution_months"] == 0
    assert row["lump_sum_refund"] == row["personal_account_balance"] > 0
    assert row["residents_scheme_transfer"] == 0


def test_figures_of_an_approval_form_are_not_extended():
    profile = {"birth_date": "1964-02-01", "sex": "male", "insured_region": "dongying",
               "overrides": {"contribution_years": 9, "personal_account_balance": 50000, "average_contribution_index": 0.8}}
    row = one(profile)
    assert row["continued_contribution_months"] == 0 and row["months_short_of_minimum"] == 72
    assert row["monthly_pension"] == 0 and row["lump_sum_refund"] == 0  # still paying on: nothing paid yet


def test_each_outcome_side_by_side():
    outcomes = api.shortfall_outcomes({"short": SHORT, "long": {**SHORT, "deemed_contribution_years": 10}})
    assert set(outcomes) == {"short"}  # 10 + 9 years: no shortfall
    short = outcomes["short"]
    assert set(short) == set(api.SHORTFALL_CHOICE)
    assert short["continue_contributing"]["monthly_pension"] > 0
    assert short["refund_on_request"]["lump_sum_refund"] == short["transfer_to_residents_scheme"]["residents_scheme_transfer"] > 0


def test_an_unknown_choice_is_refused_by_name():
    with pytest.raises(InputError, match=r"p.shortfall_choice: 'refund'.*Allowed: continue_contributing"):
        one({**SHORT, "shortfall_choice": "refund"})


def test_why_a_continuation_is_not_written_is_said():
    early = {"birth_date": "1972-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1988, "to": 1990, "wage": 200}]}
    row = one(early)
    assert row["continued_contribution_months"] == 0 and row["months_short_of_minimum"] > 0
    assert "last year (1990) has no average wage" in row["continuation_not_written"]
    # 1991 has an average wage but no cap of the base yet (from 1992): said, where a TypeError stopped the assessment.
    before_cap = one({**early, "career": [{"from": 1988, "to": 1991, "wage": 200}]})
    assert before_cap["continued_contribution_months"] == 0 and "last year (1991) has no cap" in before_cap["continuation_not_written"]
    given = one({**SHORT, "retirement_date": "2024-02-01"})
    assert "a retirement date is given" in given["continuation_not_written"]
    assert one(SHORT)["continuation_not_written"] == ""  # written


def test_regions_compare_counts_the_continued_contributions_too():
    """The contributions shown beside the pension are those of the career as assessed: the
    same as the continuation written by hand."""
    from openfisca_china_social_insurance.analysis import region_comparison

    written = {**SHORT, "career": SHORT["career"] + [{"from": 2024, "to": 2029, "index": 0.8}]}
    result = region_comparison.compare({"short": SHORT, "written": written}, "dongying")
    for total in ("individual_contribution_total", "monthly_pension"):
        assert result.value("short", "dongying", total) == result.value("written", "dongying", total)
