"""The Web API's own endpoints and errors (web/), through Flask's test client: /assess,
/compare, the guarded /calculate, the 400 {error, field} of every bad input and the 413
of the size limit. tests/test_web_api.py runs the real server."""

import copy
import json

import pytest
import yaml

from openfisca_china_social_insurance import api, default_system
from openfisca_china_social_insurance.web import create_app

HER = {
    "birth_date": "1974-05-20", "sex": "female", "insured_region": "jinan",
    "provisional_assessment": True, "deemed_contribution_years": 2,
    "career": [
        {"from": 1996, "to": 2002, "index": 1.0},
        {"from": 2003, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"},
    ],
}
#: A man retiring in 2002 in Shandong under the 1997 rules, 15 years: the seed's grid cell.
SEED_MAN = {
    "birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
    "overrides": {"contribution_years": 15, "pre_account_contribution_years": 0, "personal_account_balance": 9780},
}
FORM = {  # the README's /calculate example (潍坊 2025-09)
    "birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"},
    "insured_region": {"ETERNITY": "weifang"}, "provisional_assessment": {"ETERNITY": True},
    "average_contribution_index": {"ETERNITY": 0.682}, "contribution_years": {"ETERNITY": 41},
    "pre_account_contribution_years": {"ETERNITY": 14.0833},
    "personal_account_balance": {"ETERNITY": 95061.63},
}
MAX_PERSONS = 20


@pytest.fixture(scope="module")
def client():
    return create_app(max_persons=MAX_PERSONS).test_client()


def post(client, path, body):
    response = client.post(path, json=body)
    assert response.is_json, response.data[:200]
    return response.status_code, response.get_json()


def refused(client, path, body, field, *words, status=400):
    code, answer = post(client, path, body)
    assert code == status, answer
    assert answer["field"] == field, answer
    for word in words:
        assert word in answer["error"], (word, answer["error"])
    return answer


# ------------------------------------------------------------------ /assess


def test_assess_gives_what_the_python_api_gives(client):
    code, answer = post(client, "/assess", {"profiles": {"her": HER}})
    assert code == 200 and answer["errors"] == []
    (expected,) = api.assess({"her": HER}, default_system())
    (row,) = answer["results"]
    assert row["monthly_pension"] == expected["monthly_pension"]
    assert row["retirement_date"] == str(expected["retirement_date"])[:10]  # ISO, not an HTTP date
    assert answer["variables"]["monthly_pension"]["unit"] == "currency-CNY"


def test_assess_states_the_defaults_it_used(client):
    code, answer = post(client, "/assess", {"profiles": {"her": HER}})
    defaults = answer["results"][0]["defaults"]
    assert defaults["worker_category"] == "worker" and defaults["hukou_region"] == "<insured_region>"
    assert "provisional_assessment" not in defaults  # given


def test_assess_accepts_region_codes_as_the_python_api_does(client):
    by_code = post(client, "/assess", {"profiles": {"her": {**HER, "insured_region": "370100"}}})[1]
    by_key = post(client, "/assess", {"profiles": {"her": HER}})[1]
    assert by_code["results"][0]["monthly_pension"] == by_key["results"][0]["monthly_pension"]


def test_assess_outputs(client):
    code, answer = post(client, "/assess", {"profiles": [HER], "outputs": ["basic_pension", "monthly_pension"]})
    assert code == 200
    assert set(answer["results"][0]) == {"name", "basic_pension", "monthly_pension", "continued_contribution_months", "continuation_not_written",
                                         "contribution_months_after_retirement", "defaults"}
    assert answer["results"][0]["name"] == "person_0"
    refused(client, "/assess", {"profiles": [HER], "outputs": ["contribution_wage"]}, "outputs[0]", "Allowed")
    refused(client, "/assess", {"profiles": [HER], "outputs": "monthly_pension"}, "outputs", "a non-empty list")
    # Inputs no profile gives: a payroll's wage was 0 for everyone, a maternity allowance a refusal about year 1.
    for name in ("wage", "payroll_employer_contributions", "maternity_allowance"):
        refused(client, "/assess", {"profiles": [HER], "outputs": [name]}, "outputs[0]", "variables of the pension")


def test_a_batch_answers_each_refused_person_and_computes_the_others(client):
    profiles = {
        "her": HER,
        "no_sex": {key: value for key, value in HER.items() if key != "sex"},
        "too_early": {**HER, "birth_date": "1930-01-01", "career": [{"from": 1950, "to": 1960, "wage": 100}]},
        "him": {**HER, "sex": "male"},
    }
    code, answer = post(client, "/assess", {"profiles": profiles})
    assert code == 200
    assert [row["name"] for row in answer["results"]] == ["her", "him"]
    errors = {error["person"]: error for error in answer["errors"]}
    assert set(errors) == {"no_sex", "too_early"}
    assert "sex is missing" in errors["no_sex"]["error"]
    # The path from the person, as for the profile's own fields (was "retirement_date").
    assert errors["too_early"]["field"] == "too_early.retirement_date" and "Allowed" in errors["too_early"]["error"]
    alone = post(client, "/assess", {"profiles": {"him": profiles["him"]}})[1]["results"][0]
    assert answer["results"][1]["monthly_pension"] == alone["monthly_pension"]


