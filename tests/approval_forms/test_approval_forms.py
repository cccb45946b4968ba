"""The official approval forms of the shared folder, reproduced by the model.

Every case path listed in passing.txt must pass on every printed component; every
verified Shandong form must pass; the pass count of verified forms may not drop below
the number listed. The forms live outside the repository: $SHEBAO_SHARED, else
<repo>/../shared. Without that folder the form tests are skipped (and say why).
The facts about individual forms are case_facts.yml beside this file: a malformed
facts file, or one naming a case file that does not exist, is refused by name.
"""

import json
import os
from pathlib import Path

import pytest

from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.validation import approval_forms, forms_report

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
    markdown = forms_report.to_markdown(rows)
    counts = forms_report.summary(rows)["total"]
    assert f"**{counts['verified_passed']} of {counts['verified']} verified forms reproduced**" in markdown
    assert markdown.count("\n| ") >= len(rows)
    csv_text = forms_report.to_csv(rows)
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


def test_camel_case_inputs_and_a_work_start_in_text_read_like_their_snake_case_twins(tmp_path):
    """hubei/10's figures spelt in camelCase, the work start as text and no pre-account years:
    the same Case as the snake_case spelling."""
    folder = tmp_path / "cases" / "hubei"
    folder.mkdir(parents=True)
    snake = {
        "province": "hubei", "city_type": "荆州", "gender": "男", "birth_year": 1966, "birth_month": 4,
        "work_year": 1984, "work_month": 10, "retire_year": 2026, "retire_month": 4, "avg_index": 0.8463,
        "personal_account": 90001.62, "months": 139, "total_years": 41.5833, "account_start": {"year": 1998, "month": 12},
        "expected": {"basic_pension": 2767.53, "personal_pension": 647.49, "transitional_pension": 1037.55, "total": 4452.57},
    }
    camel = {
        "province": "hubei", "cityType": "荆州", "gender": "男", "birthYear": 1966, "birthMonth": 4,
        "workStart": "1984年10月", "retireYear": 2026, "retireMonth": 4, "avgIndex": 0.8463,
        "personalAccount": 90001.62, "months": 139, "totalYears": 41.5833, "accountStart": "1998-12",
        "expected": {"basicPension": 2767.53, "personalPension": 647.49, "transitionalPension": 1037.55, "total": 4452.57},
    }
    cases = []
    for name, data in (("snake", snake), ("camel", camel)):
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        case = approval_forms.load_case(folder / f"{name}.json", tmp_path / "cases")
        case.path = "hubei/case.json"
        cases.append(case)
    assert cases[0] == cases[1]
    assert (cases[1].region, cases[1].average_index, cases[1].pre_account_years) == ("jingzhou", 0.8463, 14.1667)


def test_a_malformed_case_is_a_row_that_names_what_is_wrong_and_the_others_still_run(tmp_path):
    """One unreadable file must not cost the report its other rows (a province's name in
    Chinese, numbers with their unit and a bad month are read or named, never raised)."""
    folder = approval_forms.cases_folder(tmp_path) / "henan"
    folder.mkdir(parents=True)
    (folder / "bad_json.json").write_text('{"province": "henan", "avg_index": 0.7,', encoding="utf-8")
    (folder / "a_list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "bad_fields.json").write_text(json.dumps(
        {"province": "河南省", "avg_index": "abc", "retire_year": 2025, "retire_month": 13, "base_number": "6738元",
         "expected": {"total": "1x"}}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "facts.yml").write_text("{}\n", encoding="utf-8")
    rows = {row["case"]: row for row in approval_forms.report(tmp_path, tmp_path / "facts.yml")}
    assert set(rows) == {"henan/bad_json.json", "henan/a_list.json", "henan/bad_fields.json"}
    assert "not JSON" in rows["henan/bad_json.json"]["reason"]
    assert "a JSON object was expected" in rows["henan/a_list.json"]["reason"]
    reason = rows["henan/bad_fields.json"]["reason"]
    assert "avg_index 'abc' is not a number" in reason and "retire_month 13 is no month (1-12)" in reason
    assert "total '1x' is not a number" in reason and "base_number" not in reason
    assert not any(row["passed"] for row in rows.values())
    case = approval_forms.load_case(folder / "bad_fields.json", folder.parent)
    assert (case.province, case.base) == ("henan", 6738)


