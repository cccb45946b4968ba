"""The fund year by year: flows that agree with the model person by person, totals identical
to the bit whatever the partitioning (in this process and on a Dask LocalCluster), resumable
runs, columnar population files refused cell by cell, calibration to margins, the command."""

import csv
import io
import json

import numpy
import pyarrow
import pyarrow.parquet
import pytest
from cli_run import run

from openfisca_china_social_insurance import api, default_system
from openfisca_china_social_insurance.analysis import calibration, fund, fund_run, synthetic
from openfisca_china_social_insurance.api import population_columns
from openfisca_china_social_insurance.api.population import simulate_population
from openfisca_china_social_insurance.core.errors import InputError

PERSONS = {
    # A Jinan man retiring in 2026-27 (60 and some months under the 2024 decision), 3 deemed years.
    "person_id": ["jinan_man", "weifang_woman", "qingdao_young"],
    "weight": [1000.0, 2500.5, 333.25],
    "birth_date": ["1966-09-15", "1978-03-01", "1999-11-30"],
    "sex": ["male", "female", "male"],
    "insured_region": ["jinan", "weifang", "370200"],
    "deemed_contribution_years": [3.0, 0.0, 0.0],
    "career_from": [1993, 2000, 2021],
    "career_to": [2040, 2040, 2070],
    "career_index": [1.0, 0.6, 1.5],
    "employment_type": ["employee", "flexible_worker", "employee"],
}


#: A reform that reaches today's contributors: Shandong's employer rate back to 18% from 2026.
EMPLOYER_18 = """
name: shandong_employer_rate_18
description: 山东单位缴费比例 18% from 2026 (a test reform)
reference: tests/population/test_fund.py
changes:
  - path: pension.contribution.employer_rate.shandong
    start: 2026-01-01
    value: 0.18
"""


def _reform_file(folder):
    path = folder / "employer_18.yaml"
    path.write_text(EMPLOYER_18, encoding="utf-8")
    return str(path)


def _columns(records=PERSONS):
    return population_columns.checked({name: numpy.array(values) for name, values in records.items()}, "<test>")


def _random_population(path, persons=60, seed=7):
    rng = numpy.random.default_rng(seed)
    birth = rng.integers(1966, 2002, size=persons)  # women at 50 from 2016: upratings published
    start = numpy.maximum(birth + rng.integers(18, 26, size=persons), 1993)
    records = {
        "person_id": [f"p{number}" for number in range(persons)],
        "weight": numpy.round(rng.uniform(0.5, 900, size=persons), 3).tolist(),
        "birth_date": [f"{year}-{month:02d}-15" for year, month in zip(birth, rng.integers(1, 13, size=persons))],
        "sex": rng.choice(["male", "female"], size=persons).tolist(),
        "insured_region": rng.choice(["jinan", "weifang", "dezhou", "shandong"], size=persons).tolist(),
        "deemed_contribution_years": numpy.maximum(1993 - (birth + 20), 0).astype(float).tolist(),
        "career_from": start.tolist(),
        "career_to": (birth + 66).clip(max=2100).tolist(),
        "career_index": rng.choice([0.6, 1.0, 1.8], size=persons).tolist(),
        "employment_type": rng.choice(["employee", "flexible_worker"], size=persons, p=[0.8, 0.2]).tolist(),
    }
    return population_columns.write(records, path, rows_per_group=16)


def test_contributions_are_the_models_for_the_months_before_retirement():
    columns = _columns()
    flows = fund.partition_flows(columns, default_system(), 2025, 2027)
    inputs = population_columns.career_inputs(columns, default_system(), 1993, 2027)
    model = simulate_population(inputs, {"individual_contribution": "2025", "employer_contribution": "2025", "personal_account_credit": "2025"})
    weights = numpy.array(PERSONS["weight"])
    # Nobody retires in 2025: the year's flows are the model's yearly contributions, weighted.
    expected = (weights * (model["individual_contribution"] + model["employer_contribution"])).sum()
    assert flows["contributions"][0] / fund.MILLI / 100 == pytest.approx(expected, abs=0.01)
    assert flows["account_credits"][0] / fund.MILLI / 100 == pytest.approx((weights * model["personal_account_credit"]).sum(), abs=0.01)
    assert flows["contributors"][0] == weights.sum() * fund.MILLI


