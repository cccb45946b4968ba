"""Vectorised parameter lookup by region and by date, one numpy indexing per call.

OpenFisca evaluates a parameter at one instant for everybody, and indexes a regional
node element by element. Pension rules need the opposite: each person's own region
(with fallback city -> province -> nation) at each person's own date (retirement,
career year). We turn a parameter once into a dense table, region x month, and then
every lookup is `table[region, month]`: no Python loop over persons.

Month granularity: a value counts for a month when it is in force on the month's
first day; a value that starts on another day counts from the next month.

`recording()` lists every value read inside it (api/explain.py: the parameters one
assessment used); outside it a lookup records nothing.
"""

import contextlib
import contextvars
import functools
import weakref
from typing import NamedTuple

import numpy
from openfisca_core.parameters import Parameter, ParameterNode

from .dates import month_number as months_since_year_zero
from .errors import InputError
from .regions import BY_KEY, PARENT_INDEX, REGIONS

FIRST_YEAR = 1950
LAST_YEAR = 2100
N_MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12

_TABLES = {}  # (id(parameter), kind) -> table; parameters are unhashable, entries die with them
_SOURCES = {}  # id(values table) -> (weak reference to its parameter, status table or None)


def cached(parameter, kind, build):
    """`build(parameter)`, computed once per parameter object and `kind` (any hashable:
    core/time_axis.py keys its extended tables by the assumptions they use).

    `build` returns a values table, or (values, status codes): the values table is
    remembered as the parameter's, so that a recorded lookup can name what it read."""
    key = (id(parameter), kind)
    if key not in _TABLES:
        built = _TABLES[key] = build(parameter)
        values, status = built if isinstance(built, tuple) else (built, None)
        _SOURCES[id(values)] = (weakref.ref(parameter), status)
        weakref.finalize(parameter, _forget, key, id(values))
    return _TABLES[key]


def _forget(key, values_id):
    _TABLES.pop(key, None)
    _SOURCES.pop(values_id, None)


class Read(NamedTuple):
    """One lookup made while recording: the parameter (or regional node, or scale), the
    status codes of its table (None for a scale), the months, regions and scale keys
    read (arrays or scalars, as given) with the values found, and who read them."""

    parameter: object
    status: object
    months: object
    regions: object
    keys: object
    values: object
    reader: object


_RECORDING = contextvars.ContextVar("lookup_recording", default=None)


@contextlib.contextmanager
def recording(reader=lambda: None):
    """A list, filled with a Read for each lookup of a parameter's table made inside the
    block; `reader()` says who reads (the variable being computed). Reads of status
    tables and of tables not built from a parameter are not listed."""
    reads = []
    token = _RECORDING.set((reads, reader))
    try:
        yield reads
    finally:
        _RECORDING.reset(token)


def _record(values, months, regions, found, keys=None):
    recording_now = _RECORDING.get()
    source = _SOURCES.get(id(values)) if recording_now is not None else None
    if source is not None:
        reads, reader = recording_now
        reads.append(Read(source[0](), source[1], months, regions, keys, found, reader()))


def month_number(dates):
    """Months since January of FIRST_YEAR, for datetime64 dates (array or scalar)."""
    return months_since_year_zero(dates) - FIRST_YEAR * 12


def _start_month(instant_str):
    year, month, day = (int(part) for part in instant_str.split("-"))
    number = (year - FIRST_YEAR) * 12 + month - 1
    return number + (1 if day > 1 else 0)


def _row(parameter):
    row = numpy.full(N_MONTHS, numpy.nan)
    for at_instant in sorted(parameter.values_list, key=lambda v: v.instant_str):
        start = min(max(_start_month(at_instant.instant_str), 0), N_MONTHS)
        value = at_instant.value
        row[start:] = numpy.nan if value is None else float(value)
    return row


