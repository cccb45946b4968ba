"""The Web API as users run it (`shebao serve`, a real gunicorn HTTP server): a pension is
computed, and a bad input is answered 400 with the model's message naming the input
(the `server` fixture is in conftest.py)."""

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
PERSON = {
    "birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"},
    "insured_region": {"ETERNITY": "weifang"}, "provisional_assessment": {"ETERNITY": True},
    "average_contribution_index": {"ETERNITY": 0.682}, "contribution_years": {"ETERNITY": 41},
    "pre_account_contribution_years": {"ETERNITY": 14.0833},
    "personal_account_balance": {"ETERNITY": 95061.63},
}


def post(url, situation, path="/calculate"):
    request = urllib.request.Request(f"{url}{path}", data=json.dumps(situation).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_a_pension_is_computed(server):
    status, answer = post(server, {"persons": {"weifang": {**PERSON, "monthly_pension": {"2025-09": None}}}})
    assert status == 200
    assert answer["persons"]["weifang"]["monthly_pension"]["2025-09"] == pytest.approx(4295.77, abs=0.005)


def test_a_bad_input_is_a_400_naming_it(server):
    """A disability grade of 11 (工伤保险条例 has grades 1-10): OpenFisca alone would answer 500."""
    person = {"insured_region": {"ETERNITY": "jinan"}, "injury_date": {"ETERNITY": "2024-03-15"},
              "pre_injury_average_wage": {"ETERNITY": 6000}, "disability_grade": {"ETERNITY": 11},
              "work_injury_disability_lump_sum": {"2024-03": None}}
    status, answer = post(server, {"persons": {"p": person}})
    assert status == 400
    assert "disability_grade: outside 1-10" in answer["error"] and "Allowed:" in answer["error"]


def test_the_readme_example_returns_the_form_to_the_fen(server):
    """README's curl example (潍坊 2025-09): 4295.77 as JSON, not 4295.7699999999995."""
    body = re.search(r"curl -s -X POST localhost:5000/calculate .*? -d '(.*?)'\n", README.read_text(encoding="utf-8"), re.S).group(1)
    status, answer = post(server, json.loads(body))
    assert status == 200
    assert answer["persons"]["p"]["monthly_pension"]["2025-09"] == 4295.77


def test_assess_on_the_real_server(server):
    profile = {"birth_date": "1965-07-01", "sex": "male", "insured_region": "370700", "provisional_assessment": True,
               "overrides": {"average_contribution_index": 0.682, "contribution_years": 41,
                             "pre_account_contribution_years": 14.0833, "personal_account_balance": 95061.63}}
    status, answer = post(server, {"profiles": {"form": profile}}, "/assess")
    assert status == 200 and answer["results"][0]["monthly_pension"] == 4295.77


def test_a_chunked_body_over_the_limit_is_a_413_not_cut_and_answered(server):
    # Sent in chunks, a body has no Content-Length to refuse it by: it was cut at the limit and,
    # where the cut left valid JSON (trailing spaces), answered 200 on what was read.
    import http.client
    from urllib.parse import urlsplit

    head = json.dumps({"profiles": {"a": {"birth_date": "1970-03-10", "sex": "male", "insured_region": "jinan"}}}).encode()
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    connection.request("POST", "/assess", body=iter([head] + [b" " * 2**20] * 17),
                       headers={"Content-Type": "application/json"}, encode_chunked=True)
    response = connection.getresponse()
    answer = json.loads(response.read())
    assert response.status == 413 and answer["field"] == "body" and "sent in chunks" in answer["error"], answer


def test_a_forms_years_without_its_balance_or_a_career_are_refused_naming_the_balance(server):
    """contribution_years given (a form's figure), no career and no balance: the balance was
    0.00 and the pension 3,605.92 on it (the form's is 4,295.77), a 200 without a word.
    Refused naming the person and the input to give, as api.assess refuses the profile."""
    without_balance = {key: value for key, value in PERSON.items() if key != "personal_account_balance"}
    for asked in ("monthly_pension", "account_pension"):
        status, answer = post(server, {"persons": {"p": {**without_balance, asked: {"2025-09": None}}}})
        assert status == 400 and answer["field"] == "persons/p/personal_account_balance", answer
        assert answer["error"].startswith("personal_account_balance: not given") and "person 'p'" in answer["error"], answer
        assert "a career (contribution_wage and contribution_months by year)" in answer["error"], answer
    # /trace refuses it the same way (its simulation is OpenFisca's trace handler).
    status, traced = post(server, {"persons": {"p": {**without_balance, "monthly_pension": {"2025-09": None}}}}, "/trace")
    assert status == 400 and traced["field"] == "persons/p/personal_account_balance" and "person 'p'" in traced["error"], traced
    # What does not rest on the balance is still answered: the form's basic pension.
    status, answer = post(server, {"persons": {"p": {**without_balance, "basic_pension": {"2025-09": None}}}})
    assert status == 200 and answer["persons"]["p"]["basic_pension"]["2025-09"] == 2647.45, answer
    # A batch names the person without it; the one with a career is computed from it.
    career = {"birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "weifang"},
              "contribution_wage": {str(year): 5000 for year in range(2000, 2025)}}
    status, answer = post(server, {"persons": {"c": {**career, "personal_account_balance": {"ETERNITY": None}}}})
    assert status == 200 and answer["persons"]["c"]["personal_account_balance"]["ETERNITY"] > 0, answer
    status, answer = post(server, {"profiles": {"p": {"birth_date": "1965-07-01", "sex": "male", "insured_region": "weifang",
                                                      "overrides": {"contribution_years": 41}}}}, "/assess")
    assert status == 200 and answer["errors"][0]["person"] == "p" and "personal_account_balance" in answer["errors"][0]["error"], answer


def test_a_population_whose_careers_start_after_the_period_is_not_refused(server):
    """The refusal reads the years the career builds: a young person whose career starts after the
    month asked has 0 years and no balance yet, and is answered (the fund's path simulates such persons)."""
    young = {"birth_date": {"ETERNITY": "2005-03-01"}, "sex": {"ETERNITY": "female"}, "insured_region": {"ETERNITY": "jinan"},
             "contribution_wage": {str(year): 6000 for year in range(2030, 2060)}}
    unborn_career = {**young, "contribution_wage": {}}
    status, answer = post(server, {"persons": {"y": {**young, "personal_account_balance": {"ETERNITY": None}, "monthly_pension": {"2025-09": None}},
                                               "z": {**unborn_career, "personal_account_balance": {"ETERNITY": None}, "monthly_pension": {"2025-09": None}}}})
    assert status == 200, answer
    assert answer["persons"]["y"]["monthly_pension"]["2025-09"] == 0.0 and answer["persons"]["y"]["personal_account_balance"]["ETERNITY"] > 0
    assert answer["persons"]["z"]["personal_account_balance"]["ETERNITY"] == 0.0


def test_a_refusals_field_is_read_from_the_error_not_its_words():
    """The Web API names the refused input from the error's data (InputError.variable, .period):
    a message in Chinese (or any wording) keeps the field (persons/p/wage/2025-08)."""
    from openfisca_china_social_insurance import default_system
    from openfisca_china_social_insurance.core.errors import InputError
    from openfisca_china_social_insurance.web.calculate import refused

    error = InputError("工资 2025-08：缺少（1 人）。", persons={0: "工资 2025-08：缺少。"}, variable="wage", period="2025-08")
    assert refused(error, ["p"], default_system()).field == "persons/p/wage/2025-08"
    whole = InputError("个人账户储存额：未给出。", persons={1: "..."}, variable="personal_account_balance")
    assert refused(whole, ["a", "b"], default_system()).field == "persons/b/personal_account_balance"
    # Without a variable of the model, the variable asked is named.
    other = InputError("no rate", persons={0: "no rate"}, variable="pension.contribution.employer_rate")
    assert refused(other, ["p"], default_system(), "payroll_employer_contributions", "1995-07").field == "persons/p/payroll_employer_contributions/1995-07"


def test_a_missing_wage_is_named_through_the_real_server(server):
    status, answer = post(server, {"persons": {"e": {"insured_region": {"ETERNITY": "shanghai"}, "wage": {"2025-07": 20000},
                                                     "payroll_employer_contributions": {"2025-08": None}}}})
    assert status == 400 and answer["field"] == "persons/e/wage/2025-08" and answer["error"].startswith("wage 2025-08: missing"), answer


PAYROLL = {"insured_region": {"ETERNITY": "beijing"}, "wage": {"2025-07": 20000}}


def test_what_a_payroll_client_met_is_answered_by_name(server):
    """A payroll developer's client against the real server: each was a 200 with a figure quietly
    wrong, or a 400 naming something else than the input."""
    # A floating factor without an industry class was ignored (no work injury charged, 200).
    status, answer = post(server, {"persons": {"e": {**PAYROLL, "work_injury_rate_factor": {"ETERNITY": 1.5},
                                                     "payroll_employer_contributions": {"2025-07": None}}}})
    assert status == 400 and answer["field"] == "persons/e/work_injury_rate_factor" and "without an industry class" in answer["error"], answer
    # A monthly figure asked at ETERNITY was "'ETERNITY' is outside the model's years".
    status, answer = post(server, {"persons": {"e": {**PAYROLL, "payroll_employer_contributions": {"ETERNITY": None}}}})
    assert status == 400 and answer["field"] == "persons/e/payroll_employer_contributions/ETERNITY", answer
    assert "a monthly figure, asked for 'ETERNITY'" in answer["error"] and "outside" not in answer["error"], answer
    # A month without the region's rate named a parameter path as the field, and nobody: now the
    # person and the figure asked, the parameter in the message.
    status, answer = post(server, {"persons": {"a": {**PAYROLL, "wage": {"1995-07": 20000}, "payroll_employer_contributions": {"1995-07": None}},
                                               "b": {**PAYROLL, "insured_region": {"ETERNITY": "shanghai"}, "wage": {"1995-07": 20000}}}})
    assert status == 400 and answer["field"] == "persons/a/payroll_employer_contributions/1995-07", answer
    assert "pension.contribution.employer_rate: no pension employer rate" in answer["error"] and "'a'" in answer["error"], answer


def test_a_career_year_given_as_a_month_names_its_path(server):
    """contribution_wage {"2000-05": 3000}: the field was 'contribution_wage', no person, no period."""
    person = {"birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jinan"},
              "contribution_wage": {"2000-05": 3000}, "monthly_pension": {"2025-09": None}}
    status, answer = post(server, {"persons": {"p": person}})
    assert status == 400 and answer["field"] == "persons/p/contribution_wage/2000-05", answer
    assert "a yearly figure given for '2000-05'. Allowed: a year" in answer["error"], answer