def test_in_the_year_of_retirement_contributions_stop_and_the_credit_is_the_models():
    columns = _columns({name: values[:1] for name, values in PERSONS.items()})  # the Jinan man
    system = default_system()
    inputs = population_columns.career_inputs(columns, system, 1993, 2028)
    model = simulate_population(inputs, {"retirement_date": "2028-12"})
    year = int(str(model["retirement_date"][0])[:4])
    month = int(str(model["retirement_date"][0])[5:7])
    yearly = simulate_population(inputs, {"individual_contribution": str(year), "employer_contribution": str(year), "personal_account_credit": str(year)})
    flows = fund.partition_flows(columns, system, year, year)
    paid = month - 1  # months of the retirement year before the retirement month
    charged = (yearly["individual_contribution"][0] + yearly["employer_contribution"][0]) / 12 * paid
    assert flows["contributions"][0] / fund.MILLI / 100 == pytest.approx(1000 * charged, abs=1000 * 0.02)
    assert flows["account_credits"][0] / fund.MILLI / 100 == pytest.approx(1000 * yearly["personal_account_credit"][0], abs=0.01)


def test_totals_too_large_to_hold_exactly_are_refused():
    half = {"contributions": numpy.array([2**61, 1], dtype=numpy.int64)}
    assert fund.combine([half])["contributions"].tolist() == [2**61, 1]
    with pytest.raises(InputError, match="contributions of a year exceeds what exact sums hold"):
        fund.combine([half, half])


def test_a_pension_is_paid_from_the_retirement_month_then_uprated_each_january():
    columns = _columns({name: values[:1] for name, values in PERSONS.items()})
    [assessed] = api.assess({"man": {"birth_date": "1966-09-15", "sex": "male", "insured_region": "jinan", "deemed_contribution_years": 3,
                                     "career": [{"from": 1993, "to": 2040, "index": 1.0}]}}, None, ("retirement_date", "monthly_pension"))
    retirement_month = int(assessed["retirement_date"][5:7])
    flows = fund.projection(fund.partition_flows(columns, default_system(), 2025, 2028), default_system(), 2025, 2028)
    first = next(row for row in flows if row["year"] == int(assessed["retirement_date"][:4]))
    paid_months = 13 - retirement_month
    # Alive at retirement: the first year's expected spending is the pension x months x weight x survival (near 1).
    assert first["spending"] == pytest.approx(1000 * paid_months * assessed["monthly_pension"], rel=0.005)
    later = flows[flows.index(first) + 1]
    rate = float(default_system().parameters.projection.pension_uprating(f"{later['year']}-01-01"))
    per_pensioner = later["spending"] / later["pensioners"] / 12
    assert per_pensioner == pytest.approx(assessed["monthly_pension"] * (1 + rate), abs=0.01)
    assert later["pensioners"] < 1000  # the life table takes its toll


def test_a_person_short_of_the_minimum_keeps_contributing_then_draws_the_pension_api_assess_gives():
    """She paid 2020-2030 (11 years) and keeps on paying to the 15 years (the default choice):
    she used to be neither a contributor nor a pensioner of the fund."""
    short = {"person_id": ["short"], "weight": [1000.0], "birth_date": ["1975-01-15"], "sex": ["female"], "insured_region": ["jinan"],
             "deemed_contribution_years": [0.0], "career_from": [2020], "career_to": [2030], "career_index": [1.0], "employment_type": ["employee"]}
    [assessed] = api.assess({"short": {"birth_date": "1975-01-15", "sex": "female", "insured_region": "jinan",
                                       "career": [{"from": 2020, "to": 2030, "index": 1.0}]}}, None, ("retirement_date", "monthly_pension"))
    assert assessed["retirement_date"] == "2035-01-01" and assessed["continued_contribution_months"] == 48
    rows = fund.projection(fund.partition_flows(_columns(short), default_system(), 2031, 2035), default_system(), 2031, 2035)
    assert [row["contributors"] for row in rows] == [1000, 1000, 1000, 1000, 0]
    assert rows[-1]["new_pensioners"] == 1000
    assert rows[-1]["spending"] / rows[-1]["pensioners"] / 12 == pytest.approx(assessed["monthly_pension"], abs=0.01)
    # A projection that stops before she reaches the minimum sees the same years (was: nobody).
    early = fund.projection(fund.partition_flows(_columns(short), default_system(), 2031, 2033), default_system(), 2031, 2033)
    assert [row["contributors"] for row in early] == [1000, 1000, 1000]
    assert [row["contributions"] for row in early] == [row["contributions"] for row in rows[:3]]


