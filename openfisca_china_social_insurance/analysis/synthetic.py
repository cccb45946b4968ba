"""Synthetic populations from published counts: a YAML spec (analysis/populations/) gives
each region's counts with their source and status, and the behaviour assumptions that
spread them over careers; `rows` turns it into population-file rows (api/population_files.py).

The assumptions live in the spec, never in code, so a reform can be run "with no
behavioural change" (the spec as it is) and with a stated response (an edited spec).
"""

from importlib import resources
from pathlib import Path

import numpy
import yaml

from ..api import population_files
from ..core import i18n, user_yaml
from ..core.errors import InputError, read_text_file


def built_in():
    folder = resources.files(__package__).joinpath("populations")
    return {Path(entry.name).stem: entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


def is_fund_spec(spec):
    """A fund spec (in_work, behaviour, entrants: counts by year for `--fund`), not a population
    assessed person by person (cities, assumptions)."""
    return isinstance(spec, dict) and "in_work" in spec


def load(spec):
    """A spec from a built-in name or a YAML file."""
    shipped = built_in()
    if spec in shipped:
        source = shipped[spec]
    elif Path(spec).is_file():
        source = Path(spec)
    else:
        raise InputError.of("synthetic_unknown", spec=spec, allowed=", ".join(sorted(shipped)))
    text = source.read_text(encoding="utf-8") if spec in shipped else read_text_file(source, "population spec")
    try:
        data = user_yaml.load(text)
    except yaml.YAMLError as error:
        raise InputError.of("spec_yaml", spec=spec, problem=str(error)) from None
    if is_fund_spec(data):
        return data  # checked by fund_population
    for key in ("cities", "assumptions"):
        if not isinstance(data, dict) or key not in data:
            raise InputError.of("spec_missing", spec=spec, key=key)
    shares = sum(cohort["share"] for cohort in data["assumptions"]["cohorts"])
    if abs(shares - 1) > 1e-9:
        raise InputError.of("spec_shares", spec=spec, shares=shares)
    return data


def rows(spec):
    """Population-file rows: each region's insured, spread over the cohorts."""
    assumptions = spec["assumptions"]
    records = []
    for region, counts in spec["cities"].items():
        for number, cohort in enumerate(assumptions["cohorts"], start=1):
            records.append({
                "person_id": f"{region}-{number}",
                "weight": counts["insured"] * cohort["share"],
                "birth_date": str(cohort["birth_date"]),
                "sex": cohort["sex"],
                "insured_region": region,
                "deemed_contribution_years": cohort.get("deemed_contribution_years", 0),
                "career_from": assumptions["career_from"],
                "career_to": assumptions["career_to"],
                "career_index": assumptions["base_index"],
                "employment_type": "flexible_worker",
            })
    return population_files.checked_rows(records, i18n.both("population.spec", name=spec.get("name", "")))


def coverage(spec):
    """[(region, flexible workers, insured, coverage, status)] as the spec gives them."""
    return [
        (region, counts["flexible_workers"], counts["insured"], round(counts["insured"] / counts["flexible_workers"], 4), counts.get("status", "estimated"))
        for region, counts in spec["cities"].items()
    ]


def fund_population(spec):
    """(records, fit) of a fund spec (in_work, behaviour, entrants): one row per cell of
    sex x age x employment type x contribution index for the insured in work at the start,
    raked to the spec's margins (analysis/calibration.py), then one row per cell for each
    year's entrants; `records` are a population file's columns ({column: list}, checked),
    to write (api.population_columns.write) or to check (api.population_columns.checked)."""
    from ..api import population_columns
    from .calibration import rake

    for key in ("region", "start_year", "in_work", "behaviour", "entrants"):
        if key not in spec:
            raise InputError.of("fund_spec_missing", spec=spec.get("name", ""), key=key)
    start, behaviour, margins = spec["start_year"], spec["behaviour"], spec["in_work"]["margins"]
    begins = behaviour["career_start_age"]
    types = margins["employment_type"]
    joint = {f"{kind} {index}": types[kind] * share for kind in types for index, share in behaviour["index"][kind].items()}
    bands = {band: tuple(int(age) for age in band.split("-")) for band in margins["age"]}
    in_work_below = behaviour["in_work_below_age"]  # by sex: the spec's assumption of who is still in work
    cells = []
    for sex in margins["sex"]:
        for age in range(begins, in_work_below[sex]):
            band = next((band for band, (low, high) in bands.items() if low <= age <= high), None)
            if band is None:
                raise InputError.of("fund_spec_age", spec=spec["name"], age=age, begins=begins)
            for kind_index in joint:
                cells.append({"sex": sex, "age": band, "birth_year": start - 1 - age, "employment_and_index": kind_index})
    columns = {name: numpy.array([cell[name] for cell in cells]) for name in cells[0]}
    weights, fit = rake({name: columns[name] for name in ("sex", "age", "employment_and_index")},
                        {"sex": margins["sex"], "age": margins["age"], "employment_and_index": joint}, spec["in_work"]["total"])
    rows = [dict(cell, weight=weight) for cell, weight in zip(cells, weights)]
    entrants = spec["entrants"]
    sex_share = margins["sex"]
    for year in range(start + 1, entrants["until"] + 1):
        count = entrants["per_year"] * (1 + entrants["yearly_change"]) ** (year - start - 1)
        for sex, share in sex_share.items():
            for kind_index, joint_share in joint.items():
                rows.append({"sex": sex, "birth_year": year - begins, "employment_and_index": kind_index, "weight": count * share * joint_share})
    from .. import default_system
    from ..core import time_axis

    # Years before the national average wage series are deemed years (no wage to index a career by).
    first_paid_year = time_axis.first_national_year(time_axis.average_wage(default_system().parameters)[0])
    records = {
        "person_id": [f"{row['sex']}-{row['birth_year']}-{row['employment_and_index']}" for row in rows],
        "weight": [row["weight"] for row in rows],
        "birth_date": [f"{row['birth_year']}-07-01" for row in rows],
        "sex": [row["sex"] for row in rows],
        "worker_category": None,
        "insured_region": [spec["region"]] * len(rows),
        "deemed_contribution_years": [max(0, first_paid_year - (row["birth_year"] + begins)) for row in rows],
        "career_from": [max(first_paid_year, row["birth_year"] + begins) for row in rows],
        "career_to": [_career_to(row, begins, behaviour.get("stop_after_years", {})) for row in rows],
        "career_index": [float(row["employment_and_index"].split()[1]) for row in rows],
        "employment_type": [row["employment_and_index"].split()[0] for row in rows],
        "shortfall_choice": None,
    }
    records = {name: values for name, values in records.items() if values is not None}
    population_columns.checked({name: numpy.array(values) for name, values in records.items()}, i18n.both("population.spec", name=spec["name"]))
    return records, fit


def _career_to(row, begins, stop_after_years):
    """The last year paid: past any retirement age (the model stops at retirement), or, where
    the spec says a kind of worker stops after so many years (the seed's flexible workers who
    pay the minimum years), the last of those years."""
    kind = row["employment_and_index"].split()[0]
    last = min(row["birth_year"] + 65, 2100)
    years = stop_after_years.get(kind)
    return last if years is None else min(last, row["birth_year"] + begins + int(years) - 1)
