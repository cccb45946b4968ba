"""Reforms as data (reform_files), composition, the baseline left alone, and `compare`.

The pension values are worked out by hand from the seed's Table 2 world (Shandong,
2002, base 750 = 9,000 yuan a year, basic pension 20% = 150) and proposal 2.
"""

import math
import subprocess
import sys

import numpy
import pytest
from reform_errors import assert_refused_at_line, load
from typer.testing import CliRunner

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api
from openfisca_china_social_insurance.analysis import reform_comparison as compare
from openfisca_china_social_insurance.analysis import grids, irr, reform_files
from openfisca_china_social_insurance.cli import app
from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.reforms.basic_pension_by_years import (
    basic_pension_by_years,
    create_basic_pension_by_years,
)


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def person(years, **extra):
    """Shandong man retiring 2002-01 with `years` contribution years, 1996-2001 paid at the average wage."""
    return {
        "birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
        "deemed_contribution_years": years - 6,
        "career": [{"from": 1996, "to": 2001, "index": 1.0}],
        "overrides": {"transitional_coefficient": 0}, **extra,
    }


GOOD = """\
name: share_25
changes:
  - path: pension.benefit.basic_pension.share_of_average_wage
    start: 2002-01-01
    stop: 2005-12-31
    value: 0.25
"""


# -- the loader's errors, each naming the line ---------------------------------


@pytest.mark.parametrize(
    "text, line, words",
    [
        (GOOD.replace("share_of_average_wage", "share_of_average_wages"), 3, ["not a parameter", "Nearest: pension.benefit.basic_pension.share_of_average_wage"]),
        (GOOD.replace(".share_of_average_wage", ""), 3, ["is a folder", "share_of_average_wage"]),
        (GOOD.replace("value: 0.25", "value: true"), 6, ["not a number"]),
        (GOOD.replace("value: 0.25", "value: 25"), 6, ["out of range for a rate", "as 0.25"]),
        (GOOD.replace("start: 2002-01-01", "start: 2002-13-01"), 4, ["2002-13-01", "cannot be read"]),
        (GOOD.replace("start: 2002-01-01", "start: 2002/01/01"), 4, ["not a date", "YYYY-MM-DD"]),
        (GOOD.replace("stop: 2005-12-31", "stop: 2001-12-31"), 5, ["before start"]),
        (GOOD.replace("    value: 0.25", "    valeu: 0.25"), 6, ["unknown key 'valeu'", "Did you mean 'value'"]),
        (GOOD + "  - variant: basic_pension_by_yeers\n", 7, ["variant 'basic_pension_by_yeers'", "basic_pension_by_years"]),
        (GOOD + "  - variant: basic_pension_by_years\n    options: {step: yes}\n", 8, ["step", "not a number"]),
        (GOOD + "  - variant: basic_pension_by_years\n    options: {slope: 0.01}\n", 8, ["unknown key 'slope'"]),
        (GOOD + "  - path: pension.benefit.continued_contribution_allowed\n    start: 2002-01-01\n    value: 1\n", 9, ["not a bool"]),
        (GOOD.replace("name: share_25", "name: [a"), 2, ["not valid YAML"]),
        ("name: x\n", 1, ["changes is missing"]),
    ],
)
def test_reform_file_errors_name_the_line(system, text, line, words):
    assert_refused_at_line(text, system, line, words)


def test_loading_never_executes_code(system, tmp_path):
    marker = tmp_path / "executed"
    text = f"name: evil\nchanges: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(InputError):
        load(text, system)
    assert not marker.exists()


def test_regional_path_without_a_file_of_its_own(system):
    from openfisca_china_social_insurance.core.regions import REGIONS

    rates = system.parameters.pension.contribution.flexible_worker_rate
    key = next(info.key for info in REGIONS if info.key not in rates.children)
    reform = load(f"name: local\nchanges:\n  - {{path: pension.contribution.flexible_worker_rate.{key}, start: 2002-01-01, value: 0.18}}\n", system)
    assert reform(system).parameters.pension.contribution.flexible_worker_rate.children[key]("2002-06-01") == pytest.approx(0.18)
    assert key not in rates.children


# -- applying, composing, the baseline untouched --------------------------------


