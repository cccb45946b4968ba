"""Every refusal a policy officer can meet speaks Chinese under `--lang zh`, on the desk and from the
Web API asked in Chinese: a Jinan man retiring in 2002 with 30 deemed years was told
"transitional_coefficient: no value for region 'jinan' at 2002-03 (1 person). Allowed: ..." under
`shebao --lang zh pension`, as were a profile's unknown field and a career's year written as
'1996-01'; the desk showed the API's English beside its Chinese lead.

The check is test_cli_chinese's: the message cut into words, every word with a Latin letter must
be one the model names (a variable, a region's key, an error's code), a key of the profile format,
a value the profile itself typed, a path or a number. The sample covers the profile's own checks
(api/profiles.py), the model's refusals (core/errors.check, the regional lookups) and the Web
API's requests; each refusal must also have a code of its own ("[input]" is an error without one).
"""

import ast
import json
import re
import string
import urllib.error
import urllib.request
from pathlib import Path

import cli_run
import pytest
import yaml
from test_cli_chinese import english_words

from openfisca_china_social_insurance.core import i18n

ROOT = Path(__file__).resolve().parents[1]
BASE = {"birth_date": "1965-03-10", "sex": "male", "insured_region": "jinan", "career": [{"from": 1995, "to": 2024, "index": 1.0}]}


def person(**changes):
    return {**BASE, **changes}


#: A bad profile for each kind of refusal, and the code it is refused with.
BAD_PROFILES = {
    "wang": ({"birth_date": "1942-03-10", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 30,
              "overrides": {"pension_calculation_base": 800, "average_contribution_index": 1.0, "contribution_years": 30,
                            "personal_account_balance": 1000}}, "no_value_for_region"),
    "unknown_field": (person(foo=1), "unknown_profile_fields"),
    "year_as_text": (person(career=[{"from": "1996-01", "to": 2024, "index": 1.0}]), "not_a_number"),
    "bad_date": (person(birth_date="1965-13-01"), "not_a_date"),
    "bad_sex": (person(sex="man"), "not_allowed"),
    "bad_region": (person(insured_region="jinann"), "region_unknown"),
    "career_text": (person(career="1990-2024"), "career_not_list"),
    "segment_number": (person(career=[1990]), "segment_not_mapping"),
    "segment_field": (person(career=[{"from": 1995, "to": 2000, "index": 1.0, "wages": 3}]), "unknown_fields"),
    "wage_and_index": (person(career=[{"from": 1995, "to": 2000, "index": 1.0, "wage": 3000}]), "wage_or_index"),
    "index_zero": (person(career=[{"from": 1995, "to": 2000, "index": 0}]), "no_contributions"),
    "index_high": (person(career=[{"from": 1995, "to": 2000, "index": 11}]), "out_of_range"),
    "half_year": (person(career=[{"from": 1995.5, "to": 2000, "index": 1.0}]), "not_whole"),
    "empty_index": (person(career=[{"from": 1995, "to": 2000, "index": None}]), "number_empty"),
    "repeated": (person(career=[{"from": 1995, "to": 2000, "index": 1.0}, {"from": 2000, "to": 2010, "index": 1.0}]), "repeated_year"),
    "child_worker": (person(career=[{"from": 1975, "to": 2020, "wage": 3000}]), "before_working_age"),
    "early_index": (person(career=[{"from": 1985, "to": 2020, "index": 1.0}]), "no_average_wage"),
    "no_sex": ({key: value for key, value in BASE.items() if key != "sex"}, "required_missing"),
    "no_career": ({key: value for key, value in BASE.items() if key != "career"}, "no_career"),
    "bad_override": (person(overrides={"pension": 3000}), "unknown_override"),
    "overrides_text": (person(overrides="3000"), "overrides_not_mapping"),
    "fact_text": (person(one_child_parent="yes"), "not_bool"),
    "hardship": (person(hardship_area_category=7), "hardship_category"),
    "young_retiree": (person(retirement_date="1995-03-10"), "retirement_age_range"),
    "deemed_many": (person(deemed_contribution_years=70), "out_of_range"),
    "employment": (person(career=[{"from": 1995, "to": 2024, "index": 1.0, "employment_type": "farmer"}]), "not_allowed"),
    "status_of_nothing": (person(override_statuses={"personal_account_balance": "estimated"}), "status_not_given"),
    "statuses_text": (person(override_statuses="estimated"), "statuses_not_mapping"),
    "account_start": (person(personal_account_start_date="1960-01-01"), "account_start"),
    # The model's own refusals (core/errors.check, variables/): named by the variable's Chinese label.
    "deemed_young": (person(birth_date="1990-03-10", deemed_contribution_years=20, career=[{"from": 2010, "to": 2024, "index": 1.0}]), "refused_value"),
    "years_past_life": ({**BASE, "career": [], "overrides": {"contribution_years": 55, "personal_account_balance": 1000,
                                                             "average_contribution_index": 1.0}}, "refused_value"),
    "before_1997": ({"birth_date": "1930-03-10", "sex": "male", "insured_region": "jinan", "retirement_date": "1990-03-10",
                     "overrides": {"contribution_years": 30, "personal_account_balance": 1000}}, "before_1997_rules"),
    "born_late": (person(birth_date="2080-03-10", career=[{"from": 2100, "to": 2100, "index": 1.0}]), "refused_value"),
}

