"""What one assessment rests on: every parameter value it read, where and when.

`explain(profile)` assesses the profile as `assess` does and lists each value read: the
parameter's path, the value, the month and region it was read for, the file that holds it
(a region without a value of its own falls back to the level above, core/lookup.py), that
file's reference and status at that date, and the variables that read it with their
Chinese and English labels. The values come from the model's own reads, not from a list
kept by hand: regional and dated values as `lookup.recording` sees them, the others as
OpenFisca's tracer records `parameters(instant)` in the formulas.
"""

import numpy
from openfisca_core.parameters import ParameterNode

from .. import default_system
from ..core import lookup
from ..core.regions import PARENT_INDEX, REGIONS
from .profiles import BREAKDOWN, assess, build_simulation, continuations, values_at_retirement


def explain(profile, system=None, name="person"):
    """{"assessment": the row `assess` gives, "parameters": [every value read, sorted by
    path, date and region]} for one profile; a bad profile raises InputError naming its field."""
    system = system or default_system()
    row = assess({name: profile}, system)[0]
    # A person who keeps contributing is assessed on the career extended to the minimum.
    assessed = continuations({name: profile}, system).get(name, (profile, 0))[0]
    simulation = build_simulation({name: assessed}, system)
    simulation.trace = True  # OpenFisca's tracer: who is computing, and parameters(instant) reads

    def reader():  # the variable being computed
        return simulation.tracer.stack[-1]["name"] if simulation.tracer.stack else None

    with lookup.recording(reader) as reads:
        values_at_retirement(simulation, [variable for variable in BREAKDOWN if variable in system.variables])
    used, parameters = {}, {}  # parameters are unhashable: keyed by id
    for (parameter, *read), variable in [*_lookup_reads(reads), *_traced_reads(simulation.tracer.trees, system.parameters)]:
        parameters[id(parameter)] = parameter
        # NaN (no value, no status) never equals itself: as None, repeated reads merge.
        read = [None if isinstance(part, float) and part != part else part for part in read]
        used.setdefault((id(parameter), *read), []).append(variable)
    entries = [_entry(parameters[key[0]], key[1:], readers, system) for key, readers in used.items()]
    return {"assessment": row, "parameters": sorted(entries, key=lambda entry: (entry["path"], entry["date"], entry["region"] or "", entry["key"] or 0))}


def _lookup_reads(reads):
    """((parameter, day, region index or None, scale key or None, value, status code), variable) of each value read."""
    for read in reads:
        months, regions, keys, values = numpy.broadcast_arrays(read.months, read.regions, -1 if read.keys is None else read.keys, read.values)
        regional = isinstance(read.parameter, ParameterNode) and read.keys is None
        for month, region, key, value in set(zip(months.ravel().tolist(), regions.ravel().tolist(), keys.ravel().tolist(), _numbers(values))):
            status = None if read.status is None else read.status[region if regional else 0, month]
            day = f"{lookup.FIRST_YEAR + month // 12:04d}-{month % 12 + 1:02d}-01"  # lookups read by month
            yield (read.parameter, day, region if regional else None, None if key < 0 else key, value, status), read.reader


def _numbers(values):
    """Plain floats, None for NaN (no value in force: NaN would not compare equal to itself)."""
    return [None if value != value else value for value in values.astype(float).ravel().tolist()]


def _traced_reads(trees, tree):
    """The same for the values formulas read through OpenFisca (`parameters(instant)`): national ones."""
    stack = list(trees)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        for read in node.parameters:
            value = numpy.ravel(read.value)
            if value.size != 1 or not numpy.issubdtype(value.dtype, numpy.number):
                continue  # a node or a vectorial value, not one number
            parameter, day = _descendant(tree, read.name), str(read.period)[:10]
            month = _month(day)
            status = lookup.status_table(parameter)[0, month] if hasattr(parameter, "values_list") and month is not None else None
            yield (parameter, day, None, None, _numbers(value)[0], status), node.name


def _month(day):
    """The month of an ISO day on lookup's axis, None outside it."""
    month = (int(day[:4]) - lookup.FIRST_YEAR) * 12 + int(day[5:7]) - 1
    return month if 0 <= month < lookup.N_MONTHS else None


def _descendant(tree, path):
    for part in path.split("."):
        tree = tree.children[part]
    return tree


def _entry(parameter, read, readers, system):
    day, region, scale_key, value, status = read
    source = _source(parameter, _month(day), region)
    metadata = {**(parameter.metadata or {}), **((source.metadata or {}) if source is not None else {})}
    return {
        "path": parameter.name,
        "date": day,
        "region": None if region is None else REGIONS[region].key,
        "key": scale_key,
        "value": value,  # None: no value in force
        "unit": metadata.get("unit") or _unit_of_files(parameter),
        "source": None if source is None else source.name,
        "reference": _at_date(metadata.get("reference"), day) if source is not None else None,
        "status": _status(status, metadata, day, source),
        "variables": [_labels(name, system) for name in dict.fromkeys(readers) if name is not None],
    }


def _source(parameter, month, region):
    """The parameter file whose value was read: the region's own, else the level above it
    falls back to (lookup.inherits_from_parent); None where no file holds a value (a
    figure the time axis back-casts or projects, core/time_axis.py)."""
    if region is None:
        return parameter if _has_value(parameter, month) else None
    while True:
        own = parameter.children.get(REGIONS[region].key)
        if own is not None and _has_value(own, month):
            return own
        if not lookup.inherits_from_parent(parameter, region):
            return None
        region = PARENT_INDEX[region]


def _unit_of_files(node):
    """The unit a regional folder's files give (a figure the time axis made has no file)."""
    children = getattr(node, "children", {}).values()
    return next((child.metadata["unit"] for child in children if (child.metadata or {}).get("unit")), None)


def _has_value(parameter, month):
    if not hasattr(parameter, "values_list") or month is None:  # a scale (its brackets hold the values), or outside the axis
        return True
    return not numpy.isnan(lookup.table(parameter)[0, month])


def _status(code, metadata, day, source):
    """The status of the value read: its table's (with the time axis' estimated and
    projected), else the file's metadata (a scale has no status table)."""
    if code is not None and code == code:
        return lookup.STATUSES[int(code)]
    return _at_date(metadata.get("status"), day) if source is not None else None


def _at_date(dated, day):
    """A metadata entry keyed by dates (reference, status): the one in force on `day`."""
    if not isinstance(dated, dict):
        return dated
    in_force = [key for key in sorted(dated, key=str) if str(key) <= day]
    return dated[in_force[-1]] if in_force else None


def _labels(name, system):
    """{name, label_zh, label_en} of a variable: its label is the Chinese term, a space, the English."""
    label = system.variables[name].label or ""
    chinese, _, english = label.partition(" ")
    if chinese.isascii():
        chinese, english = None, label
    return {"name": name, "label_zh": chinese, "label_en": english}