#: Status of a value, weakest last: a figure carries the weakest status of what it reads.
STATUSES = ("official", "estimated", "unverified", "projected")
STATUS_CODE = {name: code for code, name in enumerate(STATUSES)}


def _status_row(parameter):
    """The status code in force each month (metadata.status: one word, or keyed by date).
    A value without a status counts as estimated."""
    status = (parameter.metadata or {}).get("status", "estimated")
    row = numpy.full(N_MONTHS, float(STATUS_CODE["estimated"]))
    dated = status.items() if isinstance(status, dict) else [("1950-01-01", status)]
    for day, name in sorted((str(day), name) for day, name in dated):
        row[min(max(_start_month(day), 0), N_MONTHS):] = STATUS_CODE.get(name, STATUS_CODE["estimated"])
    return row


def inherits_from_parent(node, index):
    """Whether region `index` falls back to the level above where it has no value of its own.

    Not where its file says `inherits: false` (a region with a system of its own:
    Shenzhen's base), and not from the nation into a province for a statistical series
    (index.yaml `statistical_series: true`): a national average wage never stands in for
    a province's; core/time_axis.py fills such gaps, marked estimated.
    """
    child = node.children.get(REGIONS[index].key)
    if not index or (child is not None and not (child.metadata or {}).get("inherits", True)):
        return False
    return not ((node.metadata or {}).get("statistical_series") and REGIONS[index].level == "province")


def is_regional(node):
    """A ParameterNode whose children are all region keys, each a single parameter."""
    return (
        isinstance(node, ParameterNode)
        and bool(node.children)
        and all(key in BY_KEY and isinstance(child, Parameter) for key, child in node.children.items())
    )


def regional_nodes(node, path=""):
    """{dotted path: node} of every regional node at or below `node`, in tree order."""
    if is_regional(node):
        return {path: node}
    found = {}
    for key, child in node.children.items():
        if isinstance(child, ParameterNode):
            found.update(regional_nodes(child, f"{path}.{key}" if path else key))
    return found


def _regional_tables(node):
    """(values, status codes), region x month, with the fallback to the level above."""
    unknown = sorted(set(node.children) - set(BY_KEY))
    if unknown:
        raise InputError(
            f"parameter {node.name}: unknown region file(s) {unknown}. "
            f"Allowed: region keys of regions.yaml."
        )
    values = numpy.empty((len(REGIONS), N_MONTHS))
    status = numpy.empty((len(REGIONS), N_MONTHS))
    for index, info in enumerate(REGIONS):
        child = node.children.get(info.key)
        own = _row(child) if child is not None else numpy.full(N_MONTHS, numpy.nan)
        own_status = _status_row(child) if child is not None else numpy.full(N_MONTHS, numpy.nan)
        if inherits_from_parent(node, index):
            parent, missing = PARENT_INDEX[index], numpy.isnan(own)
            own = numpy.where(missing, values[parent], own)
            own_status = numpy.where(missing, status[parent], own_status)
        values[index], status[index] = own, numpy.where(numpy.isnan(own), numpy.nan, own_status)
    return values, status


def _single_tables(parameter):
    """(values, status codes) of a national parameter: one row."""
    values = _row(parameter)
    status = numpy.where(numpy.isnan(values), numpy.nan, _status_row(parameter))
    return values[numpy.newaxis, :], status[numpy.newaxis, :]


def _tables(parameter_or_node):
    """(values, status codes) of a parameter or regional node, built once."""
    if isinstance(parameter_or_node, ParameterNode):
        return cached(parameter_or_node, "tables", _regional_tables)
    if isinstance(parameter_or_node, Parameter):
        return cached(parameter_or_node, "tables", _single_tables)
    raise TypeError(f"not a parameter: {parameter_or_node!r}")


def table(parameter_or_node):
    """The dense region x month table of a parameter (one row) or a regional node."""
    return _tables(parameter_or_node)[0]


def status_table(parameter_or_node):
    """The status codes (STATUSES) of `table`'s cells, NaN where there is no value."""
    return _tables(parameter_or_node)[1]


