"""Consistency of the seed's Table 2 (不同缴费基数和缴费年限的月养老金对照表).

Source: 社会保险管理工作难点与对策 (2002), Shandong report 灵活就业人员社会保险关系管理的
问题与对策, section 二.(一).2, Table 2. A person retiring in 2002 in Shandong under
国发〔1997〕26号: basic pension 20% of 750 a month, account pension = balance / 120.

The seed prints amounts rounded to the fen, so a printed p stands for [p - 0.005,
p + 0.005). Every ratio below is checked with that interval, never with the printed
figure alone: a claim such as "row A is k times row B" holds when one k fits every
column's interval. See docs/seed_table2.md for the reading of these results.
"""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem

YEARS = (15, 20, 25)
MULTIPLES = (0.6, 1.0, 2.0, 3.0)  # contribution wage / provincial average wage

# Table 2 as printed, by multiple then by contribution years.
BASIC = {m: {n: 150.0 for n in YEARS} for m in MULTIPLES}
ACCOUNT = {
    0.6: {15: 53.97, 20: 62.32, 25: 68.97},
    1.0: {15: 81.5, 20: 94.72, 25: 104.15},
    2.0: {15: 163.02, 20: 189.41, 25: 208.32},
    3.0: {15: 258.36, 20: 300.28, 25: 330.16},
}
TOTAL = {
    0.6: {15: 203.97, 20: 212.32, 25: 218.97},
    1.0: {15: 231.5, 20: 244.72, 25: 254.15},
    2.0: {15: 313.02, 20: 339.41, 25: 358.32},
    3.0: {15: 408.36, 20: 450.28, 25: 480.16},
}
AVERAGE_WAGE_YEAR = 9000  # 全省企业平均工资, yuan a year
HALF_FEN = 0.005


def printed(value):
    """The interval of true values a figure printed to the fen stands for."""
    return value - HALF_FEN, value + HALF_FEN


def ratio_interval(numerator, denominator):
    low_n, high_n = printed(numerator)
    low_d, high_d = printed(denominator)
    return low_n / high_d, high_n / low_d


def common_factor(pairs):
    """The interval of factors k with numerator = k x denominator in every pair, or None."""
    low, high = 0.0, float("inf")
    for numerator, denominator in pairs:
        pair_low, pair_high = ratio_interval(numerator, denominator)
        low, high = max(low, pair_low), min(high, pair_high)
    return (low, high) if low < high else None


def rounded(value):
    return float(f"{value + 1e-9:.2f}")


# --- The parts of the table that are internally consistent -------------------------


def test_basic_pension_is_20_percent_of_750_in_every_cell():
    base = AVERAGE_WAGE_YEAR / 12
    assert base == 750
    for m in MULTIPLES:
        for n in YEARS:
            assert BASIC[m][n] == pytest.approx(0.2 * base, abs=1e-9)


def test_every_total_is_basic_plus_account():
    for m in MULTIPLES:
        for n in YEARS:
            assert rounded(BASIC[m][n] + ACCOUNT[m][n]) == TOTAL[m][n], (m, n)


def test_account_pension_grows_with_years_and_base():
    for m in MULTIPLES:
        assert ACCOUNT[m][15] < ACCOUNT[m][20] < ACCOUNT[m][25]
    for n in YEARS:
        assert ACCOUNT[0.6][n] < ACCOUNT[1.0][n] < ACCOUNT[2.0][n] < ACCOUNT[3.0][n]


# --- Row against row: 11% of the base makes the balance proportional to the base ----


def test_200_percent_row_is_twice_the_100_percent_row_within_3_fen_but_not_to_the_fen():
    deviations = {n: rounded(ACCOUNT[2.0][n] - 2 * ACCOUNT[1.0][n]) for n in YEARS}
    assert deviations == {15: 0.02, 20: -0.03, 25: 0.02}
    # Exactly 2 x would need 2 x [p - 0.005, p + 0.005): every column misses it ...
    for n in YEARS:
        low, high = ratio_interval(ACCOUNT[2.0][n], ACCOUNT[1.0][n])
        assert not low <= 2.0 < high, n
    # ... and no other single factor fits all three columns either.
    assert common_factor((ACCOUNT[2.0][n], ACCOUNT[1.0][n]) for n in YEARS) is None


