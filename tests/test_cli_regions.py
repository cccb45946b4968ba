"""`shebao regions ...` end to end: the entry point `main` as the shell runs it, so that
errors are checked as the user sees them (one line on stderr, exit code 2)."""

import csv
import io
import json

import pytest
from cli_run import run
from test_region_rules import synthetic_tree

from openfisca_china_social_insurance.analysis import region_rules


@pytest.fixture
def synthetic(monkeypatch):
    """diff, show and explain read the synthetic tree of test_region_rules."""
    tree = synthetic_tree()
    monkeypatch.setattr(region_rules, "default_parameters", lambda: tree)
    return tree


def test_diff_csv_rows(monkeypatch, capsys, synthetic):
    code, out, _ = run(monkeypatch, capsys, "regions", "diff", "--date", "2007-01-01", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    got = {(r["parameter"], r["region"]): (r["value"], r["parent_value"], r["since"]) for r in rows}  # keys for scripts
    assert got == {
        ("rate", "shandong"): ("0.18", "0.2", "2000-01-01"),
        ("rate", "dezhou"): ("0.17", "0.18", "2002-07-15"),
        ("base", "shandong"): ("750", "", "2002-01-01"),
    }
    dezhou = next(r for r in rows if r["region"] == "dezhou")
    assert dezhou["status"] == "estimated" and dezhou["reference"] == "Dezhou notice" and dezhou["parent"] == "shandong"


def test_diff_markdown_and_table(monkeypatch, capsys, synthetic):
    code, out, _ = run(monkeypatch, capsys, "regions", "diff", "--date", "2016-01-01", "--format", "markdown")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("| rate")]
    assert len(lines) == 2  # Jinan and Dezhou; Shandong's file says null from 2015
    jinan = next(line for line in lines if "(jinan)" in line)
    assert "| 0.18 |" in jinan and "0.2 (from nation)" in jinan  # the level above, after fallback
    code, out, _ = run(monkeypatch, capsys, "regions", "diff", "--date", "2016-01-01", "--format", "markdown", "--lang", "zh")
    jinan = next(line for line in out.splitlines() if line.startswith("| rate") and "(jinan)" in line)
    assert "| 济南市 (jinan) |" in jinan and "0.2（来自 nation）" in jinan and "| 估计 |" in out
    code, out, _ = run(monkeypatch, capsys, "regions", "diff", "--date", "2016-01-01", "--region", "370100")
    assert code == 0 and "Seed report" in out and "(jinan)" in out and "Dezhou" not in out


