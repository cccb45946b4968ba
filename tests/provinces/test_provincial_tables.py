"""The provincial tables a contribution career needs (issue #3): average wages, calculation
bases, crediting rates and account starts for the 31 provinces.

1. Coverage: each province has an average wage and a calculation base in force for every
   year of the span it claims (COVERAGE), with no gap.
2. Forms: every value agrees with the base printed on every verified approval form of the
   province (peer-pension-calculator cases), so a lead value that contradicts a form fails,
   and so does a file keyed by the wage year instead of the retirement year.
3. Careers: a career-based pension computes for a person in each province (api.assess).
Hand-worked careers for three provinces are the YAML tests beside this file.
"""

import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api, default_system
from openfisca_china_social_insurance.core import regions
from openfisca_china_social_insurance.validation.approval_forms import default_shared_dir, load_cases

PROVINCES = [info.key for info in regions.REGIONS if info.level == "province"]

#: (first, last) year with an average wage for contributions, and with a calculation base
#: for retirements, both in the province's own file. The spans end at the last year the
#: leads give (2024-2026 for wages; 2025 for bases, a later year carries the 2025 value on;
#: Heilongjiang 2026, its base published before the year).
#: Shorter spans are where the lead's earlier years were generated or not the province's
#: (see each file's documentation). None: no provincial table (Hubei bases are by city tier).
COVERAGE = {
    "beijing": ((1995, 2024), (1997, 2025)),
    "tianjin": ((1992, 2025), (1997, 2025)),
    "hebei": ((1993, 2025), (2020, 2025)),
    "shanxi": ((1992, 2025), (2020, 2025)),
    "neimenggu": ((1991, 2026), (2020, 2025)),
    "liaoning": ((1992, 2024), (1997, 2025)),
    "jilin": ((1996, 2025), (1997, 2025)),
    "heilongjiang": ((1991, 2026), (1997, 2026)),
    "shanghai": ((2021, 2025), (2020, 2025)),
    "jiangsu": ((2019, 2025), (2020, 2025)),
    "zhejiang": ((1993, 2026), (2020, 2025)),
    "anhui": ((2007, 2025), (2020, 2025)),
    "fujian": ((1990, 2025), (1997, 2025)),
    "jiangxi": ((1991, 2025), (1997, 2025)),
    "shandong": ((1996, 2025), (2002, 2025)),
    "henan": ((1995, 2024), (2020, 2025)),
    "hubei": ((2020, 2024), None),
    "hunan": ((2019, 2025), (1997, 2025)),  # wages also 1990-2016 (2017-2018 left out)
    "guangdong": ((1994, 2024), (2013, 2025)),
    "guangxi": ((1995, 2024), (2020, 2025)),
    "hainan": ((1999, 2025), (2000, 2025)),
    "chongqing": ((1991, 2024), (2019, 2025)),
    "sichuan": ((2020, 2024), (2020, 2025)),
    "guizhou": ((1995, 2026), (2020, 2025)),
    "yunnan": ((1995, 2025), (1997, 2025)),
    "xizang": ((1998, 2025), (2005, 2025)),
    "shaanxi": ((1992, 2025), (2020, 2025)),
    "gansu": ((1995, 2025), (1997, 2025)),
    "qinghai": ((1995, 2024), (2020, 2025)),
    "ningxia": ((1995, 2025), (2020, 2025)),
    "xinjiang": ((1996, 2025), (2020, 2025)),
}

#: Verified forms whose printed base is not a province value at all, and why (left out of test 2).
NOT_A_PROVINCE_VALUE = {
    "liaoning/7.json": "Shenyang's own tier (8266, 沈阳市单列); the provincial tier is 7346 (lead notes, 辽人社〔2025〕17号)",
    "hunan/5.json": "a 2026 base (7699); 2026 bases are not encoded",
}
#: Verified forms whose printed base contradicts their province's practice (neither the
#: retirement year's base nor, on a provisional form, the year before's), and why. Empty: every
#: verified form is explained by the file's dating and approval_forms' provisional detection
#: (notes, and the facts `provisional: true / false` of tests/approval_forms/case_facts.yml).
#: Add a form here only with its evidence.
CONTRADICTS_PRACTICE = {}


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def own(node, province, year):
    """The province's own value in force on 1 January of `year` (no fallback), or None."""
    child = node.children.get(province)
    return None if child is None else child(f"{year}-01-01")


def test_coverage_table_names_every_province():
    assert sorted(COVERAGE) == sorted(PROVINCES)


