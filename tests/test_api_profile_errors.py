"""api.assess refuses a bad profile field with an InputError naming the person, the field,
the value and what is allowed, instead of computing something silently wrong.

Each test failed before its fix; the comment says what used to happen. Errors of the
simulation itself (regions, careers, parameters) are in test_errors.py.
"""

import math

import pytest
import yaml

from openfisca_china_social_insurance import CountryTaxBenefitSystem, api
from openfisca_china_social_insurance.core.errors import InputError

BASE = {"birth_date": "1962-05-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1998, "to": 2022, "index": 1.0}]}


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def refused(system, profiles, *words):
    with pytest.raises(InputError) as info:
        api.assess(profiles, system)
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Allowed" in message, message


def test_provisional_assessment_must_be_a_bool(system):
    # "false" (a string) used to count as true: the previous year's base, silently.
    refused(system, {"p": {**BASE, "provisional_assessment": "false"}}, "provisional_assessment", "'false'", "true or false")


@pytest.mark.parametrize("field, value", [("deemed_contribution_years", math.nan), ("special_type_work_years", math.inf)])
def test_profile_numbers_must_be_finite(system, field, value):
    # NaN deemed years made the contribution years NaN: no pension, no error.
    refused(system, {"p": {**BASE, field: value}}, field, "finite")


def test_override_must_be_finite(system):
    refused(system, {"p": {**BASE, "overrides": {"personal_account_balance": math.nan}}}, "personal_account_balance", "finite")


def test_payout_months_override_must_be_positive(system):
    # 0 divided the balance by zero: an account pension of infinity.
    refused(system, {"p": {**BASE, "overrides": {"payout_months": 0}}}, "payout_months", "from 56 to 233")


def test_overrides_must_be_a_mapping(system):
    refused(system, {"p": {**BASE, "overrides": [1]}}, "overrides", "mapping")


def test_a_list_of_profiles_with_a_non_mapping(system):
    refused(system, [BASE, 1], "person_1", "mapping")


def test_a_list_of_profiles_with_the_same_name_twice(system):
    # The second used to replace the first: two persons in, one pension out.
    refused(system, [{**BASE, "name": "a"}, {**BASE, "name": "a", "sex": "female"}], "'a'", "twice")


def test_a_list_of_profiles_with_an_unusable_name(system):
    refused(system, [{**BASE, "name": ["a"]}], "name", "['a']")


def test_career_before_working_age(system):
    # Born 2030 (a typo for 1930 or 1960) with contributions from 2000: a pension was
    # computed for contributions paid before birth.
    refused(system, {"p": {**BASE, "birth_date": "2030-01-01"}}, "p.career", "1998", "2046")


def test_unknown_region_names_the_person_and_field(system):
    refused(system, {"p": {**BASE, "insured_region": "atlantis"}}, "p.insured_region: unknown region 'atlantis'")
    # The field as a path (api.assess_each's refusals carry it), named once ("p.insured_region: region: ..." before).
    _, errors = api.assess_each({"p": {**BASE, "insured_region": "atlantis"}}, system)
    assert errors["p"].field == "p.insured_region" and str(errors["p"]).startswith("p.insured_region: unknown region")
    refused(system, {"p": {**BASE, "career": [{"from": 1998, "to": 2022, "index": 1.0, "region": None}]}}, "p.career[0].region")


@pytest.mark.parametrize("field, value", [("from", 1998.5), ("months", 6.5)])
def test_career_years_and_months_must_be_whole(system, field, value):
    # 1998.5 used to be cut to 1998 and 6.5 months to 6, silently.
    segment = {"from": 1998, "to": 2022, "index": 1.0, field: value}
    refused(system, {"p": {**BASE, "career": [segment]}}, f"p.career[0].{field}", repr(value), "whole number")


@pytest.mark.parametrize(
    "segment, words",
    [
        ({"index": 0}, ["p.career[1].index: 0 is a year without contributions", "pays 12 months", "above 0 and at most 10", "months: 0"]),
        ({"wage": 0, "months": 6, "arrears_months": 6}, ["p.career[1].wage: 0 is a year without contributions", "6 months and 6 back-paid", "months: 0"]),
    ],
)
def test_an_index_or_wage_of_0_for_months_paid_is_refused_as_a_population_file_refuses_it(system, segment, words):
    """An index of 0 was allowed ("0 to 10") and the model then refused it as
    "contribution_wage 2010: missing (0)", while a population file said "above 0". A paid year's
    base is held within 60%-300% of the average wage (国发〔2005〕38号 art.3): any index above 0 is
    a year paid, 0 a year without contributions, written as months: 0."""
    career = [{"from": 1998, "to": 2009, "index": 1.0}, {"from": 2010, "to": 2022, **segment}]
    refused(system, {"p": {**BASE, "career": career}}, *words)


def test_years_without_contributions_are_months_0_even_with_an_index_of_0(system):
    paid = [{"from": 1998, "to": 2012, "index": 1.0}]
    with_gap = api.assess({"p": {**BASE, "career": paid + [{"from": 2013, "to": 2022, "index": 0, "months": 0}]}}, system)[0]
    without = api.assess({"p": {**BASE, "career": paid}}, system)[0]
    assert with_gap["contribution_years"] == without["contribution_years"] == 15
    assert with_gap["monthly_pension"] == without["monthly_pension"] > 0
    # Short of the minimum on such a career, the continuation has no base to carry on: it says so.
    short = api.assess({"p": {**BASE, "career": [{"from": 1998, "to": 2011, "index": 1.0}, {"from": 2012, "to": 2022, "index": 0, "months": 0}]}}, system)[0]
    assert short["monthly_pension"] == 0 and "no contributions (a wage or index of 0)" in short["continuation_not_written"]


def test_an_empty_career_is_refused_not_a_zero_pension(system):
    """issue 12: `career: []` gave a pension of 0 with no word of why."""
    refused(system, {"p": {**BASE, "career": []}}, "career is missing or empty", "overrides")


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("one_child_parent", "yes", ["one_child_parent", "'yes'", "true or false"]),
        ("recognised_intellectual", 1, ["recognised_intellectual", "true or false"]),
        ("hardship_area_category", 5, ["hardship_area_category", "5", "0 (none), 1, 2, 3, 4"]),
        ("plateau_work_years", -1, ["plateau_work_years", "from 0 to 60"]),
    ],
)
def test_the_facts_of_provincial_additions_are_checked(system, field, value, words):
    refused(system, {"p": {**BASE, field: value}}, *words)