CAREER = {"birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jinan"},
          "contribution_wage": {str(year): 6000 for year in range(1995, 2025)}, "monthly_pension": {"2025-09": None}}


@pytest.mark.parametrize("given, field, words", [
    # Read by OpenFisca as days since 1970: "statutory retirement after 2100-12 (first: '55771-10-17')".
    ({"birth_date": {"ETERNITY": 19650701}}, "persons/p/birth_date/ETERNITY", "19650701. Allowed: a date YYYY-MM-DD"),
    # Refused by the lookup as "date 2200-01-01: outside the model's range", field "date".
    ({"retirement_date": {"ETERNITY": "2200-01-01"}}, "persons/p/retirement_date/ETERNITY", "'2200-01-01' is outside the model's years"),
    # The set_input's check named "person #0", field "contribution_wage".
    ({"contribution_wage": {"2000": -1}}, "persons/p/contribution_wage/2000", "person 'p'"),
    # Taken: -3 deemed years cut the years paid, 200 (api.assess refuses it).
    ({"deemed_contribution_years": {"ETERNITY": -3}}, "persons/p/deemed_contribution_years/ETERNITY", "-3 is out of range. Allowed: a number from 0 to 60"),
])
def test_what_a_pension_estimate_client_met_is_refused_by_name(server, given, field, words):
    status, answer = post(server, {"persons": {"p": {**CAREER, **given}}})
    assert status == 400 and answer["field"] == field and words in answer["error"], answer
    assert "#0" not in answer["error"]