#: Keys of the profile format (api/profiles.py) that messages quote as they are written.
PROFILE_KEYS = ["from", "to", "wage", "index", "months", "employment_type", "region", "arrears_months", "career", "overrides",
                "override_statuses", "name", "figure", "status", "employee", "flexible_worker", "individual_business", "male", "female",
                "worker", "cadre"]
#: Keys of the Web API's bodies (docs/web_api.md) and of a reform or assumption document, which messages quote.
WEB_KEYS = ["body", "profiles", "outputs", "assumptions", "reforms", "grid", "population", "measures", "knobs", "document", "label",
            "changes", "path", "start", "value", "projection", "first", "last", "lang", "horizon_age", "payment", "Content-Type",
            "application/json", "GET", "POST", "variant", "options", "step", "ETERNITY", "MONTH"]  # the last two: OpenFisca's periods


def typed(profiles):
    """The words the profiles themselves type (names, keys and values), which a message quotes."""
    words = set(profiles)
    for profile in profiles.values():
        text = json.dumps(profile)
        words |= set(re.findall(r"[A-Za-z_][\w-]*", text))
    return sorted(words) + PROFILE_KEYS


def test_every_refusal_of_a_profile_speaks_chinese_on_the_command_line(monkeypatch, capsys, tmp_path):
    leaks, codes = {}, {}
    for name, (profile, code) in BAD_PROFILES.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump({name: profile}, allow_unicode=True), encoding="utf-8")
        exit_code, _, err = cli_run.run(monkeypatch, capsys, "--lang", "zh", "pension", str(path))
        assert exit_code != 0 and err.startswith("错误："), (name, err)
        codes[name] = re.search(r"\[(\w+)\]\s*$", err).group(1)
        words = english_words(err, typed=typed({name: profile}) + [str(path)])
        if words:
            leaks[name] = words[:6]
        _, _, english = cli_run.run(monkeypatch, capsys, "--lang", "en", "pension", str(path))
        assert english.startswith("error: ") and english.endswith(f"[{codes[name]}]\n"), (name, english)  # the same code in English
    assert not leaks, "English under --lang zh:\n" + "\n".join(f"{name}: {words}" for name, words in leaks.items())
    assert codes == {name: code for name, (_, code) in BAD_PROFILES.items()}, codes