def test_a_batch_drops_every_person_a_refusal_names_at_once(client, monkeypatch):
    """The model's refusal names all the persons it refuses (InputError.persons): they are
    dropped together, not isolated by halving the batch (2,500 refused Beijing careers
    took 29 ms each, a 500 after 120 s); each is answered with her own retirement date."""
    before_1997 = {f"old{month}": {**SEED_MAN, "birth_date": f"1936-0{month}-15"} for month in range(1, 9)}
    profiles = {"her": HER, **before_1997, "him": {**HER, "sex": "male"}}
    from openfisca_china_social_insurance.api import batch

    batches = []
    assess = batch.assess
    monkeypatch.setattr(batch, "assess", lambda profiles, *rest: batches.append(len(profiles)) or assess(profiles, *rest))
    code, answer = post(client, "/assess", {"profiles": profiles})
    assert code == 200
    assert [row["name"] for row in answer["results"]] == ["her", "him"]
    errors = {error["person"]: error for error in answer["errors"]}
    assert list(errors) == list(before_1997)
    for month in range(1, 9):
        assert f"1996-0{month}-01 is before the basic pension" in errors[f"old{month}"]["error"]
        assert errors[f"old{month}"]["field"] == f"old{month}.retirement_date"
    assert batches == [10, 2], batches  # the batch, then the others at once


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"sex": None}, "p.sex", ["None", "male, female"]),
    ({"overrides": {"payout_months": 0, "contribution_years": 30, "personal_account_balance": 1}}, "p.overrides.payout_months", ["from 56 to 233"]),
    ({"overrides": {"personal_account_balance": -1, "contribution_years": 30}}, "p.overrides.personal_account_balance", ["out of range"]),
    ({"career": [{"from": 1996, "to": 2023, "index": 1.0, "months": -1}]}, "p.career[0].months", ["0 to 12"]),
    ({"career": []}, "p", ["career is missing or empty"]),
    ({"birth_date": "Mon, 20 May 1974 00:00:00 GMT"}, "p.birth_date", ["YYYY-MM-DD"]),
    ({"insured_region": "999999"}, "p.insured_region", ["999999"]),
    ({"birth_date": "1850-01-01"}, "p.birth_date", ["before 1900"]),  # the model's own check (field was "birth_date")
    # A figure the model asks for that a profile gives under overrides: was p.transitional_coefficient, an unknown field.
    ({"birth_date": "1939-06-01", "sex": "male", "insured_region": "shandong", "deemed_contribution_years": 30,
      "career": [{"from": 1992, "to": 1999, "index": 1.0}]}, "p.overrides.transitional_coefficient", ["'shandong' at 1999-06"]),
])
def test_assess_refuses_bad_profiles_naming_the_field(client, change, field, words):
    code, answer = post(client, "/assess", {"profiles": {"p": {**HER, **change}}})
    assert code == 200 and answer["results"] == []
    (error,) = answer["errors"]
    assert error["person"] == "p" and error["field"] == field, error
    for word in words:
        assert word in error["error"], (word, error["error"])


def test_an_override_for_one_person_of_a_batch_is_no_default_for_the_others(client):
    """issue 12: on OpenFisca's path the other persons got 0 for the figure."""
    form = {**SEED_MAN, "overrides": {**SEED_MAN["overrides"], "payout_months": 100}}
    together = post(client, "/assess", {"profiles": {"form": form, "plain": SEED_MAN}})[1]["results"]
    alone = post(client, "/assess", {"profiles": {"plain": SEED_MAN}})[1]["results"]
    assert together[1]["payout_months"] == alone[0]["payout_months"] == 120  # 国发〔1997〕26号
    assert together[0]["payout_months"] == 100


@pytest.mark.parametrize(("body", "field"), [
    ({}, "profiles"),
    ({"profiles": {}}, "profiles"),
    ({"profiles": "her"}, "profiles"),
    ({"profiles": {"her": HER}, "reform": "x"}, "reform"),
    ({"profiles": [HER, {**HER, "name": "person_0"}]}, "profiles"),
    ({"profiles": {"her": HER}, "assumptions": "/etc/passwd.yaml"}, "assumptions"),
    ({"profiles": {"her": HER}, "assumptions": {"name": "x", "changes": [{"path": "pension.benefit.basic_pension.share_of_average_wage", "start": "2030-01-01", "value": 0.3}]}}, "assumptions"),
])
def test_assess_refuses_bad_requests(client, body, field):
    refused(client, "/assess", body, field, "Allowed")


