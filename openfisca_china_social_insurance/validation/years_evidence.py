"""What each verified form tells about how its region counts contribution years.

The basic pension is (base + indexed wage) / 2 x years x 1%, and the transitional pension
indexed wage x pre-account years x a coefficient, so a form whose years are not whole shows
how its region rounds them: 30年8个月 enters as 30.67 (two decimals, half up), 30.6667
(months / 12) or 30.7 (rounded up to one decimal), and often only one of them gives the
printed pension to the fen. For every verified form the model computes both pensions under
each way of counting in CANDIDATES, with every other rule its own and the form's years as
whole months, and lists the ways that give both printed figures (a part that no way gives
differs for another reason and is left out). A form that no way reproduces, or that every
way reproduces, tells nothing; nor does the collector's
demonstration (a fact of the facts file), and a copy of a form counts once.

This checks the regional files of `parameters/pension/benefit/rounding/` against the forms
themselves, not against what the files cite: `told_by_forms(cases)` gives one row per form,
`to_markdown(rows)` the report's section, by region and the model's way of counting there.
"""

import dataclasses
from functools import cache

import numpy
from openfisca_core.reforms import Reform

from .. import default_system
from ..core import lookup
from ..core.errors import InputError
from ..core.regions import Region

#: The ways of counting years the forms show, as values of the rounding parameters.
CANDIDATES = {
    "2 decimals, half up": {"contribution_years_decimals": 2, "contribution_years_round_up": False, "contribution_years_in_months": False},
    "4 decimals, half up": {"contribution_years_decimals": 4, "contribution_years_round_up": False, "contribution_years_in_months": False},
    "months / 12": {"contribution_years_decimals": 4, "contribution_years_round_up": False, "contribution_years_in_months": True},
    "2 decimals, rounded up": {"contribution_years_decimals": 2, "contribution_years_round_up": True, "contribution_years_in_months": False},
    "1 decimal, rounded up": {"contribution_years_decimals": 1, "contribution_years_round_up": True, "contribution_years_in_months": False},
}

#: The years a form counts: the basic pension's and the transitional pension's.
_YEARS = ("contribution_years", "deemed_years", "pre_account_years")

#: Printed pensions are to the fen: half a fen either way.
_HALF_FEN = 0.005


def _counting(values):
    """A reform of the baseline in which every region counts years by `values`."""

    class Counting(Reform):
        name = "contribution years counted one way everywhere"

        def apply(self):
            def modify(parameters):
                rounding = parameters.pension.benefit.rounding
                for name, value in values.items():
                    for node in getattr(rounding, name).children.values():
                        node.update(start="1990-01-01", value=value)
                return parameters

            self.modify_parameters(modify)

    return Counting(default_system())


@cache
def _system(candidate):
    return _counting(CANDIDATES[candidate])


def _months(years):
    """Years as a whole number of months (27.92 printed for 27年11个月: 335), or None where
    they are no whole number of months (Shanghai's days, 11.5 months)."""
    months = round(years * 12)
    return months if abs(years * 12 - months) <= 0.07 else None


def _counts_its_own_way(case):
    """True where the region counts each month at a fixed share of a year (Shanghai's 0.083),
    which none of the candidates is."""
    node = default_system().parameters.pension.benefit.rounding.contribution_years_per_month
    day = numpy.datetime64(f"{case.retirement[0]:04d}-{case.retirement[1]:02d}-01")
    return not numpy.isnan(lookup.at(node, day, Region[case.region].index))