def _months(dates):
    months = numpy.asarray(month_number(dates))
    if months.size and (months.min() < 0 or months.max() >= N_MONTHS):
        outside = numpy.asarray(dates).reshape(-1)[numpy.flatnonzero((months < 0) | (months >= N_MONTHS))[0]]
        raise InputError.of("date_outside", date=str(outside), first=FIRST_YEAR, last=LAST_YEAR)
    return months


def at(parameter_or_table, dates, regions=0):
    """Value of a parameter (or regional node, or a table built from one) for each
    person's region and date.

    `regions` is an array of Region indices (or 0, the nation); `dates` datetime64.
    Returns float64, NaN where no value is in force.
    """
    values = parameter_or_table if isinstance(parameter_or_table, numpy.ndarray) else table(parameter_or_table)
    months, regions = _months(dates), numpy.asarray(regions)
    # Same values as values[regions, months], with one cheap gather where a side is one
    # value: a whole career year (one date) or a national parameter (one region).
    if months.ndim == 0:
        found = values[:, months][regions]
    elif regions.ndim == 0:
        found = values[regions][months]
    else:
        found = values[regions, months]
    _record(values, months, regions, found)
    return found


def parameter_tree(population):
    """The simulation's whole parameter tree (reformed, if a reform is applied).

    Formulas get `parameters(instant)`, one instant for everybody; per-person dates
    need the tree itself, which `lookup.at` turns into region x month tables.
    """
    return population.simulation.tax_benefit_system.parameters


@functools.cache
def year_start(year):
    """January 1st of `year` as a numpy date (built once: career formulas ask every year's)."""
    return numpy.datetime64(f"{int(year):04d}-01-01")


MAX_KEY = 120


def _by_key(scale, bracket_rows):
    """One row per bracket (by month) spread over every whole number 0..MAX_KEY: the row of
    the bracket whose threshold each key reaches."""
    thresholds = numpy.array([_row(bracket.threshold) for bracket in scale.brackets])
    rows = numpy.array(bracket_rows)
    columns = numpy.arange(N_MONTHS)
    result = numpy.full((MAX_KEY + 1, N_MONTHS), numpy.nan)
    for key in range(MAX_KEY + 1):  # over ages, not persons
        bracket = (thresholds <= key).sum(axis=0) - 1
        found = bracket >= 0
        result[key, found] = rows[bracket[found], columns[found]]
    return result


def _scale_table(scale):
    """Amount of a single_amount scale for every whole number 0..MAX_KEY, by month."""
    return _by_key(scale, [_row(bracket.amount) for bracket in scale.brackets])


def _scale_status_table(scale):
    """Status codes of a scale for every whole number 0..MAX_KEY, by month: a bracket's own
    (its amount's metadata.status: a value sources disagree on) where it has one, else the scale's."""
    own = _status_row(scale)
    return _by_key(scale, [_status_row(bracket.amount) if (bracket.amount.metadata or {}).get("status") else own
                           for bracket in scale.brackets])


def scale_status_at(scale, dates, keys=None):
    """Status codes (STATUSES) of a scale at `dates`: its metadata.status, or with `keys` (whole
    numbers, as scale_at takes them) the status of each key's bracket."""
    if keys is None:
        return cached(scale, "status", _status_row)[_months(dates)]
    keys = numpy.clip(numpy.asarray(keys), 0, MAX_KEY).astype(int)
    return cached(scale, "status_by_key", _scale_status_table)[keys, _months(dates)]


def scale_at(scale, dates, keys):
    """Amount of a single_amount scale at whole-number `keys` (ages) and dates, vectorised."""
    values, keys, months = cached(scale, "tables", _scale_table), numpy.clip(numpy.asarray(keys), 0, MAX_KEY).astype(int), _months(dates)
    found = values[keys, months]
    _record(values, months, 0, found, keys)
    return found
