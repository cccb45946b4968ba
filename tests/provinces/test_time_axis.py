"""The time axis: every province computes from the accounts' start to 2100, each figure
with the status of what it rests on (issue: the time axis)."""

import re

import numpy
import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api
from openfisca_china_social_insurance.analysis import reform_files
from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.core.regions import REGIONS, Region

PROVINCES = [info.key for info in REGIONS if info.level == "province"]
DATES = ["2006-07", "2010-07", "2015-07", "2020-07", "2024-03", "2025-07", "2030-07", "2040-07"]


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def _profile(province, date, deemed_account=None):
    """One ordinary career from age 16: 5 deemed years where they fit before 1996, then the
    provincial average wage. Guangdong's original method (2021-2025) pays the deemed account
    an approval form prints and the model cannot build: the profile gives one there."""
    year, month = int(date[:4]), int(date[5:])
    starts_work = year - 60 + 16
    profile = {
        "birth_date": f"{year - 60}-{month:02d}-05", "sex": "male", "insured_region": province,
        "deemed_contribution_years": 5 if starts_work <= 1991 else 0, "retirement_date": f"{date}-01",
        "career": [{"from": max(1996, starts_work), "to": year, "index": 1.0}],
    }
    if province == "guangdong" and 2021 <= year <= 2025:
        profile["overrides"] = {"deemed_account_balance": deemed_account or 6000.0}
    return profile


def test_guangdongs_original_method_needs_the_deemed_account(system):
    profile = _profile("guangdong", "2025-07")
    del profile["overrides"]
    with pytest.raises(InputError, match="deemed_account_balance: not given"):
        api.assess({"p": profile}, system)


@pytest.mark.parametrize("date", DATES)
def test_every_province_computes_at_every_date(system, date):
    rows = api.assess({province: _profile(province, date) for province in PROVINCES}, system)
    for row in rows:
        assert row["monthly_pension"] > 0, row["name"]
        if date >= "2030":
            assert row["monthly_pension_status"] == "projected", row["name"]


def test_a_province_never_borrows_the_national_average_wage(system):
    """Hubei publishes from 2020: its 2001 figure is its 2020 figure moved by the national series."""
    wages = time_axis.average_wage(system.parameters)
    day = lookup.year_start(2001)
    hubei = lookup.at(wages[0], day, Region.hubei.index)
    nation = system.parameters.common.average_wage.nation
    assert hubei == round(6233 * nation("2001-01-01") / nation("2020-01-01"), 2)  # to the fen
    assert lookup.at(wages[1], day, Region.hubei.index) == lookup.STATUS_CODE["estimated"]


def test_a_calculation_base_before_its_first_year_is_that_years_average_wage(system):
    shandong_2000 = system.parameters.common.average_wage.shandong("2000-01-01")
    profile = _profile("shandong", "2000-07")
    row = api.assess({"p": profile}, system)[0]
    assert row["pension_calculation_base"] == shandong_2000
    # Weakest of: the base (estimated, a derivation) and the 1996-1997 crediting rates (unverified, U).
    assert row["monthly_pension_status"] == "unverified"


def test_assumption_sets_move_a_2040_pension_in_the_expected_direction(system):
    profile = {"p": _profile("shandong", "2040-07")}
    pensions = {}
    for name in ("low", "central", "high"):
        pensions[name] = api.assess(profile, reform_files.assumptions(name)(system))[0]["monthly_pension"]
    assert pensions["low"] < pensions["central"] < pensions["high"]