@pytest.mark.parametrize("province", PROVINCES)
def test_no_gap_in_the_covered_years(system, province):
    wages, bases = COVERAGE[province]
    pension = system.parameters.pension
    missing = [y for y in range(wages[0], wages[1] + 1) if own(system.parameters.common.average_wage, province, y) is None]
    assert not missing, f"{province}: no average wage in {missing}"
    if bases is None:
        assert province not in pension.benefit.pension_calculation_base.children
        return
    missing = [y for y in range(bases[0], bases[1] + 1) if own(pension.benefit.pension_calculation_base, province, y) is None]
    assert not missing, f"{province}: no calculation base in {missing}"
    # The span starts where the table starts (or after a deliberate gap): nothing is carried in.
    assert own(pension.benefit.pension_calculation_base, province, bases[0] - 1) is None or bases[0] == 1997


@pytest.mark.parametrize("province", PROVINCES)
def test_values_are_plausible_monthly_wages(system, province):
    """A guard against a year's value in the wrong unit (annual, or a typo by a factor of ten)."""
    pension = system.parameters.pension
    wages, bases = COVERAGE[province]
    for node, span in ((system.parameters.common.average_wage, wages), (pension.benefit.pension_calculation_base, bases)):
        if span is None:
            continue
        values = [own(node, province, y) for y in range(span[0], span[1] + 1)]
        assert all(100 < value < 20000 for value in values), (province, node.name, values)
        # No year more than 60% above or below the year before (the 2019 change of wage series
        # moved some provinces by about 20%).
        for before, after in zip(values, values[1:]):
            assert 0.6 < after / before < 1.6, (province, node.name, before, after)


def _province(region):
    """The province whose base a case's region uses: a city without a base file of its own
    (Guangzhou, Chengdu...) uses its province's; a city with one (Shenzhen) is not a province's."""
    own_files = default_system().parameters.pension.benefit.pension_calculation_base.children
    while region and region not in PROVINCES and region not in own_files:
        region = regions.BY_KEY[region].parent
    return region


def _verified_forms():
    cases = load_cases(default_shared_dir())
    return [
        case for case in cases
        if case.verified and case.base is not None and _province(case.region) in PROVINCES
        and COVERAGE[_province(case.region)][1] is not None and case.path not in NOT_A_PROVINCE_VALUE
    ]


def test_there_are_verified_forms_to_check():
    assert len(_verified_forms()) >= 60


@pytest.mark.parametrize("case", _verified_forms(), ids=lambda case: case.path)
def test_every_base_agrees_with_the_verified_forms(system, case):
    """A value dated Y is the base for retirements in Y (pension_calculation_base/index.yaml):
    a provisional form prints the value at the year before its retirement, any other form the
    value at its retirement year. A form of a year whose base is not published in the data
    (each file ends with null after its last year) was necessarily assessed on the year
    before's base, provisionally. Forms
    assessed before the year's base was published without saying so (Sichuan, Jiangxi,
    Guangdong, Hebei, Tianjin) are provisional by their fact `provisional: true` in
    tests/approval_forms/case_facts.yml, with the evidence; the only other way out is
    CONTRADICTS_PRACTICE."""
    if case.path in CONTRADICTS_PRACTICE:
        pytest.skip(CONTRADICTS_PRACTICE[case.path])
    node = system.parameters.pension.benefit.pension_calculation_base
    province = _province(case.region)
    provisional = case.provisional or own(node, province, case.retirement[0]) is None
    year = case.retirement[0] - provisional
    value = own(node, province, year)
    which = "year before (provisional)" if provisional else "retirement year"
    assert value is not None and abs(value - case.base) < 0.005, (
        f"{case.path}: printed base {case.base}, the file gives {value} at {year} ({which})"
    )


def test_the_form_lists_name_existing_verified_forms():
    """The provisional overrides and the exceptions name forms that exist and are verified."""
    from openfisca_china_social_insurance.validation.approval_forms import default_facts_path, load_case_facts

    facts = load_case_facts(default_facts_path())
    provisional_in_practice = {path for path, fact in facts.items() if fact.provisional is True}
    not_provisional = {path for path, fact in facts.items() if fact.provisional is False}
    verified = {case.path for case in load_cases(default_shared_dir()) if case.verified}
    listed = provisional_in_practice | not_provisional | set(CONTRADICTS_PRACTICE) | set(NOT_A_PROVINCE_VALUE)
    assert listed <= verified, sorted(listed - verified)
    assert not provisional_in_practice & not_provisional


