"""POST /explain: one person's assessment and every parameter value it read. The values are
checked against the parameter files themselves (read here as YAML, not through the model),
and a bad profile is a 400 naming its field."""

from pathlib import Path

import pytest
import yaml

from openfisca_china_social_insurance.web import create_app

PARAMETERS = Path(__file__).resolve().parents[1] / "parameters"
#: README's Jinan flexible worker as a final assessment (without provisional_assessment): 2,533.69 yuan a month.
HER = {"birth_date": "1974-05-20", "sex": "female", "insured_region": "jinan", "deemed_contribution_years": 2,
       "career": [{"from": 1996, "to": 2002, "index": 1.0}, {"from": 2003, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"}]}


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.fixture(scope="module")
def explained(client):
    response = client.post("/explain", json={"profile": HER})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def in_file(path, day):
    """The value of parameter `path` in force on `day`, read from its YAML file."""
    folder, parts = PARAMETERS, path.split(".")
    while (folder / parts[0]).is_dir():
        folder, parts = folder / parts[0], parts[1:]
    node = yaml.safe_load((folder / f"{parts[0]}.yaml").read_text(encoding="utf-8"))
    for part in parts[1:]:
        node = node[part]
    dated = {str(start): value["value"] if isinstance(value, dict) else value for start, value in node["values"].items()}
    return dated[max(start for start in dated if start <= day)]


def test_the_assessment_is_the_one_assess_gives(client, explained):
    row = client.post("/assess", json={"profiles": {"profile": HER}}).get_json()["results"][0]
    assert explained["assessment"] == {key: value for key, value in row.items() if key != "defaults"}
    assert explained["assessment"]["monthly_pension"] == 2533.69


def test_every_value_from_a_file_is_the_files_value_at_that_date(explained):
    from_files = [entry for entry in explained["parameters"] if entry["source"] and entry["value"] is not None and entry["key"] is None]
    assert len(from_files) > 100  # 28 career years of average wages, bands, shares, rates
    for entry in from_files:
        assert entry["value"] == in_file(entry["source"], entry["date"]), entry


def test_a_city_reads_its_province_with_the_provinces_reference_and_status(explained):
    wage_2010 = next(entry for entry in explained["parameters"] if entry["path"] == "common.average_wage" and entry["date"] == "2010-01-01")
    assert wage_2010 == {
        "path": "common.average_wage", "date": "2010-01-01", "region": "jinan", "key": None, "value": 2474.0,
        "unit": "currency-CNY", "source": "common.average_wage.shandong", "status": "estimated",
        "reference": wage_2010["reference"],
        "variables": [{"name": "contribution_average_wage", "label_zh": "上年度职工月平均工资", "label_en": "Average monthly wage applied to the year's contributions"}],
    }
    assert "Shandong" in wage_2010["reference"][0]["title"]


def test_national_values_read_through_openfisca_carry_their_reference(explained):
    share = next(entry for entry in explained["parameters"] if entry["path"] == "pension.contribution.account_share" and entry["date"] == "2010-01-01")
    assert (share["value"], share["region"], share["status"]) == (0.08, None, "official")
    assert share["reference"][0]["title"] == "国发〔2005〕38号 art.6"
    assert [variable["name"] for variable in share["variables"]] == ["personal_account_credit"]


def test_a_scale_is_read_at_its_key(explained):
    """Payout months at 50 (国发〔2005〕38号 annex: 195), the divisor of her balance."""
    at_50 = next(entry for entry in explained["parameters"] if entry["path"] == "pension.benefit.payout_months.by_age" and entry["key"] == 50)
    assert at_50["value"] == explained["assessment"]["payout_months"] == 195.0


def test_every_entry_says_who_read_it_and_its_status(explained):
    for entry in explained["parameters"]:
        assert entry["variables"] and all(variable["label_en"] for variable in entry["variables"]), entry
        assert entry["status"] in (None, "official", "estimated", "unverified", "projected"), entry
        assert entry["status"] is not None or entry["value"] is None, entry  # a value read always has a status


def test_a_projected_figure_has_no_file_and_follows_the_assumptions(client):
    """A man retiring in 2048: his calculation base is projected from the last published one,
    by the assumption set's wage growth (core/time_axis.py)."""
    young = {"birth_date": "1985-03-01", "sex": "male", "insured_region": "weifang", "career": [{"from": 2008, "to": 2045, "index": 1.0}]}
    bases = {}
    for assumptions in ("central", "high"):
        answer = client.post("/explain", json={"profile": young, "assumptions": assumptions}).get_json()
        (base,) = [entry for entry in answer["parameters"] if entry["path"] == "pension.benefit.pension_calculation_base"]
        assert (base["date"], base["region"], base["source"], base["reference"], base["status"], base["unit"]) == (
            "2048-01-01", "weifang", None, None, "projected", "currency-CNY")
        assert base["value"] == answer["assessment"]["pension_calculation_base"]
        bases[assumptions] = base["value"]
    assert bases["high"] > bases["central"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"profile": {**HER, "sex": "x"}}, "profile.sex"),
        ({"profile": {key: value for key, value in HER.items() if key != "birth_date"}}, "profile.birth_date"),
        ({"profile": [HER]}, "profile"),
        ({"profiles": {"her": HER}}, "profiles"),
        ({}, "profile"),
    ],
)
def test_a_bad_profile_is_a_400_naming_its_field(client, body, field):
    response = client.post("/explain", json=body)
    assert response.status_code == 400
    assert response.get_json()["field"] == field and "Allowed" in response.get_json()["error"]


def test_nothing_is_recorded_outside_explain():
    from openfisca_china_social_insurance import api, default_system
    from openfisca_china_social_insurance.core import lookup

    with lookup.recording() as reads:
        pass
    api.assess({"her": HER}, default_system())
    assert reads == []


def test_each_read_is_listed_once():
    from openfisca_china_social_insurance import api

    entries = api.explain({"birth_date": "1968-05-01", "sex": "female", "insured_region": "jinan",
                           "career": [{"from": 1998, "to": 2025, "index": 1.0}]})["parameters"]
    keys = [(entry["path"], entry["date"], entry["region"], entry["key"]) for entry in entries]
    assert len(keys) == len(set(keys))