def test_file_reform_changes_the_basic_pension_and_not_the_baseline(system):
    before = [(v.instant_str, v.value) for v in system.parameters.pension.benefit.basic_pension.share_of_average_wage.values_list]
    reformed = load(GOOD, system)(system)
    assert api.assess({"a": person(15)}, reformed)[0]["basic_pension"] == pytest.approx(750 * 0.25)
    assert api.assess({"a": person(15)}, system)[0]["basic_pension"] == pytest.approx(750 * 0.2)
    after = [(v.instant_str, v.value) for v in system.parameters.pension.benefit.basic_pension.share_of_average_wage.values_list]
    assert before == after
    # stop is the last day in force: 2006 falls back to the baseline (the 2005 rule, no 1997 share)
    assert reformed.parameters.pension.benefit.basic_pension.share_of_average_wage("2006-01-01") is None


def test_reforms_compose_in_order(system):
    at_30 = load(GOOD.replace("0.25", "0.30"), system)
    at_25 = load(GOOD, system)
    first = reform_files.compose(at_30, at_25)(system)
    second = reform_files.compose(at_25, at_30)(system)
    assert api.assess({"a": person(15)}, first)[0]["basic_pension"] == pytest.approx(187.5)
    assert api.assess({"a": person(15)}, second)[0]["basic_pension"] == pytest.approx(225.0)
    # a reform as the baseline of another: proposal 2 on top of the 25% share
    both = reform_files.compose(at_25, basic_pension_by_years)(system)
    assert api.assess({"a": person(20)}, both)[0]["basic_pension"] == pytest.approx(159.38)  # 750 x 0.25 x 0.85 = 159.375


def test_applying_python_reforms_leaves_the_baseline_alone(system):
    for name in reform_files.BUILT_IN:
        reform_files.reform_by_name(name)(system)
    assert "years_linked" not in system.parameters.pension.benefit.basic_pension.children
    assert "arrears_back_payment_allowed" not in system.parameters.pension.contribution.children
    assert system.parameters.pension.contribution.flexible_worker_rate.nation("2010-01-01") == pytest.approx(0.2)
    assert system.parameters.pension.benefit.continued_contribution_allowed("2005-01-01") is False
    assert "back_paid_months" not in system.variables
    assert api.assess({"a": person(20)}, system)[0]["basic_pension"] == pytest.approx(150)


def test_factory_knobs_and_the_capped_file(system):
    capped = create_basic_pension_by_years(maximum_share=1.0)(system)
    assert api.assess({"a": person(40)}, capped)[0]["basic_pension"] == pytest.approx(150)
    from_file = reform_files.reform_by_name("basic_pension_by_years_capped")(system)
    assert api.assess({"a": person(40)}, from_file)[0]["basic_pension"] == pytest.approx(150)
    pro_rata = create_basic_pension_by_years(whole_years=False)(system)
    assert api.assess({"a": person(20.5)}, pro_rata)[0]["basic_pension"] == pytest.approx(round(150 * 0.855, 2))
    with pytest.raises(InputError, match="maximum_share"):
        create_basic_pension_by_years(maximum_share=0.5)
    # The knob that is wrong, alone: both used to be quoted for a bad step.
    with pytest.raises(InputError, match=r"^basic_pension_by_years: step -0.5\. Allowed: 0 to 0.1"):
        create_basic_pension_by_years(share_at_minimum=2.0, step=-0.5)


def test_every_shipped_reform_file_loads(system):
    for name in reform_files.known_names():
        reform_files.reform_by_name(name)(system)


def test_unknown_reform_name_lists_the_known_ones():
    with pytest.raises(InputError) as error:
        reform_files.reform_by_name("basic_pension_by_year")
    assert "basic_pension_by_years" in str(error.value) and "continued_contribution" in str(error.value)


# -- IRR ------------------------------------------------------------------------


def test_irr_of_hand_computable_flows():
    flows = numpy.zeros((2, 25))
    flows[0, 0], flows[0, 12] = -1000, 1100  # 10% in one year
    flows[1, 0], flows[1, 24] = -1000, 1210  # 10% a year over two years
    assert irr.irr(flows) == pytest.approx([0.10, 0.10], abs=1e-9)
    assert math.isnan(irr.irr(numpy.array([[100.0, 100.0]]))[0])  # nothing paid in


def test_irr_of_a_career_paid_yearly():
    # 1,000 paid in January 2000, 1,100 refunded in January 2001: 10% a year.
    retirement = numpy.array(["2001-01-01"], dtype="datetime64[D]")
    birth = numpy.array(["1941-01-01"], dtype="datetime64[D]")
    paid = {2000: (numpy.array([1000.0]), numpy.array([12]))}
    rate = irr.irr_of_career(paid, numpy.array([0.0]), numpy.array([1100.0]), retirement, birth, 80, "yearly")
    assert rate[0] == pytest.approx(0.10, abs=1e-9)
    # Paid monthly over 2000, the money is out for less time: a higher rate.
    monthly = irr.irr_of_career(paid, numpy.array([0.0]), numpy.array([1100.0]), retirement, birth, 80, "monthly")
    assert monthly[0] > 0.10


