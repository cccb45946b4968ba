"""The Web API as users run it (`shebao serve`, a real gunicorn HTTP server): a pension is
computed, and a bad input is answered 400 with the model's message naming the input."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
PERSON = {
    "birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"},
    "insured_region": {"ETERNITY": "weifang"}, "provisional_assessment": {"ETERNITY": True},
    "average_contribution_index": {"ETERNITY": 0.682}, "contribution_years": {"ETERNITY": 41},
    "pre_account_contribution_years": {"ETERNITY": 14.0833},
    "personal_account_balance": {"ETERNITY": 95061.63},
}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen([str(BIN / "shebao"), "serve", "--port", str(port), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/spec", timeout=5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                raise
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


def post(url, situation):
    request = urllib.request.Request(f"{url}/calculate", data=json.dumps(situation).encode(), headers={"Content-Type": "application/json"})
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