def test_a_body_that_is_not_a_json_object(client):
    response = client.post("/assess", data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.get_json()["field"] == "body"
    refused(client, "/assess", [HER], "body", "a JSON object")


def test_too_many_persons_is_a_413_saying_the_limit(client):
    answer = refused(client, "/assess", {"profiles": [HER] * (MAX_PERSONS + 1)}, "profiles", f"at most {MAX_PERSONS}", status=413)
    assert str(MAX_PERSONS + 1) in answer["error"]


@pytest.mark.parametrize("path", ["/calculate", "/trace"])
def test_too_many_persons_in_a_situation_is_a_413_saying_the_limit(client, path):
    """OpenFisca's builder takes time in the square of the persons: 60,000 payroll persons
    (9.7 MB, under the body limit) ran past gunicorn's worker timeout, an HTML 500."""
    persons = {f"p{number}": {**PAYROLL, "payroll_employer_contributions": {"2025-07": None}} for number in range(MAX_PERSONS + 1)}
    answer = refused(client, path, {"persons": persons}, "persons", f"at most {MAX_PERSONS}", status=413)
    assert f"{MAX_PERSONS + 1} persons" in answer["error"]
    persons.pop("p0")
    code, answer = post(client, path, {"persons": persons})
    assert code == 200


def test_too_large_a_body_is_a_413_saying_the_limit():
    small = create_app(max_bytes=1000).test_client()
    answer = refused(small, "/assess", {"profiles": [HER] * 10}, "body", "at most 1000 bytes", status=413)
    assert "bytes" in answer["error"]


def test_assumptions_change_a_projected_pension(client):
    young = {**HER, "birth_date": "1990-03-01", "career": [{"from": 2010, "to": 2050, "index": 1.0}]}
    pensions = {
        spec: post(client, "/assess", {"profiles": {"p": young}, "assumptions": spec})[1]["results"][0]["monthly_pension"]
        for spec in ("low", "central", "high")
    }
    assert pensions["low"] < pensions["central"] < pensions["high"]


def test_an_assumption_document_may_let_wages_fall(client):
    young = {**HER, "birth_date": "1990-03-01", "career": [{"from": 2010, "to": 2050, "index": 1.0}]}

    def growth(value):
        return {"name": "fall", "changes": [{"path": "projection.average_wage_growth", "start": "2026-01-01", "value": value}]}

    falling = post(client, "/assess", {"profiles": {"p": young}, "assumptions": growth(-0.02)})[1]["results"][0]["monthly_pension"]
    central = post(client, "/assess", {"profiles": {"p": young}})[1]["results"][0]["monthly_pension"]
    assert 0 < falling < central
    answer = refused(client, "/assess", {"profiles": {"p": young}, "assumptions": growth(-2)}, "assumptions", "Write -2% as -0.02")
    assert answer["error"].startswith("assumptions:5: projection.average_wage_growth")  # the field and line, not "assumption file assumptions"


# ------------------------------------------------------------------ /compare


def test_compare_baseline_and_reforms_in_one_call(client):
    body = {
        "profiles": {"man": SEED_MAN},
        "reforms": ["basic_pension_by_years", {"name": "basic_pension_by_years", "knobs": {"step": 0.02}, "label": "steeper"}],
    }
    code, answer = post(client, "/compare", body)
    assert code == 200 and answer["systems"] == ["baseline", "basic_pension_by_years", "steeper"]
    (man,) = answer["results"]
    values = {label: man["values"][label]["monthly_pension"] for label in answer["systems"]}
    assert values["baseline"] == post(client, "/assess", {"profiles": {"man": SEED_MAN}})[1]["results"][0]["monthly_pension"]
    assert values["baseline"] != values["basic_pension_by_years"]  # 80% at 15 years instead of the flat 20%
    # The knob changes the slope only: at 15 years (the minimum) both pay 80%.
    assert values["steeper"] == values["basic_pension_by_years"]
    assert man["differences"]["steeper"]["plus_one_year"] > man["differences"]["basic_pension_by_years"]["plus_one_year"]
    assert man["values"]["baseline"]["irr"] is None  # the balance is a given figure: not computable
    assert man["differences"]["basic_pension_by_years"]["monthly_pension"] == pytest.approx(
        values["basic_pension_by_years"] - values["baseline"], abs=0.005)


def test_a_reform_document_is_the_reform_file(client):
    """A document in the body goes through the same loader as reforms/*.yaml."""
    from importlib import resources

    text = resources.files("openfisca_china_social_insurance.reforms").joinpath("basic_pension_share_25.yaml").read_text(encoding="utf-8")
    by_name = post(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": ["basic_pension_share_25"]})[1]
    as_text = post(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": [{"document": text, "label": "t"}]})[1]
    as_mapping = post(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": [{"document": yaml.safe_load(text), "label": "m"}]})[1]
    pension = by_name["results"][0]["values"]["basic_pension_share_25"]["basic_pension"]
    assert pension == as_text["results"][0]["values"]["t"]["basic_pension"] == as_mapping["results"][0]["values"]["m"]["basic_pension"]
    assert pension == by_name["results"][0]["values"]["baseline"]["basic_pension"] * 25 / 20


def test_a_reform_document_may_give_a_scale_as_a_json_table(client):
    """The payout months by age as a JSON object (thresholds are strings in JSON): the Jinan
    example at 50 in 2024-05 reads 210 months, 85,032.50 / 210 = 404.92; a value for the scale
    is a 400 naming the field and what is allowed."""
    change = {"path": "pension.benefit.payout_months.by_age", "start": "2024-01-01", "brackets": {"40": 250, "50": 210, "60": 160}}
    profiles = {"jinan": api.example_profiles()["jinan_flexible_worker_career"]}
    answer = post(client, "/compare", {"profiles": profiles, "reforms": [{"document": {"name": "table", "changes": [change]}}]})[1]
    values = answer["results"][0]["values"]
    assert (values["baseline"]["account_pension"], values["table"]["account_pension"]) == (436.06, 404.92)
    bad = {**change, "value": 160}
    del bad["brackets"]
    refused(client, "/compare", {"profiles": profiles, "reforms": [{"document": {"name": "t", "changes": [bad]}}]}, "reforms[0].document", "is a scale", "brackets")


@pytest.mark.parametrize(("reforms", "field", "words"), [
    (["nope"], "reforms[0]", ["'nope' is unknown", "basic_pension_by_years"]),
    (["mypackage.evil.Reform"], "reforms[0]", ["unknown"]),
    (["../../etc/reform.yaml"], "reforms[0]", ["unknown"]),
    ([{"name": "basic_pension_by_years", "knobs": {"slope": 1}}], "reforms[0].knobs", ["unknown key 'slope'", "step"]),
    ([{"name": "basic_pension_by_years", "knobs": {"step": "steep"}}], "reforms[0].knobs", ["not a number"]),
    ([{"name": "basic_pension_share_25", "knobs": {"value": 0.3}}], "reforms[0].knobs", ["has no knobs"]),
    ([{"name": "x", "document": {}}], "reforms[0]", ["exactly one"]),
    ([{"document": {"name": "x", "changes": [{"path": "pension.benefit.basic_pension.share", "start": "2002-01-01", "value": 0.2}]}}], "reforms[0].document", ["not a parameter"]),
    ([{"document": "!!python/object:os.system {}"}], "reforms[0].document", []),
    (["basic_pension_by_years", "basic_pension_by_years"], "reforms[1].label", ["already taken"]),
    ([], "reforms", ["1 to 5"]),
    (["basic_pension_by_years"] * 6, "reforms", ["1 to 5"]),
])
def test_compare_refuses_bad_reforms(client, reforms, field, words):
    refused(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": reforms}, field, *words)


def test_compare_refuses_bad_profiles_all_named(client):
    body = {"profiles": {"man": SEED_MAN, "a": {**HER, "sex": "x"}, "b": {**HER, "career": []}}, "reforms": ["basic_pension_by_years"]}
    answer = refused(client, "/compare", body, "a.sex", "a.sex")
    assert [error["person"] for error in answer["errors"]] == ["a", "b"]


@pytest.mark.parametrize(("extra", "field"), [
    ({"horizon_age": 200}, "horizon_age"), ({"payment": "weekly"}, "payment"), ({"measures": ["pension"]}, "measures"),
    ({"horizon_age": 55}, "horizon_age"),  # before the man's pension starts at 60: no IRR (was n/a, unexplained)
])
def test_compare_refuses_bad_options(client, extra, field):
    refused(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": ["basic_pension_by_years"], **extra}, field, "Allowed")


# ------------------------------------------------------------------ /calculate


def calculate(client, persons):
    return post(client, "/calculate", {"persons": persons})


def test_calculate_is_exact_to_the_fen_with_iso_dates(client):
    code, answer = calculate(client, {"p": {**FORM, "monthly_pension": {"2025-09": None}, "retirement_date": {"ETERNITY": None}}})
    assert code == 200
    assert answer["persons"]["p"]["monthly_pension"]["2025-09"] == 4295.77  # the double nearest, not 4295.7699999999995
    # Asked at ETERNITY: computed (OpenFisca alone fails), as an ISO date. Born 1965-07: 60 and
    # 2 months (2024 decision: one month more every 4 months of birth from 1965-01).
    assert answer["persons"]["p"]["retirement_date"]["ETERNITY"] == "2025-09-01"


def test_calculate_accepts_region_codes(client):
    code, answer = calculate(client, {"p": {**FORM, "insured_region": {"ETERNITY": "370700"}, "monthly_pension": {"2025-09": None}}})
    assert code == 200 and answer["persons"]["p"]["monthly_pension"]["2025-09"] == 4295.77


@pytest.mark.parametrize(("person", "field", "words"), [
    ({**{k: v for k, v in FORM.items() if k != "sex"}}, "persons/p/sex", ["missing", "person 'p'", "male or female"]),
    ({**FORM, "payout_months": {"ETERNITY": 0}}, "persons/p/payout_months/ETERNITY", ["out of range", "from 56 to 233"]),
    ({**FORM, "personal_account_balance": {"ETERNITY": -1}}, "persons/p/personal_account_balance/ETERNITY", ["from 0 to 1000000000"]),
    # /assess's ranges hold here too: an index of 500 paid 1,491,949.40 a month.
    ({**FORM, "average_contribution_index": {"ETERNITY": 500}}, "persons/p/average_contribution_index/ETERNITY", ["from 0 to 10"]),
    ({**FORM, "insured_region": {"ETERNITY": "atlantis"}}, "persons/p/insured_region/ETERNITY", ["atlantis"]),
    ({**FORM, "monthly_pension": {"2025-13": None}}, "persons/p/monthly_pension", ["Expected a period", "'2025-13'"]),  # was "situation" and a dict
    ({**FORM, "pension": {"2025-09": None}}, "persons/p/pension", ["'pension'", "not found"]),
    # A list for one value was OpenFisca's ValueError "setting an array element with a sequence", a 500.
    ({**FORM, "personal_account_balance": {"ETERNITY": [95061.63]}}, "persons/p/personal_account_balance/ETERNITY", ["[95061.63]", "not a list"]),
    ({**FORM, "birth_date": {"ETERNITY": ["1965-07-01"]}}, "persons/p/birth_date/ETERNITY", ["a date YYYY-MM-DD, not a list"]),
    # OpenFisca's message suggested nothing and pointed at a changelog that does not exist.
    ({**FORM, "monthly_pensionn": {"2025-09": None}}, "persons/p/monthly_pensionn", ["not found", "Did you mean: monthly_pension,", "GET /variables"]),
    # Outside the model's years the field was "date", an input nobody gave.
    ({**FORM, "monthly_pension": {"2101-09": None}}, "persons/p/monthly_pension/2101-09", ["outside the model's years", "1950-01 to 2100-12"]),
    ({**FORM, "contribution_base": {"1949": None}}, "persons/p/contribution_base/1949", ["outside the model's years"]),
    # Left out, the region was the nation's rules: 4256.05 for a Weifang form of 4295.77.
    ({k: v for k, v in FORM.items() if k != "insured_region"}, "persons/p/insured_region", ["missing", "nation for the national rules"]),
    # A monthly figure asked for a year was a 500.
    ({**FORM, "monthly_pension": {"2025": None}}, "persons/p/monthly_pension/2025", ["monthly figure", "e.g. 2025-09"]),
])
def test_calculate_refuses_bad_situations(client, person, field, words):
    person = {"monthly_pension": {"2025-09": None}, **person}
    code, answer = calculate(client, {"p": person})
    assert code == 400 and answer["field"] == field, answer
    for word in words:
        assert word in answer["error"]


def test_calculate_names_the_person_the_model_refuses(client):
    # A Zhengzhou retiree with deemed years needs the 过渡性补贴 the form prints: 400 naming 'wang', not 'person #1'.
    wang = {**FORM, "insured_region": {"ETERNITY": "zhengzhou"}, "deemed_contribution_years": {"ETERNITY": 10},
            "monthly_pension": {"2025-09": None}}
    code, answer = calculate(client, {"p": {**FORM, "monthly_pension": {"2025-09": None}}, "wang": wang})
    assert code == 400 and "transitional_subsidy_amount: not given" in answer["error"], answer
    assert "person 'wang'" in answer["error"] and "person #" not in answer["error"]
    # /trace refuses the same body the same way (it said 'person #1').
    code, traced = post(client, "/trace", {"persons": {"p": {**FORM, "monthly_pension": {"2025-09": None}}, "wang": wang}})
    assert code == 400 and traced["error"] == answer["error"], traced


def test_trace_checks_the_situation_once(client, monkeypatch):
    # /trace built the simulation (checks included) and then checked the body again for OpenFisca's trace.
    from openfisca_china_social_insurance.api import situations

    calls = []
    checked = situations.checked
    monkeypatch.setattr(situations, "checked", lambda *args, **kwargs: calls.append(1) or checked(*args, **kwargs))
    code, answer = post(client, "/trace", {"persons": {"p": {**FORM, "monthly_pension": {"2025-09": None}}}})
    assert code == 200 and answer["requestedCalculations"] == ["monthly_pension<2025-09>"] and len(calls) == 1, answer
    assert any(key.startswith("monthly_pension<2025-09>") for key in answer["trace"])
    calls.clear()
    code, answer = post(client, "/trace", {"persons": {"p": {**FORM, "monthly_pension": {"2025-13": None}}}})
    assert code == 400 and answer["field"] == "persons/p/monthly_pension" and len(calls) == 1, answer  # OpenFisca's parsing error, named


def test_calculate_refuses_months_outside_0_to_12(client):
    person = {"birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jinan"},
              "contribution_wage": {"2000": 4000}, "contribution_months": {"2000": -1}, "contribution_years": {"2025-01": None}}
    code, answer = calculate(client, {"p": person})
    assert code == 400 and "0 to 12" in answer["error"]


@pytest.mark.parametrize("variable", ["sex", "insured_region"])
def test_a_required_input_missing_for_part_of_a_batch_names_those_persons(client, variable):
    """Was "given for ['a'] but not for ['b', 'c']... give it for every person, or for none": none
    is no option for an input with no default, and the field named nobody."""
    persons = {"a": {**FORM, "monthly_pension": {"2025-09": None}}}
    persons["b"] = persons["c"] = {key: value for key, value in persons["a"].items() if key != variable}
    code, answer = calculate(client, persons)
    assert code == 400 and answer["field"] == f"persons/b/{variable}", answer
    assert f"{variable}: missing for ['b', 'c'] (given for ['a'])" in answer["error"] and "for none" not in answer["error"], answer
    assert "(required, no default)" in answer["error"]


def test_calculate_refuses_an_override_for_part_of_a_batch(client):
    persons = {"a": {**FORM, "payout_months": {"ETERNITY": 100}, "monthly_pension": {"2025-09": None}},
               "b": {**copy.deepcopy(FORM), "monthly_pension": {"2025-09": None}}}
    code, answer = calculate(client, persons)
    assert code == 400 and answer["field"] == "persons/b/payout_months" and "['a']" in answer["error"]


PAYROLL = {"insured_region": {"ETERNITY": "shanghai"}, "wage": {"2025-07": 20000}, "sex": {"ETERNITY": "male"}}


def test_a_payroll_month_without_a_wage_is_refused_naming_the_person(client):
    # Was 200 with a bill of 0.00 for July, a month the person gave no wage for.
    asked = {"payroll_employer_contributions": {"2025-08": None}}
    answer = refused(client, "/calculate", {"persons": {"p": {**PAYROLL, **asked}}}, "persons/p/wage/2025-08",
                     "wage 2025-08: missing", "person 'p'", "0: a month without pay")
    assert "0.0" not in answer["error"]
    # A wage of 0, given, is a month without pay: nothing is charged (社会保险费征缴暂行条例 art.10).
    code, answer = calculate(client, {"p": {**PAYROLL, "wage": {"2025-08": 0}, **asked}})
    assert code == 200 and answer["persons"]["p"]["payroll_employer_contributions"] == {"2025-08": 0.0}, answer
    # Given for one person of a batch and not the other: the other is named (OpenFisca gave them 0).
    answer = refused(client, "/calculate", {"persons": {"a": {**PAYROLL, **asked, "wage": {"2025-07": 20000, "2025-08": 20000}}, "b": PAYROLL}},
                     "persons/b/wage/2025-08", "wage 2025-08: missing for ['b'] (given for ['a'])", "(required, no default)")


def test_a_pension_without_a_career_or_the_forms_figures_is_refused(client):
    # Was 200 with a monthly pension of 0.0: no career, no contribution years, no balance given.
    person = {key: FORM[key] for key in ("birth_date", "sex", "insured_region")}
    for asked in ("monthly_pension", "basic_pension", "account_pension"):
        refused(client, "/calculate", {"persons": {"p": {**person, asked: {"2025-09": None}}}}, "persons/p/contribution_years",
                "contribution_years: 0 at retirement", "person 'p'", "a career", "approval form")
    # api.assess (and so /assess and `shebao pension`) refuses the same person.
    code, answer = post(client, "/assess", {"profiles": {"p": {"birth_date": "1965-07-01", "sex": "male", "insured_region": "weifang"}}})
    assert code == 200 and answer["errors"][0]["person"] == "p" and "career is missing" in answer["errors"][0]["error"], answer
    # Before retirement no pension is due: 0 is the rule's answer, not a default.
    code, answer = calculate(client, {"p": {**person, "monthly_pension": {"2024-09": None}}})
    assert code == 200 and answer["persons"]["p"]["monthly_pension"] == {"2024-09": 0.0}, answer


def test_a_renamed_variables_old_name_is_answered_with_its_new_name(client):
    """pension_employer_contribution_monthly was renamed pension_employer_contribution (as the other
    branches' <branch>_employer_contribution): the old name still answers, and the answer says so."""
    code, answer = calculate(client, {"p": {**PAYROLL, "pension_employer_contribution_monthly": {"2025-07": None},
                                            "pension_employee_contribution_monthly": {"2025-07": None}}})
    assert code == 200 and answer["persons"]["p"]["pension_employer_contribution_monthly"] == {"2025-07": 3200.0}
    assert answer["persons"]["p"]["pension_employee_contribution_monthly"] == {"2025-07": 1600.0}
    assert [(note["variable"], note["use"]) for note in answer["deprecations"]] == [
        ("pension_employee_contribution_monthly", "pension_employee_contribution"),
        ("pension_employer_contribution_monthly", "pension_employer_contribution")]
    assert "deprecated" in answer["deprecations"][0]["message"]
    code, answer = calculate(client, {"p": {**PAYROLL, "pension_employer_contribution": {"2025-07": None}}})
    assert code == 200 and answer["persons"]["p"]["pension_employer_contribution"] == {"2025-07": 3200.0} and "deprecations" not in answer
    code, answer = post(client, "/trace", {"persons": {"p": {**PAYROLL, "pension_employer_contribution_monthly": {"2025-07": None}}}})
    assert code == 200 and answer["deprecations"][0]["use"] == "pension_employer_contribution"


def test_a_value_given_under_an_old_name_is_the_new_ones(client):
    """The totals read the new name: a value kept under the old name alone would be ignored."""
    code, answer = calculate(client, {"p": {**PAYROLL, "pension_employer_contribution_monthly": {"2025-07": 3000},
                                            "payroll_employer_contributions": {"2025-07": None}}})
    assert code == 200 and answer["persons"]["p"]["payroll_employer_contributions"] == {"2025-07": 3000 + 1800 + 0 + 100}
    refused(client, "/calculate", {"persons": {"p": {**PAYROLL, "pension_employer_contribution_monthly": {"2025-07": 3000},
                                                     "pension_employer_contribution": {"2025-07": 3100}}}},
            "persons/p/pension_employer_contribution_monthly", "given with pension_employer_contribution", "Allowed")
    refused(client, "/calculate", {"persons": {"p": {**PAYROLL, "pension_employer_contribution_monthly": {"2025": 3000}}}},
            "persons/p/pension_employer_contribution_monthly/2025", "a monthly figure given for '2025'")


def test_a_renamed_variable_says_so_in_its_description(client):
    answer = client.get("/variable/pension_employer_contribution_monthly").get_json()
    assert answer["description"].count("Deprecated: pension_employer_contribution ") == 1


@pytest.mark.parametrize(("path", "field", "words"), [
    ("/variable/monthly_pensionn", "id", ["'monthly_pensionn' not found", "Did you mean: monthly_pension,", "GET /variables"]),
    ("/parameter/pension.contribution.employer_ratee", "parameter_id", ["not found", "Did you mean: pension.contribution.employer_rate,"]),
    ("/parameter/pension/contribution/employer_ratee", "parameter_id", ["Did you mean: pension.contribution.employer_rate,"]),
])
def test_an_unknown_variable_or_parameter_is_a_404_naming_it(client, path, field, words):
    """OpenFisca's own 404 said only "The requested URL was not found on the server"."""
    response = client.get(path)
    answer = response.get_json()
    assert response.status_code == 404 and answer["field"] == field, answer
    assert all(word in answer["error"] for word in words), answer


def test_every_http_error_is_json(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.is_json and "error" in response.get_json()
    response = client.get("/assess")
    assert response.status_code == 405 and response.is_json


def test_a_method_a_route_does_not_take_is_named_with_the_allowed_ones(client):
    """Was "The method is not allowed for the requested URL." with the field null."""
    response = client.get("/calculate")
    answer = response.get_json()
    assert response.status_code == 405 and answer["field"] == "method", answer
    assert answer["error"].startswith("GET /calculate: not a method of this route. Allowed: POST"), answer
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize(("data", "kind", "words"), [
    # curl's default type: the body was JSON, the answer said "not JSON".
    (b'{"profiles": {}}', "application/x-www-form-urlencoded", ["sent as application/x-www-form-urlencoded", "Content-Type: application/json"]),
    (b'{"profiles": {}}', None, ["sent as no Content-Type"]),
    ('{"profiles": {"a": {"insured_region": "济南市"}}}'.encode("gbk"), "application/json", ["not UTF-8"]),
])
def test_a_body_that_cannot_be_read_says_why(client, data, kind, words):
    response = client.post("/assess", data=data, headers={"Content-Type": kind} if kind else {})
    answer = response.get_json()
    assert response.status_code == 400 and answer["field"] == "body", answer
    assert all(word in answer["error"] for word in words), answer


def test_the_openapi_description_is_served(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    description = response.get_json()
    assert {"/assess", "/compare", "/calculate", "/trace"} <= set(description["paths"])
    assert description["servers"][0]["url"].startswith("http")


#: Routes the app has that no client can use: Flask's own /static/<filename>, which serves the
#: folder openfisca_web_api ships none of (every path a 404, tested below).
UNDESCRIBED = {"/static/{filename}"}
#: Methods Flask answers by itself on every route.
AUTOMATIC_METHODS = {"HEAD", "OPTIONS"}


def _described_operations(rule):
    """{(OpenAPI path, method)} of a Flask rule: <converter:name> is {name}, and an any()
    converter one path per choice (/desk/export<any('.csv', '.xlsx'):suffix>)."""
    paths = [""]
    for converter, variable in _parts(rule.rule):
        if converter is None:
            paths = [path + variable for path in paths]
        elif converter == "any":
            choices = rule._converters[variable].items
            paths = [path + choice for path in paths for choice in sorted(choices)]
        else:
            paths = [path + "{" + variable + "}" for path in paths]
    return {(path, method) for path in paths for method in rule.methods - AUTOMATIC_METHODS}


def _parts(text):
    """(converter or None, text or variable name) of each piece of a Flask rule."""
    import re

    position = 0
    for found in re.finditer(r"<(?:(?P<converter>\w+)(?:\((?P<arguments>[^)]*)\))?:)?(?P<variable>\w+)>", text):
        yield None, text[position:found.start()]
        yield found.group("converter") or "default", found.group("variable")
        position = found.end()
    yield None, text[position:]


def test_every_route_of_the_app_is_in_the_openapi_description():
    """A route added without its description (as /desk/population was) fails here; so does a
    description of a route the app no longer has."""
    app = create_app()
    routes = set().union(*(_described_operations(rule) for rule in app.url_map.iter_rules()))
    routes = {(path, method) for path, method in routes if path not in UNDESCRIBED}
    paths = app.test_client().get("/openapi.json").get_json()["paths"]
    described = {(path, method.upper()) for path, operations in paths.items() for method in operations}
    assert not routes - described, f"routes without a description in web/openapi.yaml: {sorted(routes - described)}"
    assert not described - routes, f"described, but not routes of the app: {sorted(described - routes)}"


def test_the_undescribed_static_route_serves_nothing(client):
    for name in ("x", "openAPI.yml", "../app.py"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 404 and response.is_json, name


def test_the_descriptions_choices_are_the_apps(client):
    """The grids and populations a request may name are those the app has (an enum by hand)."""
    from openfisca_china_social_insurance.analysis import grids
    from openfisca_china_social_insurance.web.desk_tables import person_by_person_populations

    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    assert schemas["DeskRequest"]["properties"]["grid"]["enum"] == sorted(grids.built_in_grids())
    assert schemas["PopulationRequest"]["properties"]["population"]["enum"] == person_by_person_populations()


@pytest.mark.parametrize(("text", "field", "words"), [
    ("null", "body", ["a JSON null"]),  # was "not JSON"
    ("[1]", "body", ["a JSON array"]),
    ("{}", "persons", ["persons: missing", "(required)."]),  # no empty list of optional keys
    ("{", "body", ["not JSON"]),
    # Each was a 500: Python's parser takes them, the model cannot.
    ('{"persons": {"p": {"average_contribution_index": {"ETERNITY": Infinity}}}}', "body", ["Infinity is not a JSON number"]),
    ('{"persons": {"p": {"deemed_contribution_years": {"ETERNITY": 1' + "0" * 400 + '}}}}', "body", ["401 digits", "at most 20"]),
    ("[" * 50_000 + "]" * 50_000, "body", ["nested too deeply"]),
])
def test_calculate_names_what_the_body_is(client, text, field, words):
    response = client.post("/calculate", data=text, content_type="application/json")
    answer = response.get_json()
    assert response.status_code == 400 and answer["field"] == field, answer
    assert all(word in answer["error"] for word in words) and "and  (optional)" not in answer["error"], answer


@pytest.mark.parametrize(("path", "text", "key"), [
    # Python's parser kept the last of two keys: two persons named "a" were one, a row lost without a word.
    ("/assess", '{"profiles": {"a": %s, "a": %s}}' % (json.dumps(HER), json.dumps({**HER, "sex": "male"})), "a"),
    ("/calculate", '{"persons": {"p": {"sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jinan"}, '
                   '"wage": {"2025-09": 5000, "2025-09": 9000}, "pension_employer_contribution": {"2025-09": null}}}}', "2025-09"),
])
def test_a_key_given_twice_in_one_object_is_a_400(client, path, text, key):
    response = client.post(path, data=text, content_type="application/json")
    answer = response.get_json()
    assert response.status_code == 400 and answer["field"] == key, answer
    assert f"the key {key!r} twice" in answer["error"] and "Allowed: each key once" in answer["error"], answer


@pytest.mark.parametrize("path", ["/calculate", "/trace"])
def test_a_person_with_an_empty_name_is_a_400(client, path):
    # Found by schemathesis once /trace was described: OpenFisca's trace gave a 500.
    refused(client, path, {"persons": {"": {"sex": {"ETERNITY": "male"}}}}, "persons", "an empty name")


def test_the_openapi_overrides_have_the_ranges_the_api_enforces(client):
    from openfisca_china_social_insurance.api.profiles import OVERRIDE_RANGES, OVERRIDES

    schema = client.get("/openapi.json").get_json()["components"]["schemas"]["Profile"]["properties"]["overrides"]["properties"]
    assert set(schema) == set(OVERRIDES)
    for figure, bounds in schema.items():
        assert (bounds["minimum"], bounds.get("maximum")) == OVERRIDE_RANGES.get(figure, (0, None)), figure


def test_a_reform_document_with_control_characters_is_a_400(client):
    """Found by schemathesis: YAML's reader refused the text before the loader's checks (500)."""
    refused(client, "/compare", {"profiles": {"man": SEED_MAN}, "reforms": [{"document": "\x03"}]}, "reforms[0].document", "not valid YAML")


def test_the_apps_own_baseline_is_the_one_assessed():
    """create_app(system=X): /assess and /compare compute on X, as /calculate does."""
    from openfisca_china_social_insurance import default_system
    from openfisca_china_social_insurance.analysis.reform_files import load_text
    from openfisca_china_social_insurance.web import create_app

    doubled = load_text("name: doubled\ndescription: test\nreference: test\nchanges:\n  - path: pension.contribution.account_share\n    start: 1990-01-01\n    value: 0.16\n")(default_system())
    profile = {"her": {"birth_date": "1968-05-01", "sex": "female", "insured_region": "jinan", "career": [{"from": 1998, "to": 2025, "index": 1.0}]}}
    answers = []
    for system in (default_system(), doubled):
        client = create_app(system).test_client()
        answers.append(client.post("/assess", json={"profiles": profile, "outputs": ["personal_account_balance"]}).get_json())
    assert answers[0]["results"][0]["personal_account_balance"] < answers[1]["results"][0]["personal_account_balance"]


def test_a_yearly_figure_asked_for_a_month_is_a_400():
    from openfisca_china_social_insurance.web import create_app

    person = {"birth_date": {"ETERNITY": "1970-01-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "jinan"},
              "individual_contribution": {"2025-09": None}}
    answer = create_app().test_client().post("/calculate", json={"persons": {"p": person}})
    assert answer.status_code == 400
    assert answer.get_json()["field"] == "persons/p/individual_contribution/2025-09" and "Allowed: a year, e.g. 2025" in answer.get_json()["error"]


def test_calculate_names_a_monthly_input_given_for_a_year(client):
    # OpenFisca's own error was 12.5 KB of None.
    person = {"insured_region": {"ETERNITY": "beijing"}, "wage": {"2025": 5000}, "monthly_contribution_base": {"2025-07": None}}
    code, answer = calculate(client, {"p": person})
    assert code == 400 and answer["field"] == "persons/p/wage/2025" and "a monthly figure given for '2025'" in answer["error"], answer
    assert len(answer["error"]) < 200


def test_asking_for_a_figure_does_not_make_it_given(client):
    # A null asks for the base: its status stays the model's (it was marked official, as if given);
    # a given base is official whatever else is asked.
    base = {"birth_date": {"ETERNITY": "1975-03-01"}, "sex": {"ETERNITY": "male"}, "insured_region": {"ETERNITY": "weifang"},
            "contribution_wage": {"2000": 3000}, "pension_calculation_base_status": {"ETERNITY": None}}
    code, asked = calculate(client, {"p": {**base, "pension_calculation_base": {"ETERNITY": None}}})
    assert code == 200 and asked["persons"]["p"]["pension_calculation_base_status"]["ETERNITY"] == "projected"
    code, given = calculate(client, {"p": {**base, "pension_calculation_base": {"ETERNITY": 9000}}})
    assert code == 200 and given["persons"]["p"]["pension_calculation_base_status"]["ETERNITY"] == "official"


def test_compare_leaves_an_irr_n_a_where_contributions_cannot_be_totalled(client):
    # No flexible-worker rate in Dongying in 2002: the IRR cannot be computed, but the pension can
    # (/assess pays it): the whole comparison was refused, naming "person #0".
    worker = {"birth_date": "1974-03-10", "sex": "female", "insured_region": "dongying",
              "career": [{"from": 1998, "to": 2001, "index": 1.0}, {"from": 2002, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"}]}
    code, answer = post(client, "/compare", {"profiles": {"fw": worker, "jn": {**worker, "insured_region": "jinan"}}, "reforms": ["basic_pension_by_years"]})
    assert code == 200, answer
    values = {row["person"]: row["values"]["baseline"] for row in answer["results"]}
    assert values["fw"]["irr"] is None and values["jn"]["irr"] > 0
    assert values["fw"]["monthly_pension"] == values["jn"]["monthly_pension"] > 0