def test_a_one_child_parent_in_yunnan_gets_the_addition_and_its_printed_average_can_be_given(system):
    person = {"birth_date": "1965-03-01", "sex": "male", "insured_region": "yunnan", "one_child_parent": True,
              "overrides": {"contribution_years": 35, "personal_account_balance": 90000, "average_contribution_index": 0.8}}
    (row,) = api.assess({"p": person}, system)
    assert row["extra_pension"] == round(3553 * 0.05, 2)  # 2025-03 retirement: the 2024 average
    (row,) = api.assess({"p": {**person, "overrides": {**person["overrides"], "one_child_average_pension": 3600}}}, system)
    assert row["extra_pension"] == 180
    (row,) = api.assess({"p": {**person, "one_child_parent": False}}, system)
    assert row["extra_pension"] == 0


FORM = {"birth_date": "1965-10-01", "sex": "male", "insured_region": "henan",
        "overrides": {"average_contribution_index": 0.7, "contribution_years": 30, "pre_account_contribution_years": 5, "personal_account_balance": 90000}}


@pytest.mark.parametrize("field, value, words", [
    ("contribution_years", 55, ("contribution_years", "55.0", "age at retirement minus 14")),
    ("contribution_years", 100, ("contribution_years", "out of range", "from 0 to 60")),
    ("pre_account_contribution_years", 31, ("pre_account_contribution_years", "at most contribution_years")),
])
def test_an_approval_forms_years_must_fit_the_working_life(system, field, value, words):
    # 100 contribution years for a man of 60 gave a pension of 6718.22, and pre-account
    # years above the total a transitional pension on years never paid.
    refused(system, {"p": {**FORM, "overrides": {**FORM["overrides"], field: value}}}, *words)