@pytest.mark.parametrize("fields, words", [
    ({"retire_year": 1995, "retire_month": 6}, "model refused the inputs: retirement_date: 1995-06-01 is before the basic pension"),
    ({"retire_year": 2150, "retire_month": 6, "base_number": None}, "the model cannot complete the case: date 2150-06-01: outside"),
    ({"retire_year": None, "retire_month": None, "retire_date": "2025-13"}, "the case gives no retirement date"),
    ({"account_start": {"year": 1998, "month": 13}, "sight_years": None}, "account_start.month 13 is no month (1-12)"),
    ({"retire_year": 2025.5}, "retire_year 2025.5 is no whole year"),
    ({"expected": 3629.8}, "expected 3629.8 is not an object of printed amounts"),
    ({"avg_index": float("nan")}, "avg_index nan is not a number"),
])
def test_a_verified_form_with_an_impossible_field_is_a_row_that_names_it(tmp_path, fields, words):
    """henan/9's figures with one field made impossible: a row naming it, never an exception."""
    data = {"province": "henan", "gender": "男", "birth_year": 1965, "birth_month": 10, "work_year": 1985, "work_month": 10,
            "retire_year": 2025, "retire_month": 10, "base_number": 6738, "avg_index": 0.68834, "trans_index": 0.6573,
            "personal_account": 55537.81, "months": 139, "sight_years": 9.25, "total_years": 39.5, "verified": True,
            "expected": {"basic_pension": 2181.78, "personal_pension": 399.55, "transitional_pension": 494.79, "total": 3076.12}}
    data.update(fields)
    folder = tmp_path / "cases" / "henan"
    folder.mkdir(parents=True)
    (folder / "form.json").write_text(json.dumps({key: value for key, value in data.items() if value is not None}), encoding="utf-8")
    row = approval_forms.check(approval_forms.load_case(folder / "form.json", tmp_path / "cases"))
    assert not row["passed"] and words in row["reason"], row["reason"]


def test_a_case_without_a_base_is_reported_not_raised(tmp_path):
    folder = tmp_path / "cases" / "hubei"
    folder.mkdir(parents=True)
    path = folder / "nobase.json"
    path.write_text(json.dumps({"province": "hubei", "expected": {"total": 1}, "avg_index": 1}), encoding="utf-8")
    row = approval_forms.check(approval_forms.load_case(path, tmp_path / "cases"))
    assert not row["passed"]
    assert "pension calculation base" in row["reason"] and row["basic"] == "error"


def test_a_case_without_a_printed_base_is_computed_on_the_model_base_and_says_so(tmp_path):
    # hubei/10's figures: a Jingzhou sector-pooled employer, account from 1998-12, retired 2026-04.
    folder = tmp_path / "cases" / "hubei"
    folder.mkdir(parents=True)
    path = folder / "jingzhou.json"
    path.write_text(json.dumps({
        "province": "hubei", "city_type": "荆州", "gender": "男", "birth_year": 1966, "birth_month": 4,
        "work_year": 1984, "work_month": 10, "retire_year": 2026, "retire_month": 4, "avg_index": 0.8463,
        "personal_account": 90001.62, "months": 139, "total_years": 41.5833, "account_start": {"year": 1998, "month": 12},
        "expected": {"basic_pension": 2767.53, "personal_pension": 647.49, "transitional_pension": 1037.55, "total": 4452.57},
        "verified": True,
    }, ensure_ascii=False), encoding="utf-8")
    case = approval_forms.load_case(path, tmp_path / "cases")
    assert (case.region, case.base, case.provisional, case.pre_account_years) == ("jingzhou", 7210, True, 14.1667)
    assert case.read == [
        "pre-account years 14.1667 = 170 months from the work start 1984-10 to the account start 1998-12",
        "no printed base: the model's 7210 for jingzhou (the year before's: provisional)",
    ]
    row = approval_forms.check(case)
    assert row["passed"], row["reason"]
    assert (row["base_form"], row["base_check"]) == (None, "not printed")


