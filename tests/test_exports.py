"""Exports people open in Excel and programs read (issue 13), checked by reading them back:
xlsx with numbers as numbers and number formats, CSV with a BOM when asked and no thousands
separators, JSON with numbers as numbers and each row's unit."""

import csv
import json
import math
from pathlib import Path

import pytest
from openpyxl import load_workbook

from test_cli_language import run  # the shell's entry point, with no locale set

BOM = b"\xef\xbb\xbf"
GRID = ("compare", "--grid", "seed-table2", "-r", "basic_pension_by_years")


def test_an_xlsx_of_the_grid_holds_numbers_with_number_formats(monkeypatch, capsys, tmp_path):
    path = tmp_path / "grid.xlsx"
    code, out, err = run(monkeypatch, capsys, *GRID, "--lang", "zh", "--output", str(path))
    assert code == 0 and out == "" and str(path) in err
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["人员", "项目", "单位", "现行规定"] and header[-1] == "原表（seed-table2）"
    rows = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=2)}
    # The seed prints 244.72 for 100% of the average wage and 20 years (1997 rules).
    pension = rows[("基数100%×20年", "月养老金")]  # the grid's cell in Chinese too (csv and json keep "100% x 20y")
    assert pension[3].value == 244.72 and pension[3].number_format == "#,##0.00"
    assert isinstance(pension[4].value, float) and pension[4].value < pension[3].value  # proposal 2 pays less at 20 years
    assert pension[5].value == round(pension[4].value - pension[3].value, 2)
    assert rows[("基数100%×20年", "个人缴费内部收益率")][3].value is None  # n/a: a balance given as a figure
    # The status by its Chinese name, as the table prints it (was the key: 'estimated').
    assert [cell.value for cell in rows[("基数100%×20年", "养老金数据状态")][3:5]] == ["估计", "估计"]


def test_an_xlsx_formats_rates_as_percentages(monkeypatch, capsys, tmp_path):
    path = tmp_path / "example.xlsx"
    code, _, _ = run(monkeypatch, capsys, "compare", "--example", "--measures", "irr,monthly_pension", "--output", str(path))
    assert code == 0
    sheet = load_workbook(path).active
    assert [cell.value for cell in sheet[1]][:4] == ["person", "measure", "unit", "baseline"]
    rates = [row[3] for row in sheet.iter_rows(min_row=2) if row[1].value.startswith("Internal rate")]
    computed = [cell for cell in rates if cell.value is not None]
    assert computed and all(cell.number_format == "0.00%" and -1 < cell.value < 1 for cell in computed)


def test_csv_carries_a_bom_for_excel_when_asked_and_by_default_in_chinese(monkeypatch, capsys, tmp_path):
    for args, bom in ((["--lang", "zh"], True), (["--lang", "en"], False), (["--lang", "en", "--bom"], True), (["--lang", "zh", "--no-bom"], False)):
        path = tmp_path / "grid.csv"
        code, _, _ = run(monkeypatch, capsys, *GRID, "--measures", "monthly_pension", "--output", str(path), *args)
        assert code == 0
        assert path.read_bytes().startswith(BOM) == bom, args
    code, out, _ = run(monkeypatch, capsys, *GRID, "--format", "csv", "--lang", "zh")
    assert not out.startswith("\ufeff")  # standard output goes to programs
    code, out, _ = run(monkeypatch, capsys, *GRID, "--format", "csv", "--bom")
    assert out.startswith("\ufeff")


def test_csv_numbers_have_no_separators_nor_quotes(monkeypatch, capsys, tmp_path):
    path = tmp_path / "example.csv"
    code, _, _ = run(monkeypatch, capsys, "compare", "--example", "--measures", "monthly_pension", "--output", str(path))
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert '"' not in text
    rows = list(csv.DictReader(text.splitlines()))
    pensions = [float(row["baseline"]) for row in rows]  # a thousands separator would not parse
    assert any(value > 1000 for value in pensions)
    assert all(row["unit"] == "yuan_per_month" for row in rows)


def test_json_numbers_are_numbers_with_the_unit_of_each_row(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, *GRID, "--format", "json", "--measures", "monthly_pension,irr,monthly_pension_status")
    assert code == 0
    rows = {(row["person"], row["measure"]): row for row in json.loads(out)}
    pension = rows[("100% x 20y", "monthly_pension")]
    assert pension["baseline"] == 244.72 and pension["unit"] == "yuan_per_month"
    assert math.isclose(pension["Δ basic_pension_by_years"], pension["basic_pension_by_years"] - 244.72, abs_tol=0.005)
    assert rows[("100% x 20y", "irr")]["baseline"] is None and rows[("100% x 20y", "irr")]["unit"] == "rate"
    # The grid's balances are its own assumption (estimated); the crediting rates of the years do not enter them.
    assert rows[("100% x 20y", "monthly_pension_status")]["baseline"] == "estimated"


@pytest.mark.parametrize("path, code", [("x.ods", "output_suffix"), ("/nonexistent/x.xlsx", "output_folder")])
def test_an_output_path_that_cannot_be_written_is_refused(monkeypatch, capsys, path, code):
    exit_code, out, err = run(monkeypatch, capsys, *GRID, "--output", path)
    assert exit_code == 2 and out == "" and f"[{code}]" in err and "--output" in err and "Traceback" not in err