def test_a_continuation_of_months_not_whole_years_ends_in_the_month_api_assess_gives():
    # 0.5 deemed years + 2020-2030: 11.5 years, 42 months short of 15.
    half = {"person_id": ["half"], "weight": [1000.0], "birth_date": ["1975-01-15"], "sex": ["female"], "insured_region": ["jinan"],
            "deemed_contribution_years": [0.5], "career_from": [2020], "career_to": [2030], "career_index": [1.0], "employment_type": ["employee"]}
    [assessed] = api.assess({"half": {"birth_date": "1975-01-15", "sex": "female", "insured_region": "jinan", "deemed_contribution_years": 0.5,
                                      "career": [{"from": 2020, "to": 2030, "index": 1.0}]}}, None, ("retirement_date", "monthly_pension"))
    assert assessed["continued_contribution_months"] == 42 and assessed["retirement_date"] == "2034-07-01"
    rows = fund.projection(fund.partition_flows(_columns(half), default_system(), 2033, 2035), default_system(), 2033, 2035)
    assert [row["new_pensioners"] for row in rows] == [0, 1000, 0]
    assert rows[-1]["spending"] / rows[-1]["pensioners"] / 12 == pytest.approx(assessed["monthly_pension"] * (1 + float(
        default_system().parameters.projection.pension_uprating("2035-01-01"))), abs=0.01)


def test_totals_are_identical_to_the_bit_whatever_the_partitioning(tmp_path):
    path = _random_population(tmp_path / "people.parquet")
    scenarios = [("baseline", None), ("employer 18%", _reform_file(tmp_path))]
    one = fund_run.run(path, scenarios, 2025, 2040, rows_per_partition=60)
    many = fund_run.run(path, scenarios, 2025, 2040, rows_per_partition=7, chunk_size=5)
    dask = fund_run.run(path, scenarios, 2025, 2040, rows_per_partition=13, cluster="local", workers=2)
    for label, _ in scenarios:
        for measure in one[label]:
            assert numpy.array_equal(one[label][measure], many[label][measure]), (label, measure)
            assert numpy.array_equal(one[label][measure], dask[label][measure]), (label, measure)
    assert one["baseline"]["contributions"].sum() > 0 and one["baseline"]["pensioners"].sum() > 0
    assert (one["employer 18%"]["contributions"][1:] > one["baseline"]["contributions"][1:]).all()
    assert numpy.array_equal(one["employer 18%"]["contributions"][0], one["baseline"]["contributions"][0])  # 2025: 16% in both


