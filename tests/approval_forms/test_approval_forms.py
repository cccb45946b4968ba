"""The official approval forms of the shared folder, reproduced by the model.

Every case path listed in passing.txt must pass on every printed component; every
verified Shandong form must pass; the pass count of verified forms may not drop below
the number listed. The forms live outside the repository: $SHEBAO_SHARED, else
<repo>/../shared. Without that folder the form tests are skipped (and say why).
"""

import json
import os
from pathlib import Path

import pytest

from openfisca_china_social_insurance.validation import approval_forms

HERE = Path(__file__).parent
REPOSITORY = HERE.parent.parent


def _shared_dir():
    return Path(os.environ["SHEBAO_SHARED"]) if os.environ.get("SHEBAO_SHARED") else REPOSITORY.parent / "shared"


def _listed():
    lines = (HERE / "passing.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def rows():
    folder = approval_forms.cases_folder(_shared_dir())
    if not folder.is_dir():
        pytest.skip(f"approval forms not found at {folder}: set SHEBAO_SHARED to the shared folder")
    return approval_forms.report(_shared_dir())


def test_every_listed_case_passes(rows):
    by_case = {row["case"]: row for row in rows}
    missing = [case for case in _listed() if case not in by_case]
    failing = [f"{case}: {by_case[case]['reason']}" for case in _listed() if case in by_case and not by_case[case]["passed"]]
    assert not missing, f"listed in passing.txt but not in the shared folder: {missing}"
    assert not failing, "listed in passing.txt but failing:\n" + "\n".join(failing)


def test_every_shandong_verified_form_passes_on_every_component(rows):
    shandong = [row for row in rows if row["province"] == "shandong" and row["verified"]]
    assert len(shandong) == 5
    for row in shandong:
        for component in ("basic", "account", "transitional", "total"):
            assert row[component] == "pass", f"{row['case']} {component}: {row['reason']}"
        assert row["extra"] in ("pass", "n/a")


def test_verified_pass_count(rows):
    verified = [row for row in rows if row["verified"]]
    passed = [row for row in verified if row["passed"]]
    message = f"{len(passed)} of {len(verified)} verified forms reproduced"
    print(message)
    listed_verified = {row["case"] for row in verified} & set(_listed())
    assert len(passed) >= len(listed_verified) > 0, message


def test_report_formats(rows):
    markdown = approval_forms.to_markdown(rows)
    counts = approval_forms.summary(rows)["total"]
    assert f"**{counts['verified_passed']} of {counts['verified']} verified forms reproduced**" in markdown
    assert markdown.count("\n| ") >= len(rows)
    csv_text = approval_forms.to_csv(rows)
    assert csv_text.splitlines()[0].startswith("province,case,verified")
    assert len(csv_text.splitlines()) == len(rows) + 1


def test_case_field_variants_are_normalised(tmp_path):
    """camelCase expected keys, birth strings, genderType, base_prov only."""
    folder = tmp_path / "cases" / "shandong"
    folder.mkdir(parents=True)
    path = folder / "variant.json"
    path.write_text(
        json.dumps(
            {
                "province": "shandong",
                "city": "潍坊市",
                "gender": "",
                "genderType": "fc",
                "birth": "1970年11月",
                "retire_date": "2025-11",
                "base_prov": 7678,
                "avg_index": 0.64,
                "total_years": 32,
                "sight_years": 0.5,
                "pre_account_years": 2.5,
                "personal_account": 101912.71,
                "months": 170,
                "notes": "按2024年基数7678预发",
                "expected": {"basicPension": 2014.71, "personalPension": 599.49, "transitionalPension": 159.7, "total": 2773.9},
                "verified": True,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    case = approval_forms.load_case(path, tmp_path / "cases")
    assert case.path == "shandong/variant.json"
    assert (case.sex, case.cadre, case.region) == ("female", True, "weifang")
    assert case.birth == (1970, 11) and case.retirement == (2025, 11)
    assert case.base == 7678 and case.provisional and not case.missing
    assert case.expected == {"basic": 2014.71, "account": 599.49, "transitional": 159.7, "total": 2773.9}
    row = approval_forms.check(case)
    assert row["passed"], row["reason"]
    assert row["extra"] == "n/a"


def test_a_case_without_a_base_is_reported_not_raised(tmp_path):
    folder = tmp_path / "cases" / "hubei"
    folder.mkdir(parents=True)
    path = folder / "nobase.json"
    path.write_text(json.dumps({"province": "hubei", "expected": {"total": 1}, "avg_index": 1}), encoding="utf-8")
    row = approval_forms.check(approval_forms.load_case(path, tmp_path / "cases"))
    assert not row["passed"]
    assert "pension calculation base" in row["reason"] and row["basic"] == "error"
