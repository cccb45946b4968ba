"""Speed benchmark: `shebao population`'s per-person records from the rows' columns, against
the person-by-person path they replace, on the same rows in the same run.

    .venv/bin/python benchmarks/population_records.py                      # 100,000 rows
    .venv/bin/python benchmarks/population_records.py --persons 20000 --year 2010 -r basic_pension_by_years

Draws a seeded population file's rows: persons born 1958-1995, insured in Shandong and its
cities, Beijing, Shanghai, Guangdong, Guangzhou, Shenzhen, Jiangsu, Hangzhou and Chengdu;
careers from 1992 or later of 5 to 40 years at 60%-300% of the average wage, a quarter of them
flexible workers, deemed years for half of those born before 1972, one in ten asking for the
refund when short of the minimum years (the others keep contributing: their careers are
continued and assessed again). About 4% are refused by the model (Shenzhen's original-method
figures), each with the reason in the record.

Then `population_impact.run` on the rows, twice after a warm-up (parameter tables built):
person by person (each profile through api.assess_each: the path before) and from columns
(api.population_assessment: the path now). Prints each time, seconds per 100,000 rows and the
speed-up, and whether every record and total is identical (exit 1 if not). Reading the
population file is left out of both times (the same `population_files.read` for both).
"""

import argparse
import sys
import time

import numpy

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import population_impact
from openfisca_china_social_insurance.api import population_files
from openfisca_china_social_insurance.cli.compare import labelled_reforms

REGIONS = ("shandong", "jinan", "qingdao", "weifang", "dongying", "dezhou", "beijing", "shanghai", "guangdong", "guangzhou",
           "shenzhen", "jiangsu", "hangzhou", "chengdu")


def population(persons, seed=2026):
    """Checked population-file rows (population_files.checked_rows) of `persons` persons."""
    rng = numpy.random.default_rng(seed)
    born = rng.integers(1958, 1996, persons)
    start = numpy.maximum(born + rng.integers(18, 26, persons), 1992)
    end = numpy.maximum(numpy.minimum(start + rng.integers(5, 41, persons), born + 60), start)
    deemed = numpy.where((born < 1972) & (rng.random(persons) < 0.5), numpy.maximum(0, 1992 - born - 20), 0)
    columns = {
        "person_id": [f"p{number}" for number in range(persons)],
        "weight": (rng.integers(1, 400, persons) / 4).tolist(),
        "birth_date": [f"{year}-{month:02d}-15" for year, month in zip(born.tolist(), rng.integers(1, 13, persons).tolist())],
        "sex": numpy.array(["male", "female"])[rng.integers(0, 2, persons)].tolist(),
        "worker_category": numpy.where(rng.random(persons) < 0.15, "cadre", "worker").tolist(),
        "insured_region": numpy.array(REGIONS)[rng.integers(0, len(REGIONS), persons)].tolist(),
        "deemed_contribution_years": deemed.astype(float).tolist(),
        "career_from": start.tolist(),
        "career_to": end.tolist(),
        "career_index": numpy.round(rng.uniform(0.6, 3.0, persons), 2).tolist(),
        "employment_type": numpy.where(rng.random(persons) < 0.25, "flexible_worker", "employee").tolist(),
        "shortfall_choice": numpy.where(rng.random(persons) < 0.1, "refund_on_request", "continue_contributing").tolist(),
    }
    return population_files.checked_rows([dict(zip(columns, values)) for values in zip(*columns.values())], "benchmark population")


def timed(rows, system, reforms, chunk_size, year, person_by_person):
    started = time.perf_counter()
    result = population_impact.run(rows, system, reforms, chunk_size, year=year, person_by_person=person_by_person)
    return time.perf_counter() - started, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--chunk-size", type=int, default=10_000, help="persons assessed at once (the command's default)")
    parser.add_argument("--year", type=int, default=None, help="also each person's contributions of this year (--year)")
    parser.add_argument("-r", "--reform", action="append", default=[], help="a reform compared with the baseline (-r); repeat for several")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    system, reforms = default_system(), labelled_reforms(args.reform)
    rows = population(args.persons, args.seed)
    warm = rows[:200]
    for person_by_person in (True, False):  # parameter tables and formulas' first calls, outside the times
        population_impact.run(warm, system, reforms, args.chunk_size, year=args.year, person_by_person=person_by_person)
    before, (_, reference, reference_totals) = timed(rows, system, reforms, args.chunk_size, args.year, True)
    now, (labels, records, totals) = timed(rows, system, reforms, args.chunk_size, args.year, False)

    refused = sum(1 for record in records if record["refused [baseline]"])
    year = f", --year {args.year}" if args.year else ""
    print(f"{args.persons:,} rows, chunks of {args.chunk_size:,}, systems: {', '.join(labels)}{year}")
    print(f"refused by the baseline: {refused:,} rows ({refused / args.persons:.1%})")
    for name, seconds in (("person by person (before)", before), ("from columns (now)", now)):
        per_100k = seconds * 100_000 / args.persons
        print(f"{name:<26} {seconds:8.1f} s   {per_100k:6.1f} s per 100,000 rows   {args.persons / seconds:9,.0f} rows/s")
    print(f"speed-up: {before / now:.1f}x")
    different = [record["person_id"] for record, expected in zip(records, reference)
                 if record != expected or list(record) != list(expected)]  # values, and keys in order
    same = not different and len(records) == len(reference) and totals == reference_totals
    print("records and totals identical: " + ("yes" if same else f"NO ({len(different):,} records differ, first {different[:3]})"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
