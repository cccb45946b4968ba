"""The desk's own endpoints (web/desk.py): what the page needs that the Web API lacks.

Figures in a grid, a CSV or a spreadsheet must be /compare's for the same persons; bad
inputs are 400 naming the field, as everywhere in the Web API.
"""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from test_cli_language import run  # the shell's entry point, with no locale set

from openfisca_china_social_insurance.analysis import grids
from openfisca_china_social_insurance.web import create_app

SEED_MAN = {"birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
            "overrides": {"contribution_years": 15, "pre_account_contribution_years": 0, "personal_account_balance": 9780}}
PROPOSAL_2 = "basic_pension_by_years"


@pytest.fixture(scope="module")
def client():
    return create_app(max_persons=50).test_client()


def test_the_page_and_its_strings_are_served(client):
    page = client.get("/desk")
    assert page.status_code == 200 and "/desk/desk.js" in page.get_data(as_text=True)
    for name in ("desk.js", "desk.css"):
        assert client.get(f"/desk/{name}").status_code == 200
    strings = client.get("/desk/strings.json").get_json()
    assert all(set(text) == {"zh", "en"} and all(text.values()) for text in strings.values())


def test_options_list_regions_with_their_fallback_and_reforms_with_their_knobs(client):
    options = client.get("/desk/options").get_json()
    regions = {region["key"]: region for region in options["regions"]}
    assert regions["jinan"]["chain"] == ["jinan", "shandong", "nation"]
    assert regions["jinan"]["code"] == "370100"
    reforms = {reform["name"]: reform for reform in options["reforms"]}
    assert reforms[PROPOSAL_2]["knobs"]["step"] == 0.01 and reforms[PROPOSAL_2]["knobs"]["share_at_minimum"] == 0.8
    assert "Proposal 2" in reforms[PROPOSAL_2]["description"]
    # Each reform's title, by which the page names it: the description's Chinese part, and its name in English.
    assert reforms[PROPOSAL_2]["title"] == {"zh": "基础养老金与缴费年限挂钩", "en": PROPOSAL_2}
    strings = client.get("/desk/strings.json").get_json()
    for reform in options["reforms"]:
        assert reform["title"]["zh"] != reform["name"] and not re.search(r"[A-Za-z]", reform["title"]["zh"]), reform
        assert all(f"knob_{knob}" in strings for knob in reform["knobs"]), reform  # each knob named in Chinese
    # Each example, grid and population named in both languages (the page showed seed-table2, weifang_form_2025_09).
    for name in [*options["examples"], *options["grids"], *options["populations"], *options["funds"]]:
        assert f"choice_{name}" in strings and not re.search(r"[A-Za-z]", strings[f"choice_{name}"]["zh"]), name
    assert options["assumptions"] == ["low", "central", "high"]
    assert "seed-table2" in options["grids"]
    assert "weifang_form_2025_09" in options["examples"]
    reference = options["figures"]["basic_pension"]["reference"]  # the legal basis in each language: 第N条 in Chinese
    assert "国发〔1997〕26号 art.5" in reference["en"] and "国发〔1997〕26号第五条" in reference["zh"] and "art." not in reference["zh"]
    assert options["lang"] == "zh"  # Chinese unless shebao web --lang en


def test_the_grid_is_the_seeds_table_2_under_proposal_2(client):
    response = client.post("/desk/grid", json={"grid": "seed-table2", "reforms": [PROPOSAL_2], "measures": ["monthly_pension"]})
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    cell = grids.cell_name(1.0, 15)
    assert answer["cells"][cell] == {"base": 1.0, "years": 15}
    result = next(row for row in answer["results"] if row["person"] == cell)
    assert result["values"]["baseline"]["monthly_pension"] == 231.50  # the seed prints the same
    assert result["values"][PROPOSAL_2]["monthly_pension"] == 201.50  # README: 150 x 80% + 81.50
    assert answer["printed"]["monthly_pension"][cell] == 231.50
    assert answer["grid"]["errata"]


def test_the_chart_is_an_svg(client):
    response = client.post("/desk/chart.svg", json={"grid": "seed-table2", "reforms": [PROPOSAL_2], "lang": "en"})
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "<svg" in response.get_data(as_text=True)