#: Refusals of the other commands an officer runs, and the code of each.
COMMANDS = [
    (["contributions", "--region", "nation", "--wage", "5000", "--month", "2025-07"], "bill_nation"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2025-13"], "bill_month"),
    (["contributions", "--region", "jinan", "--wage", "-5", "--month", "2025-07"], "bill_value"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2025-07", "--industry-class", "9"], "bill_value"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2025-07", "--injury-factor", "1.2"], "bill_factor_alone"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2025-07", "--industry-class", "2", "--injury-factor", "1.3"],
     "bill_factor_step"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2025-07", "--housing-fund-rate", "0.2"], "bill_value"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2001-07", "--housing-fund-rate", "0.1"], "bill_housing_before_2005"),
    (["contributions", "--region", "jinan", "--wage", "5000", "--month", "2012-07", "--industry-class", "2"], "bill_industry_before_2015"),
    (["compare", "--example", "--chart", "x.png"], "chart_needs_grid"),
    (["compare", "--example", "--payment", "weekly"], "option_value"),
    (["compare", "--example", "--horizon-age", "30"], "option_value"),
    (["compare", "--grid", "seed-table9"], "grid_unknown"),
    (["regions", "explain", "flexible_workr_rate", "jinan"], "not_regional_parameter"),
    (["regions", "diff", "--date", "soon"], "rules_date"),
    (["regions", "show", "jinan", "--date", "2200-01-01"], "rules_date_outside"),
    (["population", "--synthetic", "nobody"], "synthetic_unknown"),
    (["population", "--synthetic", "shandong-employees", "--fund", "1990:2000"], "fund_years_range"),
    (["medical", "--year", "1990", "--cost", "100"], "option_value"),
    (["medical", "--year", "2003", "--cost", "100", "--hospital-level", "5"], "option_value"),
]


def test_the_other_commands_refuse_in_chinese(monkeypatch, capsys):
    leaks, codes = {}, []
    for args, code in COMMANDS:
        exit_code, _, err = cli_run.run(monkeypatch, capsys, "--lang", "zh", *args)
        assert exit_code != 0 and err.startswith("错误："), (args, err)
        codes.append(re.search(r"\[(\w+)\]\s*$", err).group(1))
        words = english_words(err, typed=[*args, "region", "month", "industry_class", "work_injury_rate_factor", "housing_fund_rate", "nation",
                                          "year", "scheme", "cost", "hospital_level", "stay", "parameter", "FROM", "TO"])
        if words:
            leaks[" ".join(args)] = words[:6]
    assert not leaks, leaks
    assert codes == [code for _, code in COMMANDS]


def test_a_model_refusal_names_the_input_and_the_region_in_chinese(monkeypatch, capsys, tmp_path):
    """The variable by its Chinese label (过渡系数), the region by its Chinese name (济南市), the persons counted in Chinese."""
    path = tmp_path / "wang.yaml"
    path.write_text(yaml.safe_dump({"wang": BAD_PROFILES["wang"][0]}), encoding="utf-8")
    _, _, err = cli_run.run(monkeypatch, capsys, "--lang", "zh", "pension", str(path))
    assert "过渡系数（transitional_coefficient）" in err and "济南市（jinan）2002-03" in err and "（1 人）" in err, err
    assert "被拒绝的人员：'wang'" in err, err
    _, _, err = cli_run.run(monkeypatch, capsys, "--lang", "en", "pension", str(path))
    assert "transitional_coefficient: no value for region 'jinan' at 2002-03 (1 person)." in err and "Refused: 'wang'." in err, err