def test_a_run_resumes_from_the_partitions_it_kept(tmp_path, monkeypatch):
    path = _random_population(tmp_path / "people.parquet", persons=20)
    first = fund_run.run(path, [("baseline", None)], 2025, 2030, rows_per_partition=8, resume=tmp_path / "kept")
    assert len(list((tmp_path / "kept").glob("partition-*.npz"))) == 3
    assert not list((tmp_path / "kept").glob(".*partial"))

    def refuse(*args, **kwargs):
        raise AssertionError("a kept partition was computed again")

    monkeypatch.setattr(fund_run, "partition_flows", refuse)
    again = fund_run.run(path, [("baseline", None)], 2025, 2030, rows_per_partition=8, resume=tmp_path / "kept")
    assert all(numpy.array_equal(first["baseline"][measure], again["baseline"][measure]) for measure in first["baseline"])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"weight": [1.0, -2.0, 1.0]}, "row 2, column 'weight': -2.0 is out of range"),
        ({"insured_region": ["jinan", "atlantis", "jinan"]}, "row 2, column 'insured_region': 'atlantis' is not a region"),
        ({"career_index": [1.0, 1.0, "high"]}, "row 3, column 'career_index': 'high' is not a number"),
        ({"birth_date": ["1966-09-15", "1978-02-30", "1999-11-30"]}, "row 2, column 'birth_date': '1978-02-30' is not a date"),
        ({"sex": ["male", "female", "x"]}, "row 3, column 'sex': 'x' is not allowed"),
    ],
)
def test_a_bad_cell_of_a_columnar_file_is_named(tmp_path, change, words):
    records = {**PERSONS, **change}
    if "career_index" in change:
        records["career_index"] = [str(value) for value in change["career_index"]]
    path = tmp_path / "people.parquet"
    pyarrow.parquet.write_table(pyarrow.table(records), path)
    with pytest.raises(InputError) as error:
        population_columns.read(path)
    assert f"population file {path}" in str(error.value) and words in str(error.value)


def test_rows_are_numbered_in_the_file_whatever_the_row_group(tmp_path):
    records = {name: values * 4 for name, values in PERSONS.items()}
    records["person_id"] = [f"p{number}" for number in range(12)]
    records["weight"] = [1.0] * 10 + [-1.0, 1.0]
    path = population_columns.write(records, tmp_path / "people.parquet", rows_per_group=4)
    assert len(population_columns.read(path, 0, 8)["person_id"]) == 8  # the bad row is not read
    with pytest.raises(InputError, match="row 11, column 'weight'"):
        population_columns.read(path, 8, 12)
    pyarrow.parquet.write_table(pyarrow.table({name: values for name, values in PERSONS.items() if name != "sex"}), tmp_path / "no_sex.parquet")
    with pytest.raises(InputError, match="column 'sex' is missing"):
        population_columns.read(tmp_path / "no_sex.parquet")


def test_the_synthetic_population_is_raked_to_its_margins():
    spec = synthetic.load("shandong-employees")
    records, fit = synthetic.fund_population(spec)
    assert all(abs(difference) < 1e-6 for *_, difference in fit)
    in_work = [weight for weight, birth in zip(records["weight"], records["birth_date"]) if int(birth[:4]) < spec["start_year"] - spec["behaviour"]["career_start_age"]]
    assert sum(in_work) == pytest.approx(spec["in_work"]["total"], rel=1e-9)
    with pytest.raises(InputError, match="add up to"):
        calibration.rake({"sex": numpy.array(["male", "female"])}, {"sex": {"male": 0.6, "female": 0.6}}, 100)
    with pytest.raises(InputError, match="no row has"):
        calibration.rake({"sex": numpy.array(["male", "male"])}, {"sex": {"male": 0.5, "female": 0.5}}, 100)


def test_upratings_before_the_published_series_are_refused():
    with pytest.raises(InputError, match="Allowed: pensions first paid from 2015 on"):
        fund.uprating_rates(default_system().parameters, numpy.arange(2010, 2020))


