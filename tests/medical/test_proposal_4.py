"""The seed's proposal 4 compared with the baseline for a Jinan flexible worker: a year's
contributions and one inpatient stay (table and chart), and bad inputs refused by name."""


import pytest
from cli_run import run

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import medical_comparison
from openfisca_china_social_insurance.analysis.reform_files import resolve

CASE = {"region": "jinan", "year": 2003, "cost": 20000, "scheme": "pooling_only", "hospital_level": 2}


def test_proposal_4_opens_pooling_only_cover_to_a_flexible_worker_of_2003():
    """Baseline: 令201号 art.2 left individual businesses out, so nothing is paid and nothing
    reimbursed. Proposal 4: 5% of 60% of the 2003 average monthly wage, 0.6 x 849.92 x 5% = 25.50
    a month, 306.00 a year, no account; the stay (level 2: deductible 9% x 10,199.04 = 917.91) is paid
    (10,000 - 917.91) x 85% + 10,000 x 88% = 16,519.78."""
    labels, rows = medical_comparison.compare(default_system(), [("proposal 4", resolve("medical_pooling_only"))], CASE)
    by = {row["measure"]: row for row in rows}
    assert labels == ["baseline", "proposal 4"]
    assert by["medical_flexible_worker_insured"]["baseline"] is False and by["medical_flexible_worker_insured"]["proposal 4"] is True
    assert (by["medical_flexible_worker_contribution"]["baseline"], by["medical_flexible_worker_contribution"]["proposal 4"]) == (0, 306.0)
    assert by["medical_account_credit"]["proposal 4"] == 0
    assert by["inpatient_pooling_payment"]["proposal 4"] == round((10000 - 917.91) * 0.85 + 10000 * 0.88, 2)
    assert by["inpatient_out_of_pocket"]["baseline"] == 20000
    # Not insured in the baseline: no deductible to show (was the scheme's 917.91, as if she had cover above it).
    assert by["inpatient_deductible"]["baseline"] is None and by["inpatient_deductible"]["Δ proposal 4"] is None
    assert by["inpatient_deductible"]["proposal 4"] == 917.91
    assert by["inpatient_out_of_pocket"]["Δ proposal 4"] == -by["inpatient_pooling_payment"]["proposal 4"]


def test_the_command_writes_the_table_and_the_chart(monkeypatch, capsys, tmp_path):
    chart = tmp_path / "proposal4.png"
    code, out, _ = run(monkeypatch, capsys, "medical", "--year", "2003", "--cost", "20000", "--hospital-level", "2",
                       "-r", "medical_pooling_only", "--format", "csv", "--chart", str(chart))
    assert code == 0
    assert "inpatient_pooling_payment,0.0,16519.78,16519.78" in out
    assert "inpatient_deductible,,917.91," in out  # n/a in the baseline: an empty cell
    code, out, _ = run(monkeypatch, capsys, "medical", "--year", "2003", "--cost", "20000", "--hospital-level", "2", "-r", "medical_pooling_only",
                       "--lang", "en")
    assert code == 0 and "n/a" in out and "917.91" in out and "不适用" not in out
    assert "baseline: the scheme is not open" in out and "no deductible applies" in out
    code, out, _ = run(monkeypatch, capsys, "medical", "--year", "2003", "--cost", "20000", "--hospital-level", "2", "-r", "medical_pooling_only",
                       "--lang", "zh")
    assert code == 0 and "不适用" in out and "现行规定：灵活就业人员不可参保，无起付标准" in out and "n/a" not in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--year", "2024", "--cost", "1000"], ["no inpatient rules for region 'jinan'", "Allowed:"]),
        (["--year", "2003", "--cost", "-1"], ["cost: -1.0", "0 or more"]),
        (["--year", "2003", "--cost", "100", "--scheme", "cheap"], ["scheme: 'cheap'", "full_scheme, pooling_only"]),
        (["--year", "2003", "--cost", "100", "--hospital-level", "4"], ["hospital_level: 4. Allowed: 1, 2 or 3"]),
        (["--year", "2003", "--cost", "100", "--stay", "0"], ["stay: 0. Allowed: 1 for the first stay"]),  # named "person #0" before
    ],
)
def test_bad_inputs_are_refused_by_name(monkeypatch, capsys, args, words):
    code, out, err = run(monkeypatch, capsys, "medical", *args)
    assert code == 2 and out == "" and "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize(("args", "words"), [
    (["--cost", "inf"], ["cost: inf", "finite number"]),
    (["--cost", "nan"], ["cost: nan", "finite number"]),
    (["--cost", "100", "--chart", "/no/such/folder/x.png"], ["--chart", "does not exist"]),
])
def test_non_finite_costs_and_chart_folders_are_refused(monkeypatch, capsys, args, words):
    code, out, err = run(monkeypatch, capsys, "medical", "--year", "2003", *args)
    assert code == 2 and "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("lang, note", [("en", "Data status not shown: the medical figures carry no status yet."),
                                        ("zh", "未标数据状态：医疗保险各项尚无数据状态。")])
def test_the_table_says_its_figures_carry_no_status(monkeypatch, capsys, lang, note):
    """Was: said under the chart only; the table's unmarked figures read official, as every other table's do."""
    from openfisca_china_social_insurance.cli import language

    monkeypatch.setattr(language, "_chosen", [])  # the run's language ends with the test
    for fmt in ("table", "markdown"):
        code, out, _ = run(monkeypatch, capsys, "medical", "--year", "2003", "--cost", "20000", "--format", fmt, "--lang", lang)
        assert code == 0 and out.rstrip().endswith(note)
    code, out, _ = run(monkeypatch, capsys, "medical", "--year", "2003", "--cost", "20000", "--format", "csv", "--lang", lang)
    assert note not in out  # csv stays data