@pytest.mark.parametrize(
    "province, city_type, region",
    [("liaoning", "dl", "dalian"), ("liaoning", "sy", "shenyang"), ("hubei", "wh", "wuhan"), ("jilin", "cc", "changchun"),
     ("guangdong", "sz", "shenzhen"), ("hubei", "tier3", "hubei"), ("henan", "zz", "zhengzhou"), ("henan", "zhengzhou", "zhengzhou"), ("henan", "kaifeng", "henan")],
)
def test_the_collectors_city_codes_name_the_city_a_base_of_its_own_is_for(tmp_path, province, city_type, region):
    folder = tmp_path / "cases" / province
    folder.mkdir(parents=True)
    path = folder / "coded.json"
    path.write_text(json.dumps({"province": province, "city_type": city_type, "expected": {"total": 1}}), encoding="utf-8")
    assert approval_forms.load_case(path, tmp_path / "cases").region == region


# ---------------------------------------------------------------- the facts file


def _shared_with_one_case(tmp_path):
    """A shared folder holding one case, shandong/1.json (a Jinan form with a 预发 note)."""
    folder = approval_forms.cases_folder(tmp_path) / "shandong"
    folder.mkdir(parents=True)
    (folder / "1.json").write_text(
        json.dumps(
            {"province": "shandong", "retire_date": "2025-11", "base_number": 7678, "notes": "按2024年基数7678预发",
             "expected": {"total": 1}, "verified": True},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return tmp_path


def _facts_file(tmp_path, text):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_committed_facts_file_loads():
    facts = approval_forms.load_case_facts(approval_forms.default_facts_path())
    assert approval_forms.default_facts_path() == HERE / "case_facts.yml"
    assert len(facts) >= 40
    assert facts["tianjin/8.json"].not_from_form == ("account", "total")
    assert facts["tianjin/8.json"].provisional is True and facts["tianjin/8.json"].evidence
    assert facts["liaoning/6.json"].provisional is False
    assert facts["beijing/7.json"].pre_account_years == 1.25 and "1.25" in facts["beijing/7.json"].evidence
    assert facts["shanxi/2.json"].rounded_index.startswith("form prints 0.6101")


def test_a_fact_qualifies_the_comparison_of_its_case(tmp_path):
    """`provisional: false` overrides the 预发 note; the known issue is the row's note."""
    shared = _shared_with_one_case(tmp_path)
    (case,) = approval_forms.load_cases(shared, _facts_file(tmp_path, "shandong/1.json: {known_issue: why}\n"))
    assert case.provisional and case.facts.known_issue == "why"  # the note decides
    facts = _facts_file(tmp_path, "shandong/1.json:\n  provisional: false\n  evidence: the 2025 base itself\n")
    (case,) = approval_forms.load_cases(shared, facts)
    assert not case.provisional and case.facts.evidence == "the 2025 base itself"
    assert approval_forms.check(case)["known_issue"] == ""


def test_a_facts_file_with_an_unknown_field_is_refused_naming_the_file_and_the_case(tmp_path):
    facts = _facts_file(tmp_path, "shandong/1.json:\n  known_isue: a typo\n")
    with pytest.raises(InputError) as info:
        approval_forms.load_case_facts(facts)
    message = str(info.value)
    assert str(facts) in message and "shandong/1.json" in message and "known_isue" in message, message
    assert "Allowed fields: rounded_index, known_issue, not_from_form, demonstration, provisional, pre_account_years, form_figures, evidence" in message
    with pytest.raises(InputError, match="known_isue"):
        approval_forms.report(_shared_with_one_case(tmp_path), facts)


def test_a_fact_for_a_case_file_that_does_not_exist_is_refused_naming_the_file_and_the_case(tmp_path):
    shared = _shared_with_one_case(tmp_path)
    facts = _facts_file(tmp_path, "shandong/1.json:\n  known_issue: here\nshandong/99.json:\n  known_issue: nowhere\n")
    assert set(approval_forms.load_case_facts(facts)) == {"shandong/1.json", "shandong/99.json"}  # well formed
    for load in (approval_forms.load_cases, approval_forms.report):
        with pytest.raises(InputError) as info:
            load(shared, facts)
        message = str(info.value)
        assert str(facts) in message and "shandong/99.json" in message and "names no case file" in message, message
        assert "'shandong/1.json'" in message  # what is allowed


@pytest.mark.parametrize(
    "text, words",
    [
        ("- shandong/1.json\n", ["list at the top", "mapping of case path"]),
        ("shandong/1.json: a text\n", ["'shandong/1.json'", "not a mapping of facts"]),
        ("shandong/1.json: {}\n", ["'shandong/1.json'", "no fact"]),
        ("shandong.json:\n  known_issue: x\n", ["'shandong.json'", "not a case path", "<province>/<file>.json"]),
        ("shandong/1.json:\n  known_issue: ''\n", ["'shandong/1.json'.known_issue", "not empty"]),
        ("shandong/1.json:\n  not_from_form: [pension]\n", ["not_from_form", "['pension']", "basic, account"]),
        ("shandong/1.json:\n  not_from_form: account\n", ["not_from_form", "'account'", "a list of"]),
        ("shandong/1.json:\n  provisional: maybe\n  evidence: x\n", ["provisional", "'maybe'", "true or false"]),
        ("shandong/1.json:\n  provisional: true\n", ["'provisional', 'pre_account_years' or 'form_figures' without 'evidence'", "each with its evidence"]),
        ("shandong/1.json:\n  evidence: x\n", ["'evidence' without any of them", "each with its evidence"]),
        ("shandong/1.json:\n  pre_account_years: 1.25\n", ["'form_figures' without 'evidence'"]),
        ("shandong/1.json:\n  pre_account_years: many\n  evidence: x\n", ["pre_account_years: 'many'", "0 to 60"]),
        ("shandong/1.json:\n  form_figures: {basic_pension: 1}\n  evidence: x\n", ["form_figures", "indexed_average_monthly_wage, transitional_wage"]),
        ("shandong/1.json: [unclosed\n", ["not valid YAML"]),
    ],
)
def test_a_malformed_facts_file_is_refused_by_name(tmp_path, text, words):
    facts = _facts_file(tmp_path, text)
    with pytest.raises(InputError) as info:
        approval_forms.load_case_facts(facts)
    message = str(info.value)
    assert str(facts) in message and "Allowed" in message, message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_a_missing_facts_file_is_refused_by_name(tmp_path):
    with pytest.raises(InputError, match="no file at .*nowhere.yaml"):
        approval_forms.report(_shared_with_one_case(tmp_path), tmp_path / "nowhere.yaml")


def _row(case, verified, known_issue="", reason="", **parts):
    row = {"province": case.split("/")[0], "case": case, "verified": verified, "known_issue": known_issue, "reason": reason}
    row.update({component: parts.get(component, "pass") for component in ("basic", "account", "transitional", "extra", "total")})
    row["passed"] = not reason and "FAIL" not in parts.values()
    return row


def test_the_frontier_classes_each_miss_by_province():
    from openfisca_china_social_insurance.validation import forms_report

    rows = [
        _row("gansu/1.json", True),
        _row("gansu/4.json", True, "why", transitional="FAIL", total="FAIL"),
        _row("gansu/5.json", False, total="FAIL"),
        _row("hubei/10.json", True, "no base", reason="not computable: the case gives no pension calculation base"),
    ]
    assert [forms_report.disagreement_class(row) for row in rows] == [
        None, "transitional pension", "total only (the parts match)", "case data incomplete",
    ]
    text = "\n".join(forms_report.frontier(rows))
    assert "| gansu | 1 | 2 | total only (the parts match) 0 / 1; transitional pension 1 / 1 |" in text
    assert "- **gansu/4.json** (transitional pension): why" in text
    assert "gansu/5.json" not in text.split("Verified forms not reproduced:")[1]  # unverified: counted, not listed


def test_each_province_says_how_it_counts_years_and_on_what_evidence():
    from openfisca_china_social_insurance import default_system
    from openfisca_china_social_insurance.validation import forms_report

    lines = forms_report.year_conventions(default_system().parameters)
    table = {line.split(" | ")[0].strip("| "): line for line in lines if line.startswith("| ") and " | " in line}
    assert "whole years + 0.083 a month | 3 | yes |" in table["shanghai"]
    assert "1 decimal, rounded up" in table["anhui"]
    assert "no: contribution_years_round_up (one form)" in table["anhui"]  # only anhui/2 tells up from half up
    assert "none: national default" in table["shandong"]
    assert "months / 12" in table["heilongjiang"]  # from the regime start, not from its first form's month
    assert "in force only after" not in "\n".join(lines)  # no own file starts after 2025-07-01
    before_guangdong = forms_report.year_conventions(default_system().parameters, day="2020-07-01")
    assert "guangdong contribution_years_decimals = 4 from 2021-01-01" in before_guangdong[-1]  # 粤府函〔2021〕294号
    assert len([key for key in table if key not in ("province",)]) == 31


def test_each_rounding_file_counts_only_the_verified_forms_it_cites():
    from openfisca_china_social_insurance import default_system
    from openfisca_china_social_insurance.validation import forms_report

    parameters = default_system().parameters
    rows = {" ".join(line.strip("| ").split(" | ")[:3]): line for line in forms_report.rounding_evidence(parameters) if line.startswith("| ")}
    assert rows["contribution_years_decimals sichuan 2023-01-01"].endswith("| official | sichuan/6, sichuan/7 | yes |")
    assert rows["contribution_years_decimals sichuan 2006-01-01"].endswith("| sichuan/5 | no: one form |")
    assert rows["contribution_years_decimals guangdong 2021-01-01"].endswith(
        "| estimated from 2021-01-01, official from 2025-01-01 | guangdong/huizhou, guangdong/zhongshan | yes |"
    )
    # A case not among the verified forms is not counted.
    shaanxi = [line for line in forms_report.rounding_evidence(parameters, verified={"shaanxi/2.json"}) if "| shaanxi |" in line]
    assert shaanxi[0].endswith("| shaanxi/2 | no: one form |")
    # Official forms the collector transcribed unverified count by the number a reference declares.
    assert rows["contribution_years_decimals jiangsu 2006-01-01"].endswith("| jiangsu/7, 3 transcribed forms (provinces/jiangsu.json) | yes |")
    jiangsu = [line for line in forms_report.rounding_evidence(parameters, verified=set()) if "contribution_years_decimals | jiangsu |" in line]
    assert jiangsu[0].endswith("| 3 transcribed forms (provinces/jiangsu.json) | yes |")
    assert rows["total_up_to_jiao zhejiang 2006-01-01"].endswith("7 transcribed forms (the collector's unverified cases) | yes |")


def test_what_is_read_from_the_notes_is_shown_with_its_words(tmp_path):
    shared = _shared_with_one_case(tmp_path)
    (case,) = approval_forms.load_cases(shared, _facts_file(tmp_path, ""))
    assert case.provisional and case.read == ["provisional (预发)"]
    path = approval_forms.cases_folder(shared) / "shandong" / "1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"] = "2025年基数公布后进行重新核算；独生子女奖励+201.37"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (case,) = approval_forms.load_cases(shared, _facts_file(tmp_path, ""))
    assert case.read == ["provisional (公布后进行重新核)", "one-child parent (独生子女奖励)"]
    assert case.provisional and case.one_child


def _guangdong_case(tmp_path, name, years, verified, province="guangdong", city="惠州市"):
    folder = tmp_path / "cases" / province
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        json.dumps({"province": province, "city": city, "retire_year": 2025, "retire_month": 10, "total_years": years,
                    "verified": verified, "expected": {"total": 1}}, ensure_ascii=False),
        encoding="utf-8",
    )
    return approval_forms.load_case(path, tmp_path / "cases")