def phrases_in_the_code():
    """{phrase: where} of every literal text the code gives core/errors.check as a problem or what is
    allowed, or i18n.phrase as a template, and of the texts of the tables whose entries it looks up."""
    found = {}
    for root in ("variables", "reforms", "openfisca_china_social_insurance"):
        for path in sorted((ROOT / root).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", getattr(node.func, "attr", None))
                    arguments = {"check": node.args[2:4], "phrase": node.args[:1], "printed_figure_required": node.args[3:6],
                                 "_form_figure_of_the_original_method": node.args[3:4], "_no_contributions": node.args[4:5],
                                 "required": node.args[4:5], "rate_in_month": node.args[3:4], "charged": node.args[3:4],
                                 "_number": node.args[4:5] if "bill" in path.name else [], "cell_error": node.args[4:5],
                                 "bad": node.args[-1:]}.get(name, [])
                    for argument in arguments:
                        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                            found.setdefault(argument.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    from openfisca_china_social_insurance.api import profiles
    from openfisca_china_social_insurance.variables.person import REQUIRED_INPUTS

    found.update({text: "variables/person.py REQUIRED_INPUTS" for text in REQUIRED_INPUTS.values()})
    found.update({text: "api/profiles.py REQUIRED" for text in profiles.REQUIRED.values()})
    found[profiles.INDEX_ALLOWED] = "api/profiles.py INDEX_ALLOWED"
    from openfisca_china_social_insurance.api.population_files import COLUMNS

    found.update({allowed: f"api/population_files.py COLUMNS[{name!r}]" for name, (_, _, allowed) in COLUMNS.items()})
    return found


def test_every_phrase_of_a_refusal_has_its_chinese():
    """A problem or an allowed value the code writes in English has its Chinese in the catalogue
    (core/messages.yaml, phrases:), with the same placeholders: else the refusal stays English in Chinese."""
    catalogue = i18n.catalogue()["phrases"]
    found = phrases_in_the_code()
    assert len(found) > 100
    missing = {text: where for text, where in found.items() if not i18n.has_chinese(catalogue.get(text, ""))}
    assert not missing, "no Chinese in core/messages.yaml phrases: for\n" + "\n".join(f"{where}: {text!r}" for text, where in missing.items())
    fields = {text: ({name for _, name, *_ in string.Formatter().parse(text) if name}, {name for _, name, *_ in string.Formatter().parse(chinese) if name})
              for text, chinese in catalogue.items()}
    assert not {text: pair for text, pair in fields.items() if pair[0] != pair[1]}


def test_every_coded_error_has_chinese_with_the_same_placeholders():
    formatter = string.Formatter()
    wrong = {}
    for code, entry in i18n.catalogue()["errors"].items():
        english = {name for _, name, *_ in formatter.parse(entry["en"]) if name}
        chinese = {name for _, name, *_ in formatter.parse(entry["zh"]) if name}
        if not i18n.has_chinese(entry["zh"]) or english - {"name"} - chinese - {"where"}:
            wrong[code] = (sorted(english), sorted(chinese))
    assert not wrong, wrong


def test_the_check_fails_on_a_refusal_left_in_english():
    """The checks above can fail: a phrase without its Chinese is English in Chinese, and the test's reading finds it."""
    said = i18n.phrase("a problem nobody translated ({value})", value=3)
    assert said["zh"] == said["en"] == "a problem nobody translated (3)"
    assert [word for word, _ in english_words("错误：出生日期（birth_date）：a problem nobody translated。")] == ["a", "problem", "nobody", "translated"]


# -- the Web API and the desk, through the real HTTP server (conftest.desk_server) ----------------------------


def _ask(url, path, body=None, language=None, method="POST", raw=None):
    """(status, JSON answer) of a request, with `language` as Accept-Language."""
    headers = {"Content-Type": "application/json"}
    if language:
        headers["Accept-Language"] = language
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(f"{url}{path}", data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


#: Bad requests to the Web API and the desk's endpoints, as a client or the page sends them.
BAD_REQUESTS = [
    ("/assess", {"profiles": {}}),
    ("/assess", {"profiles": {"a": BASE}, "outputs": ["monthly_pensoin"]}),
    ("/assess", {"profiles": {"a": BASE}, "colour": 1}),
    ("/assess", {"outputs": ["monthly_pension"]}),
    ("/compare", {"profiles": {"desk": person(birth_date="1965-13-01")}, "reforms": ["basic_pension_by_years"]}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": ["basic_pension_by_yeras"]}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": [{"name": "basic_pension_by_years", "knobs": {"slope": 1}}]}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": ["basic_pension_by_years"], "horizon_age": 200}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": ["basic_pension_by_years"], "measures": ["pension"]}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": [], "assumptions": "gloomy"}),
    ("/explain", {"profile": "her"}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": [{"name": "basic_pension_by_years", "knobs": {"step": 5}}]}),
    ("/compare", {"profiles": {"desk": BASE}, "reforms": [{"name": "flexible_worker_rate_18", "knobs": {"rate": 2}}]}),
    ("/desk/grid", {"grid": "seed-table9", "reforms": []}),
    ("/desk/grid", {"reforms": []}),
    ("/desk/chart.svg", {"profiles": {"desk": BASE}}),
    ("/desk/fund", {"population": "shandong-employees", "last": "明年"}),
    ("/desk/fund", {"population": "shandong-employees", "first": 2025, "last": 2200}),
    ("/desk/fund", {"population": "shandong-employees", "reforms": ["basic_pension_by_years", "basic_pension_by_years"]}),
    ("/desk/population", {"population": "nobody"}),
]


def test_the_web_api_answers_in_chinese_when_asked(desk_server):
    """Accept-Language: zh (and ?lang=zh) gives each message in Chinese; the JSON keys, the field and the code stay."""
    leaks = {}
    profiles = {name: profile for name, (profile, _) in BAD_PROFILES.items()}
    status, english = _ask(desk_server, "/assess", {"profiles": profiles})
    assert status == 200 and len(english["errors"]) == len(profiles)
    for language, path in (("zh-CN,zh;q=0.9,en;q=0.8", "/assess"), (None, "/assess?lang=zh")):
        status, chinese = _ask(desk_server, path, {"profiles": profiles}, language)
        assert status == 200 and set(chinese) == set(english)
        for said, plain in zip(chinese["errors"], english["errors"]):
            assert set(said) == set(plain) == {"person", "error", "field", "code"}
            assert (said["person"], said["field"], said["code"]) == (plain["person"], plain["field"], plain["code"])
            words = english_words(said["error"], typed=typed({said["person"]: profiles[said["person"]]}))
            if words:
                leaks[f"{path} {said['person']}"] = words[:6]
    assert {row["person"]: row["code"] for row in english["errors"]} == {name: code for name, (_, code) in BAD_PROFILES.items()}
    for path, body in BAD_REQUESTS:
        status, plain = _ask(desk_server, path, body)
        status_zh, said = _ask(desk_server, path, body, "zh")
        assert status == status_zh == 400 and set(said) == set(plain) and said["field"] == plain["field"], (path, body, said)
        assert said["code"] == plain["code"] != "input", (path, body, plain)
        assert i18n.has_chinese(said["error"]) and not i18n.has_chinese(plain["error"].replace("明年", "")), (path, said, plain)
        words = english_words(said["error"], typed=typed({"body": body}) + WEB_KEYS)
        if words:
            leaks[f"{path} {json.dumps(body, ensure_ascii=False)[:60]}"] = words[:6]
    assert not leaks, "English in the Chinese answers:\n" + "\n".join(f"{where}: {words}" for where, words in leaks.items())


def test_the_http_errors_of_the_routes_answer_in_chinese_too(desk_server):
    """A method a route does not take, a name the model lacks, a path no route serves, a body too large, a body not JSON:
    each said in Chinese when asked."""
    cases = [
        ("/assess", dict(method="GET"), 405, "not_a_method"),
        ("/variable/monthly_pensoin", dict(method="GET"), 404, "unknown_variable"),
        ("/asses", dict(body={"profiles": {"a": BASE}}), 404, "no_route"),  # was Flask's English, without a code
        ("/assess", dict(raw=b"{not json"), 400, "body_not_json"),
        ("/assess", dict(body={"profiles": {str(number): BASE for number in range(5001)}}), 413, "too_many_persons"),
    ]
    for path, how, status, code in cases:
        got, plain = _ask(desk_server, path, **how)
        got_zh, said = _ask(desk_server, path, language="zh", **how)
        assert got == got_zh == status and said["code"] == plain["code"] == code and said["field"] == plain["field"], (path, said)
        assert not english_words(said["error"], typed=["monthly_pensoin", *WEB_KEYS]), said
    status, answer = _ask(desk_server, "/assess?lang=fr", {"profiles": {"a": BASE}})
    assert status == 400 and answer["field"] == "lang" and answer["code"] == "lang" and "zh, en" in answer["error"], answer


def test_a_region_without_data_is_explained_in_chinese(monkeypatch, capsys, tmp_path):
    """`shebao regions compare` writes the model's reason under a "no data" cell: it was English under --lang zh."""
    path = tmp_path / "li.yaml"
    path.write_text(yaml.safe_dump({"li": person(birth_date="1950-03-10", career=[{"from": 1995, "to": 2010, "index": 1.0}])}), encoding="utf-8")
    exit_code, out, _ = cli_run.run(monkeypatch, capsys, "--lang", "zh", "regions", "compare", str(path), "--regions", "jinan,shenzhen")
    notes = [line for line in out.splitlines() if re.match(r"\[\d+\] li 在 ", line)]
    assert exit_code == 0 and notes and "单位缴费（employer_contribution 1995）" in notes[0], out
    assert not english_words("\n".join(notes), typed=["li", "jinan", "shenzhen", "contribution_region"]), notes


#: Modules that may still raise an InputError with a bare English text (no code, so no Chinese), and why.
BARE_ALLOWED = {
    "openfisca_china_social_insurance/api/situations.py": "OpenFisca's situation format (/calculate, /trace, situations.build): for developers",
    "openfisca_china_social_insurance/web/calculate.py": "/calculate's own refusals of a situation's periods (OpenFisca's format, as api/situations.py): for developers",
    "openfisca_china_social_insurance/validation/case_facts.py": "the approval-form harness' facts file: for developers",
    "openfisca_china_social_insurance/core/lookup.py": "a parameter folder naming an unknown region: a parameter file's error",
    "openfisca_china_social_insurance/cli/population.py": "a lost row: a fault of the model, not of the input",
}


def test_no_refusal_a_user_meets_is_raised_without_a_code():
    """InputError("...") with a text of its own has no Chinese: every module a user's input reaches
    raises InputError.of(code, ...) (or core/errors.check) instead; the modules left are listed, with why."""
    bare = []
    for root in ("variables", "reforms", "openfisca_china_social_insurance"):
        for path in sorted((ROOT / root).rglob("*.py")):
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "InputError" and node.args
                        and isinstance(node.args[0], (ast.Constant, ast.JoinedStr)) and where not in BARE_ALLOWED):
                    bare.append(f"{where}:{node.lineno}")
    assert not bare, "InputError without a code (give it one in core/messages.yaml and raise InputError.of):\n" + "\n".join(bare)


def test_an_error_placed_under_a_field_says_the_field_in_both_languages():
    """InputError.under with the English already prefixed by the caller (/assess's profiles: ...)
    said the field in English only; the Chinese lost it."""
    from openfisca_china_social_insurance.web.assess import named

    with pytest.raises(i18n_error()) as raised:
        named([{"name": "a"}, {"name": "a"}])
    english, chinese = str(raised.value), raised.value.in_language("zh")
    assert english.startswith("profiles: person_1.name: ") and chinese.startswith("profiles：人员名称（person_1.name）："), (english, chinese)
    assert raised.value.under("profiles").in_language("zh") == chinese  # not said twice


def test_an_unknown_region_is_named_by_the_fields_chinese_name():
    from openfisca_china_social_insurance.core import regions

    for field, said in (("her.insured_region", "参保地（her.insured_region）"), ("her.career[1].region", "缴费经历（her.career[1].region）")):
        with pytest.raises(i18n_error()) as raised:
            regions.resolve("jinann", field)
        assert raised.value.in_language("zh").startswith(f"{said}：未知地区 'jinann'"), raised.value.in_language("zh")
        assert str(raised.value).startswith(f"{field}: unknown region 'jinann'")


def i18n_error():
    from openfisca_china_social_insurance.core.errors import InputError

    return InputError