def _career(province, system):
    """The last 15 years (1998-2024) with a provincial average wage; where the province has
    fewer, the earlier years are paid in Shandong (transfer: years add up, 国办发〔2009〕66号)."""
    node = system.parameters.common.average_wage
    years = [y for y in range(1998, 2025) if own(node, province, y) is not None][-15:]
    segments = [{"from": y, "to": y, "index": 1.0} for y in years]
    elsewhere = 15 - len(years)
    if elsewhere:
        segments += [{"from": y, "to": y, "index": 1.0, "region": "shandong"} for y in range(2005, 2005 + elsewhere)]
    return segments


@pytest.mark.parametrize("province", PROVINCES)
def test_a_career_pension_computes_in_every_province(system, province):
    profile = {"birth_date": "1965-01-15", "sex": "male", "insured_region": province, "career": _career(province, system)}
    row = api.assess([profile], system)[0]
    assert row["retirement_date"] == "2025-02-01"
    assert row["contribution_years"] == 15
    if COVERAGE[province][1] is None:  # no published base (Hubei: city tiers): the year's average wage, estimated
        assert row["pension_calculation_base"] == own(system.parameters.common.average_wage, province, 2024) * 1.05
        assert row["monthly_pension_status"] == "projected"  # 2025's wage is projected from 2024's
    else:
        assert row["pension_calculation_base"] == own(system.parameters.pension.benefit.pension_calculation_base, province, 2025)
    assert row["average_contribution_index"] == pytest.approx(1.0, abs=0.0001)  # index 1.0 every year
    assert row["personal_account_balance"] > 0 and row["account_pension"] > 0
    # 15 years: basic = (base + indexed wage) / 2 x 15 x 1%, to the fen (or the jiao). The indexed
    # wage is base x 1.0 except where a province multiplies the index by another wage (Henan).
    basic = (row["pension_calculation_base"] + row["indexed_average_monthly_wage"]) / 2 * 15 * 0.01
    assert row["basic_pension"] == pytest.approx(basic, abs=0.06)
    assert row["monthly_pension"] >= row["basic_pension"] + row["account_pension"] - 0.005


@pytest.mark.parametrize("province", PROVINCES)
def test_provincial_crediting_rates_stop_in_2016(system, province):
    node = system.parameters.pension.personal_account.crediting_rate
    if province in node.children:
        assert own(node, province, 2016) is None, "the unified national rate applies from 2016"


@pytest.mark.parametrize("province", PROVINCES)
def test_account_start_is_set_for_every_province(system, province):
    child = system.parameters.pension.personal_account.in_operation.children[province]
    assert not child("1990-01-01") and child("2001-01-01")


def test_lead_values_say_they_are_leads(system):
    """Every reference to the peer calculator's tables says it is not an official source."""
    import yaml
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "parameters" / "pension"
    folders = ("contribution/average_wage", "benefit/pension_calculation_base", "personal_account/crediting_rate", "personal_account/in_operation")
    for folder in folders:
        for path in (root / folder).glob("*.yaml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for entries in ((data.get("metadata") or {}).get("reference") or {}).values():
                for entry in entries:
                    if str(entry.get("title", "")).startswith("Lead from"):
                        assert "not an official source" in entry["title"], path


@pytest.mark.parametrize("folder", ["pension.benefit.pension_calculation_base", "common.average_wage"])
def test_every_regional_table_ends_with_null_so_no_old_figure_is_carried_forward(system, folder):
    node = system.parameters
    for part in folder.split("."):
        node = getattr(node, part)
    for key, parameter in node.children.items():
        latest = max(parameter.values_list, key=lambda value: value.instant_str)
        assert latest.value is None, f"{folder}.{key}: last value {latest.value} at {latest.instant_str} is not closed by null"


def test_a_retirement_after_the_last_published_base_is_projected(system):
    from openfisca_china_social_insurance import api

    profile = {"birth_date": "1967-03-01", "sex": "male", "insured_region": "shandong",
               "career": [{"from": 2000, "to": 2024, "index": 1.0}], "retirement_date": "2027-03-01"}
    row = api.assess({"late": profile}, system)[0]
    # 2027 = the last published base (2025: 7,831) grown twice by the central assumption (5%).
    assert row["pension_calculation_base"] == pytest.approx(round(round(7831 * 1.05, 2) * 1.05, 2), abs=0.011)
    assert row["monthly_pension_status"] == "projected"
    # Assessed provisionally in 2026, on the 2025 base: 7,831 (Jinan form of 2026-01).
    profile.update(retirement_date="2026-03-01", provisional_assessment=True)
    assert api.assess({"late": profile}, system)[0]["pension_calculation_base"] == 7831