def test_show_and_explain(monkeypatch, capsys, synthetic):
    code, out, _ = run(monkeypatch, capsys, "regions", "show", "370103", "--date", "2012-01-01", "--format", "csv")
    assert code == 0
    rows = {r["parameter"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["rate"]["value"] == "0.18" and (rows["rate"]["set_by"], rows["rate"]["inherited"]) == ("jinan", "True")
    assert (rows["base"]["set_by"], rows["base"]["inherited"]) == ("shandong", "True")
    code, out, _ = run(monkeypatch, capsys, "regions", "show", "370103", "--date", "2012-01-01", "--format", "markdown", "--lang", "zh")
    assert "| jinan（沿用上级） |" in out and "jinan_shizhong：未设定 -> jinan：自 2002-01-01 起为 0.18" in out
    code, out, _ = run(monkeypatch, capsys, "regions", "explain", "rate", "dongying", "--date", "2016-01-01")
    assert out.strip() == (
        "dongying: not set -> shandong: no value since 2015-01-01 -> nation: 0.2 since 2006-01-01 (official), 国发〔2005〕38号 art.5"
    )
    code, out, _ = run(monkeypatch, capsys, "regions", "explain", "rate", "dongying", "--date", "2016-01-01", "--lang", "zh")
    assert out.strip() == "dongying：未设定 -> shandong：自 2015-01-01 起无值 -> nation：自 2006-01-01 起为 0.2（官方），国发〔2005〕38号 art.5"


def test_show_and_explain_give_the_time_axis_value_the_model_reads(monkeypatch, capsys):
    """A projected calculation base was shown as "no level sets it", and explained as an
    inherits: false that Shandong's file does not say."""
    from openfisca_china_social_insurance import api

    profile = {"birth_date": "1971-01-01", "sex": "male", "insured_region": "shandong", "retirement_date": "2031-07-01",
               "career": [{"from": 1995, "to": 2031, "index": 1.0}]}
    base = api.assess({"p": profile})[0]["pension_calculation_base"]
    code, out, _ = run(monkeypatch, capsys, "regions", "show", "shandong", "--date", "2031-07-01", "--format", "csv")
    rows = {r["parameter"]: r for r in csv.DictReader(io.StringIO(out))}
    row = rows["pension.benefit.pension_calculation_base"]
    assert code == 0 and float(row["value"]) == base and row["status"] == "projected" and row["set_by"] == "time_axis"
    code, out, _ = run(monkeypatch, capsys, "regions", "explain", "pension_calculation_base", "shandong", "--date", "2031-07-01")
    assert "a statistical series" in out and "inherits: false" not in out and f"{base:,.2f} from the time axis (projected" in out


def test_list(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "regions", "list", "--format", "csv")
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and len(rows) >= 39  # nation, 31 provinces, the seed's cities and districts
    assert rows["jinan"]["code"] == "370100" and rows["jinan"]["parent"] == "shandong" and rows["jinan"]["level"] == "city"
    assert rows["jinan"]["name_zh"] == "济南市" and rows["jinan"]["name_en"] == "Jinan"


@pytest.mark.parametrize(
    "args, words",
    [
        (("regions", "diff", "--date", "1949-12-31"), ["--date", "1950-01-01", "2100-12-31"]),
        (("regions", "diff", "--date", "2101-01-01"), ["--date", "1950-01-01"]),
        (("regions", "show", "jinnan", "--date", "2002-07-01"), ["region", "jinnan", "jinan"]),
        (("regions", "show", "370199", "--date", "2002-07-01"), ["370199", "370100"]),
        (("regions", "diff", "--date", "2002-07-01", "--format", "xls"), ["--format", "csv"]),
        (("regions", "explain", "nonexistent_rate", "jinan"), ["parameter", "nonexistent_rate"]),
    ],
)
def test_errors_one_line_exit_2(monkeypatch, capsys, synthetic, args, words):
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    for word in words:
        assert word in err


WORKER = """\
worker:
  # An employee on 5,000 a month 2020-2022 with 20 deemed years, retiring at 60 in 2023-03.
  birth_date: 1963-03-01
  sex: male
  deemed_contribution_years: 20
  career:
    - {from: 2020, to: 2022, wage: 5000}
"""


def test_compare_table_csv_chart(monkeypatch, capsys, tmp_path):
    profile = tmp_path / "worker.yaml"
    profile.write_text(WORKER, encoding="utf-8")
    chart = tmp_path / "out.png"
    code, out, err = run(
        monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "370000,jinan,nation",
        "--format", "csv", "--chart", str(chart),
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    header, body = rows[0], {row[0]: row[1:] for row in rows[1:]}
    assert header == ["component", "shandong", "jinan", "nation"]  # keys for scripts (the table names them)
    # 国发〔2005〕38号: the employee pays 8% of the wage; Shandong's employer 16% since 2019-05.
    # 5,000 is inside the 60%-300% band, so: 5000 x 8% x 36 months and 5000 x 16% x 36 months.
    # Numbers as numbers: no thousands separator, no quotes (issue 13).
    assert body["individual_contribution_total"][0] == f"{5000 * 0.08 * 36:.2f}"
    assert body["employer_contribution_total"][0] == f"{5000 * 0.16 * 36:.2f}"
    assert body["contribution_years"][0] == "23"  # 20 + 3
    # The nation sets no average wage for 2020: its cells say why, and a note carries the model's message.
    assert body["monthly_pension"][2].startswith("no data: ") and "transitional_coefficient" in body["monthly_pension"][2]  # no national coefficient
    notes = [" ".join(row[1:]) for row in rows[1:] if row[0] == "note"]  # each in its region's column
    assert any("worker in nation" in note and "transitional_coefficient" in note for note in notes)
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000


def test_compare_markdown_and_date(monkeypatch, capsys, tmp_path):
    profile = tmp_path / "worker.yaml"
    profile.write_text(WORKER, encoding="utf-8")
    code, out, _ = run(
        monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong", "--date", "2024-07-01",
        "--format", "markdown",
    )
    assert code == 0
    assert "| Retirement date: first day of the month the pension is assessed for | 2024-07-01 |" in out and "退休日期" not in out
    code, out, _ = run(
        monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong", "--date", "2024-07-01",
        "--format", "markdown", "--lang", "zh",
    )
    assert "| 项目 | 山东省 |" in out and "| 退休日期（待遇起始） | 2024-07-01 |" in out and "Retirement date" not in out


def test_compare_profile_errors(monkeypatch, capsys, tmp_path):
    missing = tmp_path / "missing.yaml"
    missing.write_text("worker:\n  sex: male\n  career: [{from: 2020, to: 2022, wage: 5000}]\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "regions", "compare", str(missing), "--regions", "shandong")
    assert code == 2 and err.count("\n") == 1 and "birth_date is missing" in err
    good = tmp_path / "worker.yaml"
    good.write_text(WORKER, encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "regions", "compare", str(good), "--regions", "shandong,jinnan")
    assert code == 2 and err.count("\n") == 1 and "jinan" in err
    code, out, err = run(monkeypatch, capsys, "regions", "compare", str(good), "--regions", "shandong", "--chart", "x.gif")
    assert code == 2 and "--chart" in err


def test_compare_year_without_rate_is_no_data_not_nan():
    """No employer rate is in force in 1996 (the national one starts 1997-07-16,
    Shandong's 2000): the employer total says so instead of printing nan."""
    from openfisca_china_social_insurance.analysis import region_comparison as region_compare

    profile = {"birth_date": "1963-03-01", "sex": "male", "deemed_contribution_years": 20,
               "career": [{"from": 1996, "to": 1996, "index": 1.0}, {"from": 2020, "to": 2022, "wage": 5000}]}
    result = region_compare.compare({"worker": profile}, ["shandong"])
    cell = result.value("worker", "shandong", "employer_contribution_total")
    assert isinstance(cell, region_compare.NoData) and "employer_contribution 1996" in cell.reason
    assert isinstance(result.value("worker", "shandong", "individual_contribution_total"), float)


def test_compare_a_grid_across_regions(monkeypatch, capsys):
    """The seed's Table 2 grid in Shandong and Jinan (2002): the basic pension is 20% x 750
    = 150 in both, Jinan having no base of its own (it falls back to Shandong's)."""
    code, out, err = run(monkeypatch, capsys, "regions", "compare", "--grid", "seed-table2", "--regions", "shandong,370100", "--format", "csv")
    assert code == 0, err
    rows = [row for row in csv.reader(io.StringIO(out)) if row[1] == "basic_pension"]
    assert len(rows) == 12 and all(row[2:] == ["150.00", "150.00"] for row in rows)
    code, out, err = run(monkeypatch, capsys, "regions", "compare", "--regions", "shandong")
    assert code == 2 and "--grid" in err


FORM = """\
form:
  # An approval form's figures only (Weifang 2025-09): no career, so no contributions to sum.
  birth_date: 1965-07-01
  sex: male
  insured_region: weifang
  provisional_assessment: true
  overrides: {average_contribution_index: 0.682, contribution_years: 41, personal_account_balance: 95061.63, pre_account_contribution_years: 14.0833}
"""


def test_a_profile_without_a_career_shows_its_contributions_as_not_available(monkeypatch, capsys, tmp_path):
    profile = tmp_path / "form.yaml"
    profile.write_text(FORM, encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "weifang", "--format", "markdown")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("| Individual contributions"))
    assert line.split("|")[2].strip() == "n/a"  # not 0.00: the form does not say what was paid
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "weifang", "--format", "json")
    rows = {row["component"]: row for row in json.loads(out)}
    assert rows["individual_contribution_total"]["weifang"] is None
    assert isinstance(rows["monthly_pension"]["weifang"], float)  # a number, not "4,295.77"


def test_compare_names_the_person_whose_contributions_a_region_cannot_total(monkeypatch, capsys, tmp_path):
    # No employer rate before 国发〔1997〕26号: the 1995 year is refused, naming 'wang', not 'person #0'.
    profile = tmp_path / "wang.yaml"
    profile.write_text("wang:\n  birth_date: 1966-03-15\n  sex: male\n  career:\n    - {from: 1995, to: 2026, index: 1.2}\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "henan", "--format", "csv")
    assert code == 0
    notes = [row[1] for row in csv.reader(io.StringIO(out)) if row and row[0] == "note"]
    assert any("employer_contribution 1995" in note and "person 'wang'" in note for note in notes), notes
    assert not any("person #" in note for note in notes)


@pytest.mark.parametrize("command", [["pension"], ["compare", "-r", "basic_pension_by_years"], ["regions", "compare", "--regions", "henan"]])
def test_an_impossible_unquoted_date_is_refused_by_name_not_a_traceback(monkeypatch, capsys, tmp_path, command):
    # PyYAML reads an unquoted date itself and raised a bare ValueError on 1975-02-30.
    profile = tmp_path / "p.yaml"
    profile.write_text("p:\n  birth_date: 1975-02-30\n  sex: male\n  insured_region: henan\n  career:\n    - {from: 1995, to: 2024, index: 1.0}\n", encoding="utf-8")
    arguments = [*command[:1], str(profile), *command[1:]] if command[0] != "regions" else ["regions", "compare", str(profile), *command[2:]]
    code, _, err = run(monkeypatch, capsys, *arguments)
    assert code == 2 and "p.birth_date: '1975-02-30' is not a date" in err and "Traceback" not in err, err


@pytest.mark.parametrize("command", [["pension"], ["regions", "compare", "--regions", "henan"]])
def test_a_person_named_twice_in_a_profile_file_is_refused_not_dropped(monkeypatch, capsys, tmp_path, command):
    # PyYAML kept the second 'wang' and dropped the first without a word.
    profile = tmp_path / "p.yaml"
    one = "  sex: male\n  insured_region: henan\n  career:\n    - {from: 1995, to: 2024, index: 1.0}\n"
    profile.write_text("wang:\n  birth_date: 1965-01-01\n" + one + "wang:\n  birth_date: 1970-01-01\n" + one, encoding="utf-8")
    arguments = [command[0], str(profile)] if command[0] != "regions" else ["regions", "compare", str(profile), *command[2:]]
    code, _, err = run(monkeypatch, capsys, *arguments)
    assert code == 2 and "the key 'wang' is given twice (lines 1 and 7)" in err and "Traceback" not in err, err


def test_a_grid_with_an_impossible_birth_date_is_refused_by_name(monkeypatch, capsys, tmp_path):
    from openfisca_china_social_insurance.analysis import grids

    text = grids.built_in_grids()["seed-table2"].read_text(encoding="utf-8").replace("birth_date: 1942-01-15", "birth_date: 1942-02-30")
    grid = tmp_path / "grid.yaml"
    grid.write_text(text, encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "compare", "--grid", str(grid))
    assert code == 2 and "grid birth_date: '1942-02-30' is not a date" in err, err


def test_compare_totals_stop_at_the_retirement_date(monkeypatch, capsys, tmp_path):
    # A career given to 2030 but retired on --date 2023-03: contributions of 2020-2022 and of
    # January-February 2023 only (it summed every year of the career).
    profile = tmp_path / "worker.yaml"
    profile.write_text(WORKER.replace("to: 2022", "to: 2030"), encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "jinan", "--date", "2023-03-01", "--format", "csv")
    assert code == 0
    body = {row[0]: row[1:] for row in csv.reader(io.StringIO(out)) if row}
    assert body["individual_contribution_total"][0] == f"{5000 * 0.08 * (36 + 2):.2f}"


def test_diff_lists_a_series_the_time_axis_projects_for_a_region_of_its_own(monkeypatch, capsys):
    # After the last published year a region's own series is projected: Zhengzhou's base for the
    # indexed wage still departs from Henan's (diff at 2030, 2045 and 2060 listed nothing).
    code, out, _ = run(monkeypatch, capsys, "regions", "diff", "--date", "2030-01-01", "--region", "zhengzhou", "--format", "json")
    assert code == 0
    row = next(row for row in json.loads(out) if row["parameter"] == "pension.benefit.indexed_wage_base")
    assert row["status"] == "projected" and row["value"] > row["parent_value"] > 0
    assert row["reference"].startswith("time axis") and row["since"] is None


def test_a_profile_file_may_be_a_list_of_profiles(monkeypatch, capsys, tmp_path):
    # api.assess and /assess took a list; the CLI refused it.
    import yaml

    from openfisca_china_social_insurance.api import example_profiles

    path = tmp_path / "list.yaml"
    path.write_text(yaml.safe_dump([{"name": "a", **example_profiles()["weifang_form_2025_09"]}], allow_unicode=True), encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "pension", str(path), "--format", "csv")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(out))}
    assert code == 0 and rows["component"][0] == "a"
    assert rows["monthly_pension"][0] == "4295.77"  # the Weifang form


def test_the_totals_keep_their_status_where_the_pension_is_refused(monkeypatch, capsys, tmp_path):
    """A man retiring in 1998 (no 1998 transitional coefficient anywhere: the pension is refused) paid
    contributions in 1996-97 on back-cast average wages: his individual total printed unmarked (official),
    because its status came from the refused assessment; it is computed with the totals now."""
    profile = tmp_path / "man_1998.yaml"
    profile.write_text("man_1998:\n  birth_date: 1938-03-10\n  sex: male\n  deemed_contribution_years: 20\n"
                       "  career:\n    - {from: 1996, to: 1997, index: 1.0}\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong", "--format", "json")
    assert code == 0
    rows = {row["component"]: row["shandong"] for row in json.loads(out) if row["component"] != "note"}
    assert str(rows["monthly_pension"]).startswith("no data: transitional_coefficient")
    assert isinstance(rows["individual_contribution_total"], float)
    from openfisca_china_social_insurance import api, default_system

    simulation = api.build_simulation({"man_1998": {**region_compare_profile(profile), "insured_region": "shandong"}}, default_system())
    expected = simulation.calculate("contributions_status", "1996").decode_to_str()[0]
    assert expected != "official" and rows["contributions_status"] == expected
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong", "--format", "markdown")
    line = next(line for line in out.splitlines() if line.startswith("| Individual contributions"))
    assert line.split("|")[2].strip().endswith("*")  # estimated: the mark of its status


def region_compare_profile(path):
    import yaml

    return next(iter(yaml.safe_load(path.read_text(encoding="utf-8")).values()))


@pytest.mark.parametrize("lang, cell, note", [
    ("en", "no data: no employer rate on 1997-01-01, the day the year's rates are read (the first: nation's, from 1997-07-16, 国发〔1997〕26号 art.3) [1]",
     "No employer rate in force on 1997-01-01, the day the model reads a year's rates, at any level: jinan: not set -> shandong: not set before 2000-01-01"
     " -> nation: not set before 1997-07-16"),
    ("zh", "无数据：1997-01-01（读取当年费率之日）无单位缴费比例（最早：nation，自 1997-07-16 起，国发〔1997〕26号 art.3） [1]",
     "1997-01-01（模型读取当年费率之日）各级均无有效的单位缴费比例：jinan：未设定 -> shandong：2000-01-01 之前未设定 -> nation：1997-07-16 之前未设定"),
])
def test_the_1997_employer_total_says_why_it_has_no_rate(monkeypatch, capsys, tmp_path, lang, cell, note):
    """Was: 'no data: employer_contribution 1997: employee year in a contribution_region with no em... [1]', in English under
    --lang zh too, though the nation has a rate in 1997: the year's rate is read on January 1st, and the first (国发〔1997〕26号)
    starts on 1997-07-16. The cell says so with the rate's legal basis, the note gives the fallback chain, then the model's words."""
    profile = tmp_path / "worker.yaml"
    profile.write_text("worker:\n  birth_date: 1950-03-10\n  sex: male\n  deemed_contribution_years: 10\n"
                       "  career:\n    - {from: 1997, to: 2009, index: 1.0}\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "--lang", lang, "regions", "compare", str(profile), "--regions", "jinan", "--format", "markdown")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith(("| Employer contributions", "| 单位缴费合计")))
    assert row.split("|")[2].strip() == cell
    footnote = next(line for line in out.splitlines() if line.startswith("- [1]"))
    model = "单位缴费（employer_contribution 1997）：职工缴费年度" if lang == "zh" else "employer_contribution 1997: employee year"
    assert note in footnote and model in footnote  # the model's own message kept, in the run's language
    # The region as the table's header names it (济南市), with the key the chain quotes.
    assert footnote.startswith("- [1] worker 在 济南市（jinan）：" if lang == "zh" else "- [1] worker in jinan: ")
    assert run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "jinan", "--format", "markdown")[1].count("[1]") == 2


def test_a_flexible_year_before_any_flexible_worker_rate_says_when_the_first_starts():
    """A Shandong flexible worker of 2002 (no flexible-worker rate before the national 20% of 2006): the reason names the
    rate and its first date; an employee's years (Jinan's own 18% of 2002) are totalled."""
    from openfisca_china_social_insurance.analysis import region_comparison as region_compare

    profile = {"birth_date": "1974-03-10", "sex": "female",
               "career": [{"from": 1998, "to": 2001, "index": 1.0}, {"from": 2002, "to": 2023, "index": 0.6, "employment_type": "flexible_worker"}]}
    result = region_compare.compare({"worker": profile}, ["shandong", "jinan"])
    cell = result.value("worker", "shandong", "individual_contribution_total")
    assert isinstance(cell, region_compare.NoData)
    assert cell.text("en").startswith("no data: no flexible-worker rate on 2002-01-01, the day the year's rates are read (the first: nation's, from 2006-01-01")
    assert isinstance(result.value("worker", "jinan", "individual_contribution_total"), float)


def test_a_last_part_shared_by_several_parameters_is_named_ambiguous_not_unknown(monkeypatch, capsys):
    """Was: "'employer_rate' is not a regional parameter. Did you mean: ..." of a name that four regional
    parameters end with (pension, medical, maternity, unemployment): it names them as what it is, one of them."""
    code, out, err = run(monkeypatch, capsys, "regions", "explain", "employer_rate", "jinan", "--date", "2020-01-01")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "is not a regional parameter" not in err
    assert "'employer_rate' is the last part of 4 regional parameters:" in err
    assert all(path in err for path in ("pension.contribution.employer_rate", "medical.contribution.employer_rate",
                                        "maternity.contribution.employer_rate", "unemployment.contribution.employer_rate"))
    code, out, _ = run(monkeypatch, capsys, "regions", "explain", "pension.contribution.employer_rate", "jinan", "--date", "2020-01-01")
    assert code == 0 and out.startswith("jinan: not set -> shandong: 0.16 since 2019-05-01")


def test_csv_and_json_notes_sit_in_the_column_of_the_region_and_person_they_explain(monkeypatch, capsys, tmp_path):
    """Was: every note under the first region's column ('[2] a in jinan' read as Shandong's), and with several
    persons 'note' in the person column and the text in the component column."""
    profile = tmp_path / "two.yaml"
    profile.write_text("a:\n  birth_date: 1950-03-10\n  sex: male\n  deemed_contribution_years: 10\n  career:\n    - {from: 1997, to: 2009, index: 1.0}\n"
                       "b:\n  birth_date: 1974-03-10\n  sex: female\n  career:\n    - {from: 1998, to: 2001, index: 1.0}\n"
                       "    - {from: 2002, to: 2023, index: 0.6, employment_type: flexible_worker}\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong,jinan", "--format", "json")
    assert code == 0
    notes = [row for row in json.loads(out) if row["component"] == "note"]
    assert len(notes) == 4 and notes[0]["person"] == "" and notes[0]["shandong"].startswith("no data:")
    for row in notes[1:]:
        (region, text), = [(key, row[key]) for key in ("shandong", "jinan") if row[key]]
        assert text.split(": ")[0].endswith(f"{row['person']} in {region}")
    assert {(row["person"], next(key for key in ("shandong", "jinan") if row[key])) for row in notes[1:]} == {
        ("a", "shandong"), ("a", "jinan"), ("b", "shandong")}  # Jinan has its own 2002 flexible-worker rate
    code, out, _ = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong,jinan", "--format", "csv")
    rows = [row for row in csv.DictReader(io.StringIO(out)) if row["component"] == "note"]
    assert [(row["person"], bool(row["shandong"]), bool(row["jinan"])) for row in rows] == [
        ("", True, False), ("a", True, False), ("a", False, True), ("b", True, False)]


@pytest.mark.parametrize("given", ["山东，济南、潍坊", "shandong, 370100,weifang", "山东省、济南市，370700"])
def test_regions_may_be_listed_as_a_chinese_list(monkeypatch, capsys, tmp_path, given):
    """Was: --regions 山东，济南 refused as one unknown region '山东，济南': a Chinese list separates by ， or 、."""
    profile = tmp_path / "worker.yaml"
    profile.write_text(WORKER, encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", given, "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[0] == "component,shandong,jinan,weifang"


def test_a_rule_restated_by_a_later_source_is_in_force_since_its_first_entry():
    """Was: Guangdong's 100 yuan in the transitional column 'since 2024-01-01', the date of the forms that restate
    it, though the file pays it from 2021-01-01; a series' equal figures of two years stay each from its year."""
    from openfisca_china_social_insurance.analysis import region_rules

    _, node = region_rules.node_at("pension.benefit.transitional_fixed.amount")
    own = region_rules.own_value(node, "guangdong", "2024-07-01")
    entries = sorted((entry.instant_str, entry.value) for entry in node.children["guangdong"].values_list)
    assert entries[:2] == [("2021-01-01", 100), ("2024-01-01", 100)]  # the file: one value, restated
    assert (own.value, own.since, own.status, own.reference_date) == (100, "2021-01-01", "official", "2024-01-01")
    assert region_rules.explain("transitional_fixed.amount", "guangdong", "2024-07-01").startswith(
        "guangdong: 100.00 since 2021-01-01 (official), 广东 approval forms")
    _, base = region_rules.node_at("pension.benefit.pension_calculation_base")
    assert [entry.value for entry in base.children["hunan"].values_list if entry.instant_str in ("2017-01-01", "2018-01-01")] == [4491, 4491]
    assert region_rules.own_value(base, "hunan", "2018-07-01").since == "2018-01-01"  # a series: the 2018 figure


@pytest.mark.parametrize("index, words", [(0, "0 is a year without contributions"), (12, "12 is out of range"), ("high", "'high' is not a number")])
def test_a_bad_index_is_the_profiles_error_not_a_regions_no_data(monkeypatch, capsys, tmp_path, index, words):
    """Was: an index of 0 (or 12, or 'high') gave every region's every cell 'no data: p.career[0].index: ...', as if the
    regions' data could not carry the profile; it is the profile's error, refused in one line before any region."""
    profile = tmp_path / "p.yaml"
    profile.write_text(f"p:\n  birth_date: 1970-02-10\n  sex: male\n  career: [{{from: 2000, to: 2020, index: {index}}}]\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "regions", "compare", str(profile), "--regions", "shandong,jinan", "--format", "csv")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: p.career[0].index: ") and words in err


def test_a_rate_not_in_force_keeps_the_input_the_model_refused():
    """The regions tool's explanation wraps the model's refusal: the variable and period it refuses stay data on it."""
    from openfisca_china_social_insurance.analysis.region_comparison import RateNotInForce
    from openfisca_china_social_insurance.core.errors import InputError

    refused = InputError("employer_contribution 1993: no rate", persons={0: "no rate"}, variable="employer_contribution", period="1993")
    wrapped = RateNotInForce(refused, {"en": ("no data", "No employer rate."), "zh": ("无数据", "无单位费率。")})
    assert (wrapped.variable, wrapped.period) == ("employer_contribution", "1993")
    assert wrapped.in_language("zh") == "无单位费率。employer_contribution 1993: no rate" and str(wrapped).startswith("No employer rate. ")