def test_years_from_age_14_are_a_working_life_and_a_month_more_is_not(system):
    # Verified forms count deemed years from age 15 (henan/10: 44.08 years at 60).
    def assess(years):
        return api.assess({"p": {**FORM, "overrides": {**FORM["overrides"], "contribution_years": years}}}, system)[0]

    life = assess(30)["age_at_retirement_months"] / 12 - 14
    assert assess(44.08)["monthly_pension"] > 0 and assess(round(life, 2))["monthly_pension"] > 0
    refused(system, {"p": {**FORM, "overrides": {**FORM["overrides"], "contribution_years": round(life + 1 / 12, 2)}}},
            "contribution_years", "from age 14 to retirement")


def test_assess_each_answers_every_person_of_a_batch_on_their_own(system):
    # api.assess refuses the batch for one bad profile; a payroll needs the others' pensions.
    before_1997 = {"birth_date": "1936-03-15", "sex": "male", "insured_region": "shandong",
                   "overrides": {"contribution_years": 15, "pre_account_contribution_years": 0, "personal_account_balance": 9780}}
    profiles = {"him": BASE, "no_sex": {k: v for k, v in BASE.items() if k != "sex"}, "old": before_1997,
                "her": {**BASE, "sex": "female", "birth_date": "1968-05-10"}}
    rows, errors = api.assess_each(profiles, system)
    assert set(rows) == {"him", "her"} and set(errors) == {"no_sex", "old"}
    assert rows["him"]["monthly_pension"] == api.assess({"him": BASE}, system)[0]["monthly_pension"] > 0
    assert "sex" in str(errors["no_sex"]) and "1996-03-01 is before the basic pension" in str(errors["old"])
    assert all("Allowed" in str(error) for error in errors.values())


def test_deemed_years_lie_before_military_service_became_insured_in_2012(system):
    # 10 deemed years for a man born in 1990 were paid (17,501.76 a month in 2053). From age 14
    # (2004-05) to 军人保险法 (2012-07) there is room for 8 years and 2 months, no more.
    young = {"birth_date": "1990-05-01", "sex": "male", "insured_region": "jinan", "career": [{"from": 2013, "to": 2040, "index": 1.0}]}
    assert api.assess({"p": {**young, "deemed_contribution_years": 8.1}}, system)[0]["monthly_pension"] > 0
    refused(system, {"p": {**young, "deemed_contribution_years": 8.25}}, "deemed_contribution_years", "8.25", "from age 14 to 2012-06")


def test_months_of_a_career_after_the_retirement_date_are_reported_not_dropped(system, capsys, tmp_path):
    # A woman retiring in 2007-05 with a career given to 2030 got 0 and not a word on the
    # 284 months after her retirement, which no pension counts.
    her = {"birth_date": "1957-05-01", "sex": "female", "insured_region": "jinan", "career": [{"from": 1995, "to": 2030, "index": 1.0}]}
    row = api.assess({"her": her}, system, ["monthly_pension"])[0]
    assert row["contribution_months_after_retirement"] == 12 * (2030 - 2007) + 8
    assert api.assess({"her": {**her, "career": [{"from": 1995, "to": 2006, "index": 1.0}]}}, system)[0]["contribution_months_after_retirement"] == 0
    from openfisca_china_social_insurance.cli import pension

    profile = tmp_path / "her.yaml"
    profile.write_text(yaml.safe_dump({"her": her}), encoding="utf-8")
    pension.pension(profile_file=str(profile), example=False, fmt="table", assumptions="central")
    assert "her: 284 months of the career after the retirement date (2007-05) are not counted" in capsys.readouterr().out


def test_a_career_under_a_smaller_printed_total_still_computes(system):
    # The form recognises fewer years than the career pays: its actual years are not compared.
    profile = {"birth_date": "1965-10-01", "sex": "male", "insured_region": "henan",
               "career": [{"from": 1996, "to": 2025, "index": 1.0}], "overrides": {"contribution_years": 28}}
    assert api.assess({"p": profile}, system)[0]["monthly_pension"] > 0


