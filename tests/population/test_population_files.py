"""Population files (Parquet and CSV): every bad cell refused with file, row and column;
no row lost; results independent of the chunk size; outputs written atomically."""

import csv
import re

import pyarrow
import pyarrow.parquet
import pytest
from cli_run import run

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import population_impact
from openfisca_china_social_insurance.analysis.reform_files import resolve
from openfisca_china_social_insurance.api import population_files
from openfisca_china_social_insurance.core.errors import InputError

ROWS = [
    # A Shandong man of 1942 with 6 years: a refund in 2002 (国发〔1997〕26号 art.5).
    {"person_id": "short_2002", "weight": 500, "birth_date": "1942-01-15", "sex": "male", "insured_region": "shandong",
     "career_from": 1996, "career_to": 2001, "career_index": 0.6},
    # The seed's 100% man with 9 deemed years: Shandong's 2002 transitional coefficient is not sourced: refused.
    {"person_id": "deemed_2002", "weight": 1000, "birth_date": "1942-01-15", "sex": "male", "insured_region": "370000",
     "deemed_contribution_years": 9, "career_from": 1996, "career_to": 2001, "career_index": 1.0},
    # A Jinan flexible worker retiring in 2013: a pension.
    {"person_id": "jinan_2013", "weight": 250.5, "birth_date": "1963-05-01", "sex": "female", "insured_region": "jinan",
     "career_from": 1998, "career_to": 2012, "career_index": 0.6, "employment_type": "flexible_worker"},
]