# -- compare, grid, chart, CLI --------------------------------------------------


def test_compare_seed_table2_under_proposal_2(system):
    """The seed's grid as the seed computed it: 1997 rules 231.50 / 244.72 / 254.15 at 100%
    (the seed's own Table 2), proposal 2 (80% at 15 years, +1 point a year) 120 / 127.50 /
    135 of basic pension plus the same account pensions: 201.50 / 222.22 / 239.15."""
    grid = grids.load_grid("seed-table2")
    labels, rows = compare.compare(system, [basic_pension_by_years], grids.grid_profiles(grid), cells=grids.grid_cells(grid))
    assert labels == ["baseline", "basic_pension_by_years"]
    by = {(row["person"], row["measure"]): row for row in rows}
    for years, share, seed, proposal in ((15, 0.80, 231.50, 201.50), (20, 0.85, 244.72, 222.22), (25, 0.90, 254.15, 239.15)):
        row = by[(f"100% x {years}y", "basic_pension")]
        assert row["baseline"] == pytest.approx(150)
        assert row["basic_pension_by_years"] == pytest.approx(150 * share)
        assert row["Δ basic_pension_by_years"] == pytest.approx(150 * share - 150)
        total = by[(f"100% x {years}y", "monthly_pension")]
        assert (total["baseline"], total["basic_pension_by_years"]) == (seed, proposal)
        extra = by[(f"100% x {years}y", "plus_one_year")]
        assert extra["baseline"] == pytest.approx(0)  # 1997 rule: a year more changes nothing
        assert extra["basic_pension_by_years"] == pytest.approx(1.5)  # 150 x 1 point
    # A given balance: neither a higher base nor the rate of return can be computed.
    assert math.isnan(by[("100% x 15y", "plus_base")]["baseline"])
    assert math.isnan(by[("100% x 15y", "irr")]["baseline"])
    # The seed's printed figures travel with the grid; the 100% row matches them.
    printed = grids.printed(grid, "monthly_pension")
    assert printed["100% x 20y"] == by[("100% x 20y", "monthly_pension")]["baseline"]
    assert printed["300% x 15y"] == 408.36 != by[("300% x 15y", "monthly_pension")]["baseline"]  # an erratum