def test_a_verified_form_of_a_four_decimal_region_reads_two_decimal_years_as_whole_months(tmp_path):
    # Guangdong forms print 17年4个月 as 17.3333: a transcribed 27.92 is 27年11个月 = 27.9167.
    case = _guangdong_case(tmp_path, "form.json", 27.92, True)
    assert case.contribution_years == 27.9167
    assert case.read == ["contribution years 27.92 read as 335 months = 27.9167 (guangdong prints years to 4 decimals)"]
    # Already four decimals, or a whole number of months: kept.
    assert _guangdong_case(tmp_path, "exact.json", 17.3333, True).contribution_years == 17.3333
    assert _guangdong_case(tmp_path, "whole.json", 17.75, True).contribution_years == 17.75
    # The collector's own cases are computed on the figure as given; two-decimal regions print it so.
    assert _guangdong_case(tmp_path, "collector.json", 27.92, False).contribution_years == 27.92
    assert _guangdong_case(tmp_path, "jinan.json", 27.92, True, "shandong", "济南市").contribution_years == 27.92


@pytest.mark.parametrize(
    "notes, one_child",
    [
        ("独子128.36未计入", True),  # Guizhou: the form's total carries it
        ("表上有独子补贴458.28", True),
        ("独生子女父母光荣证加发5%", True),
        ("月增发60元=无子女定额补贴(非独子费公式)", False),
        ("无独生子女奖励", False),
        ("没有独生子女补贴", False),
        ("未领独生子女费；独子128.36未计入", True),  # a later wording that no negation precedes
        ("独生子女父母退休加发5%", True),
        ("独生女父母奖励171.55", True),
        ("独生子女证号未填；退休时加发0", False),  # the words are in different clauses
    ],
)
def test_the_one_child_addition_is_read_in_its_wordings_and_not_where_negated(tmp_path, notes, one_child):
    shared = _shared_with_one_case(tmp_path)
    path = approval_forms.cases_folder(shared) / "shandong" / "1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"] = notes
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (case,) = approval_forms.load_cases(shared, _facts_file(tmp_path, ""))
    assert case.one_child is one_child