def told_by_forms(cases):
    """One row per verified form with years in months, not all whole: {case, region,
    retirement, months: {years: months}, parts: the printed parts some way of counting gives,
    shows: [candidates that give them all], tells: bool}."""
    from .approval_forms import compute  # the harness's own run of a case

    rows, seen = [], set()
    for case in cases:
        if not case.verified or case.missing or case.invalid or case.facts.demonstration or _counts_its_own_way(case):
            continue  # not a form, or Shanghai's own count
        # The printed parts that count years, where the form's own (an index printed rounded
        # leaves them known only to within cents).
        parts = [part for part in ("basic", "transitional") if case.expected.get(part) is not None
                 and part not in case.facts.not_from_form and part not in case.not_from_form and not case.facts.rounded_index]
        years = {name: _months(getattr(case, name)) for name in _YEARS}
        if not parts or None in years.values() or all(months % 12 == 0 for months in years.values()):
            continue  # nothing printed to tell by, no whole months, or whole years only
        printed = tuple(case.expected[part] for part in parts)
        copy = (case.region, case.retirement, tuple(years.values()), printed)
        if copy in seen:
            continue  # a copy of a form already counted (the collector's backups)
        seen.add(copy)
        exact = dataclasses.replace(case, **{name: months / 12 for name, months in years.items()})
        reproduced = {}  # candidate: the parts it gives to the fen
        for candidate in CANDIDATES:
            try:
                computed = compute(exact, _system(candidate))
            except InputError:
                continue
            reproduced[candidate] = {part for part in parts if abs(round(computed[part], 2) - case.expected[part]) < _HALF_FEN}
        # A part no way of counting reproduces differs for another reason (jiangsu/7's
        # transitional pension): it tells nothing about the years.
        parts = [part for part in parts if any(part in given for given in reproduced.values())]
        shows = [candidate for candidate, given in reproduced.items() if parts and given >= set(parts)]
        rows.append({
            "case": case.path.removesuffix(".json"),
            "region": case.region,
            "retirement": f"{case.retirement[0]:04d}-{case.retirement[1]:02d}",
            "months": years,
            "parts": parts,
            "shows": shows,
            "tells": 0 < len(shows) < len(CANDIDATES),
        })
    return rows


#: The rounding parameters that say how a region counts years.
YEAR_NAMES = ("contribution_years_decimals", "contribution_years_round_up", "contribution_years_in_months", "contribution_years_per_month")


def counting_name(values):
    """The name of a way of counting years from the values of YEAR_NAMES (a name of CANDIDATES
    where it is one of them)."""
    per_month = values.get("contribution_years_per_month", numpy.nan)
    if not numpy.isnan(per_month):
        return f"whole years + {per_month} a month"
    if values["contribution_years_in_months"] > 0:
        return "months / 12"
    decimals = int(values["contribution_years_decimals"])
    return f"{decimals} decimal{'' if decimals == 1 else 's'}, " + ("rounded up" if values["contribution_years_round_up"] > 0 else "half up")


def counting_on(parameters, region, day):
    """The name of `region`'s way of counting years on `day` (numpy.datetime64)."""
    rounding = parameters.pension.benefit.rounding
    return counting_name({name: float(lookup.at(getattr(rounding, name), day, Region[region].index)) for name in YEAR_NAMES})


def model_counting(region, retirement):
    """The model's own way of counting years for `region` at `retirement` ('YYYY-MM')."""
    return counting_on(default_system().parameters, region, numpy.datetime64(f"{retirement}-01"))


def to_markdown(rows):
    """Markdown lines: by region and the model's way of counting there, the verified forms that
    tell the ways apart, what they show, and whether the model's way is among them."""
    groups = {}
    for row in rows:
        if row["tells"]:
            groups.setdefault((row["region"], model_counting(row["region"], row["retirement"])), []).append(row)
    lines = [
        "",
        "## What the forms tell about counting years",
        "",
        "Computed, not cited (`validation/years_evidence.py`): each verified form whose years are not",
        "whole is run with its years as whole months under each way of counting, every other rule the",
        "model's; *shown* lists the ways that give its printed basic and transitional pensions to the fen",
        "(a part no way gives is left out: it differs for another reason). Only forms that tell some ways",
        "apart are listed, a copy of a form once, and not the collector's demonstration. *Agrees*: the",
        "model's way is among those shown by every form of the row.",
        "",
        "| region | the model counts | forms that tell | shown by all of them | agrees |",
        "|---|---|---|---|---|",
    ]
    for (region, counting), group in sorted(groups.items()):
        shown = [candidate for candidate in CANDIDATES if all(candidate in row["shows"] for row in group)]
        forms = ", ".join(f"{row['case']} ({row['retirement']})" for row in group)
        lines.append(f"| {region} | {counting} | {forms} | {'; '.join(shown) or 'none in common'} | {'yes' if counting in shown else 'NO'} |")
    return lines
