"""Reliability of the Web API: no 5xx and only JSON answers (or the file an endpoint
declares: the desk's chart and exports), whatever the request.

- a property-based run (hypothesis) of /assess on random valid and invalid profiles;
- a bounded schemathesis run of every endpoint of /openapi.json against the real server
  (`shebao serve` on 127.0.0.1), requests generated from the OpenAPI description;
- several client threads at once against a threaded server sharing one app (one system,
  one cache of reformed systems): the same answers as one request after the other.

Each run has a fixed example count and derandomize=True: the same requests on every run.
"""

import json
import math
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_web_api import post  # the real server's client (tests/ is on the path)

from openfisca_china_social_insurance.web import create_app
from openfisca_china_social_insurance.web.app import openapi_description

FIXED = settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture(scope="module")
def client():
    return create_app(max_persons=6).test_client()


# ------------------------------------------------------------ random profiles

REGIONS = st.sampled_from(["jinan", "370100", "weifang", "shandong", "beijing", "shenzhen", "nation", "xx", "", "999999"])
ANY = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5), st.lists(st.integers(), max_size=2))


def _maybe(strategy, bad=ANY):
    """Mostly a valid value, sometimes anything."""
    return st.one_of(strategy, strategy, strategy, bad)


SEGMENT = st.fixed_dictionaries(
    {"from": _maybe(st.integers(1990, 2030))},
    optional={
        "to": _maybe(st.integers(1990, 2040)),
        "wage": _maybe(st.floats(0, 40000)),
        "index": _maybe(st.floats(0, 4)),
        "months": _maybe(st.integers(0, 12)),
        "employment_type": _maybe(st.sampled_from(["employee", "flexible_worker"])),
        "region": _maybe(REGIONS),
    },
)
PROFILE = st.fixed_dictionaries(
    {},
    optional={
        "birth_date": _maybe(st.dates().map(str).filter(lambda d: "1940" <= d <= "2005")),
        "sex": _maybe(st.sampled_from(["male", "female"])),
        "insured_region": _maybe(REGIONS),
        "worker_category": _maybe(st.sampled_from(["worker", "cadre"])),
        "deemed_contribution_years": _maybe(st.floats(0, 20)),
        "provisional_assessment": _maybe(st.booleans()),
        "career": _maybe(st.lists(SEGMENT, max_size=3)),
        "overrides": _maybe(st.dictionaries(st.sampled_from(["payout_months", "personal_account_balance", "contribution_years", "average_contribution_index"]), ANY, max_size=3)),
        "shortfall_choice": _maybe(st.sampled_from(["continue_contributing", "refund_on_request"])),
    },
)
# Mostly complete persons (so that the model computes), sometimes anything.
VALID_CORE = st.fixed_dictionaries({
    "birth_date": st.dates().map(str).filter(lambda d: "1950" <= d <= "1985"),
    "sex": st.sampled_from(["male", "female"]),
    "insured_region": st.sampled_from(["jinan", "370700", "shandong", "beijing"]),
    "career": st.lists(st.fixed_dictionaries({"from": st.integers(1998, 2020), "index": st.floats(0.6, 3)}), min_size=1, max_size=1),
})
PERSON = st.one_of(VALID_CORE, VALID_CORE, PROFILE, ANY)
BODY = st.one_of(
    st.fixed_dictionaries({"profiles": st.dictionaries(st.text("abcxyz", min_size=1, max_size=4), PERSON, min_size=1, max_size=4)}),
    st.fixed_dictionaries({"profiles": st.lists(PERSON, min_size=1, max_size=4)}),
    st.fixed_dictionaries({"profiles": st.dictionaries(st.text("ab", min_size=1, max_size=2), PERSON, max_size=8)}, optional={"outputs": ANY, "assumptions": ANY}),
    ANY,
)


def _fen_exact(value):
    return not isinstance(value, float) or value == round(value, 2) or value != round(value, 6)