@pytest.mark.parametrize("city, region", [("武汉市青山区", "wuhan"), ("湖北省黄石市", "huangshi"), ("荆州", "jingzhou"), ("恩施", "enshi"), ("襄樊", "hubei")])
def test_a_case_city_is_read_inside_a_longer_place_name(tmp_path, city, region):
    folder = tmp_path / "cases" / "hubei"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "city.json"
    path.write_text(json.dumps({"province": "hubei", "city": city, "expected": {"total": 1}}, ensure_ascii=False), encoding="utf-8")
    assert approval_forms.load_case(path, tmp_path / "cases").region == region


@pytest.mark.parametrize(
    "province, fields, region",
    [
        ("henan", {"source": "郑州市2026-05企业退休核定表"}, "zhengzhou"),
        ("henan", {"notes": "河南郑州男60岁退休"}, "zhengzhou"),
        ("hubei", {"case_id": "hubei-wuhan-2022"}, "wuhan"),
        ("liaoning", {"notes": "辽宁省沈阳市女工人50岁退休"}, "shenyang"),
        # A place named later compares places; it is not the case's city.
        ("henan", {"notes": "平顶山基数6260<省基数6738（与郑州相反）；无郑州式过渡性补贴"}, "henan"),
        # A city field that names no region of the model keeps the province, whatever the notes say.
        ("henan", {"city_type": "pingdingshan", "notes": "郑州男"}, "henan"),
    ],
)
def test_a_case_without_a_city_field_is_of_the_city_its_text_opens_with(tmp_path, province, fields, region):
    folder = tmp_path / "cases" / province
    folder.mkdir(parents=True)
    path = folder / "opening.json"
    path.write_text(json.dumps({"province": province, "expected": {"total": 1}} | fields, ensure_ascii=False), encoding="utf-8")
    case = approval_forms.load_case(path, tmp_path / "cases")
    assert case.region == region
    assert any(line.startswith("city ") for line in case.read) is (region != province)