def test_the_command_projects_shandong_baseline_against_reforms(monkeypatch, capsys, tmp_path):
    """Proposal 2 amends the 1997 basic pension, which no retirement from 2006 gets: its
    2025-2032 effect is nil, and the command says so; the employer rate's is not."""
    chart = tmp_path / "fund.png"
    code, out, err = run(monkeypatch, capsys, "population", "--synthetic", "shandong-employees", "--fund", "2025:2032",
                         "-r", "basic_pension_by_years", "-r", _reform_file(tmp_path), "--format", "json", "--chart", str(chart))
    assert code == 0
    document = json.loads(out)  # one JSON document (was one array per table, one after another)
    rows = document["projection"]
    labels = sorted({row["scenario"] for row in rows})
    baseline, proposal_2 = ([row for row in rows if row["scenario"] == label] for label in ("baseline", "basic_pension_by_years"))
    employer = next(label for label in labels if label not in ("baseline", "basic_pension_by_years"))
    no_change, change = document["changes"]["basic_pension_by_years"], document["changes"][employer]
    assert document["calibration"] and {row["region"] for row in rows} == {"all"}
    assert len(baseline) == 8 and baseline[0]["year"] == 2025  # keys for scripts, in English snake_case whatever the language
    proposal_2 = [{**row, "scenario": "baseline"} for row in proposal_2]
    assert isinstance(baseline[0]["contributions"], float)  # exact numbers (yuan), not formatted text
    assert proposal_2 == baseline and all(row["balance_change"] == 0 for row in no_change)
    assert "basic_pension_by_years changes no figure" in err
    assert all(row["contributions_change"] > 0 for row in change[1:])
    assert set(document["calibration"][0]) == {"margin", "category", "target", "achieved", "difference"}
    assert {"year", "measure", "value", "unit", "status", "source", "model", "model_ratio"} == set(document["published"][0])
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("years", "words"), [
    ("2060:2025", "Allowed: FROM:TO with 2025 <= FROM <= TO <= 2100"),
    ("1993:1995", "pension.benefit.uprating starts in 2016"),
    ("2020:2022", "projection.fund_return in 2025"),  # was a TypeError traceback: no return to carry the balance by
    ("soon", "FROM:TO"),
])
def test_bad_fund_years_are_refused(monkeypatch, capsys, years, words):
    code, _, err = run(monkeypatch, capsys, "population", "--synthetic", "shandong-employees", "--fund", years)
    assert code != 0 and words in err


def test_a_pensioner_from_before_the_upratings_is_refused_by_name():
    early = {**{name: values[:1] for name, values in PERSONS.items()}, "person_id": ["retired_2012"], "birth_date": ["1952-03-15"],
             "deemed_contribution_years": [0.0], "career_from": [1996], "career_to": [2012]}
    with pytest.raises(InputError, match="person 'retired_2012' retires in 2012.*Allowed: pensions first paid from 2015 on"):
        fund.partition_flows(_columns(early), default_system(), 2025, 2026)


def test_a_person_refunded_before_the_upratings_needs_none():
    """Short of the minimum years in 2010 (refund only) and in 2013 (refund_on_request): refunded, paid
    no pension. The fund asked for the pension uprating of 2011 for them and stopped, naming nobody."""
    refunded = {
        **{name: [values[0]] * 2 for name, values in PERSONS.items()},
        "person_id": ["refunded_2010", "refunded_2013"], "birth_date": ["1950-03-15", "1953-03-15"],
        "deemed_contribution_years": [0.0, 0.0], "career_from": [2003, 2005], "career_to": [2009, 2012],
        "shortfall_choice": ["continue_contributing", "refund_on_request"],
    }
    profiles = {"refunded_2010": {"birth_date": "1950-03-15", "sex": "male", "insured_region": "jinan", "career": [{"from": 2003, "to": 2009, "index": 1.0}]},
                "refunded_2013": {"birth_date": "1953-03-15", "sex": "male", "insured_region": "jinan", "shortfall_choice": "refund_on_request",
                                  "career": [{"from": 2005, "to": 2012, "index": 1.0}]}}
    assessed = api.assess(profiles, None, ("retirement_date", "monthly_pension", "lump_sum_refund"))
    assert [row["retirement_date"][:4] for row in assessed] == ["2010", "2013"]
    assert all(row["monthly_pension"] == 0 and row["lump_sum_refund"] > 0 for row in assessed)
    man = {name: values[:1] for name, values in PERSONS.items()}
    both = {name: man[name] + refunded[name] for name in refunded if name != "shortfall_choice"}
    both["shortfall_choice"] = ["continue_contributing"] + refunded["shortfall_choice"]
    with_them = fund.partition_flows(_columns(both), default_system(), 2025, 2028)
    alone = fund.partition_flows(_columns(man), default_system(), 2025, 2028)
    assert all(numpy.array_equal(with_them[measure], alone[measure]) for measure in alone)