def test_shenzhens_original_method_needs_its_printed_figures_where_it_pays_them(system):
    # Taken as 0, they cut a 2021 Shenzhen pension with deemed years by 630 yuan a month.
    profile = {"birth_date": "1961-03-15", "sex": "male", "insured_region": "shenzhen", "deemed_contribution_years": 10,
               "career": [{"from": 1995, "to": 2021, "index": 1.0}]}
    refused(system, {"p": profile}, "transitional_original_indexed_wage", "not given", "0 where the form prints none")
    given = {**profile, "overrides": {"transitional_original_indexed_wage": 0, "transitional_original_ratio": 0}}
    assert api.assess({"p": given}, system)[0]["monthly_pension"] > 0
    # Before the original method (2020), nothing is asked.
    assert api.assess({"p": {**profile, "birth_date": "1960-03-15"}}, system)[0]["monthly_pension"] > 0


def test_zhengzhous_subsidy_is_asked_for_by_name_and_paid_when_given(system):
    # 郑州市企业职工基本养老保险条例 art.30 pays a 过渡性补贴 for deemed years; its formula is not encoded.
    profile = {"birth_date": "1965-11-15", "sex": "male", "insured_region": "410100", "deemed_contribution_years": 11.58,
               "career": [{"from": 1995, "to": 2026, "index": 2.0}]}
    refused(system, {"p": profile}, "transitional_subsidy_amount", "not given", "or 0 to leave it out")
    without = api.assess({"p": {**profile, "overrides": {"transitional_subsidy_amount": 0}}}, system)[0]
    paid = api.assess({"p": {**profile, "overrides": {"transitional_subsidy_amount": 643.86}}}, system)[0]
    assert round(paid["monthly_pension"] - without["monthly_pension"], 2) == 643.86
    refused(system, {"p": {**profile, "overrides": {"transitional_subsidy_amount": -1}}}, "transitional_subsidy_amount", "out of range")


def test_a_form_without_its_index_is_refused_under_the_2005_rule_not_paid_half(system):
    # Without a career the index was 0: basic pension 1573.99 instead of the form's 2799.37, silently.
    figures = {key: value for key, value in FORM["overrides"].items() if key != "average_contribution_index"}
    refused(system, {"p": {**FORM, "overrides": figures}}, "average_contribution_index", "no career months to compute it from")
    # The 1997 rule pays 20% of the average wage: no index is read (the seed's 2002 grid).
    seed_man = {"birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
                "overrides": {"contribution_years": 15, "pre_account_contribution_years": 0, "personal_account_balance": 9780}}
    assert api.assess({"p": seed_man}, system)[0]["basic_pension"] > 0


@pytest.mark.parametrize("figure, value, allowed", [
    ("average_contribution_index", 500, "from 0 to 10"),  # was a pension of 789,258.84
    ("payout_months", 0.0001, "from 56 to 233"),  # was 950,618,947.45
    ("transitional_coefficient", 5, "from 0 to 0.1"),  # a percentage typed as a share: 371,979.86
    ("transitional_coefficient", 1.3, "from 0 to 0.1"),
])
def test_a_form_figure_outside_what_a_form_prints_is_refused(system, figure, value, allowed):
    refused(system, {"p": {**FORM, "overrides": {**FORM["overrides"], figure: value}}}, f"p.overrides.{figure}", "out of range", allowed)


@pytest.mark.parametrize("retirement, age", [("2099-01-01", 133), ("1999-01-01", 33)])
def test_a_given_retirement_date_at_an_impossible_age_is_refused(system, retirement, age):
    # 2099 was a pension of 141,824.22 at age 133.
    profile = {"birth_date": "1965-07-15", "sex": "male", "insured_region": "jinan", "retirement_date": retirement,
               "career": [{"from": 1995, "to": 1998, "index": 1.0}]}
    refused(system, {"p": profile}, "p.retirement_date", f"at age {age}", "from age 40", "to 80")


def test_an_error_of_the_model_names_the_person_as_the_caller_named_them(system):
    # "person #2" was the third person of the simulation: the caller had named her carol.
    ok = {"birth_date": "1965-07-15", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2024, "index": 1.0}]}
    carol = {"birth_date": "1961-03-15", "sex": "male", "insured_region": "shenzhen", "deemed_contribution_years": 10,
             "career": [{"from": 1995, "to": 2021, "index": 1.0}]}
    with pytest.raises(InputError, match=r"person 'carol'") as info:
        api.assess({"alice": ok, "bob": ok, "carol": carol}, system)
    assert "#" not in str(info.value)