@pytest.mark.parametrize("fields, years", [({"pre_account_months": 97}, 8.0833), ({"pre_1996_years": 10.5}, 10.5), ({"pre_account_years": 8.08, "pre_account_months": 97}, 8.08)])
def test_pre_account_years_in_the_case_field_variants(tmp_path, fields, years):
    folder = tmp_path / "cases" / "sichuan"
    folder.mkdir(parents=True)
    path = folder / "variant.json"
    path.write_text(json.dumps({"province": "sichuan", "sight_years": 4.58, "expected": {"total": 1}} | fields), encoding="utf-8")
    case = approval_forms.load_case(path, tmp_path / "cases")
    assert (case.pre_account_years, case.pre_account_given) == (years, True)


def test_every_printed_addition_is_summed_into_the_extra_whatever_its_name(tmp_path):
    folder = tmp_path / "cases" / "xinjiang"
    folder.mkdir(parents=True)
    path = folder / "names.json"
    expected = {"basic_pension": 1, "personal_pension": 2, "transitional_pension": 3, "total": 126, "heating_subsidy": 120, "note": "x"}
    path.write_text(json.dumps({"province": "xinjiang", "expected": expected}), encoding="utf-8")
    assert approval_forms.load_case(path, tmp_path / "cases").expected == {"basic": 1, "account": 2, "transitional": 3, "total": 126, "extra": 120}


