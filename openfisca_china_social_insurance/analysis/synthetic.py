"""Synthetic populations from published counts: a YAML spec (analysis/populations/) gives
each region's counts with their source and status, and the behaviour assumptions that
spread them over careers; `rows` turns it into population-file rows (api/population_files.py).

The assumptions live in the spec, never in code, so a reform can be run "with no
behavioural change" (the spec as it is) and with a stated response (an edited spec).
"""

from importlib import resources
from pathlib import Path

import yaml

from ..api import population_files
from ..core.errors import InputError


def built_in():
    folder = resources.files(__package__).joinpath("populations")
    return {Path(entry.name).stem: entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


def load(spec):
    """A spec from a built-in name or a YAML file."""
    shipped = built_in()
    if spec in shipped:
        source = shipped[spec]
    elif Path(spec).is_file():
        source = Path(spec)
    else:
        raise InputError(f"--synthetic: {spec!r} is not a known population or a file. Allowed: {', '.join(sorted(shipped))}, or a spec YAML file.")
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InputError(f"population spec {spec}: not valid YAML ({error}).") from None
    for key in ("cities", "assumptions"):
        if not isinstance(data, dict) or key not in data:
            raise InputError(f"population spec {spec}: {key} is missing. Required: cities (counts) and assumptions (behaviour).")
    shares = sum(cohort["share"] for cohort in data["assumptions"]["cohorts"])
    if abs(shares - 1) > 1e-9:
        raise InputError(f"population spec {spec}: the cohorts' shares add up to {shares}. Allowed: shares adding up to 1.")
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
    return population_files.checked_rows(records, f"population spec {spec.get('name', '')}")


def coverage(spec):
    """[(region, flexible workers, insured, coverage, status)] as the spec gives them."""
    return [
        (region, counts["flexible_workers"], counts["insured"], round(counts["insured"] / counts["flexible_workers"], 4), counts.get("status", "estimated"))
        for region, counts in spec["cities"].items()
    ]