def test_a_pensioner_needing_an_uprating_the_assumptions_leave_out_is_named():
    from openfisca_china_social_insurance.analysis import reform_files

    gap = "name: gap\nchanges:\n  - {path: projection.pension_uprating, start: 2028-01-01, value: null}\n"
    system = reform_files.assumptions_from_text(gap, "gap.yaml")(default_system())
    with pytest.raises(InputError, match=r"pension uprating of 2028: not encoded for pensioners: 2 \(first: person 'jinan_man', retired in 2027\)"):
        fund.partition_flows(_columns(), system, 2025, 2030)
    fund.partition_flows(_columns(), system, 2025, 2027)  # no pensioner needs 2028 yet


def test_a_refusal_of_the_model_names_the_row_by_its_person_id():
    # A Zhengzhou worker with deemed years needs the 过渡性补贴 an approval form prints (not a column):
    # refused naming 'zz_worker', the file's id, not the chunk's 'person #0'.
    zhengzhou = {**{name: values[:1] for name, values in PERSONS.items()}, "person_id": ["zz_worker"], "insured_region": ["410100"]}
    with pytest.raises(InputError, match="transitional_subsidy_amount: not given.*person 'zz_worker'"):
        fund.partition_flows(_columns(zhengzhou), default_system(), 2025, 2028)


def test_a_csv_file_gives_the_parquet_files_totals(tmp_path):
    import pyarrow.csv

    parquet = _random_population(tmp_path / "people.parquet", persons=12)
    pyarrow.csv.write_csv(pyarrow.parquet.read_table(parquet), tmp_path / "people.csv")
    from_parquet = fund_run.run(parquet, [("baseline", None)], 2025, 2030, rows_per_partition=5)
    from_csv = fund_run.run(tmp_path / "people.csv", [("baseline", None)], 2025, 2030, rows_per_partition=5)
    assert all(numpy.array_equal(from_parquet["baseline"][measure], from_csv["baseline"][measure]) for measure in from_csv["baseline"])


@pytest.mark.parametrize(("options", "words"), [
    (["--workers", "2"], "--workers: used with --fund only"), (["--fund", "2025:2026", "--workers", "-1"], "--workers: -1"),
    (["--fund", "2025:2026", "--by", "sex"], "--by: not used with --fund"), (["--chart", "x.png"], "--chart: without --fund"),
    (["--fund", "2025:2026", "--by", "region", "--by", "cohort"], "--by: not used with --fund"),
    (["--partition-rows", "10"], "--partition-rows: used with --fund only"),
])
def test_fund_options_are_checked(monkeypatch, capsys, options, words):
    code, _, err = run(monkeypatch, capsys, "population", "--synthetic", "shandong-employees", *options)
    assert code != 0 and words in err


def test_an_edited_reform_file_is_never_answered_from_before_the_edit(tmp_path):
    path = _random_population(tmp_path / "people.parquet", persons=10)
    reform = _reform_file(tmp_path)
    first = fund_run.run(path, [("r", reform)], 2026, 2027, rows_per_partition=5, resume=tmp_path / "kept")
    (tmp_path / "employer_18.yaml").write_text(EMPLOYER_18.replace("value: 0.18", "value: 0.30"), encoding="utf-8")
    again = fund_run.run(path, [("r", reform)], 2026, 2027, rows_per_partition=5, resume=tmp_path / "kept")
    assert (again["r"]["contributions"] > first["r"]["contributions"]).all()


def test_a_person_given_twice_in_different_partitions_is_refused(tmp_path):
    records = {**PERSONS, "person_id": ["same", "other", "same"]}
    path = population_columns.write(records, tmp_path / "people.parquet", rows_per_group=1)
    with pytest.raises(InputError, match="row 3, column 'person_id': 'same' is given twice"):
        fund_run.run(path, [("baseline", None)], 2025, 2026, rows_per_partition=1)
    records = {**PERSONS, "weight": [1.0, float("inf"), 1.0]}
    pyarrow.parquet.write_table(pyarrow.table(records), tmp_path / "inf.parquet")
    with pytest.raises(InputError, match="row 2, column 'weight': inf is out of range"):
        population_columns.read(tmp_path / "inf.parquet")