@FIXED
@given(body=BODY)
def test_assess_never_fails_on_random_profiles(client, body):
    response = client.post("/assess", data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.data[:500]
    answer = json.loads(response.data)  # JSON, strict: no NaN or Infinity
    if response.status_code != 200:
        assert response.status_code in (400, 413) and answer["error"] and "field" in answer
        return
    names = [row["name"] for row in answer["results"]] + [error["person"] for error in answer["errors"]]
    assert len(names) == len(set(names)) == len(body["profiles"])  # every person answered once
    for row in answer["results"]:
        assert math.isfinite(row["monthly_pension"]) and row["monthly_pension"] >= 0
        assert _fen_exact(row["monthly_pension"])
    for error in answer["errors"]:
        assert "Allowed" in error["error"] or "allowed" in error["error"], error


# ------------------------------------------------------------ schemathesis on the real server


def _declared_kinds(operation):
    """The media types an operation's 200 answer is described with (a chart, a file, a page or
    JSON); none for an operation without a 200 (OpenFisca's welcome at / is a 300)."""
    paths = openapi_description()["paths"]
    return tuple(paths[operation.path][operation.method.lower()]["responses"].get("200", {}).get("content", ()))


def test_schemathesis_finds_no_server_error(server):
    schemathesis = pytest.importorskip("schemathesis")
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        declared = _declared_kinds(operation)

        @settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(base_url=server, timeout=60)
            kind = response.headers.get("content-type") or response.headers.get("Content-Type") or ""
            kind = kind[0] if isinstance(kind, list) else kind
            # Errors are JSON everywhere; a success is of the type its description declares.
            allowed = declared if response.status_code == 200 else ("application/json",)
            if response.status_code >= 500 or not kind.startswith(allowed):
                failures.append((operation.label, response.status_code, response.text[:300]))
            if kind.startswith("application/json"):
                response.json()

        run()
    assert not failures, failures[:5]


# ------------------------------------------------------------ concurrency


HER = {"birth_date": "1974-05-20", "sex": "female", "insured_region": "jinan", "deemed_contribution_years": 2,
       "career": [{"from": 1996, "to": 2002, "index": 1.0}, {"from": 2003, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"}]}
SEED_MAN = {"birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
            "overrides": {"contribution_years": 15, "pre_account_contribution_years": 0, "personal_account_balance": 9780}}
REQUESTS = [
    ("/assess", {"profiles": {"her": HER, "him": {**HER, "sex": "male"}}}),
    ("/assess", {"profiles": {"her": HER}, "assumptions": "high"}),
    ("/assess", {"profiles": {"bad": {**HER, "sex": "x"}, "her": HER}}),
    ("/compare", {"profiles": {"man": SEED_MAN}, "reforms": [{"name": "basic_pension_by_years", "knobs": {"step": 0.015}}]}),
    ("/compare", {"profiles": {"her": HER}, "reforms": ["flexible_worker_rate_18"], "assumptions": "low"}),
    ("/assess", {"profiles": [{**HER, "birth_date": f"19{60 + number}-03-01"} for number in range(6)]}),
]


@pytest.fixture(scope="module")
def threaded_server():
    """The app on werkzeug's threaded server: every request in a thread of one process."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_concurrent_clients_get_what_one_client_gets(threaded_server):
    rounds = 2
    jobs = REQUESTS * rounds
    concurrent = [None] * len(jobs)

    def work(number):
        path, body = jobs[number]
        concurrent[number] = post(threaded_server, body, path)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(len(jobs))]
    for thread in threads:  # every request in flight at once, before any cache is warm
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    sequential = [post(threaded_server, body, path) for path, body in REQUESTS]
    assert all(status == 200 for status, _ in sequential), sequential
    for number, answer in enumerate(concurrent):
        assert answer == sequential[number % len(REQUESTS)], jobs[number]