def test_a_career_paid_only_before_the_account_needs_no_index(system):
    # Refused for a moment by the index check: years before the account carry no index.
    profile = {"birth_date": "1960-03-15", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 12,
               "career": [{"from": 1993, "to": 1995, "index": 1.0}]}
    assert api.assess({"p": profile}, system)[0]["monthly_pension"] > 0


def test_every_reader_of_a_simulation_names_the_person(system):
    # shebao compare and /compare read values_at_retirement directly: "person #1" there too.
    ok = {"birth_date": "1965-07-15", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2024, "index": 1.0}]}
    carol = {"birth_date": "1961-03-15", "sex": "male", "insured_region": "shenzhen", "deemed_contribution_years": 10,
             "career": [{"from": 1995, "to": 2021, "index": 1.0}]}
    simulation = api.build_simulation({"alice": ok, "carol": carol}, system)
    with pytest.raises(InputError, match=r"person 'carol'"):
        api.values_at_retirement(simulation, ("monthly_pension",))


def test_an_empty_career_cell_is_named_empty(system):
    # The desk's empty career row read "None is not a number".
    profile = {**BASE, "career": [{"from": None, "to": 2022, "index": 1.0}]}
    refused(system, {"p": profile}, "p.career[0].from", "empty")


def test_profiles_keyed_by_employee_numbers_are_named_by_their_text(system):
    # A payroll's ids: {1: profile} raised KeyError: 1.
    profile = {"birth_date": "1970-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2024, "index": 1.0}]}
    assert [row["name"] for row in api.assess({7: profile, "x": profile}, system)] == ["7", "x"]
    refused(system, {7: profile, "7": profile}, "profiles: the names 7 and '7' are one name")
    refused(system, {None: profile}, "profiles: the name None")


@pytest.mark.parametrize("profiles", [None, "her", 5, ({"sex": "male"},)])
def test_profiles_that_are_no_mapping_or_list_are_refused_by_name(system, profiles):
    refused(system, profiles, "profiles: ", "a mapping {name: profile} or a list of profiles")


@pytest.mark.parametrize("month", ["0001-01", "1949-12", "2101-01"])
def test_a_bill_month_outside_the_models_years_is_refused_by_name(month):
    with pytest.raises(InputError, match=f"month: '{month}'. Allowed: YYYY-MM from 1950 to 2100"):
        api.contribution_bill("beijing", 5000, month)


@pytest.mark.parametrize(("change", "words"), [
    ({"birth_date": 19700310}, ["birth_date: 19700310 is not a date", "YYYY-MM-DD"]),  # Python's parser took it
    ({"birth_date": "1970-W10-2"}, ["birth_date: '1970-W10-2' is not a date"]),  # an ISO week date
    ({"personal_account_start_date": "2200-01-01"}, ["personal_account_start_date: 2200-01-01", "up to 2100-12-31"]),  # no account: 1679 for 5160
    ({"overrides": []}, ["overrides: [] is not a mapping"]),  # was taken as no overrides
    ({"overrides": 0}, ["overrides: 0 is not a mapping"]),
])
def test_inputs_once_accepted_silently_are_refused_by_name(system, change, words):
    profile = {"birth_date": "1970-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2024, "index": 1.0}]}
    refused(system, {"p": {**profile, **change}}, *words)


def test_a_given_figure_rests_on_no_data_of_the_model(system):
    """A 2030 retiree's base is projected; the printed base of a form is not: official by
    default, or the status the profile declares (a derived balance: estimated)."""
    profile = {"birth_date": "1970-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2029, "index": 1.0}]}
    own = api.assess({"p": profile}, system)[0]
    given = api.assess({"p": {**profile, "overrides": {"pension_calculation_base": 9000}}}, system)[0]
    declared = api.assess({"p": {**profile, "overrides": {"pension_calculation_base": 9000},
                                 "override_statuses": {"pension_calculation_base": "estimated"}}}, system)[0]
    assert own["pension_calculation_base_status"] == "projected"
    assert given["pension_calculation_base_status"] == "official" and declared["pension_calculation_base_status"] == "estimated"
    refused(system, {"p": {**profile, "override_statuses": {"pension_calculation_base": "estimated"}}},
            "override_statuses.pension_calculation_base: not a figure the profile gives")
    refused(system, {"p": {**profile, "overrides": {"pension_calculation_base": 9000}, "override_statuses": {"pension_calculation_base": "sure"}}},
            "override_statuses.pension_calculation_base", "official, estimated, unverified, projected")


def test_each_pension_component_carries_the_status_of_what_it_rests_on(system):
    # A Beijing form of 2024-03 with its base printed: the basic pension rests on printed figures
    # (official), the transitional pension on Beijing's coefficient of 1%, a lead (estimated). The
    # monthly pension was marked official: the coefficient's status counted nowhere.
    form = {"birth_date": "1964-03-01", "sex": "male", "insured_region": "beijing",
            "overrides": {"pension_calculation_base": 10000, "average_contribution_index": 1.0, "contribution_years": 35,
                          "pre_account_contribution_years": 10, "personal_account_balance": 100000}}
    row = api.assess({"p": form}, system)[0]
    assert row["transitional_pension"] == 1000.0
    assert (row["basic_pension_status"], row["transitional_pension_status"], row["extra_pension_status"]) == ("official", "estimated", "official")
    assert row["monthly_pension_status"] == "estimated"
    simulation = api.build_simulation({"p": form}, system)
    assert simulation.calculate("transitional_coefficient_status", "2024-03").decode_to_str()[0] == "estimated"
    # The coefficient and the payout months printed on the form are given: official, like any printed figure.
    printed = api.assess({"p": {**form, "overrides": {**form["overrides"], "transitional_coefficient": 0.01, "payout_months": 139}}}, system)[0]
    assert (printed["transitional_pension_status"], printed["monthly_pension_status"]) == ("official", "official")


def _account_statuses(system, profile):
    row = api.assess({"p": profile}, system)[0]
    return row["payout_months"], row["payout_months_status"], row["account_pension_status"], row["monthly_pension_status"]


def test_the_account_pension_carries_the_status_of_its_payout_months(system):
    """The 2005 table is read in secondary sources that agree (estimated), its age 47 is
    disputed (208 or 207: unverified), the month-level divisors of 2025 have no national
    document found (unverified); 120 is 国发〔1997〕26号's own (official). The account pension
    rests on its divisor: a printed balance divided by the table was marked official."""
    printed = {"pension_calculation_base": 5000, "average_contribution_index": 1.0, "contribution_years": 30,
               "personal_account_balance": 50000}
    at_60 = {"birth_date": "1955-03-01", "sex": "male", "insured_region": "jinan", "overrides": printed}
    assert _account_statuses(system, at_60) == (139, "estimated", "estimated", "estimated")
    assert _account_statuses(system, {**at_60, "overrides": {**printed, "payout_months": 139}}) == (139, "official", "official", "official")
    at_47 = {**at_60, "birth_date": "1968-03-01", "retirement_date": "2015-03-01"}
    assert _account_statuses(system, at_47) == (208, "unverified", "unverified", "unverified")
    # 60 years and 2 months in 2025: between 139 and 132 by the month-level rule (Weifang's form prints 137.8).
    month_level = {**at_60, "birth_date": "1965-07-01"}
    assert _account_statuses(system, month_level) == (137.8, "unverified", "unverified", "unverified")
    # A whole age after 2025 reads the table alone (a man of 1964 deferring to 63).
    assert _account_statuses(system, {**at_60, "birth_date": "1964-03-01", "retirement_date": "2027-03-01"})[:2] == (117, "estimated")
    flat = {**at_60, "birth_date": "1943-03-01", "overrides": {**printed, "pre_account_contribution_years": 0}}
    assert _account_statuses(system, flat)[:3] == (120, "official", "official")
    # Before the 1997 rules there is no divisor, and no status of one (it was 'official').
    before = api.build_simulation({"p": {**at_60, "birth_date": "1935-03-01"}}, system)
    with pytest.raises(InputError, match="1997"):
        before.calculate("payout_months_status", "1995-03")


def test_an_addition_paid_carries_the_status_of_its_rule(system):
    """Yunnan's one-child 5% share is cited, not read (estimated). With every figure printed,
    the pension was marked official once the share's base was given; the share itself counts."""
    form = {"birth_date": "1965-01-15", "sex": "male", "insured_region": "yunnan", "retirement_date": "2025-01-01",
            "overrides": {"average_contribution_index": 1, "contribution_years": 35, "pre_account_contribution_years": 10,
                          "personal_account_balance": 100000, "one_child_average_pension": 3000, "pension_calculation_base": 8000}}
    outputs = ("extra_pension", "extra_pension_rules_status", "monthly_pension_status")
    parent = api.assess({"p": {**form, "one_child_parent": True}}, system, outputs)[0]
    other = api.assess({"p": form}, system, outputs)[0]
    assert parent["extra_pension"] == 150 and parent["extra_pension_rules_status"] == "estimated"
    assert parent["monthly_pension_status"] == "estimated"
    assert other["extra_pension"] == 0 and other["extra_pension_rules_status"] == "official"


@pytest.mark.parametrize(("variables", "field", "words"), [
    # Left out of the rows without a word:
    (["monthly_pensionn"], "variables[0]", ["'monthly_pensionn' is not a variable assessed", "Did you mean: monthly_pension,"]),
    # Read letter by letter, none of them a variable: rows of names only.
    ("monthly_pension", "variables", ["a list of variable names"]),
    # A payroll's and another branch's figures rest on inputs no profile gives: each was 0.00.
    (["basic_pension", "payroll_employer_contributions"], "variables[1]", ["'payroll_employer_contributions'", "another branch"]),
    (["maternity_allowance"], "variables[0]", ["'maternity_allowance'"]),
    # A yearly figure was OpenFisca's ValueError about the DIVIDE option.
    (["contribution_base"], "variables[0]", ["'contribution_base'", "ETERNITY or MONTH"]),
    (None, "variables", ["None"]),  # a TypeError
])
def test_the_variables_asked_are_checked_as_the_web_apis_outputs(system, variables, field, words):
    with pytest.raises(InputError) as info:
        api.assess({"p": BASE}, system, variables)
    assert info.value.field == field
    assert all(word in str(info.value) for word in words) and "Allowed" in str(info.value), str(info.value)


def test_a_refusal_that_counts_persons_names_them_too(system):
    # "retirement_date: 1996-03-01 is before the basic pension ... (2 person(s))" named nobody:
    # in a file of 500 persons, which ones?
    old = {"birth_date": "1936-03-15", "sex": "male", "insured_region": "jinan",
           "overrides": {"contribution_years": 30, "personal_account_balance": 0}}
    with pytest.raises(InputError) as info:
        api.assess({"zhang": BASE, "li": old, "wang": {**old, "birth_date": "1936-05-15"}}, system)
    assert str(info.value).endswith("Refused: 'li', 'wang'.")
    assert set(info.value.persons) == {"li", "wang"} and "1996-05-01" in str(info.value.persons["wang"])


def test_a_persons_figures_and_statuses_do_not_depend_on_who_else_is_assessed(system):
    """A career from 2017 took in the crediting rates of 1993-2016 (unverified) when assessed with
    a career from 1993: its balance's status was 'unverified' beside B, 'estimated' alone. The
    population path reuses a batch's values for fewer persons and relies on this."""
    late = {"birth_date": "1964-03-01", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 10,
            "career": [{"from": 2017, "to": 2023, "index": 1.0}]}
    early = {"birth_date": "1964-03-01", "sex": "male", "insured_region": "jinan", "career": [{"from": 1993, "to": 2023, "index": 1.0}]}
    alone = api.assess({"late": late}, system)[0]
    beside = next(row for row in api.assess({"early": early, "late": late}, system) if row["name"] == "late")
    assert alone == beside
    assert alone["personal_account_balance_status"] == "estimated"


def test_numpy_pandas_and_decimal_values_are_taken_as_pythons(system):
    """A payroll's or pension system's data come from pandas (numpy.int64 years and ids, float32
    wages, numpy booleans, Timestamps) or a ledger (Decimal): they were refused as "np.int64(1996) is
    not a number" (untrue), and a retirement_date given as a datetime was a ValueError traceback."""
    import datetime
    import decimal

    import numpy

    plain = {**BASE, "provisional_assessment": True, "retirement_date": "2023-06-01",
             "career": [{"from": 1998, "to": 2022, "wage": 5000.0}]}
    typed = {**BASE, "provisional_assessment": numpy.bool_(True), "retirement_date": datetime.datetime(2023, 6, 1),
             "birth_date": numpy.datetime64("1962-05-10"), "insured_region": numpy.int64(370100),
             "career": [{"from": numpy.int64(1998), "to": numpy.int64(2022), "wage": decimal.Decimal("5000.00")}]}
    expected = api.assess({"p": plain}, system)[0]
    got = api.assess({numpy.int64(7): typed}, system)[0]
    assert got["name"] == "7" and got["monthly_pension"] == expected["monthly_pension"] > 0
    assert api.assess({"p": {**typed, "career": [{"from": 1998, "to": 2022, "wage": numpy.float32(5000)}]}}, system)[0]["monthly_pension"] == expected["monthly_pension"]
    # Still no text for a number, and no NaN.
    refused(system, {"p": {**BASE, "career": [{"from": "1998", "to": 2022, "index": 1.0}]}}, "'1998' is not a number")
    refused(system, {"p": {**BASE, "career": [{"from": 1998, "to": 2022, "wage": decimal.Decimal("NaN")}]}}, "not a finite number")
    refused(system, {"p": {**BASE, "birth_date": numpy.datetime64("NaT")}}, "is not a date")


def test_a_situation_takes_numpy_and_decimal_numbers_and_checks_them(system):
    """situations.build: a Decimal figure skipped the range of an approval form's figure (an index of 500 passed)."""
    import decimal

    import numpy

    from openfisca_china_social_insurance.api import situations

    person = {"birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": numpy.int64(370700)},
              "provisional_assessment": {"ETERNITY": numpy.bool_(True)}, "contribution_years": {"ETERNITY": numpy.int64(41)},
              "pre_account_contribution_years": {"ETERNITY": 14.0833}, "personal_account_balance": {"ETERNITY": decimal.Decimal("95061.63")}}
    form = situations.build({"persons": {"p": {**person, "average_contribution_index": {"ETERNITY": decimal.Decimal("0.682")}}}}, system)
    assert form.calculate("monthly_pension", "2025-09")[0] == pytest.approx(4295.77, abs=0.001)  # the Weifang form's printed total
    with pytest.raises(InputError, match="500.0 is out of range"):
        situations.build({"persons": {"p": {**person, "average_contribution_index": {"ETERNITY": decimal.Decimal("500")}}}}, system)


def test_a_birth_on_1900_01_01_is_not_called_before_1900(system):
    """The retirement date's check said "missing or before 1900 (first: '1900-01-01')": its bound
    excluded the day the statutory retirement's check includes. Now the rule that refuses it speaks."""
    profile = {"birth_date": "1900-01-01", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 30,
               "career": [{"from": 1992, "to": 1995, "index": 1.0}]}
    refused(system, {"a": profile}, "retirement_date: 1960-01-01 is before the basic pension")
    refused(system, {"a": {**profile, "birth_date": "1899-12-31"}}, "birth_date: missing or before 1900")


@pytest.mark.parametrize("region, birth, expected", [
    ("shenzhen", "1965-01-10", "estimated"),   # 100 + 4 a whole year: read from Shenzhen's forms (estimated)
    ("guangdong", "1965-01-10", "official"),   # Guangdong's, from its forms of 2024 on (official)
    ("guangdong", "1962-01-10", "estimated"),  # a 2022 retirement: the start of 2021 assumed (estimated)
])
def test_the_transitional_pension_carries_the_status_of_a_regions_fixed_amounts(system, region, birth, expected):
    """A Shenzhen man insured from 1999 (no pre-account years) is paid 100 + 4 x 26 = 204.00 in the transitional
    column; its status read official: only the coefficient method counted, and he has none."""
    profile = {"birth_date": birth, "sex": "male", "insured_region": region, "career": [{"from": 1999, "to": 2024, "index": 1.0}]}
    row = api.assess({"p": profile}, system)[0]
    simulation = api.build_simulation({"p": profile}, system)
    month = row["retirement_date"][:7]
    assert simulation.calculate("transitional_coefficient", month)[0] == 0  # no coefficient method to rest on
    whole_years = int(row["contribution_years"])
    assert row["transitional_pension"] == 100 + 4 * whole_years
    assert row["transitional_pension_status"] == expected
    assert simulation.calculate("transitional_fixed_status", month).decode_to_str()[0] == expected