def write_csv(path, rows, columns=None):
    columns = columns or list(population_files.COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_parquet_and_csv_read_the_same_rows(tmp_path):
    from_csv = population_files.read(write_csv(tmp_path / "people.csv", ROWS))
    table = pyarrow.Table.from_pylist([{**{name: None for name in population_files.COLUMNS}, **row} for row in ROWS])
    pyarrow.parquet.write_table(table, tmp_path / "people.parquet")
    from_parquet = population_files.read(tmp_path / "people.parquet")
    assert from_csv == from_parquet and len(from_csv) == len(ROWS)
    assert from_csv[1]["insured_region"] == "shandong"  # a GB/T 2260 code read as the region
    assert from_csv[0]["employment_type"] == "employee" and from_csv[0]["deemed_contribution_years"] == 0


@pytest.mark.parametrize(
    ("change", "columns", "words"),
    [
        ({}, [c for c in population_files.COLUMNS if c != "career_index"], ["column 'career_index' is missing"]),
        ({"weight": -3}, None, ["row 2, column 'weight': '-3' is out of range"]),
        ({"weight": "many"}, None, ["row 2, column 'weight': 'many' is not a number"]),
        ({"insured_region": "atlantis"}, None, ["row 2, column 'insured_region': 'atlantis' is not a region"]),
        ({"birth_date": "1942-13-01"}, None, ["row 2, column 'birth_date'", "is not a date"]),
        ({"career_to": 1990}, None, ["row 2, column 'career_to': 1990 is before career_from 1996"]),
        # As a profile: 0 is years without contributions, which a row of 12-month years cannot hold.
        ({"career_index": 0}, None, ["row 2, column 'career_index': '0' is out of range", "above 0 and at most 10", "without contributions"]),
        ({"person_id": "short_2002"}, None, ["row 2, column 'person_id': 'short_2002' is given twice"]),
    ],
)
def test_a_bad_cell_is_refused_with_file_row_and_column(tmp_path, change, columns, words):
    rows = [ROWS[0], {**ROWS[1], **change}, ROWS[2]]
    path = write_csv(tmp_path / "people.csv", rows, columns)
    with pytest.raises(InputError) as error:
        population_files.read(path)
    assert str(path) in str(error.value)
    for word in words:
        assert word in str(error.value)


def test_no_row_is_lost_and_chunks_do_not_change_results():
    rows = population_files.checked_rows(ROWS)
    reform = [("proposal 2", resolve("basic_pension_by_years"))]
    _, one_by_one, totals = population_impact.run(rows, default_system(), reform, chunk_size=1)
    _, all_at_once, _ = population_impact.run(rows, default_system(), reform, chunk_size=10)
    assert one_by_one == all_at_once and len(all_at_once) == len(ROWS)
    by = {record["person_id"]: record for record in all_at_once}
    assert "transitional_coefficient" in by["deemed_2002"]["refused [baseline]"]
    assert by["short_2002"]["monthly_pension [baseline]"] == 0 and by["short_2002"]["lump_sum_refund [baseline]"] > 0
    assert by["jinan_2013"]["monthly_pension [baseline]"] > 0
    base = totals["baseline"]
    assert base["refused_rows"] == 1 and base["persons"] == 750.5 and base["pensioners"] == 250.5
    assert base["monthly_pensions"] == round(250.5 * by["jinan_2013"]["monthly_pension [baseline]"], 2)


def test_the_command_writes_every_row_atomically(monkeypatch, capsys, tmp_path):
    source = write_csv(tmp_path / "people.csv", ROWS)
    output = tmp_path / "out" / "results.parquet"
    code, out, err = run(monkeypatch, capsys, "population", str(source), "-r", "basic_pension_by_years", "--output", str(output), "--format", "csv")
    assert code == 0
    assert pyarrow.parquet.read_table(output).num_rows == len(ROWS)
    assert [path.name for path in output.parent.iterdir()] == ["results.parquet"]  # no partial file left
    assert "refused_rows,1,1" in out and "Rows refused by the model: 1," in err


def test_the_seeds_flexible_workers_under_proposal_1_in_2002():
    """The seed's insured flexible workers (Dongying 5,838, Dezhou 9,937, Weifang 25,732).
    In 2002 Jinan, Weifang and Dezhou already charged 18% (the seed's city rule), Dongying
    had no rate: the baseline cannot compute what Dongying's rows paid (their pensions, which
    do not rest on the rate, are assessed: --year changed the pension totals when the rows
    were refused whole), proposal 1 (18% everywhere) computes it. The 2002 difference is
    Dongying's contributions: 5,838 x 12 months x 18% x 60% of Shandong's 750 = 5,838 x 972 =
    5,674,536, of which 11% of the base goes to the accounts: 5,838 x 12 x 49.50 = 3,467,772."""
    from openfisca_china_social_insurance.analysis import synthetic

    spec = synthetic.load("seed-flexible-workers")
    rows = synthetic.rows(spec)
    assert sum(row["weight"] for row in rows) == 5838 + 9937 + 25732
    _, _, totals = population_impact.run(rows, default_system(), [("proposal 1", resolve("flexible_worker_rate_18"))], year=2002)
    base, reform = totals["baseline"], totals["proposal 1"]
    assert base["refused_rows"] == reform["refused_rows"] == 0
    assert base["contributions_unknown_2002"] == 5838 and reform["contributions_unknown_2002"] == 0
    _, _, without_year = population_impact.run(rows, default_system())
    assert {key: base[key] for key in without_year["baseline"]} == without_year["baseline"]
    assert round(reform["contributions_2002"] - base["contributions_2002"], 2) == 5838 * 972
    assert round(reform["account_credits_2002"] - base["account_credits_2002"], 2) == 5838 * 12 * 49.50
    assert [row[0] for row in synthetic.coverage(spec)] == ["dongying", "dezhou", "weifang"]


def test_gainers_and_losers_by_group_add_up_to_the_totals():
    rows = population_files.checked_rows([
        {**ROWS[2], "person_id": "a", "weight": 10}, {**ROWS[2], "person_id": "b", "weight": 30, "sex": "male"},
        {**ROWS[2], "person_id": "c", "weight": 5, "career_index": 2.5},
    ])
    records = [
        {"refused [baseline]": "", "refused [r]": "", "monthly_pension [baseline]": 100.0, "monthly_pension [r]": 110.0},
        {"refused [baseline]": "", "refused [r]": "", "monthly_pension [baseline]": 100.0, "monthly_pension [r]": 90.0},
        {"refused [baseline]": "", "refused [r]": "", "monthly_pension [baseline]": 100.0, "monthly_pension [r]": 100.0},
    ]
    by_sex = population_impact.by_group(rows, records, "r", "sex")
    assert by_sex == [("female", 15.0, 10.0, 0.0, 6.67), ("male", 30.0, 0.0, 30.0, -10.0)]
    assert [group[0] for group in population_impact.by_group(rows, records, "r", "base_band")] == ["60-100%", "200-300%"]  # from the lowest band
    with pytest.raises(InputError, match="Allowed: sex, cohort, region, base_band, employment_type"):
        population_impact.by_group(rows, records, "r", "income")


def test_a_csv_with_the_byte_order_mark_excel_writes_reads_like_one_without(tmp_path):
    plain = write_csv(tmp_path / "people.csv", ROWS)
    marked = tmp_path / "marked.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())  # was: "column 'person_id' is missing"
    assert population_files.read(marked) == population_files.read(plain)


def test_a_gbk_csv_is_refused_naming_the_file_and_the_encoding(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(write_csv(tmp_path / "people.csv", [{**ROWS[0], "person_id": "张三"}]).read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(InputError, match=r"population file .*gbk\.csv: not UTF-8 text \(byte 0x"):  # was a UnicodeDecodeError
        population_files.read(path)


def test_parquet_timestamps_are_dates_as_pandas_writes_them(tmp_path):
    # Refused as "'1965-04-10T00:00:00' is not a date" by the per-person reader (the fund's read them).
    import datetime

    rows = [{**row, "birth_date": datetime.datetime.fromisoformat(row["birth_date"])} for row in ROWS]
    table = pyarrow.Table.from_pylist([{**{name: None for name in population_files.COLUMNS}, **row} for row in rows])
    pyarrow.parquet.write_table(table, tmp_path / "stamped.parquet")
    assert population_files.read(tmp_path / "stamped.parquet") == population_files.read(write_csv(tmp_path / "people.csv", ROWS))


@pytest.mark.parametrize("weight, problem", [(1e300, "is out of range"), (True, "is not a number")])
def test_a_weight_no_population_has_is_refused_by_both_readers(tmp_path, weight, problem):
    # 1e300 gave totals of 1e304; True was taken as 1.
    from openfisca_china_social_insurance.api import population_columns

    table = pyarrow.Table.from_pylist([{**{name: None for name in population_files.COLUMNS}, **ROWS[0], "weight": weight}])
    pyarrow.parquet.write_table(table, tmp_path / "heavy.parquet")
    for reader in (population_files.read, population_columns.read):
        with pytest.raises(InputError, match=rf"heavy\.parquet, row 1, column 'weight': .* {problem}\. Allowed: .*1\.5 billion"):
            reader(tmp_path / "heavy.parquet")


def test_csv_and_json_are_one_document_each(monkeypatch, capsys):
    # Several tables were written one after another: JSON that no parser reads, CSV with many headers.
    import io
    import json

    code, out, _ = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "-r", "basic_pension_by_years",
                       "--by", "sex", "--format", "json")
    document = json.loads(out)
    assert code == 0 and {"population", "coverage", "gainers_and_losers"} <= set(document)
    assert set(document["gainers_and_losers"]["basic_pension_by_years"]) == {"sex"}
    code, out, err = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["measure"] == "persons" and all(set(row) == {"measure", "baseline"} for row in rows)  # keys for scripts
    assert set(document["coverage"][0]) == {"region", "flexible_workers", "insured", "coverage", "status"}
    assert isinstance(document["coverage"][0]["flexible_workers"], int)  # a number, not "43,830"
    assert "--format json" in err


def test_a_timestamp_with_a_time_of_day_is_refused_by_both_readers(tmp_path):
    import datetime

    from openfisca_china_social_insurance.api import population_columns

    row = {**{name: None for name in population_files.COLUMNS}, **ROWS[0], "birth_date": datetime.datetime(1942, 1, 15, 13, 30)}
    pyarrow.parquet.write_table(pyarrow.Table.from_pylist([row]), tmp_path / "timed.parquet")
    for reader in (population_files.read, population_columns.read):  # the column reader cut it to the day
        with pytest.raises(InputError, match=r"timed\.parquet, row 1, column 'birth_date'"):
            reader(tmp_path / "timed.parquet")


def test_a_table_shows_yuan_to_the_fen_and_persons_as_counts(monkeypatch, capsys):
    # Was "34670268.0" and "35669.0": money not to the fen, counts as floats.
    code, out, _ = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "--year", "2002", "--format", "markdown", "--lang", "zh")
    # Each measure named for people in the run's language; csv and json keep the key.
    lines = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in out.splitlines() if line.startswith("| ") and "|" in line[2:]}
    assert code == 0 and lines["2002年缴费"].endswith(".00") and "," in lines["2002年缴费"]
    assert lines["一次性支付总额"] == "0.00" and "." not in lines["人数"] and "," in lines["人数"]
    code, out, _ = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "--year", "2002", "--format", "markdown", "--lang", "en")
    assert "| persons | 41,507 |" in out and "| contributions of 2002 |" in out and "人数" not in out