def _compared(client, reforms):
    answer = client.post("/compare", json={"profiles": {"seed": SEED_MAN}, "reforms": reforms}).get_json()
    return answer["results"][0]["values"]


def test_the_csv_download_holds_the_figures_of_compare(client):
    body = {"profiles": {"seed": SEED_MAN}, "reforms": [PROPOSAL_2], "lang": "zh"}
    response = client.post("/desk/export.csv", json=body)
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset (it was twice)
    assert response.data.startswith("\ufeff".encode())  # Excel on Chinese Windows needs the BOM
    rows = {row["measure"]: row for row in csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))}
    values = _compared(client, [PROPOSAL_2])
    for measure in ("basic_pension", "monthly_pension", "plus_one_year"):
        assert float(rows[measure]["baseline"]) == values["baseline"][measure]
        assert float(rows[measure][PROPOSAL_2]) == values[PROPOSAL_2][measure]
    assert rows["monthly_pension"]["unit"] == "yuan_per_month"
    assert client.post("/desk/export.csv", json={**body, "lang": "en"}).data.startswith(b"person,")


def test_a_grids_download_is_the_file_shebao_compare_writes(client, tmp_path, monkeypatch, capsys):
    # The seed's own printed figures were missing from the desk's file.
    code, _, _ = run(monkeypatch, capsys, "--lang", "en", "compare", "--grid", "seed-table2", "--output", str(tmp_path / "grid.csv"))
    response = client.post("/desk/export.csv", json={"grid": "seed-table2", "lang": "en"})
    assert code == 0 and response.status_code == 200
    assert response.data == (tmp_path / "grid.csv").read_bytes() and b"printed" in response.data.splitlines()[0]
    sheet = load_workbook(io.BytesIO(client.post("/desk/export.xlsx", json={"grid": "seed-table2", "lang": "zh"}).data)).active
    assert "seed-table2" in str([cell.value for cell in sheet[1]][-1])


def test_the_xlsx_download_has_numbers_as_numbers_in_the_language_asked(client):
    response = client.post("/desk/export.xlsx", json={"profiles": {"seed": SEED_MAN}, "reforms": [PROPOSAL_2], "lang": "zh"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["人员", "项目", "单位", "现行规定"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    values = _compared(client, [PROPOSAL_2])
    assert rows["月养老金"][3] == values["baseline"]["monthly_pension"]
    assert rows["月养老金"][4] == values[PROPOSAL_2]["monthly_pension"]


def test_the_chinese_xlsx_download_names_reforms_cells_and_statuses_in_chinese(client):
    """The desk's 下载 xlsx in Chinese had the reform's key (basic_pension_by_years), the grid's cells
    as "60% x 15y" and the status row as 'estimated', where `shebao compare --output` writes
    基础养老金与缴费年限挂钩, 基数60%×15年 and 估计."""
    response = client.post("/desk/export.xlsx", json={"grid": "seed-table2", "reforms": [PROPOSAL_2], "lang": "zh"})
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]][4:6] == ["基础养老金与缴费年限挂钩", "Δ 基础养老金与缴费年限挂钩"]
    rows = {(row[0], row[1]): row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("基数60%×15年", "养老金数据状态")][3:5] == ("估计", "估计")


@pytest.mark.parametrize(
    "path, body, field, words",
    [
        ("/desk/grid", {"grid": "table9", "reforms": []}, "grid", ["'table9'", "seed-table2"]),
        ("/desk/grid", {"grid": "/etc/passwd", "reforms": []}, "grid", ["Allowed"]),  # never a file on the server
        ("/desk/grid", {"grid": "seed-table2", "profiles": {"seed": SEED_MAN}}, "grid", ["exactly one of profiles or grid"]),
        ("/desk/grid", {"profiles": {"seed": SEED_MAN}}, "grid", ["missing"]),
        ("/desk/chart.svg", {"grid": "seed-table2", "lang": "fr"}, "lang", ["'fr'", "zh, en"]),
        ("/desk/export.csv", {"profiles": {"seed": SEED_MAN}, "reforms": [{"name": PROPOSAL_2, "knobs": {"slope": 1}}]}, "reforms[0].knobs", ["slope"]),
        ("/desk/export.xlsx", {"profiles": {"seed": {**SEED_MAN, "sex": "x"}}}, "seed.sex", ["Allowed: male, female"]),
        ("/desk/export.csv", {"profiles": {"seed": SEED_MAN}, "colour": "red"}, "colour", ["unknown key"]),
        # Taken without a look before: any lang, even a number, was a 200.
        ("/desk/population", {"population": "seed-flexible-workers", "lang": 5}, "lang", ["5", "zh, en"]),
    ],
)
def test_bad_inputs_are_400_naming_the_field(client, path, body, field, words):
    response = client.post(path, json=body)
    assert response.status_code == 400 and response.is_json, response.data[:300]
    answer = response.get_json()
    assert answer["field"] == field, answer
    for word in words:
        assert word in answer["error"], (word, answer["error"])


def test_shebao_web_refuses_a_bad_port(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "web", "--port", "70000")
    assert code == 2 and "--port: 70000. Allowed: 1 to 65535." in err


def test_the_page_opens_in_english_when_asked():
    options = json.loads(create_app(desk_lang="en").test_client().get("/desk/options").data)
    assert options["lang"] == "en"


def test_a_population_on_the_desk_is_the_command_lines(client, monkeypatch, capsys):
    """The desk's population totals are `shebao population --synthetic ... -r ...`'s, figure for
    figure; a fund spec (years of a projection) is left to the command line."""
    answer = client.post("/desk/population", json={"population": "seed-flexible-workers", "reforms": ["flexible_worker_rate_18"]}).get_json()
    code, out, _ = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "-r", "flexible_worker_rate_18", "--format", "json")
    assert code == 0
    cli = {row["measure"]: row for row in json.loads(out)["population"]}
    for measure in answer["measures"]:
        for system in answer["systems"]:
            assert answer["totals"][system][measure] == cli[measure][system], (measure, system)
    assert answer["totals"]["flexible_worker_rate_18"]["monthly_pensions_change"] > 0
    response = client.post("/desk/population", json={"population": "shandong-employees"})
    assert response.status_code == 400 and response.get_json()["field"] == "population"


