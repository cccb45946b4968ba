"""The monthly contribution bill (api.contribution_bill and `shebao contributions`): the
base clamped and said so, every branch with its rate and status, partial bills that say
what they leave out, and bad inputs refused by name."""

import csv
import io

import pytest
from cli_run import run

from openfisca_china_social_insurance import api
from openfisca_china_social_insurance.core.errors import InputError


def rows(bill):
    return {row["branch"]: row for row in bill["rows"]}


def test_a_shanghai_bill_adds_up_branch_by_branch():
    """20,000 within Shanghai's 2025 band: 16% + 9% + 0% + 0.5% + 0.4% (class 2) + 7% (Shanghai's
    highest housing fund rate) for the employer = 6,580.00 (3,200 + 1,800 + 0 + 100 + 80 + 1,400);
    8% + 2% + 0.5% + 7% for the employee = 3,500.00."""
    bill = api.contribution_bill("shanghai", 20000, "2025-07", industry_class=2, housing_fund_rate=0.07)
    by = rows(bill)
    assert bill["base"] == 20000 and (bill["base_floor"], bill["base_cap"]) == (7460, 37302)
    assert [by[b]["employer"] for b in ("pension", "medical", "maternity", "unemployment", "work_injury", "housing_fund")] == [
        3200, 1800, 0, 100, 80, 1400]
    assert bill["totals"] == {"employer": 6580.0, "employee": 3500.0} and bill["complete"]
    assert by["medical"]["status"] == "estimated"  # 沪医保规〔2025〕2号 read in a copy, not on the official page
    assert by["pension"]["employer_rate"] == 0.16


def test_the_cap_and_the_floor_are_applied_and_said():
    above = api.contribution_bill("shanghai", 50000, "2025-07")
    assert above["base"] == 37302
    assert any("above the cap 37,302.00" in note for note in above["notes"])
    below = api.contribution_bill("shanghai", 3000, "2025-07")
    assert below["base"] == 7460 and any("below the floor 7,460.00" in note for note in below["notes"])


def test_a_region_without_an_unemployment_split_bills_the_rest_and_says_why():
    bill = api.contribution_bill("guangdong", 8000, "2025-07")
    by = rows(bill)
    assert by["unemployment"]["employer"] is None and not by["unemployment"]["included"]
    assert "no unemployment employer rate" in by["unemployment"]["missing"] and "'guangdong'" in by["unemployment"]["missing"]
    assert not bill["complete"]
    assert bill["totals"]["employer"] == round(by["pension"]["employer"] + by["medical"]["employer"] + by["maternity"]["employer"], 2)
    assert any(note.startswith("Unemployment: left out of the totals, no rate in force in guangdong in 2025-07") for note in bill["notes"])
    assert not any("person" in note for note in bill["notes"])  # it quoted the model's refusal: "... (1 person(s)). Allowed: ..."


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"industry_class": 9}, ["industry_class: 9", "1 to 8"]),
        ({"industry_class": 1, "injury_factor": 0.8}, ["work_injury_rate_factor: 0.8 is not a step", "Allowed: 1, 1.2, 1.5"]),
        # Steps, not a range: 1.1 was charged (44.00 on 10,000 in class 2).
        ({"industry_class": 2, "injury_factor": 1.1}, ["work_injury_rate_factor: 1.1 is not a step", "Allowed: 0.5, 0.8, 1, 1.2, 1.5"]),
        ({"housing_fund_rate": 0.2}, ["housing_fund_rate: 0.2", "0.05 to 0.07 in shanghai"]),
        ({"region": "beijing", "housing_fund_rate": 0.13}, ["housing_fund_rate: 0.13", "0.05 to 0.12 in beijing"]),
        ({"wage": -1}, ["wage: -1", "above 0"]),
        ({"wage": 0}, ["wage: 0", "above 0"]),
        ({"month": "2025-13"}, ["month: '2025-13'", "YYYY-MM"]),
        ({"region": "atlantis"}, ["atlantis"]),
    ],
)
def test_bad_inputs_are_refused_by_name(arguments, words):
    call = {"region": "shanghai", "wage": 20000, "month": "2025-07"} | arguments
    with pytest.raises(InputError) as error:
        api.contribution_bill(**call)
    for word in words:
        assert word in str(error.value)