@pytest.mark.parametrize(
    "notes, provisional",
    [
        ("2025年基数尚未公布，按2024年基数预发", True),
        ("暂用2024年计发基数8183", True),
        ("待2025年计发基数公布后重新核定", True),
        ("基数公布后补发差额", True),
        ("2025年计发基数8179（正式核定）", False),
    ],
)
def test_a_provisional_assessment_is_read_in_its_wordings(tmp_path, notes, provisional):
    folder = tmp_path / "cases" / "shandong"
    folder.mkdir(parents=True)
    path = folder / "provisional.json"
    path.write_text(json.dumps({"province": "shandong", "notes": notes, "expected": {"total": 1}}, ensure_ascii=False), encoding="utf-8")
    assert approval_forms.load_case(path, tmp_path / "cases").provisional is provisional


@pytest.mark.parametrize("notes, cadre", [("女干部55岁退休", True), ("女工人（非干部）50岁退休", False)])
def test_a_cadre_is_read_from_the_notes_unless_negated(tmp_path, notes, cadre):
    folder = tmp_path / "cases" / "shandong"
    folder.mkdir(parents=True)
    path = folder / "cadre.json"
    path.write_text(json.dumps({"province": "shandong", "gender": "女", "notes": notes, "expected": {"total": 1}}, ensure_ascii=False), encoding="utf-8")
    assert approval_forms.load_case(path, tmp_path / "cases").cadre is cadre


def test_a_case_without_payout_months_takes_the_model_s_by_the_age_at_retirement(tmp_path):
    folder = tmp_path / "cases" / "shandong"
    folder.mkdir(parents=True)
    path = folder / "nomonths.json"
    path.write_text(json.dumps({
        "province": "shandong", "gender": "男", "birth_year": 1965, "birth_month": 7, "retire_year": 2025, "retire_month": 9,
        "base_number": 7678, "avg_index": 0.682, "total_years": 41, "sight_years": 14.0833, "personal_account": 95061.63,
        "expected": {"personal_pension": 689.85}, "verified": True,  # shandong/5.json: 95061.63 / 137.8
    }), encoding="utf-8")
    case = approval_forms.load_case(path, tmp_path / "cases")
    assert not case.missing and "no printed payout months: the model's, by the age at retirement (born on the 1st: the case gives no day)" in case.read
    assert approval_forms.check(case)["account"] == "pass"  # 60 years 2 months: 137.8 months, as the form prints
    path.write_text(json.dumps({**json.loads(path.read_text()), "birth_year": None}), encoding="utf-8")
    assert "payout months" in approval_forms.load_case(path, tmp_path / "cases").missing


def _zhengzhou_case(tmp_path, notes):
    """cases/henan/12.json's printed figures, with other notes."""
    folder = tmp_path / "cases" / "henan"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "zz.json"
    path.write_text(json.dumps({
        "province": "henan", "city": "郑州市", "gender": "男", "birth_year": 1965, "birth_month": 11, "retire_year": 2026,
        "retire_month": 2, "avg_index": 2.1119, "trans_index": 2.5286, "personal_account": 395301.7, "months": 137.3,
        "total_years": 42.5, "sight_years": 11.58, "base_number": 6738, "verified": True, "notes": notes,
        "expected": {"personal_pension": 2879.11, "transitional_pension": 3019.74, "total": 10890.50},
    }, ensure_ascii=False), encoding="utf-8")
    return approval_forms.load_case(path, tmp_path / "cases")