def test_counts_of_a_table_have_the_same_decimals(monkeypatch, capsys, tmp_path):
    """Weights may be fractional: a table showed 20,753.5 beside 12,579.76 and 0 (the tester's "0.0 next to 0")."""
    from openfisca_china_social_insurance.cli import population

    assert population._decimals([41507.0, 0.0, ""]) == 0 and population._decimals([20753.5, 0.0]) == 2
    rows = [{**ROWS[2], "person_id": "a", "weight": 1.5}, {**ROWS[2], "person_id": "b", "weight": 2.0, "sex": "male"}]
    path = write_csv(tmp_path / "people.csv", rows)
    code, out, _ = run(monkeypatch, capsys, "population", str(path), "-r", "flexible_worker_rate_18", "--by", "sex", "--format", "markdown", "--lang", "zh")
    table = [line for line in out.splitlines() if line.startswith(("| 女 |", "| 男 |"))]
    assert code == 0 and len(table) == 2
    assert all(re.fullmatch(r"[\d,]+\.\d\d[*?†]?", cell.strip()) for line in table for cell in line.strip("|").split("|")[1:]), table


def test_a_fund_spec_without_fund_is_refused_by_name(monkeypatch, capsys):
    # It was a KeyError traceback ('assumptions').
    code, _, err = run(monkeypatch, capsys, "population", "--synthetic", "shandong-employees")
    assert code == 2 and "--synthetic shandong-employees: a fund spec" in err and "--fund FROM:TO" in err and "Traceback" not in err