def test_the_fund_on_the_desk_is_the_command_lines(client, monkeypatch, capsys):
    """The fund was the command line's alone (the page said "基金测算见命令行"): /desk/fund projects
    a built-in fund spec year by year, baseline against built-in reforms, and its figures are
    `shebao population --synthetic ... --fund FIRST:LAST -r ...`'s, in the page's language."""
    reform = "payout_months_longer_life"
    response = client.post("/desk/fund", json={"population": "shandong-employees", "reforms": [reform], "first": 2025, "last": 2030})
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    assert answer["systems"] == ["baseline", reform] and len(answer["status"]) == 6
    table = answer["tables"]["baseline"]
    assert table["header"][0] == "年份" and "累计结余（亿元）" in table["header"] and table["header"][-1] == "数据状态"
    assert [line[0] for line in table["cells"]] == list(range(2025, 2031))
    assert {line[-1] for line in table["cells"]} == {"预测"}  # every year's data status, by its name
    assert answer["chart"].lstrip().startswith("<?xml") and "<svg" in answer["chart"]
    code, out, _ = run(monkeypatch, capsys, "population", "--synthetic", "shandong-employees", "--fund", "2025:2030", "-r", reform, "--format", "json")
    assert code == 0
    cli = [row for row in json.loads(out)["projection"] if row["region"] == "all"]
    balance = table["header"].index("累计结余（亿元）")
    for system in answer["systems"]:
        rows = [row for row in cli if row["scenario"] == system]
        for line, row in zip(answer["tables"][system]["cells"], rows):
            assert float(line[balance].replace(",", "")) == pytest.approx(row["balance"] / 1e8, abs=0.005), (system, line, row)
    assert answer["changes"][reform]["cells"][-1][0] == 2030
    english = client.post("/desk/fund", json={"population": "shandong-employees", "first": 2025, "last": 2026, "lang": "en"}).get_json()
    assert english["tables"]["baseline"]["header"][0] == "year"  # the command line's English column names
    # Bad inputs name their field; a reform with changed knobs names the command line.
    for body, field in (({"population": "seed-flexible-workers"}, "population"), ({"population": "shandong-employees", "first": "abc"}, "first"),
                        ({"population": "shandong-employees", "first": 2030, "last": 2025}, "last"),
                        ({"population": "shandong-employees", "reforms": [{"name": PROPOSAL_2, "knobs": {"step": 0.02}}]}, "reforms[0]")):
        refused = client.post("/desk/fund", json=body)
        assert refused.status_code == 400 and refused.get_json()["field"] == field, (body, refused.get_json())
    assert "shebao population --fund" in client.post("/desk/fund", json={"population": "shandong-employees", "reforms": [{"name": PROPOSAL_2}]}).get_json()["error"]
    assert client.get("/desk/options").get_json()["funds"] == ["shandong-employees"]


