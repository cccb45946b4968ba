"""docs/web_api.md's examples, run against the app: each answer must contain what the
doc shows (an object may hold more keys; a list must have the shown items in order)."""

import json
import re
from pathlib import Path

import pytest

from openfisca_china_social_insurance.web import create_app

DOC = Path(__file__).resolve().parents[1] / "docs" / "web_api.md"
EXAMPLE = re.compile(r"```http\nPOST (/\w+)\n(.*?)\n```\s*\nanswers (\d{3}):\n\n```json\n(.*?)\n```", re.S)
EXAMPLES = EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def contains(actual, shown, where="answer"):
    if isinstance(shown, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r}"
        for key, value in shown.items():
            assert key in actual, f"{where}: no {key!r} in {sorted(actual)}"
            contains(actual[key], value, f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(actual, list) and len(actual) == len(shown), f"{where}: {actual!r}"
        for number, (item, value) in enumerate(zip(actual, shown)):
            contains(item, value, f"{where}[{number}]")
    else:
        assert actual == shown and type(actual) is type(shown), f"{where}: {actual!r} != {shown!r}"


def test_the_doc_has_its_examples():
    assert len(EXAMPLES) >= 6


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.mark.parametrize(("path", "body", "status", "answer"), EXAMPLES, ids=[f"{number}{path}" for number, (path, *_) in enumerate(EXAMPLES)])
def test_the_example(client, path, body, status, answer):
    response = client.post(path, json=json.loads(body))
    assert response.status_code == int(status), response.get_json()
    contains(response.get_json(), json.loads(answer))