def test_an_assumption_file_may_only_change_projection_parameters(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nchanges:\n  - path: pension.contribution.individual_rate\n    start: 2030-01-01\n    value: 0.1\n", encoding="utf-8")
    with pytest.raises(Exception, match="projection"):
        reform_files.assumptions(str(path))


def test_an_assumption_file_may_let_wages_fall_and_its_errors_say_assumption_file(system, tmp_path):
    """Wages falling 2% a year from 2026 were refused ('Allowed: 0 to 1'), by errors that said
    'reform file'. A fall is an assumption (metadata negative_allowed); -100% or less is not."""

    def assumed(name, value, path="projection.average_wage_growth"):
        file = tmp_path / f"{name}.yaml"
        file.write_text(f"name: {name}\nchanges:\n  - path: {path}\n    start: 2026-01-01\n    value: {value}\n", encoding="utf-8")
        return str(file)

    profile = {"p": _profile("shandong", "2040-07")}
    pensions = {value: api.assess(profile, reform_files.assumptions(assumed(f"g{index}", value))(system))[0]["monthly_pension"]
                for index, value in enumerate((-0.02, 0.0, 0.05))}
    assert 0 < pensions[-0.02] < pensions[0.0] < pensions[0.05]
    reform_files.assumptions(assumed("loss", -0.05, "projection.fund_return"))  # a loss of the fund too
    for value, words in ((-1, "Allowed: above -1 (a fall of less than 100%) to 1"), (-5, "Write -5% as -0.05"), (5, "Write 5% as 0.05")):
        with pytest.raises(InputError, match=r"^assumption file .*bad\.yaml:5: projection.average_wage_growth: .*" + re.escape(words)):
            reform_files.assumptions(assumed("bad", value))
    with pytest.raises(InputError, match=r"^assumption file .*uprating\.yaml:5: .*Allowed: 0 to 1"):  # pensions in payment are not cut
        reform_files.assumptions(assumed("uprating", -0.01, "projection.pension_uprating"))
    with pytest.raises(InputError, match=r"^assumption file .*rule\.yaml: changes 'pension"):
        reform_files.assumptions(assumed("rule", 0.1, "pension.contribution.individual_rate"))
    with pytest.raises(InputError, match=r"^assumption file .*none\.yaml: cannot be read"):
        reform_files.assumptions(str(tmp_path / "none.yaml"))
    with pytest.raises(InputError, match=r"^reform file .*rate\.yaml:5: .*Allowed: 0 to 1"):  # a reform file stays a reform file
        reform_files.load(assumed("rate", -0.01, "pension.contribution.individual_rate"))


def test_twenty_year_minimum_from_2026_changes_a_sixteen_year_career(system):
    text = "name: minimum_20_from_2026\nchanges:\n  - path: pension.benefit.minimum_contribution_years\n    start: 2026-01-01\n    value: 20\n"
    reform = reform_files.load_text(text, "minimum.yaml")
    profile = {"p": {"birth_date": "1968-03-05", "sex": "male", "insured_region": "jinan",
                     "career": [{"from": 2012, "to": 2027, "index": 0.6, "employment_type": "flexible_worker"}]}}
    baseline = api.assess(profile, system)[0]
    reformed = api.assess(profile, reform(system))[0]
    assert baseline["pension_eligible"] and baseline["monthly_pension"] > 0
    assert baseline["monthly_pension_status"] == "projected"
    assert reformed["monthly_pension"] != baseline["monthly_pension"]


def test_each_status_names_what_it_rests_on(system):
    """A 2040 career: its last years' average wages and the base are projected; 1996's wage is Shandong's own."""
    simulation = api.build_simulation({"p": _profile("jinan", "2040-07")}, system)
    assert str(simulation.calculate("average_wage_status", "1996").decode()[0].name) == "estimated"
    assert str(simulation.calculate("average_wage_status", "2030").decode()[0].name) == "projected"
    assert str(simulation.calculate("pension_calculation_base_status", "2040-07").decode()[0].name) == "projected"
    assert str(simulation.calculate("personal_account_balance_status", "2040-07").decode()[0].name) == "projected"
    assert str(simulation.calculate("monthly_pension_status", "2040-07").decode()[0].name) == "projected"


def test_the_committed_coverage_table_is_up_to_date(system):
    from pathlib import Path

    from openfisca_china_social_insurance.analysis import coverage

    committed = (Path(__file__).resolve().parents[2] / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert committed == coverage.to_markdown(system.parameters), "rerun scripts/coverage_report.py"
    # Every province has an average wage and a calculation base every month from 1993 to 2100.
    provinces = [Region[key].index for key in PROVINCES]
    first = (1993 - lookup.FIRST_YEAR) * 12
    for series in (time_axis.average_wage, time_axis.pension_calculation_base):
        values = series(system.parameters)[0][provinces, first:]
        assert not numpy.isnan(values).any(), series.__name__
