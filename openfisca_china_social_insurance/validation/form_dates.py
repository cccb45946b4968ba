"""The verified forms' persons retiring earlier and later: what a rule dated from a form's month refuses or changes.

A start date is a legal fact: a rule read on a form of 2025 applies from its document's date, else
from its regime start (estimated, with a note), never from the form's month. This probe takes each
verified approval form (approval_forms.load_cases), keeps its printed figures but the base (a base
belongs to its year: the model's own for the shifted month, any status), moves the retirement and
the birth by whole years, and reports for each shifted person

- `refused`: the model's message, where it refuses the person (`form_refused`: the form itself is);
- `changes`: the regional parameter files read at the form's month that are not the ones read at
  the shifted month: (parameter, file region at the form's month, at the shifted month), None where
  no file has a value (a region's own file giving way to the level above: a rule that stops).

Statistical series (time_axis.SERIES: bases, wages, crediting rates) are left out: the time axis
back-casts and projects them by named rules.

    rows = probe(shared_dir, shifts=(-1, -3, -6, 2))
    summary(rows)  # refusals by reason, changes by parameter and region
"""

import copy
import re
from collections import Counter

import numpy
from openfisca_core.simulation_builder import SimulationBuilder

from .. import default_system
from ..core import lookup, time_axis
from ..core.errors import InputError
from ..core.regions import PARENT_INDEX, REGIONS
from .approval_forms import load_cases, model_inputs

#: Retiring 1, 3 and 6 years earlier and 2 years later than the form.
SHIFTS = (-1, -3, -6, 2)

_PARTS = ("basic_pension", "account_pension", "transitional_pension", "extra_pension", "monthly_pension")


def shifted(case, years):
    """A copy of `case` retiring (and born) `years` later (earlier where negative)."""
    moved = copy.deepcopy(case)
    moved.retirement = (case.retirement[0] + years, case.retirement[1])
    if case.birth:
        moved.birth = (case.birth[0] + years, case.birth[1])
    return moved


def assess(case, printed_base=True, system=None):
    """(the pension parts, {parameter path: region key of the file read, or None}) of one case in its
    retirement month (under `system`, default the baseline); InputError where the model refuses it.
    Without `printed_base`, the model's own base."""
    month = f"{case.retirement[0]:04d}-{case.retirement[1]:02d}"
    inputs = model_inputs(case)
    if not printed_base:
        del inputs["pension_calculation_base"]
    simulation = SimulationBuilder().build_from_entities(system or default_system(), {"persons": {"form": inputs}})
    with lookup.recording() as reads:
        parts = {name: round(float(simulation.calculate(name, month)[0]), 2) for name in _PARTS}
    retirement = int(lookup.month_number(numpy.datetime64(f"{month}-01")))
    sources = {}
    for read in reads:
        node = read.parameter
        if read.keys is not None or not lookup.is_regional(node) or node.name in time_axis.SERIES:
            continue  # a scale, a national parameter, or a statistical series
        months, regions = numpy.broadcast_arrays(read.months, read.regions)
        for month_read, region in set(zip(months.ravel().tolist(), regions.ravel().tolist())):
            if month_read == retirement:  # the rules at retirement (the others: career years, a base's year)
                sources[node.name] = _file_region(node, month_read, region)
    return parts, sources


def _file_region(node, month, region):
    """The region whose file gives `node`'s value at `month` for `region` (its own, else the level it
    falls back to: lookup.inherits_from_parent), None where no file has a value."""
    while True:
        own = node.children.get(REGIONS[region].key)
        if own is not None and not numpy.isnan(lookup.table(own)[0, month]):
            return REGIONS[region].key
        if not lookup.inherits_from_parent(node, region):
            return None
        region = PARENT_INDEX[region]


def probe(shared_dir, shifts=SHIFTS, facts_path=None, system=None, provinces=None):
    """One row per verified form (of `provinces`, default all) and shift: case, region, shift,
    retirement, refused (message or None), form_refused, parts (where assessed), changes (see the
    module doc); under `system`, default the baseline."""
    rows = []
    for case in load_cases(shared_dir, facts_path):
        if not case.verified or case.missing or case.invalid or (provinces and case.province not in provinces):
            continue
        try:
            _, at_form = assess(case, system=system)
            form_refused = None
        except InputError as error:
            at_form, form_refused = None, str(error)
        for years in shifts:
            moved = shifted(case, years)
            row = {"case": case.path, "region": case.region, "shift": years, "retirement": "%04d-%02d" % moved.retirement,
                   "refused": None, "form_refused": form_refused, "parts": None, "changes": []}
            try:
                row["parts"], sources = assess(moved, printed_base=False, system=system)
            except InputError as error:
                row["refused"] = str(error)
            else:
                if at_form is not None:
                    row["changes"] = sorted(
                        (name, at_form[name], sources[name]) for name in at_form if name in sources and at_form[name] != sources[name]
                    )
            rows.append(row)
    return rows


def reason(message):
    """A refusal's message without its figures, dates and persons: refusals grouped by reason."""
    message = re.sub(r"\s*\(first: .*", "", message)
    message = re.sub(r"\d{4}-\d{2}(-\d{2})?", "<date>", message)
    return re.sub(r"\d+(\.\d+)?", "<n>", message)


def summary(rows):
    """(Counter of refusals by (region, reason, also refused at the form's month)), Counter of changes
    by (parameter, file region at the form's month, at the shifted month, shift))."""
    refusals = Counter((row["region"], reason(row["refused"]), row["form_refused"] is not None) for row in rows if row["refused"])
    changes = Counter((*change, row["shift"]) for row in rows for change in row["changes"])
    return refusals, changes


def changed_rules(rows):
    """{(parameter, region of the file that gives way)}: the region's own file where the form read one,
    else the file read at the shifted month."""
    return {(name, at_form or at_shift) for row in rows for name, at_form, at_shift in row["changes"]}
