"""Grids of persons: one base x contribution-years cell each, as the seed's Table 2.

A grid is a YAML file (analysis/grids/seed-table2.yaml is the seed's): a region, a birth
date, the years paid at the base, the bases (multiples of the average wage) and the
contribution years; deemed years make up the rest. `grid_profiles` turns it into one
profile per cell, refusing impossible cells.

A grid may carry the assumption its source computed with: `balances_at_full_base`, the
account balance of the person paying 100% of the average wage for each number of years,
scaled by the base for the other rows (the credit is proportional to the base,
国发〔1997〕26号); it then replaces the balance the paid years would give. `printed`
holds the source's own figures and `errata` what the source gets wrong, shown beside
the model's.
"""

import copy
import datetime
from importlib import resources
from pathlib import Path

import yaml

from ..api import MIN_WORKING_AGE
from ..core import i18n, user_yaml
from ..core.errors import InputError, read_text_file

GRID_KEYS = {
    "name", "description", "region", "birth_date", "sex", "employment_type", "paid_years", "bases", "years", "overrides",
    "balances_at_full_base", "printed", "errata", "reference",
}
#: What a grid file may leave out.
GRID_DEFAULTS = {"sex": "male", "employment_type": "employee", "overrides": {}}


def built_in_grids():
    """{name: path} of the grids shipped in analysis/grids/ (the seed's Table 2)."""
    folder = resources.files(__package__).joinpath("grids")
    return {Path(entry.name).stem: entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


def load_grid(spec):
    """A grid from a built-in name (analysis/grids/NAME.yaml) or a YAML file with GRID_KEYS."""
    shipped = built_in_grids()
    if spec not in shipped and not spec.endswith((".yaml", ".yml")) and not Path(spec).is_file():
        raise InputError.of("grid_unknown", spec=spec, allowed=", ".join(sorted(shipped)))
    source = shipped[spec] if spec in shipped else Path(spec)
    text = source.read_text(encoding="utf-8") if spec in shipped else read_text_file(source, "grid file")
    try:
        data = user_yaml.load(text)
    except yaml.YAMLError as error:
        raise InputError.of("grid_yaml", spec=spec, problem=str(error)) from None
    if not isinstance(data, dict):
        raise InputError.of("grid_not_mapping", spec=spec, allowed=", ".join(sorted(GRID_KEYS)))
    unknown = set(data) - GRID_KEYS
    if unknown:
        raise InputError.of("grid_unknown_keys", spec=spec, unknown=sorted(unknown), allowed=", ".join(sorted(GRID_KEYS)))
    grid = {**copy.deepcopy(GRID_DEFAULTS), **data}
    grid.setdefault("name", Path(spec).stem)
    for required in ("region", "birth_date", "paid_years", "bases", "years"):
        if required not in grid:
            raise InputError.of("grid_required", spec=spec, key=required)
    return grid


def grid_profiles(grid):
    """{name: profile} for each base x years cell; impossible cells are refused."""
    bases, years = grid["bases"], grid["years"]
    for field, values in (("bases", bases), ("years", years)):
        if not isinstance(values, list) or not values or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
            raise InputError.of("grid_numbers", field=field, value=values)
    for total in years:
        # Before the age check: -3 years would otherwise read as "would start before age 16".
        if total <= 0 or not float(total).is_integer():
            kind = i18n.phrase("not a whole number of years" if total > 0 else "not a positive number of years")
            raise InputError.of("grid_years", value=total, kind=kind)
    paid = grid["paid_years"]
    if not isinstance(paid, dict) or set(paid) != {"from", "to"}:
        raise InputError.of("grid_paid_years", value=paid)
    if isinstance(paid["from"], bool) or isinstance(paid["to"], bool) or not all(isinstance(paid[key], int) for key in ("from", "to")):
        raise InputError.of("grid_paid_whole", value=paid)
    first, last = paid["from"], paid["to"]
    try:
        birth = grid["birth_date"] if isinstance(grid["birth_date"], datetime.date) else datetime.date.fromisoformat(str(grid["birth_date"]))
    except ValueError:
        raise InputError.of("grid_birth_date", value=grid["birth_date"]) from None
    if last < first:
        raise InputError.of("grid_paid_order", last=last, first=first)
    if first < birth.year + MIN_WORKING_AGE:
        raise InputError.of("grid_paid_young", first=first, age=MIN_WORKING_AGE, born=str(birth), earliest=birth.year + MIN_WORKING_AGE)
    for base in bases:
        if not 0.6 <= base <= 3.0:
            raise InputError.of("grid_base", value=base)
    profiles = {}
    for base in bases:
        for total in years:
            count = last - first + 1
            deemed = max(total - count, 0)
            start = max(first, last - total + 1)
            if last + 1 - total < birth.year + MIN_WORKING_AGE:
                raise InputError.of("grid_years_young", total=total, last=last, age=MIN_WORKING_AGE, born=str(birth),
                                    most=last + 1 - birth.year - MIN_WORKING_AGE)
            profile = {
                "birth_date": birth.isoformat(),
                "sex": grid["sex"],
                "insured_region": grid["region"],
                "career": [{"from": start, "to": last, "index": base, "employment_type": grid["employment_type"]}],
            }
            if deemed:
                profile["deemed_contribution_years"] = deemed
            if grid.get("overrides"):
                profile["overrides"] = dict(grid["overrides"])
            balances = _balances(grid)
            if balances:
                if total not in balances:
                    raise InputError.of("grid_balance_missing", total=total, years=years)
                profile.setdefault("overrides", {})["personal_account_balance"] = round(base * balances[total] + 1e-9, 2)
                profile["override_statuses"] = {"personal_account_balance": "estimated"}  # the grid's assumption, not a printed figure
            profiles[cell_name(base, total)] = profile
    return profiles


def cell_name(base, total):
    return f"{base:.0%} x {total}y"


def _balances(grid):
    balances = grid.get("balances_at_full_base") or {}
    if not isinstance(balances, dict) or any(isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 for v in balances.values()):
        raise InputError.of("grid_balances", value=balances)
    return {int(years): float(balance) for years, balance in balances.items()}


def printed(grid, measure):
    """{cell name: the source's printed figure} for a measure (empty when it prints none)."""
    table = (grid.get("printed") or {}).get(measure) or {}
    found = {}
    for base, values in table.items():
        numbers = isinstance(values, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        if not numbers or len(values) != len(grid["years"]):
            raise InputError.of("grid_printed", measure=measure, base=base, value=values, years=grid["years"])
        for total, value in zip(grid["years"], values):
            found[cell_name(float(base), total)] = float(value)
    return found


def grid_cells(grid):
    return {cell_name(base, total): (base, total) for base in grid["bases"] for total in grid["years"]}
