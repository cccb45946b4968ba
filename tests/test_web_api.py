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