def test_json_nested_otherwise_than_the_situation_format_is_named(server):
    asked = {**PAYROLL, "payroll_employer_contributions": {"2025-07": None}}
    # A bare null read as a value given for ETERNITY: "given for ['q'] but not for ['p'] ... the default 0".
    status, answer = post(server, {"persons": {"p": asked, "q": {**PAYROLL, "payroll_employer_contributions": None}}})
    assert status == 400 and answer["field"] == "persons/q/payroll_employer_contributions", answer
    assert "null without a period" in answer["error"] and "default" not in answer["error"], answer
    # An ETERNITY input given for two periods: Beijing's bill was answered, Shanghai dropped without a word.
    status, answer = post(server, {"persons": {"p": {**asked, "insured_region": {"ETERNITY": "beijing", "2025-07": "shanghai"}}}})
    assert status == 400 and answer["field"] == "persons/p/insured_region" and "one value for all time" in answer["error"], answer
    # One value under any period is still that value (OpenFisca's own reading of an eternal input).
    status, answer = post(server, {"persons": {"p": {**asked, "insured_region": {"2025-07": "beijing"}}}})
    beijing = post(server, {"persons": {"p": asked}})[1]["persons"]["p"]["payroll_employer_contributions"]["2025-07"]
    assert status == 200 and answer["persons"]["p"]["payroll_employer_contributions"]["2025-07"] == beijing, answer