def test_a_grid_without_reforms_shows_the_baseline():
    runner = CliRunner()
    result = runner.invoke(app, ["compare", "--grid", "seed-table2", "--format", "csv", "--measures", "monthly_pension"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "person,measure,unit,baseline,printed"  # stable keys: the grid's own figures under "printed"
    assert "100% x 25y,monthly_pension,yuan_per_month,254.15,254.15" in lines


def test_grids_for_proposals_1_and_3_show_what_they_do(system):
    """Proposal 1 credits Jinan flexible workers 11% instead of 8% from 2006: a higher
    account pension, the basic pension unchanged. Proposal 3 turns the 2002 refund of a
    man short of 15 years into a pension once his career reaches 15 years."""
    from openfisca_china_social_insurance.reforms.continued_contribution import continued_contribution
    from openfisca_china_social_insurance.reforms.flexible_worker_rate_18 import flexible_worker_rate_18

    grid = grids.load_grid("jinan-flexible-workers")
    # Each cell has its labelled years: a year paid past the retirement month counted only in part
    # (14.42 years in a 15-year cell, short of the minimum, and one more year "lowered" the pension).
    assessed = api.assess(grids.grid_profiles(grid), system)
    assert [row["contribution_years"] for row in assessed] == [cell[1] for cell in grids.grid_cells(grid).values()]
    _, rows = compare.compare(system, [flexible_worker_rate_18], grids.grid_profiles(grid))
    by = {(row["person"], row["measure"]): row for row in rows}
    for cell in grids.grid_cells(grid):
        assert by[(cell, "account_pension")]["Δ flexible_worker_rate_18"] > 0
        assert by[(cell, "basic_pension")]["Δ flexible_worker_rate_18"] == 0
    grid = grids.load_grid("seed-short-careers")
    _, rows = compare.compare(system, [continued_contribution], grids.grid_profiles(grid))
    by = {(row["person"], row["measure"]): row for row in rows}
    for cell in grids.grid_cells(grid):
        assert by[(cell, "monthly_pension")]["baseline"] == 0 and by[(cell, "lump_sum_refund")]["baseline"] > 0
        assert by[(cell, "monthly_pension")]["continued_contribution"] > 0
        assert by[(cell, "lump_sum_refund")]["continued_contribution"] == 0


def test_grid_with_an_impossible_profile_is_refused():
    grid = grids.load_grid("seed-table2")
    with pytest.raises(InputError, match="before age 16"):
        grids.grid_profiles({**grid, "years": [50]})
    with pytest.raises(InputError, match="0.6 to 3.0"):
        grids.grid_profiles({**grid, "bases": [5.0]})
    # Years that are no number of years have their own message, not the age's.
    for years, words in (([-3], "-3 is not a positive number of years"), ([0], "0 is not a positive number of years"), ([15.5], "15.5 is not a whole number of years")):
        with pytest.raises(InputError, match=words) as error:
            grids.grid_profiles({**grid, "years": [15, *years]})
        assert "age 16" not in str(error.value) and "1 or more" in str(error.value)
    with pytest.raises(InputError, match="seed-table2"):
        grids.load_grid("seed-table3")


def test_chart_is_a_png(system, tmp_path):
    grid = grids.load_grid("seed-table2")
    labels, rows = compare.compare(system, [basic_pension_by_years], grids.grid_profiles(grid), cells=grids.grid_cells(grid))
    path = compare.chart(rows, labels, tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_compare_csv_and_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", "--grid", "seed-table2", "-r", "basic_pension_by_years", "--format", "csv", "--measures", "basic_pension"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "person,measure,unit,baseline,basic_pension_by_years,Δ basic_pension_by_years,printed"
    assert "100% x 20y,basic_pension,yuan_per_month,150.00,127.50,-22.50,150.00" in lines
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("value: 0.25", "value: 25"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from openfisca_china_social_insurance.cli import main; main()", "compare", "--grid", "seed-table2", "-r", str(bad)],
        capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert f"{bad}:6:" in done.stderr and "Traceback" not in done.stderr


def test_incentives_of_an_approval_form_profile():
    """With a form's figures as overrides: its years start before the account (14.0833
    pre-account years), so one more year is a deemed year: (7,678 + 5,236.40) / 2 x 1% = 64.57
    of basic pension and 5,236.40 x 1.3% = 68.07 of transitional pension a month (Weifang
    2025-09, 国发〔2005〕38号 art.7; it was the basic pension's 64.57 alone); a higher base
    changes figures the form fixes, so it is not computable (NaN, printed n/a)."""
    import math

    from openfisca_china_social_insurance import CountryTaxBenefitSystem
    from openfisca_china_social_insurance.analysis import reform_comparison as engine
    from openfisca_china_social_insurance.api import example_profiles

    form = {"weifang": example_profiles()["weifang_form_2025_09"]}
    _, rows = engine.compare(CountryTaxBenefitSystem(), [], form)
    measures = {row["measure"]: row["baseline"] for row in rows}
    assert measures["plus_one_year"] == round((7678 + 5236.40) / 2 * 0.01, 2) + round(5236.40 * 0.013, 2) == 132.64
    assert math.isnan(measures["plus_base"])


def test_a_career_from_1991_is_compared_with_its_one_more_year_n_a(system):
    """One more year moves the career to 1990, before any average wage turns an index into a
    wage: that incentive is n/a, never the whole person refused (it was, under every reform)."""
    early = {"birth_date": "1970-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1991, "to": 2024, "index": 1.0}]}
    later = {**early, "career": [{"from": 1992, "to": 2024, "index": 1.0}]}
    _, rows = compare.compare(system, [basic_pension_by_years], {"early": early, "later": later})
    measures = {(row["person"], row["measure"]): row["baseline"] for row in rows}
    assert measures["early", "monthly_pension"] == api.assess({"p": early}, system)[0]["monthly_pension"]
    assert math.isnan(measures["early", "plus_one_year"]) and measures["early", "plus_base"] > 0
    assert measures["later", "plus_one_year"] > 0  # the other person keeps the incentive


def test_an_old_parameter_path_still_works_with_a_deprecation_message():
    text = "name: lower_floor\nchanges:\n  - path: pension.contribution.base_floor\n    start: 2030-01-01\n    value: 0.4\n"
    with pytest.warns(DeprecationWarning, match="common.contribution_base_band.floor"):
        reform = reform_files.load_text(text, "old.yaml")
    reformed = reform(CountryTaxBenefitSystem())
    assert reformed.parameters.common.contribution_base_band.floor("2030-01-01") == 0.4
    assert reformed.parameters.common.contribution_base_band.floor("2029-01-01") == 0.6


def test_a_grid_with_bad_seed_figures_is_refused_by_name():
    grid = grids.load_grid("seed-table2")
    with pytest.raises(InputError, match=r"printed.monthly_pension.1.0: \[231.5, 'x'\]"):
        grids.printed({**grid, "years": [15, 20], "printed": {"monthly_pension": {1.0: [231.5, "x"]}}}, "monthly_pension")
    with pytest.raises(InputError, match="balances_at_full_base: no balance for 30 years"):
        grids.grid_profiles({**grid, "years": [30]})


def test_a_career_given_past_retirement_and_the_horizon_is_compared(system):
    """A career to 2099 for a man retiring in 2002 (the desk's seed person): the IRR's months ran
    past its array (a 500 on /compare); contributions after the retirement month count for nothing."""
    seed = {"birth_date": "1942-01-15", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 14,
            "overrides": {"transitional_coefficient": 0}}
    long = {**seed, "career": [{"from": 1996, "to": 2099, "index": 1.0}]}
    short = {**seed, "career": [{"from": 1996, "to": 2001, "index": 1.0}]}
    _, rows = compare.compare(system, [basic_pension_by_years], {"long": long, "short": short})
    by = {(row["person"], row["measure"]): row["baseline"] for row in rows}
    assert by["long", "monthly_pension"] == by["short", "monthly_pension"] > 0
    assert by["long", "irr"] == by["short", "irr"]


def test_a_horizon_before_a_pension_starts_is_refused_not_an_irr_of_n_a(system):
    """--horizon-age 60 for a man retiring at 60: his IRR was n/a, with nothing saying why. A
    person refunded (short of 15 years) draws no pension: any horizon gives his IRR."""
    people = {"refunded": person(10), "man": person(15)}
    with pytest.raises(InputError) as refused:
        compare.compare(system, [], people, horizon_age=60)
    assert refused.value.code == "horizon_before_pension" and refused.value.field == "horizon_age"
    assert "ends before the pension of 1 person starts (first: 'man', retiring 2002-01 at 60 years 0 months)" in str(refused.value)
    assert "Allowed: 61 to 110" in str(refused.value) and "61 至 110" in refused.value.in_language("zh")
    _, rows = compare.compare(system, [], people, horizon_age=61)
    irr_of = {row["person"]: row["baseline"] for row in rows if row["measure"] == "irr"}
    assert not math.isnan(irr_of["man"]) and not math.isnan(irr_of["refunded"])
    _, rows = compare.compare(system, [], {"refunded": person(10)}, horizon_age=40)
    assert not math.isnan(next(row["baseline"] for row in rows if row["measure"] == "irr"))


def test_back_paid_months_count_once_in_what_is_paid_before_retirement(system):
    """Under proposal 4 the worker back-pays 6 months of 2001: the year pays 6 + 6 months, all
    before the 2002-01 retirement. The months were counted twice (18), and the IRR of a yearly
    payer fell from 10.15% to 7.78%."""
    from openfisca_china_social_insurance.analysis.paid_before_retirement import paid_before_retirement
    from openfisca_china_social_insurance.reforms.flexible_worker_operations import flexible_worker_operations

    person = {"birth_date": {"ETERNITY": "1942-01-15"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "shandong"},
              "contribution_wage": {"2001": 664.67}, "contribution_months": {"2001": 6}, "arrears_months": {"2001": 6}}
    from openfisca_core.simulation_builder import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(flexible_worker_operations(system), {"persons": {"p": person}})
    amount, months = paid_before_retirement(simulation, "individual_contribution", 2001)
    assert months.tolist() == [12]
    assert amount.tolist() == simulation.calculate("individual_contribution", "2001").tolist()


def test_a_career_short_of_the_minimum_shows_the_months_added_to_it(system):
    """A grid's "15y" cell retiring when the minimum is above 15 years is assessed on the
    career api.assess extends: the comparison says by how many months (it said nothing, and
    a reform raising the minimum showed the longer career's pension as the short one's)."""
    short = {"birth_date": "1970-06-15", "sex": "male", "insured_region": "jinan", "career": [{"from": 2016, "to": 2030, "index": 1.0}]}
    full = {**short, "career": [{"from": 2001, "to": 2030, "index": 1.0}]}
    _, rows = compare.compare(system, [], {"short": short, "full": full})
    added = {row["person"]: row["baseline"] for row in rows if row["measure"] == compare.CONTINUED}
    assessed = api.assess({"short": short}, system)[0]
    assert added == {"short": assessed["continued_contribution_months"], "full": 0}
    assert added["short"] == round(assessed["contribution_years"] * 12) - 15 * 12 > 0
