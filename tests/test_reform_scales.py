"""Reform files that change a scale: the payout months by age of 国发〔2005〕38号 (a whole table
from a date, or every age's months times a factor), and the errors that name what is wrong.

Hand-worked figures: the account pension is the balance divided by the payout months, rounded
half up to the fen. The embedded examples (api.example_profiles): the Weifang form, 95,061.63
at 60 years 2 months in 2025-09 (137.8 months in the baseline: 139 - (139 - 132) x 2 / 12), and
the Jinan woman, 85,032.50 at 50 in 2024-05 (195 months; no interpolation before 2025).
"""

import re
from pathlib import Path

import numpy
import pytest
from openfisca_core.simulations import SimulationBuilder
from reform_errors import assert_refused_at_line, load

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api
from openfisca_china_social_insurance.analysis import reform_files
from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import InputError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reforms.md"
PATH = "pension.benefit.payout_months.by_age"


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def change(body, start="2024-01-01", path=PATH):
    """A reform file with one change of `path`; `body` is its other lines, indented."""
    return f"name: payout\nchanges:\n  - path: {path}\n    start: {start}\n" + "".join(f"    {line}\n" for line in body.splitlines())


def examples(reformed):
    return {row["name"]: row for row in api.assess(api.example_profiles(), reformed)}


def months_at(scale, day, ages):
    return lookup.scale_at(scale, numpy.full(len(ages), numpy.datetime64(day)), numpy.array(ages)).tolist()


# -- the whole table from a date -------------------------------------------------


TABLE = "brackets: {40: 250, 50: 210, 55: 185, 60: 160, 65: 120, 70: 80}"


def test_a_whole_table_replaces_the_payout_months_from_its_start(system):
    reformed = load(change(TABLE), system)(system)
    rows = examples(reformed)
    # Weifang 60y2m: 160 - (160 - 160) x 2 / 12 = 160 (61 is in the 60 bracket); 95,061.63 / 160 = 594.135... -> 594.14
    assert rows["weifang_form_2025_09"]["payout_months"] == 160
    assert rows["weifang_form_2025_09"]["account_pension"] == pytest.approx(594.14)
    # Jinan at 50: 210; 85,032.50 / 210 = 404.916... -> 404.92
    assert rows["jinan_flexible_worker_career"]["payout_months"] == 210
    assert rows["jinan_flexible_worker_career"]["account_pension"] == pytest.approx(404.92)
    scale = reformed.parameters.pension.benefit.payout_months.by_age
    # Each age takes the bracket at or below it (the formula reads ages 40 to 70); before the start, the 2005 table.
    assert months_at(scale, "2024-01-01", [40, 49, 50, 59, 60, 64, 65, 70, 75]) == [250, 250, 210, 185, 160, 160, 120, 80, 80]
    assert months_at(scale, "2023-12-01", [40, 50, 60, 70]) == [233, 195, 139, 56]
    # The baseline is untouched.
    assert examples(system)["weifang_form_2025_09"]["account_pension"] == pytest.approx(689.85)
    assert months_at(system.parameters.pension.benefit.payout_months.by_age, "2024-01-01", [50, 60]) == [195, 139]


def test_a_table_with_a_stop_and_more_brackets_than_the_baseline(system):
    table = ", ".join(f"{age}: {300 - 2 * age}" for age in range(30, 81))  # 51 brackets, the baseline has 31
    reformed = load(change(f"stop: 2024-12-31\nbrackets: {{{table}}}"), system)(system)
    scale = reformed.parameters.pension.benefit.payout_months.by_age
    assert len(scale.brackets) == 51
    assert months_at(scale, "2024-06-01", [30, 40, 60, 80, 90]) == [240, 220, 180, 140, 140]
    # After stop, the 2005 table again; the added brackets hold nothing.
    assert months_at(scale, "2025-01-01", [40, 60, 70, 80]) == [233, 139, 56, 56]
    assert rows_payout(reformed, "jinan_flexible_worker_career") == 300 - 2 * 50


def rows_payout(reformed, name):
    return examples(reformed)[name]["payout_months"]


def test_thresholds_may_be_quoted_as_in_a_json_document(system):
    reformed = load(change("brackets: {'40': 233, '60': 150}"), system)(system)
    assert months_at(reformed.parameters.pension.benefit.payout_months.by_age, "2024-01-01", [59, 60]) == [233, 150]


# -- a factor on every age's months -----------------------------------------------