def test_a_chinese_chart_names_a_reform_by_its_chinese_title(client):
    """The legend of a Chinese chart named basic_pension_by_years（实线）, where the Chinese tables
    head its column 基础养老金与缴费年限挂钩; the English chart keeps the name."""
    texts = {}
    for lang in ("zh", "en"):
        svg = client.post("/desk/chart.svg", json={"grid": "seed-table2", "reforms": [PROPOSAL_2], "lang": lang}).get_data(as_text=True)
        texts[lang] = re.findall(r"<!-- (.*?) -->", svg)  # matplotlib writes each text beside its glyphs
    assert any("基础养老金与缴费年限挂钩" in text for text in texts["zh"]), texts["zh"]
    assert not any(PROPOSAL_2 in text for text in texts["zh"]), texts["zh"]
    assert any(PROPOSAL_2 in text for text in texts["en"]), texts["en"]


def test_a_chinese_xlsx_download_is_the_one_shebao_writes_in_chinese(client, tmp_path, monkeypatch, capsys):
    """The desk's Chinese spreadsheet headed its columns basic_pension_by_years and named its rows
    60% x 15y, where `shebao --lang zh compare --output x.xlsx` writes 基础养老金与缴费年限挂钩 and
    基数60%×15年; and both gave a status as estimated in a Chinese sheet (now 估计)."""
    path = tmp_path / "grid.xlsx"
    code, _, _ = run(monkeypatch, capsys, "--lang", "zh", "compare", "--grid", "seed-table2", "-r", PROPOSAL_2, "--output", str(path))
    assert code == 0
    response = client.post("/desk/export.xlsx", json={"grid": "seed-table2", "reforms": [PROPOSAL_2], "lang": "zh"})
    assert response.status_code == 200
    desk = [list(row) for row in load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True)]
    cli = [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]
    assert desk == cli
    header = desk[0]
    assert "基础养老金与缴费年限挂钩" in header and f"Δ 基础养老金与缴费年限挂钩" in header and PROPOSAL_2 not in header, header
    assert desk[1][0] == "基数60%×15年", desk[1]
    statuses = [row for row in desk if row[1] == "养老金数据状态"]
    assert statuses and statuses[0][3] == "估计", statuses[0]


def test_a_grids_texts_come_in_each_language(client):
    """The page showed a grid's description and errata in both languages at once (2002年山东报告表2：...
    2002 Shandong report, Table 2: ...): the answer gives each language's half."""
    answer = client.post("/desk/grid", json={"grid": "seed-table2", "reforms": []}).get_json()
    zh, en = answer["texts"]["zh"], answer["texts"]["en"]
    assert zh["description"].startswith("2002年山东报告表2") and "Shandong" not in zh["description"]
    assert en["description"].startswith("2002 Shandong report, Table 2") and not re.search(r"[\u4e00-\u9fff]", en["description"])
    assert len(zh["errata"]) == len(en["errata"]) == len(answer["grid"]["errata"]) > 0
    # Its source too (the Chinese page quoted "..., Shandong report, section 二.(一).2, Table 2").
    assert zh["reference"].startswith("山东报告《社会保险管理工作难点与对策》") and not re.search("[A-Za-z]", zh["reference"])
    assert en["reference"].startswith("Shandong report: ") and "Table 2" in en["reference"]
    assert all("row" not in text for text in zh["errata"]) and all(text.startswith(("100%", "200%", "300%", "60%")) for text in en["errata"])
