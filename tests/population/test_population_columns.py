"""`shebao population` assesses from the rows' columns (api/population_assessment.py): every
record must be the one each profile gets through api.assess_each (population_impact.run with
person_by_person=True, the reference), key by key, to the fen, refusal text by refusal text,
in the same order, under the baseline and reforms and with --year."""

import csv

import pytest
from cli_run import run

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import population_impact
from openfisca_china_social_insurance.api import population_assessment, population_files
from openfisca_china_social_insurance.cli.compare import labelled_reforms

REFORMS = ["basic_pension_by_years", "reforms/payout_months_longer_life.yaml", "flexible_worker_rate_18"]
YEAR = 2002
CHUNK = 9  # several chunks, each with persons of several kinds

#: Careers of every kind: (region, birth date, sex, worker category, deemed years, from, to, index, employment type, shortfall choice).
CAREERS = [
    # Employees and flexible workers of the regions whose rules differ most.
    *[(region, f"{born}-06-15", sex, "worker", deemed, start, end, index, kind, "continue_contributing")
      for region in ("shenzhen", "guangdong", "guangzhou", "beijing", "shandong", "jinan", "qingdao", "weifang", "dongying", "dezhou")
      for born, sex, deemed, start, end, index, kind in (
          (1962, "male", 0, 1996, 2021, 1.0, "employee"),
          (1972, "female", 0, 1995, 2022, 0.6, "flexible_worker"),
          (1968, "female", 3.5, 2000, 2023, 2.2, "employee"),
      )],
    # Short of the minimum years: keeps contributing (the career continued, the person assessed again), or asks for the refund.
    ("jinan", "1966-03-01", "male", "worker", 0, 2015, 2025, 1.4, "employee", "continue_contributing"),
    ("beijing", "1970-09-30", "female", "cadre", 0, 2012, 2024, 3.0, "flexible_worker", "continue_contributing"),
    ("shenzhen", "1967-02-10", "male", "worker", 0, 2016, 2026, 0.8, "employee", "continue_contributing"),
    ("weifang", "1966-03-01", "male", "worker", 0, 2015, 2025, 1.4, "employee", "refund_on_request"),
    ("guangdong", "1971-01-01", "female", "worker", 0, 2016, 2020, 1.0, "flexible_worker", "transfer_to_residents_scheme"),
    # Refused by the model: Shenzhen's original-method figures, Shandong's 2002 coefficient, Zhengzhou's 过渡性补贴.
    ("shenzhen", "1958-04-01", "male", "worker", 12, 1992, 2017, 1.2, "employee", "continue_contributing"),
    ("shandong", "1942-01-15", "male", "worker", 9, 1996, 2001, 1.0, "employee", "continue_contributing"),
    ("zhengzhou", "1960-05-05", "male", "worker", 8, 1995, 2019, 1.0, "employee", "continue_contributing"),
    # Refused by the profile check: a year without an average wage, a career before the working age.
    ("beijing", "1950-01-01", "male", "worker", 0, 1970, 2009, 1.0, "employee", "continue_contributing"),
    ("jinan", "1990-01-01", "female", "worker", 0, 2004, 2030, 1.0, "employee", "continue_contributing"),
    # Dongying's flexible workers had no rate in 2002: the pension assessed, that year's contributions refused.
    ("dongying", "1963-07-01", "female", "worker", 0, 1998, 2012, 0.6, "flexible_worker", "continue_contributing"),
    # Short, last paid in 1991, before the contribution base's cap (1992): not continued (it stopped every assessment).
    ("jinan", "1966-08-01", "male", "worker", 0, 1991, 1991, 1.0, "employee", "continue_contributing"),
]


def rows():
    keys = ("insured_region", "birth_date", "sex", "worker_category", "deemed_contribution_years", "career_from", "career_to",
            "career_index", "employment_type", "shortfall_choice")
    return population_files.checked_rows(
        [{"person_id": f"p{number}", "weight": 1.5 + number, **dict(zip(keys, career))} for number, career in enumerate(CAREERS)]
    )


@pytest.fixture(scope="module")
def both():
    """(columns, reference) of population_impact.run on the same rows, reforms and year."""
    reforms = labelled_reforms(REFORMS)  # labelled as the command labels them
    return (population_impact.run(rows(), default_system(), reforms, CHUNK, year=YEAR),
            population_impact.run(rows(), default_system(), reforms, CHUNK, year=YEAR, person_by_person=True))


def test_every_record_is_the_person_by_person_one(both):
    (labels, records, totals), (reference_labels, reference, reference_totals) = both
    assert labels == reference_labels and len(records) == len(reference) == len(CAREERS)
    for record, expected in zip(records, reference):
        assert list(record) == list(expected) and record == expected, record["person_id"]
    assert totals == reference_totals


def test_the_population_holds_every_kind_of_record(both):
    """The comparison is not vacuous: refusals of the model and of the check, persons assessed
    again on a continued career, contributions refused, and reforms that change pensions and contributions."""
    _, records, totals = both[0]
    refused = " ".join(record["refused [baseline]"] for record in records)
    for words in ("transitional_original_indexed_wage", "transitional_coefficient", "transitional_subsidy_amount",
                  "no average wage for 'beijing' in 1970", "is before age 16"):
        assert words in refused
    assert any(record["contributions refused [baseline]"] for record in records)
    # Longer payout months for retirements from 2024 lower pensions; 18% for flexible workers changes 2002's contributions.
    assert totals["payout_months_longer_life"]["losers"] > 0
    assert totals["flexible_worker_rate_18"][f"contributions_{YEAR}"] > totals["baseline"][f"contributions_{YEAR}"]
    by = {record["person_id"]: record for record in records}
    assert by["p30"]["monthly_pension [baseline]"] > 0  # 11 years, continued to the minimum
    assert by["p33"]["monthly_pension [baseline]"] == 0 and by["p33"]["lump_sum_refund [baseline]"] > 0
    assert by["p41"]["refused [baseline]"] == "" and by["p41"]["monthly_pension [baseline]"] == 0  # short, not continued


def test_the_comparison_fails_without_the_continued_careers(monkeypatch):
    """Leaving out the second assessment of persons who keep contributing changes their records."""
    nobody = (population_assessment.numpy.array([], dtype=int), None)
    monkeypatch.setattr(population_assessment, "_continuation", lambda people, values, system: nobody)
    columns = population_impact.run(rows()[28:33], default_system(), chunk_size=CHUNK)[1]
    reference = population_impact.run(rows()[28:33], default_system(), chunk_size=CHUNK, person_by_person=True)[1]
    assert columns != reference


def test_the_command_writes_the_person_by_person_records(monkeypatch, capsys, tmp_path, both):
    source = tmp_path / "people.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(population_files.COLUMNS))
        writer.writeheader()
        writer.writerows([{**row, "birth_date": row["birth_date"].isoformat()} for row in rows()])
    output = tmp_path / "records.csv"
    options = [option for name in REFORMS for option in ("-r", name)]
    code, _, _ = run(monkeypatch, capsys, "population", str(source), *options, "--year", str(YEAR), "--chunk-size", str(CHUNK),
                     "--output", str(output), "--format", "csv")
    assert code == 0
    population_files.write(both[1][1], tmp_path / "reference.csv")
    assert output.read_text(encoding="utf-8") == (tmp_path / "reference.csv").read_text(encoding="utf-8")