def test_the_shipped_factor_reform_by_hand(system):
    reformed = reform_files.reform_by_name("payout_months_longer_life")(system)
    scale = reformed.parameters.pension.benefit.payout_months.by_age
    # 233 x 1.1 = 256.3 -> 256; 195 x 1.1 = 214.5 -> 215 (half up); 170 -> 187; 139 x 1.1 = 152.9 -> 153; 132 -> 145.2 -> 145; 56 -> 61.6 -> 62
    assert months_at(scale, "2024-01-01", [40, 50, 55, 60, 61, 70]) == [256, 215, 187, 153, 145, 62]
    rows = examples(reformed)
    # Weifang 60y2m in 2025-09: 153 - (153 - 145) x 2 / 12 = 151.67 -> 151.7; 95,061.63 / 151.7 = 626.642... -> 626.64
    assert rows["weifang_form_2025_09"]["payout_months"] == pytest.approx(151.7)
    assert rows["weifang_form_2025_09"]["account_pension"] == pytest.approx(626.64)
    # Jinan at 50 in 2024-05: 215; 85,032.50 / 215 = 395.50
    assert rows["jinan_flexible_worker_career"]["payout_months"] == 215
    assert rows["jinan_flexible_worker_career"]["account_pension"] == pytest.approx(395.50)


def test_a_factor_without_decimals_keeps_the_products_and_follows_earlier_changes(system):
    text = change(TABLE) + "  - path: " + PATH + "\n    start: 2025-01-01\n    factor: 1.1\n"
    scale = load(text, system)(system).parameters.pension.benefit.payout_months.by_age
    assert months_at(scale, "2024-06-01", [50, 60]) == [210, 160]  # the table alone
    assert months_at(scale, "2025-01-01", [50, 60]) == pytest.approx([231, 176])  # the table x 1.1, not the 2005 one


def test_the_cli_compares_a_scale_reform_on_a_grid(tmp_path):
    from typer.testing import CliRunner

    from openfisca_china_social_insurance.cli import app

    reform = tmp_path / "longer.yaml"
    reform.write_text(change(TABLE), encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "en", "compare", "--grid", "jinan-flexible-workers", "-r", str(reform), "--format", "csv", "--measures", "account_pension"])
    assert result.exit_code == 0, result.output
    rows = {line.split(",")[0]: line.split(",") for line in result.output.splitlines() if line.startswith("100% x 15y")}
    # Jinan man at 60 in 2024-06, 99,973.41 in the account: / 139 = 719.23, / 160 = 624.83
    assert rows["100% x 15y"][3:6] == ["719.23", "624.83", "-94.40"], rows


# -- errors naming the input and what is allowed ----------------------------------


@pytest.mark.parametrize(
    "text, line, words",
    [
        (change("value: 150"), 5, ["changes[0].value", "is a scale", "brackets: {threshold: amount, ...}", "age (years)", "e.g. {40: 233, 41: 230, ...}", "factor"]),
        (change(""), 3, ["brackets or factor is missing", "Allowed: one of brackets"]),
        (change("factor: 1.1\n" + TABLE), 3, ["brackets and factor are both given"]),
        (change("factor: 0"), 5, ["changes[0].factor: 0 is not a number more than 0", "1.1 for 10% more"]),
        (change("factor: ten"), 5, ["'ten' is not a number more than 0"]),
        (change("factor: 10"), 5, ["factor at threshold 40 (233 x 10 = 2330)", "out of range for unit month", "more than 0, up to 1200"]),
        (change("factor: 1.1\ndecimals: 0.5"), 6, ["decimals: 0.5", "whole number 0 to 6"]),
        (change(TABLE + "\ndecimals: 0"), 6, ["decimals: only with factor"]),
        (change("brackets: {40: 233, 60: 0}"), 5, ["brackets.60: 0 is out of range for unit month", "more than 0"]),
        (change("brackets: {40: 233, 60: -5}"), 5, ["brackets.60: -5 is out of range"]),
        (change("brackets: {40: 233, 60: null}"), 5, ["brackets.60: null", "leave the threshold out"]),
        (change("brackets: {40: 233, 60: yes}"), 5, ["brackets.60: True is not a number"]),
        (change("brackets: {40: 233, sixty: 139}"), 5, ["threshold 'sixty' is not a number", "e.g. 40"]),
        (change("brackets: {40: 233, 60.5: 139}"), 5, ["threshold 60.5 is out of range", "a whole number 0 to 120"]),
        (change("brackets: {40: 233, 160: 139}"), 5, ["threshold 160 is out of range"]),
        (change("brackets: {40: 233, 60: 139, '60': 140}"), 5, ["threshold 60 given twice"]),
        (change("brackets: {}"), 5, ["expected a non-empty mapping"]),
        (change("brackets: [139]"), 5, ["expected a non-empty mapping"]),
        (change("brackets: {50: 210, 60: 160}"), 5, ["lowest threshold 50", "age (years) 40 up to 50 without a value", "40 or less"]),
        (change("factor: 1.1", path="pension.benefit.payout_months.flat_1997"), 5, ["changes[0].factor", "single-valued parameter, not a scale", "value:"]),
        (change("value: 0", path="pension.benefit.payout_months.flat_1997"), 5, ["0 is out of range for unit month", "more than 0"]),
        (change("factor: 1.1", path="pension.benefit.payout_months.by_ag"), 3, ["not a parameter", "Nearest: pension.benefit.payout_months.by_age"]),
    ],
)
def test_scale_changes_are_refused_by_name(system, text, line, words):
    assert_refused_at_line(text, system, line, words)