def test_a_reform_file_is_labelled_by_its_name_not_its_path(monkeypatch, capsys, tmp_path):
    reform = tmp_path / "some_folder_reform.yaml"
    reform.write_text(
        "name: share_25\nchanges:\n  - path: pension.benefit.basic_pension.share_of_average_wage\n"
        "    start: 2002-01-01\n    stop: 2005-12-31\n    value: 0.25\n",
        encoding="utf-8",
    )
    code, out, _ = run(monkeypatch, capsys, "compare", "--grid", "seed-table2", "-r", str(reform), "--format", "csv", "--measures", "basic_pension")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert "share_25" in header and "Δ share_25" in header and not any(str(tmp_path) in column for column in header)
    # 25% of the 2002 calculation base (750 x 12 / 12 = 750 a month) instead of 20%: 187.50 at 100%.
    row = next(line.split(",") for line in out.splitlines() if line.startswith("100% x 20y,basic_pension"))
    assert row[header.index("share_25")] == "187.50"


def test_a_table_is_as_wide_as_the_terminal(monkeypatch, capsys):
    widths = {}
    for columns in (90, 200):
        monkeypatch.setenv("COLUMNS", str(columns))  # what the terminal reports (shutil.get_terminal_size)
        code, out, _ = run(monkeypatch, capsys, *GRID, "--measures", "monthly_pension", "--lang", "en")
        assert code == 0
        widths[columns] = max(len(line) for line in out.splitlines() if line.startswith(("┏", "│", "└")))
    assert widths[90] <= 90 < widths[200] <= 200  # narrowed to fit, not fixed at 200


def test_the_pension_assessment_exports_numbers(monkeypatch, capsys):
    """The Weifang 2025-09 approval form prints 2,647.45 + 689.85 + 958.47 = 4,295.77 a month."""
    code, out, _ = run(monkeypatch, capsys, "pension", "--example", "--format", "json")
    assert code == 0
    total = next(row for row in json.loads(out) if row["component"] == "monthly_pension")  # keys for scripts: the variable
    assert total["weifang_form_2025_09"] == round(2647.45 + 689.85 + 958.47, 2)
    code, out, _ = run(monkeypatch, capsys, "pension", "--example", "--format", "csv", "--lang", "zh")
    total = next(row for row in csv.DictReader(out.splitlines()) if row["component"] == "monthly_pension")
    assert total["weifang_form_2025_09"] == "4295.77"


def test_the_output_suffix_decides_the_file_whatever_the_format(monkeypatch, capsys, tmp_path):
    path = tmp_path / "grid.xlsx"
    code, out, _ = run(monkeypatch, capsys, *GRID, "--format", "csv", "--output", str(path), "--measures", "basic_pension", "--lang", "en")
    assert code == 0 and out == ""
    assert [cell.value for cell in load_workbook(path).active[1]][:3] == ["person", "measure", "unit"]
    assert load_workbook(path).active["B2"].value == "Basic pension"  # the people's sheet, not the data's codes
    chart = tmp_path / "chart.png"
    code, _, _ = run(monkeypatch, capsys, *GRID, "--measures", "irr", "--chart", str(chart))  # the chart needs no shown pension
    assert code == 0 and chart.read_bytes()[:4] == b"\x89PNG"


def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tmp_path):
    """A person named =HYPERLINK(...) (a /desk/export body names the rows) stays text."""
    from openpyxl import load_workbook

    from openfisca_china_social_insurance.analysis import export

    header = ["person", "=1+1"]
    rows = [['=HYPERLINK("http://evil","x")', 100.0], ["@SUM(A1)", 2.5], ["wang", -3.0]]
    units = ["yuan", "yuan", "yuan"]  # one per row
    book = load_workbook(export.write(str(tmp_path / "t.xlsx"), "t", header, rows, units))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert [cell.data_type for cell in cells if isinstance(cell.value, str)] == ["s"] * 5
    assert book.active["A2"].value == '=HYPERLINK("http://evil","x")'
    assert book.active["B4"].value == -3.0  # a negative number is still a number
    text = Path(export.write(str(tmp_path / "t.csv"), "t", header, rows, units)).read_text(encoding="utf-8")
    assert text.splitlines() == ["person,'=1+1", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",100.00", "'@SUM(A1),2.50", "wang,-3.00"]


def test_an_xlsx_keeps_the_tables_notes_on_a_sheet_of_their_own(monkeypatch, capsys, tmp_path):
    """Was: the table's notes (the grid's errata, why a cell is n/a) lost in the xlsx: its n/a cells were empty
    without a reason anywhere in the file."""
    from openfisca_china_social_insurance.cli import language

    monkeypatch.setattr(language, "_chosen", [])  # the run's Chinese ends with the test
    path = tmp_path / "grid.xlsx"
    code, _, _ = run(monkeypatch, capsys, *GRID, "--lang", "zh", "--output", str(path))
    assert code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["养老金改革比较", "注释"]
    notes = [row[0] for row in book["注释"].iter_rows(values_only=True)]
    assert any(note.startswith("seed-table2：100%行") for note in notes)  # the grid's errata
    assert any(note.startswith("不适用，个人缴费内部收益率：基数60%×15年、") and "overrides.personal_account_balance" in note for note in notes)
    assert any(note.startswith("不适用，基数提高10%增加月养老金：") for note in notes)
    assert not any(note.startswith("数据状态") for note in notes)  # the marks' legend: the sheet's numbers carry none