def test_the_command_prints_the_whole_bill_with_statuses(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "contributions", "--region", "beijing", "--wage", "20000", "--month", "2025-07", "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    branches = [row[0] for row in table[1:] if row[0] not in ("total", "note")]
    assert branches == ["pension", "medical", "maternity", "unemployment", "work_injury", "housing_fund"]
    assert all(row[6] in ("official", "estimated", "unverified", "projected") for row in table[1:7])
    total = next(row for row in table if row[0] == "total")
    assert total[3] == "5260.0" and total[6] == "incomplete"  # work injury and housing fund not given
    code, out, err = run(monkeypatch, capsys, "contributions", "--region", "beijing", "--wage", "20000", "--month", "2025-07", "--injury-factor", "2")
    assert code == 2 and out == "" and "work_injury_rate_factor: 2.0" in err and "Traceback" not in err


def test_rules_not_yet_in_force_are_refused_for_the_month():
    with pytest.raises(InputError, match=r"industry_class: given for 2010-07, before the eight classes"):
        api.contribution_bill("jinan", 3000, "2010-07", industry_class=3)
    with pytest.raises(InputError, match=r"housing_fund_rate: given for 2003-07"):
        api.contribution_bill("jinan", 3000, "2003-07", housing_fund_rate=0.1)
    bill = api.contribution_bill("jinan", 3000, "2010-07")  # the 1999 regulation's 2% + 1% (official rates)
    unemployment = rows(bill)["unemployment"]
    assert (unemployment["employer_rate"], unemployment["employer"]) == (0.02, 60)
    assert unemployment["status"] == "estimated"  # the base band rests on Shandong's estimated average wage
    assert rows(bill)["medical"]["national_guidance"] is False  # Jinan's own 8% (令201号)


def test_a_rate_that_is_only_national_guidance_is_said_so():
    bill = api.contribution_bill("weifang", 5000, "2025-07", industry_class=2, housing_fund_rate=0.05)
    assert rows(bill)["medical"]["national_guidance"] and not bill["complete"]
    assert any("national guidance stands in" in note for note in bill["notes"])


def test_a_citys_housing_fund_range_and_rounding():
    """Shanghai 2025: base 2,690-37,302, rates 5%-7%, each share to the whole yuan
    (沪公积金管委会〔2025〕8号): 50,000 -> 37,302 x 7% = 2,611.14 -> 2,611; 1,000 -> 2,690 x 5% =
    134.50 -> 135 (half up)."""
    high = rows(api.contribution_bill("shanghai", 50000, "2025-07", housing_fund_rate=0.07))["housing_fund"]
    assert (high["base"], high["employer"], high["employee"]) == (37302, 2611, 2611)
    low = rows(api.contribution_bill("shanghai", 1000, "2025-07", housing_fund_rate=0.05))["housing_fund"]
    assert (low["base"], low["employer"]) == (2690, 135)


def test_a_citys_range_ends_with_the_year_read_and_the_fallback_carries_the_wage_status():
    """Beijing's range read is 2,420-35,283 for 2024-07 to 2025-06 only: from 2025-07 the
    national rule (3 x the average wage) applies, and a projected wage makes the row projected
    (it ran a year past its notice, and the fallback was marked estimated)."""
    read = rows(api.contribution_bill("beijing", 100000, "2025-06", housing_fund_rate=0.12))["housing_fund"]
    after = rows(api.contribution_bill("beijing", 100000, "2025-07", housing_fund_rate=0.12))["housing_fund"]
    assert read["base"] == 35283 and after["base"] != 35283
    later = rows(api.contribution_bill("guangzhou", 100000, "2030-09", housing_fund_rate=0.12))["housing_fund"]
    assert later["status"] == "projected"


def test_no_wage_no_deposit():
    # /calculate with a month without pay billed the fund's floor (290.40 in Beijing) beside social insurance at 0.
    from openfisca_china_social_insurance.api import situations

    person = {"insured_region": {"ETERNITY": "beijing"}, "housing_fund_rate": {"2024-09": 0.12}, "wage": {"2024-09": 0},
              "housing_fund_base": {"2024-09": None}}
    simulation = situations.build({"persons": {"p": person}})
    assert simulation.calculate("housing_fund_base", "2024-09")[0] == 0
    assert simulation.calculate("housing_fund_employer_contribution", "2024-09")[0] == 0
    assert simulation.calculate("payroll_employer_contributions", "2024-09")[0] == 0


def test_a_month_without_a_wage_given_is_refused_not_billed_at_0():
    # /calculate answered 0.00 for the bill of a month the person gave no wage for (a wage of 0 is a month without pay).
    from openfisca_china_social_insurance.api import situations

    person = {"insured_region": {"ETERNITY": "shanghai"}, "sex": {"ETERNITY": "female"}, "wage": {"2025-06": 20000}}
    simulation = situations.build({"persons": {"p": person, "q": {**person, "wage": {"2025-06": 8000}}}})
    with pytest.raises(InputError, match=r"^wage 2025-07: missing for 2 person.*Allowed: the month's wage") as refused:
        simulation.calculate("payroll_employer_contributions", "2025-07")
    assert set(refused.value.persons) == {0, 1}
    assert simulation.calculate("payroll_employer_contributions", "2025-06")[0] > 0


def test_a_month_with_no_branch_in_force_is_refused_not_billed_at_0():
    with pytest.raises(InputError, match="month: '1993-01': no branch has a rate in force in 'jinan'"):
        api.contribution_bill("jinan", 10000, "1993-01")


STATUS_VARIABLES = {  # each row's status variable (variables/contribution_bill_status.py), as /calculate answers them
    "pension": "pension_contribution_status", "medical": "medical_contribution_status",
    "maternity": "maternity_contribution_status", "unemployment": "unemployment_contribution_status",
    "work_injury": "work_injury_contribution_status", "housing_fund": "housing_fund_contribution_status",
}


def test_the_web_api_answers_the_statuses_the_bill_shows():
    """Beijing 2025-07, 20,000, class 2, housing fund 12%: /calculate answers each row's status as
    the bill (and `shebao contributions`) shows it, the base's and the totals'. The housing fund
    rests on 3 x a projected average wage (Beijing's range read ends in 2025-06): projected, and
    so are both totals; medical, maternity and unemployment rest on unverified rates."""
    from openfisca_china_social_insurance.web import create_app

    bill = api.contribution_bill("beijing", 20000, "2025-07", industry_class=2, housing_fund_rate=0.12)
    person = {"insured_region": {"ETERNITY": "beijing"}, "wage": {"2025-07": 20000},
              "work_injury_industry_class": {"ETERNITY": 2}, "housing_fund_rate": {"ETERNITY": 0.12}}
    asked = [*STATUS_VARIABLES.values(), "monthly_contribution_base_status",
             "payroll_employer_contributions_status", "payroll_employee_contributions_status"]
    response = create_app().test_client().post("/calculate", json={"persons": {"p": person | {name: {"2025-07": None} for name in asked}}})
    answer = {name: values["2025-07"] for name, values in response.get_json()["persons"]["p"].items() if name in asked}
    shown = {row["branch"]: row["status"] for row in bill["rows"]}
    assert shown == {branch: answer[name] for branch, name in STATUS_VARIABLES.items()} == {
        "pension": "estimated", "medical": "unverified", "maternity": "unverified", "unemployment": "unverified",
        "work_injury": "estimated", "housing_fund": "projected"}
    assert bill["base_status"] == answer["monthly_contribution_base_status"] == "estimated"
    totals = {"employer": answer["payroll_employer_contributions_status"], "employee": answer["payroll_employee_contributions_status"]}
    assert bill["totals_status"] == totals == {"employer": "projected", "employee": "projected"}


def test_a_branch_billing_nothing_rests_on_nothing_and_the_totals_on_the_branches_billed(monkeypatch, capsys):
    # No class, no housing fund rate: those rows bill nothing (official); Guangdong's unemployment,
    # without a rate of the province's, is left out of the totals and of their status.
    bill = api.contribution_bill("guangdong", 8000, "2025-07")
    by = rows(bill)
    assert (by["work_injury"]["status"], by["housing_fund"]["status"]) == ("official", "official")
    assert bill["totals_status"] == {"employer": "estimated", "employee": "estimated"}
    # The command marks the totals as it marks the rows: Beijing's employer total rests on unverified rates.
    code, out, _ = run(monkeypatch, capsys, "contributions", "--region", "beijing", "--wage", "20000", "--month", "2025-07", "--lang", "en")
    assert code == 0 and "5,260.00?" in out


def test_a_housing_fund_rate_refused_in_a_batch_quotes_the_cap_of_the_person_it_names():
    # Beijing's cap is 12%, Shanghai's 7%: the refusal of the Shanghai person quoted 0.12 (the batch's largest).
    from openfisca_china_social_insurance.api import situations

    def person(region, rate):
        return {"insured_region": {"ETERNITY": region}, "wage": {"2025-07": 20000}, "housing_fund_rate": {"ETERNITY": rate}}

    simulation = situations.build({"persons": {"bj": person("beijing", 0.12), "sh": person("shanghai", 0.10), "bj_high": person("beijing", 0.13)}})
    with pytest.raises(InputError) as refused:
        simulation.calculate("housing_fund_employer_contribution", "2025-07")
    assert "first: 0.1, person #1" in str(refused.value) and "cap (0.07 in 'shanghai'" in str(refused.value)
    assert "cap (0.07 in 'shanghai'" in str(refused.value.persons[1]) and "cap (0.12 in 'beijing'" in str(refused.value.persons[2])
    before = situations.build({"persons": {"jn": {"insured_region": {"ETERNITY": "jinan"}, "wage": {"2003-07": 3000}, "housing_fund_rate": {"ETERNITY": 0.1}}}})
    with pytest.raises(InputError, match=r"Allowed: 0 \(not given\) in 2003-07: no range in force in 'jinan'"):
        before.calculate("housing_fund_employer_contribution", "2003-07")


def test_the_notes_in_chinese_and_a_language_not_offered_refused():
    bill = api.contribution_bill("jinan", 3000, "2025-07", lang="zh")
    assert bill["notes"][0] == "工资 3,000.00 低于缴费基数下限 4,504.00：按下限缴费（国办发〔2019〕13号（三））。"
    with pytest.raises(InputError, match="lang: 'fr' is not allowed. Allowed: zh, en"):
        api.contribution_bill("jinan", 3000, "2025-07", lang="fr")


def test_a_rate_not_in_force_is_none_and_the_bill_is_json():
    """Beijing 1995: no pension employer rate in force. Its rate was NaN (json.dumps wrote NaN, which
    no JSON parser reads), beside None for a rate not given."""
    import json

    bill = api.contribution_bill("beijing", 20000, "1995-07")
    pension = rows(bill)["pension"]
    assert pension["employer_rate"] is None and pension["employer"] is None and not pension["included"]
    json.loads(json.dumps(bill, allow_nan=False))


def test_the_bill_takes_numpy_and_decimal_numbers():
    import decimal

    import numpy

    expected = api.contribution_bill("beijing", 20000, "2025-07", industry_class=2)["totals"]
    assert api.contribution_bill("beijing", decimal.Decimal("20000.00"), "2025-07", industry_class=numpy.int64(2))["totals"] == expected
    assert api.contribution_bill("beijing", numpy.float32(20000), "2025-07", industry_class=2)["totals"] == expected
    with pytest.raises(InputError, match="wage: '20000'"):
        api.contribution_bill("beijing", "20000", "2025-07")