def test_a_rate_scale_is_checked_as_rates(system):
    path = "pension.benefit.extra_pension.bracketed.rate_by_contribution_years"
    with pytest.raises(InputError, match=r"brackets.30: 25 is out of range for a rate .*Write 25% as 0.25"):
        load(change("brackets: {0: 0, 20: 0.0015, 30: 25}", path=path), system)
    with pytest.raises(InputError, match=r"threshold 30 \(0.0025 x 500 = 1.25\): 1.25 is out of range for a rate"):
        load(change("factor: 500", path=path), system)


def test_an_assumption_file_may_scale_the_life_table_only(system, tmp_path):
    """projection.mortality is a scale: an assumption file may scale it (lighter mortality),
    and still may not touch the rules' scales."""
    lighter = tmp_path / "lighter.yaml"
    lighter.write_text(change("factor: 0.9", path="projection.mortality.male"), encoding="utf-8")
    reformed = reform_files.assumptions(str(lighter))(system)
    before = months_at(system.parameters.projection.mortality.male, "2025-01-01", [60, 80])
    after = months_at(reformed.parameters.projection.mortality.male, "2025-01-01", [60, 80])
    assert after == pytest.approx([round(q * 0.9, 10) for q in before])
    rules = tmp_path / "rules.yaml"
    rules.write_text(change("factor: 1.1"), encoding="utf-8")
    with pytest.raises(InputError, match="projection.\\* parameters only"):
        reform_files.assumptions(str(rules))


def test_a_shorter_marginal_scale_keeps_paying_its_last_bracket(system):
    """吉林 分段增发 with the 30-year bracket taken out from 2025: the 25-year bracket has no
    ceiling left (the removed bracket's threshold has no value), so 0.20% runs to the end of the
    record. Tonghua 2025-08 (tests/pension/provincial_additions.yaml): wage 5,345.12, 44.42 years:
    5345.12 x 0.15% x 5 = 40.09; 5345.12 x 0.20% x 19.42 = 207.6044 -> 207.60; 247.69 in all."""
    path = "pension.benefit.extra_pension.bracketed.rate_by_contribution_years"
    reformed = load(change("brackets: {0: 0, 20: 0.0015, 25: 0.002}", start="2025-01-01", path=path), system)(system)
    person = {
        "birth_date": {"ETERNITY": "1965-08-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jilin"},
        "retirement_date": {"ETERNITY": "2025-08-01"}, "deemed_contribution_years": {"ETERNITY": 15.25},
        "pension_calculation_base": {"ETERNITY": 7322.08}, "average_contribution_index": {"ETERNITY": 0.46},
        "contribution_years": {"ETERNITY": 44.42}, "pre_account_contribution_years": {"ETERNITY": 15.25},
        "personal_account_balance": {"ETERNITY": 69844.83}, "payout_months": {"ETERNITY": 139},
    }
    simulation = SimulationBuilder().build_from_entities(reformed, {"persons": {"p": person}})
    assert simulation.calculate("bracketed_extra_pension", "2025-08")[0] == pytest.approx(40.09 + 207.60)


# -- the documentation's examples -------------------------------------------------


def test_the_reform_files_in_docs_reforms_md_load(system):
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    files = [block for block in blocks if block.startswith("name:")]
    assert any(PATH in block and "brackets:" in block for block in files), "docs/reforms.md shows no table of payout months"
    for block in files:
        load(block, system)(system)