def test_zhengzhous_subsidy_is_read_from_the_notes_and_a_total_without_it_is_not_compared(tmp_path):
    case = _zhengzhou_case(tmp_path, "核定表另有'过渡性补贴'643.86元（郑州特色），此案例total不含补贴。")
    assert (case.region, case.transitional_subsidy) == ("zhengzhou", 643.86)
    row = approval_forms.check(case)
    assert (row["transitional"], row["account"], row["total"]) == ("pass", "pass", "not from form")
    assert row["extra_model"] == 643.86 and "过渡性补贴'643.86元" in row["read_from_notes"]


def test_a_zhengzhou_form_whose_subsidy_the_case_does_not_give_is_refused_by_name(tmp_path):
    row = approval_forms.check(_zhengzhou_case(tmp_path, "含郑州过渡性补贴(参数8.85)"))
    assert row["transitional"] == "error" and "transitional_subsidy_amount: not given" in row["reason"]


def test_an_addition_printed_whose_rule_is_not_encoded_is_taken_as_printed(tmp_path):
    """Weifang's 2025-09 form with a fixed addition of 60 as a field (Chengdu's extra_fixed_amount) and
    a 调节金 of 150 listed in its source line (Shenzhen's 2023 form): the total is the form's parts plus
    both, each read and shown. Zhejiang's encoded 过渡性调节金 and Qinghai's schedule by year are not read."""
    folder = tmp_path / "cases" / "shandong"
    folder.mkdir(parents=True)
    form = {
        "province": "shandong", "city": "潍坊市", "gender": "男", "birth_year": 1965, "birth_month": 7,
        "retire_year": 2025, "retire_month": 9, "avg_index": 0.682, "total_years": 41, "sight_years": 14.0833,
        "pre_account_years": 0, "personal_account": 95061.63, "base_number": 7678, "months": 137.8,
        "source": "核定表：基础2647.45/个人689.85/过渡958.47/调节金150", "extra_fixed_amount": 60,
        "expected": {"basic_pension": 2647.45, "personal_pension": 689.85, "transitional_pension": 958.47,
                     "extraPension": 210, "total": 4505.77},
    }
    (folder / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    case = approval_forms.load_case(folder / "form.json", tmp_path / "cases")
    assert case.extra_as_printed == 210
    assert any("(field extra_fixed_amount)" in read for read in case.read) and any("(调节金150)" in read for read in case.read)
    row = approval_forms.check(case)
    assert row["passed"], row["reason"]
    for other in ("核定表另有'过渡性调节金'572.76元", "三项福利：过渡调节金572.76", "调节金2006年150元递减15元/年", "调节金=0"):
        (folder / "other.json").write_text(json.dumps({**form, "source": other, "extra_fixed_amount": 0}, ensure_ascii=False), encoding="utf-8")
        assert approval_forms.load_case(folder / "other.json", tmp_path / "cases").extra_as_printed == 0, other


def test_a_profile_gives_an_addition_as_printed():
    from openfisca_china_social_insurance import api, default_system

    system = default_system()
    form = {"birth_date": "1965-07-01", "sex": "male", "insured_region": "weifang", "provisional_assessment": True,
            "overrides": {"average_contribution_index": 0.682, "contribution_years": 41, "pre_account_contribution_years": 14.0833,
                          "personal_account_balance": 95061.63}}
    plain = api.assess({"p": form}, system)[0]
    given = api.assess({"p": {**form, "overrides": {**form["overrides"], "extra_pension_as_printed": 150}}}, system)[0]
    assert (given["extra_pension"], given["monthly_pension"]) == (plain["extra_pension"] + 150, round(plain["monthly_pension"] + 150, 2))
    assert given["extra_pension_status"] == plain["extra_pension_status"]  # a printed figure rests on no data of the model
    with pytest.raises(InputError, match="extra_pension_as_printed"):
        api.assess({"p": {**form, "overrides": {**form["overrides"], "extra_pension_as_printed": -5}}}, system)