def test_each_years_status_is_the_weakest_of_what_it_rests_on(monkeypatch, capsys, tmp_path):
    """A Beijing file: Beijing's 2025 wage is projected, so is the year; Shandong's spec: its
    behaviour is an assumption, so every year is projected."""
    records = {**{name: values[:1] for name, values in PERSONS.items()}, "insured_region": ["beijing"], "career_from": [1998], "deemed_contribution_years": [8.0]}
    path = population_columns.write(records, tmp_path / "beijing.parquet")
    system = default_system()
    assert fund.contribution_statuses(system, [2025], [population_columns.regions_of(path)[0]]) == ["projected"]
    for source in ([str(path)], ["--synthetic", "shandong-employees"]):
        _, out, _ = run(monkeypatch, capsys, "population", *source, "--fund", "2025:2026", "--format", "csv")
        lines = [line for line in out.splitlines() if line.startswith(("baseline,all,2025,", "baseline,all,2026,"))]
        assert lines and all(line.endswith(",projected") for line in lines), lines


def test_a_stated_behavioural_response_is_a_spec_edit(tmp_path):
    """Flexible workers who stop after 15 years (the seed's argument) pay less in 2025-2030
    than the spec's "no behavioural change"; the spec file is all that changes."""
    import yaml

    spec = synthetic.load("shandong-employees")
    spec["behaviour"]["stop_after_years"]["flexible_worker"] = 15
    response = tmp_path / "stop-at-15.yaml"
    response.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    totals = {}
    for name in ("shandong-employees", str(response)):
        records, _ = synthetic.fund_population(synthetic.load(name))
        path = population_columns.write(records, tmp_path / f"{len(totals)}.parquet")
        totals[name] = fund_run.run(path, [("baseline", None)], 2025, 2030)["baseline"]
    assert (totals[str(response)]["contributions"] < totals["shandong-employees"]["contributions"]).all()


def test_each_regions_flows_add_up_to_the_whole(tmp_path, monkeypatch, capsys):
    path = _random_population(tmp_path / "people.parquet", persons=30)
    flows = fund_run.run(path, [("baseline", None)], 2025, 2030, rows_per_partition=7)["baseline"]
    keys = fund.regions_in(flows)
    assert len(keys) > 1
    for measure in fund.COUNTS + fund.AMOUNTS:
        assert numpy.array_equal(sum(flows[f"{measure}@{key}"] for key in keys), flows[measure])
    whole = fund.projection(flows, default_system(), 2025, 2030)
    parts = [fund.projection(flows, default_system(), 2025, 2030, region=key) for key in keys]
    assert sum(rows[-1]["balance"] for rows in parts) == pytest.approx(whole[-1]["balance"], abs=0.01 * len(keys) * 6)
    _, out, _ = run(monkeypatch, capsys, "population", str(path), "--fund", "2025:2026", "--by", "region", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))  # one table: each row names its region (was a block per region, unnamed)
    assert sorted(row["region"] for row in table if row["year"] == "2025") == sorted(["all", *keys])


def test_a_career_after_the_retirement_date_does_not_stop_the_fund(monkeypatch, capsys, tmp_path):
    """A row born in 1950 with a career of 2020-2024 (all after its retirement date) stopped the
    whole projection ('contribution_years: 0 at retirement'); it is a person of no counted year,
    as `shebao population` reports it. A fund of two persons in 亿元 rounds to 0.00, never -0.00."""
    path = tmp_path / "after.csv"
    path.write_text("person_id,weight,birth_date,sex,insured_region,career_from,career_to,career_index\n"
                    "late,1,1950-03-01,male,jinan,2020,2024,1.0\nusual,1,1964-03-01,male,jinan,1996,2023,1.0\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "population", str(path), "--fund", "2025:2026")
    assert code == 0, err
    assert "-0.00" not in out