def test_300_percent_row_is_one_exact_multiple_of_the_100_percent_row_but_not_3():
    factor = common_factor((ACCOUNT[3.0][n], ACCOUNT[1.0][n]) for n in YEARS)
    assert factor is not None  # one factor fits all three columns to the fen
    low, high = factor
    assert 3.16996 < low < high < 3.17025
    assert low <= 3.17 < high  # the seed's 300% row is 317% of the 100% row
    assert low > 3.0  # above 3: a cap can only lower a row, never raise it


def test_60_percent_row_is_one_multiple_of_the_100_percent_row_except_the_20_year_cell():
    factor = common_factor((ACCOUNT[0.6][n], ACCOUNT[1.0][n]) for n in (15, 25))
    assert factor is not None
    low, high = factor
    assert 0.66213 < low < high < 0.66230
    assert low <= 0.6622 < high
    assert low > 0.6  # as if the base were floored at 60% of a wage 10.4% above 9,000
    # The 20-year cell does not fit the factor of the 15- and 25-year cells ...
    assert common_factor((ACCOUNT[0.6][n], ACCOUNT[1.0][n]) for n in YEARS) is None
    # ... while 62.72 (one digit changed, 3 -> 7) would; its total 212.32 carries the same slip.
    assert common_factor([(62.72, ACCOUNT[1.0][20])] + [(ACCOUNT[0.6][n], ACCOUNT[1.0][n]) for n in (15, 25)])
    assert rounded(low * ACCOUNT[1.0][20]) in (62.71, 62.72)


def test_60_and_300_percent_rows_are_not_proportional_to_their_multiples():
    # If both were m x one unit, 300% / 60% would be 5.
    for n in (15, 25):
        low, high = ratio_interval(ACCOUNT[3.0][n], ACCOUNT[0.6][n])
        assert high < 4.79 and low > 4.78


# --- The model on the same assumption ----------------------------------------------


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def assess(system, years, balances):
    """Account and basic pensions of men retiring 2002-01 in Shandong (1997 rules)."""
    persons = {
        f"p{i}": {
            "birth_date": {"ETERNITY": "1942-01-15"},
            "sex": {"ETERNITY": "male"},
            "insured_region": {"ETERNITY": "shandong"},
            "contribution_years": {"ETERNITY": years},
            "pre_account_contribution_years": {"ETERNITY": 0},
            "personal_account_balance": {"ETERNITY": balance},
        }
        for i, balance in enumerate(balances)
    }
    simulation = SimulationBuilder().build_from_entities(system, {"persons": persons})
    return simulation.calculate("basic_pension", "2002-01"), simulation.calculate("account_pension", "2002-01")


@pytest.mark.parametrize("years", YEARS)
def test_model_reproduces_the_100_percent_row_and_scales_it_linearly(system, years):
    # The assumption: one wage and interest history; a person paying m x it has m x the balance.
    reference_balance = 120 * ACCOUNT[1.0][years]
    basic, account = assess(system, years, [m * reference_balance for m in MULTIPLES])
    assert list(basic) == [150.0] * 4
    model = dict(zip(MULTIPLES, (float(a) for a in account)))
    assert model[1.0] == ACCOUNT[1.0][years]
    assert model[2.0] == pytest.approx(2 * ACCOUNT[1.0][years], abs=1e-9)
    # The seed's 60%, 200% and 300% cells are therefore not reproduced by this assumption.
    for m in (0.6, 2.0, 3.0):
        assert abs(model[m] - ACCOUNT[m][years]) >= 0.01, (m, years)


def test_model_floor_and_cap_keep_the_60_and_300_percent_bases_proportional(system):
    # With one average wage the floor and cap give bases of exactly 0.6 and 3 x the average:
    # they cannot make the factors 0.6622 and 3.1701 of the seed.
    wages = [0.5 * 750, 0.6 * 750, 750, 3 * 750, 3.5 * 750]
    persons = {
        f"p{i}": {
            "birth_date": {"ETERNITY": "1970-01-15"},
            "sex": {"ETERNITY": "male"},
            "insured_region": {"ETERNITY": "shandong"},
            "contribution_wage": {"2002": wage},
        }
        for i, wage in enumerate(wages)
    }
    simulation = SimulationBuilder().build_from_entities(system, {"persons": persons})
    bases = [float(b) for b in simulation.calculate("contribution_base", "2002")]
    assert bases == [450.0, 450.0, 750.0, 2250.0, 2250.0]