def test_a_rule_missing_for_a_region_and_date_names_the_person_and_the_input(server):
    """A stay where the region's inpatient rules are not encoded (Beijing 2003, beside a Jinan stay the
    model has): the refusal named no person, its field was 'inpatient_stay_date' (read from the
    message); now persons/<first refused>/inpatient_stay_date, from the error's data."""
    stay = {"inpatient_stay_date": {"ETERNITY": "2003-05-10"}, "inpatient_eligible_cost": {"ETERNITY": 20000},
            "hospital_level": {"ETERNITY": 3}, "inpatient_pooling_payment": {"2003-07": None}}
    persons = {"jn": {**stay, "insured_region": {"ETERNITY": "jinan"}}, "bj": {**stay, "insured_region": {"ETERNITY": "beijing"}}}
    status, answer = post(server, {"persons": persons})
    assert status == 400 and answer["field"] == "persons/bj/inpatient_stay_date", answer
    assert answer["error"].startswith("inpatient_stay_date: no inpatient rules for region 'beijing'") and "'bj'" in answer["error"], answer


def test_a_profiles_situation_posted_to_calculate_gives_the_python_apis_pension(server):
    """api.situation builds /calculate's body from profiles (a list too; it needed the system passed
    in, a TypeError without): the Web API answers what api.assess does, to the fen."""
    from openfisca_china_social_insurance import api

    profile = {"birth_date": "1974-05-20", "sex": "female", "insured_region": "jinan", "deemed_contribution_years": 2,
               "career": [{"from": 1996, "to": 2002, "index": 1.0}, {"from": 2003, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"}]}
    row = api.assess([profile])[0]
    body = api.situation([profile])
    month = row["retirement_date"][:7]
    body["persons"]["person_0"]["monthly_pension"] = {month: None}
    status, answer = post(server, body)
    assert status == 200 and answer["persons"]["person_0"]["monthly_pension"][month] == row["monthly_pension"] > 0, answer


def test_a_month_without_pay_is_no_pay_not_raised_to_the_floor(server):
    """A wage of 0 is a month without pay (base 0, nothing charged); its clamp said raised_to_floor
    beside that base of 0. The same month's other wage is still raised to the floor."""
    asked = {"monthly_contribution_base": {"2025-07": None, "2025-08": None}, "monthly_contribution_base_clamp": {"2025-07": None, "2025-08": None},
             "payroll_employee_contributions": {"2025-07": None, "2025-08": None}}
    status, answer = post(server, {"persons": {"e": {**PAYROLL, "wage": {"2025-07": 0, "2025-08": 1000}, **asked},
                                               "f": {**PAYROLL, "wage": {"2025-07": 0, "2025-08": 0}, **asked}}})
    assert status == 200, answer
    e, f = answer["persons"]["e"], answer["persons"]["f"]
    assert e["monthly_contribution_base_clamp"] == {"2025-07": "no_pay", "2025-08": "raised_to_floor"}, e
    assert e["monthly_contribution_base"]["2025-07"] == 0 and e["payroll_employee_contributions"]["2025-07"] == 0, e
    assert e["monthly_contribution_base"]["2025-08"] > 1000, e
    assert f["monthly_contribution_base_clamp"] == {"2025-07": "no_pay", "2025-08": "no_pay"}, f


@pytest.mark.parametrize("asked", ["payroll_employer_contributions", "housing_fund_base"])
def test_a_wage_below_0_is_named_with_its_month(server, asked):
    """A refused wage is the value of one month: the message and the field say which (was persons/a/wage,
    the month left out, where a missing wage said persons/e/wage/2025-08)."""
    persons = {name: {"insured_region": {"ETERNITY": "beijing"}, "wage": {"2025-08": wage}, asked: {"2025-08": None}}
               for name, wage in (("a", 9000), ("b", -5), ("c", -7))}
    status, answer = post(server, {"persons": persons})
    assert status == 400 and answer["field"] == "persons/b/wage/2025-08", answer
    assert answer["error"].startswith("wage 2025-08: below 0 for 2 persons (first: -5") and "'b', 'c'" in answer["error"], answer