@pytest.mark.parametrize("fund", [[], ["--fund", "2025:2027"]])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_file_without_a_person_is_refused_not_totalled(monkeypatch, capsys, tmp_path, suffix, fund):
    # --fund stopped on KeyError 'contributors'; without it the totals were zeros and a mean pension of 0.00.
    path = tmp_path / f"empty{suffix}"
    names = [name for name, (required, _, _) in population_files.COLUMNS.items() if required]
    if suffix == ".csv":
        path.write_text(",".join(names) + "\n", encoding="utf-8")
    else:
        pyarrow.parquet.write_table(pyarrow.table({name: pyarrow.array([], type=pyarrow.string()) for name in names}), path)
    code, out, err = run(monkeypatch, capsys, "population", str(path), *fund)
    assert code != 0 and not out
    assert "no rows. Allowed: a file with at least one person's row" in err and "Traceback" not in err


def test_without_output_the_refusals_give_the_first_reason_not_a_file_never_written(monkeypatch, capsys, tmp_path):
    """Without --output, the count of refused rows pointed to "(--output)", a file nobody had written: it now
    gives the first refused row's reason and the option that writes them all; with --output, the file's name."""
    # A Shandong flexible worker of 2002: no flexible-worker rate in force (the pension is assessed, the year's
    # contributions are not).
    flexible = {"person_id": "flex_2002", "weight": 10, "birth_date": "1963-05-01", "sex": "female", "insured_region": "shandong",
                "career_from": 1998, "career_to": 2012, "career_index": 0.6, "employment_type": "flexible_worker"}
    source = write_csv(tmp_path / "people.csv", ROWS + [flexible])
    output = tmp_path / "results.csv"
    code, _, err = run(monkeypatch, capsys, "population", str(source), "--year", "2002", "--output", str(output), "--format", "csv", "--lang", "zh")
    assert code == 0
    assert f"原因见 {output} 中每行的 'refused [方案]' 列" in err and f"原因见 {output} 的 'contributions refused [方案]' 列" in err
    assert "第一行" not in err
    # In English last: the run's language is the process's until the next command line gives one.
    code, _, err = run(monkeypatch, capsys, "population", str(source), "--year", "2002", "--format", "csv", "--lang", "en")
    assert code == 0
    assert "(--output)" not in err and "written to" not in err
    assert "The first, deemed_2002 [baseline]: transitional_coefficient: no value for region 'shandong'" in err
    assert "The first, flex_2002 [baseline]: employment_type 2002: flexible worker in a region with no flexible-worker rate" in err
    assert err.count("Give --output FILE (.parquet or .csv) for every row's reason.") == 2


def test_the_refunds_total_carries_the_status_of_the_balances_it_refunds(monkeypatch, capsys, tmp_path):
    """Was: 'lump-sum refunds, total 1,405,600.00' unmarked, as if official, while the balances refunded rest
    on crediting rates and average wages the model marks (the pensions' total was marked, the refunds' not)."""
    from openfisca_china_social_insurance import api
    from openfisca_china_social_insurance.analysis import status_marks

    source = write_csv(tmp_path / "people.csv", ROWS)
    records = population_impact.run(population_files.read(source), default_system(), [], 10)[1]
    refunded = [record for record in records if (record["lump_sum_refund [baseline]"] or 0) > 0]
    assert [record["person_id"] for record in refunded] == ["short_2002"]
    short = ROWS[0]
    expected = api.assess({"short": {"birth_date": short["birth_date"], "sex": "male", "insured_region": "shandong",
                                     "career": [{"from": 1996, "to": 2001, "index": 0.6}]}})[0]["personal_account_balance_status"]
    assert expected != "official" and population_impact.refund_status(records, "baseline") == expected
    code, out, _ = run(monkeypatch, capsys, "population", str(source), "--format", "markdown", "--lang", "en")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("| lump-sum refunds"))
    assert line.split("|")[2].strip() == f"{records[0]['lump_sum_refund [baseline]'] * 500:,.2f}{status_marks.MARKS[expected]}"
