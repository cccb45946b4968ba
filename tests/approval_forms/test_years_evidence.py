"""What the verified forms' own pensions tell about how each region counts contribution years."""

import json
import os
from pathlib import Path

import pytest

from openfisca_china_social_insurance.validation import approval_forms, years_evidence

REPOSITORY = Path(__file__).resolve().parents[2]


def _form(tmp_path, basic, verified=True, total_years=30.67):
    """A Hebei form of 30年8个月 (368 months) on a base of 10000 at index 1: the basic pension is
    10000 x years x 1%, so 30.67 years print 3067.00, 30.6667 print 3066.67 and 30.7 print 3070.00."""
    folder = tmp_path / "cases" / "hebei"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "form.json"
    path.write_text(json.dumps({
        "province": "hebei", "gender": "男", "birth_year": 1965, "birth_month": 6, "retire_year": 2025, "retire_month": 6,
        "base_number": 10000, "avg_index": 1.0, "total_years": total_years, "sight_years": 0, "personal_account": 0,
        "months": 139, "expected": {"basic_pension": basic}, "verified": verified,
    }), encoding="utf-8")
    return approval_forms.load_case(path, tmp_path / "cases")


@pytest.mark.parametrize(
    "basic, shows",
    [
        (3067.00, ["2 decimals, half up", "2 decimals, rounded up"]),
        (3066.67, ["4 decimals, half up", "months / 12"]),
        (3070.00, ["1 decimal, rounded up"]),
    ],
)
def test_a_form_shows_the_ways_of_counting_that_give_its_printed_basic(tmp_path, basic, shows):
    (row,) = years_evidence.told_by_forms([_form(tmp_path, basic)])
    assert (row["months"]["contribution_years"], row["parts"], row["shows"], row["tells"]) == (368, ["basic"], shows, True)


def test_a_form_no_way_reproduces_tells_nothing_and_unverified_or_whole_years_are_not_asked(tmp_path):
    (row,) = years_evidence.told_by_forms([_form(tmp_path, 3000.00)])
    assert (row["parts"], row["shows"], row["tells"]) == ([], [], False)
    assert years_evidence.told_by_forms([_form(tmp_path, 3067.00, verified=False)]) == []
    assert years_evidence.told_by_forms([_form(tmp_path, 3000.00, total_years=30)]) == []


def test_the_model_counts_years_as_every_verified_form_that_tells_shows():
    """Each region's rounding files against the forms themselves: wherever a verified form tells
    ways of counting apart, the model's way at that form's date is among those it shows."""
    shared = Path(os.environ["SHEBAO_SHARED"]) if os.environ.get("SHEBAO_SHARED") else REPOSITORY.parent / "shared"
    if not approval_forms.cases_folder(shared).is_dir():
        pytest.skip(f"approval forms not found under {shared}: set SHEBAO_SHARED to the shared folder")
    rows = [row for row in years_evidence.told_by_forms(approval_forms.load_cases(shared)) if row["tells"]]
    assert len(rows) >= 40  # the shared forms tell on some 50
    wrong = [(row["case"], years_evidence.model_counting(row["region"], row["retirement"]), row["shows"])
             for row in rows if years_evidence.model_counting(row["region"], row["retirement"]) not in row["shows"]]
    assert not wrong
    # Four decimals and months / 12 differ by a fen at most, and forms tell them apart too.
    told = {row["case"]: row["shows"] for row in rows}
    assert told["yunnan/4"] == ["4 decimals, half up"] and told["heilongjiang/7"] == ["months / 12"]
