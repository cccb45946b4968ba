"""The time axis of statistical series: every region, every month from 1950 to 2100.

Average wages and calculation bases are published year by year, and each regional file
ends with null after its last published year. A career or an assessment outside the
published years still needs a figure, and it gets one from a named rule, never from a
silently carried value:

- before a region's first published value, and in a gap between two: the next published
  value moved by the national series (value x nation(month) / nation(next value's
  month)), or another series given as `before_first` (a calculation base before its first
  published year is that year's average wage: 计发基数 = 上年度职工平均工资; a city with a
  base of its own, `inherits: false`, moves its first base back by that wage's growth
  instead of taking its level). Status estimated;
- after the last published value: grown by the assumption `growth` (a yearly rate read in
  January of each year, parameters/projection/), or replaced by the assumption `after_last`
  (a rate such as the crediting rate). Status projected.

Each call returns (values, status) tables, region x month, that `lookup.at` reads like a
parameter's own table. Loops run over regions (a few dozen), never over persons.
"""

import numpy

from . import lookup
from .regions import Region

PROJECTED = float(lookup.STATUS_CODE["projected"])
ESTIMATED = float(lookup.STATUS_CODE["estimated"])
NATION = Region.nation.index


def _yearly_growth_factor(growth):
    """Cumulative growth by month: prod over the years up to the month's of (1 + rate in January)."""
    rates = numpy.nan_to_num(lookup.table(growth)[0][::12])  # the rate in force on 1 January of each year
    by_year = numpy.cumprod(1 + rates)
    return numpy.repeat(by_year, 12)


def _fill_before(values, status, row, index_row):
    """Gaps before the last published value, back-cast from the next value by `index_row`."""
    known = numpy.flatnonzero(~numpy.isnan(values[row]))
    if not known.size:
        return
    gaps = numpy.flatnonzero(numpy.isnan(values[row][: known[-1]]))
    if not gaps.size:
        return
    following = known[numpy.searchsorted(known, gaps)]  # the next published month of each gap
    moved = numpy.round(values[row][following] * index_row[gaps] / index_row[following], 2)  # to the fen
    ok = ~numpy.isnan(moved)
    values[row][gaps[ok]] = moved[ok]
    status[row][gaps[ok]] = numpy.maximum(ESTIMATED, status[row][following[ok]])


def extended(node, growth=None, after_last=None, before_first=None):
    """(values, status) of a regional series with the time axis filled (see the module doc).

    `growth`: a yearly-rate Parameter; `after_last`: a Parameter whose value replaces the
    series after its last value; `before_first`: (values, status) tables to take before a
    region's first value and in its gaps, instead of back-casting by the national series.
    """
    kind = ("extended", id(growth), id(after_last), None if before_first is None else id(before_first[0]))
    return lookup.cached(node, kind, lambda node: _extend(node, growth, after_last, before_first))


def _extend(node, growth, after_last, before_first):
    values, status = lookup.table(node).copy(), lookup.status_table(node).copy()
    factor = _yearly_growth_factor(growth) if growth is not None else None
    replacement = lookup.table(after_last)[0] if after_last is not None else None
    nation = values[NATION].copy()
    children = getattr(node, "children", {})
    own_system = {Region[key].index for key, child in children.items() if not (child.metadata or {}).get("inherits", True)}
    for row in range(values.shape[0]):
        if before_first is not None and row in own_system:
            # A city with a series of its own (a base above or below its province's average wage):
            # its first value moved back by the growth of that average wage, not the wage's level.
            _fill_before(values, status, row, before_first[0][row])
        elif before_first is not None:
            missing = numpy.isnan(values[row])
            known = numpy.flatnonzero(~missing)
            before = missing & (numpy.arange(values.shape[1]) < (known[-1] if known.size else values.shape[1]))
            values[row][before] = before_first[0][row][before]
            status[row][before] = before_first[1][row][before]
        elif row != NATION and (node.metadata or {}).get("statistical_series"):
            _fill_before(values, status, row, nation)
        known = numpy.flatnonzero(~numpy.isnan(values[row]))
        if not known.size:
            continue
        last = known[-1]
        if factor is not None:
            values[row][last + 1 :] = numpy.round(values[row][last] * factor[last + 1 :] / factor[last], 2)  # to the fen
        elif replacement is not None:
            values[row][last + 1 :] = replacement[last + 1 :]
        status[row][last + 1 :] = numpy.where(numpy.isnan(values[row][last + 1 :]), numpy.nan, PROJECTED)
    values.flags.writeable = status.flags.writeable = False
    return values, status


def _yearly_uprating(tree):
    """The uprating of pensions in each year (published, then the assumption); NaN where neither is known."""
    published = lookup.table(tree.pension.benefit.uprating)[0][::12]
    assumed = lookup.table(tree.projection.pension_uprating)[0][::12]
    return numpy.where(numpy.isnan(published), assumed, published)


def _average_pension(node, rates):
    values, status = lookup.table(node).copy(), lookup.status_table(node).copy()
    # growth[y] / growth[x] moves a year-x average to year y; a year without a rate breaks the chain.
    growth = numpy.repeat(numpy.cumprod(1 + numpy.nan_to_num(rates)), 12)
    unknown = numpy.repeat(numpy.cumsum(numpy.isnan(rates)), 12)
    months = numpy.arange(values.shape[1])
    for row in range(values.shape[0]):
        known = numpy.flatnonzero(~numpy.isnan(values[row]))
        if not known.size:
            continue
        missing = numpy.isnan(values[row])
        before = missing & (months < known[-1])
        source = numpy.where(before, known[numpy.minimum(numpy.searchsorted(known, months), known.size - 1)], known[-1])
        chained = (unknown[numpy.maximum(months, source)] - unknown[numpy.minimum(months, source)]) == 0
        moved = numpy.round(values[row][source] * growth[months] / growth[source], 2)
        fill = missing & chained
        values[row][fill] = moved[fill]
        status[row][fill & before] = numpy.maximum(ESTIMATED, status[row][source[fill & before]])
        status[row][fill & ~before] = PROJECTED
        status[row][missing & ~chained] = numpy.nan
    values.flags.writeable = status.flags.writeable = False
    return values, status


def average_pension(tree):
    """Provincial average pensions (the base of Yunnan's one-child addition), every month.

    Published by year; before the first published year and in gaps, back-cast by the yearly
    uprating of pensions (pension.benefit.uprating, from 2016; estimated); after the last,
    uprated by the published rate, then projection.pension_uprating (projected). No value
    where no rate links a year to a published one.
    """
    node = tree.pension.benefit.extra_pension.one_child.average_pension
    kind = ("uprated", id(tree.pension.benefit.uprating), id(tree.projection.pension_uprating))
    return lookup.cached(node, kind, lambda node: _average_pension(node, _yearly_uprating(tree)))


def first_national_year(values):
    """The first year the national row of an extended table has a value: back-casts reach no further."""
    return lookup.FIRST_YEAR + int(numpy.flatnonzero(~numpy.isnan(values[NATION]))[0]) // 12


def average_wage(tree):
    """The average wage of every region and month, back-cast and projected."""
    return extended(tree.common.average_wage, growth=tree.projection.average_wage_growth)


def pension_calculation_base(tree):
    """Calculation bases: published, else the year's average wage before the first one, then projected."""
    return extended(tree.pension.benefit.pension_calculation_base, growth=tree.projection.average_wage_growth, before_first=average_wage(tree))


def indexed_wage_base(tree):
    """Average wages a region's index multiplies instead of the base (Henan): published, then
    grown like the average wage. NaN before the first: the calculation base stands in."""
    return extended(tree.pension.benefit.indexed_wage_base, growth=tree.projection.average_wage_growth)


def crediting_rate(tree):
    """Crediting rates: published, then the projected rate."""
    return extended(tree.pension.personal_account.crediting_rate, after_last=tree.projection.crediting_rate)


#: The regional parameters the model reads through the time axis, by dotted path: what the
#: region tools show where no file sets a value (a back-cast or a projection).
SERIES = {
    "common.average_wage": average_wage,
    "pension.benefit.pension_calculation_base": pension_calculation_base,
    "pension.benefit.indexed_wage_base": indexed_wage_base,
    "pension.personal_account.crediting_rate": crediting_rate,
    "pension.benefit.extra_pension.one_child.average_pension": average_pension,
}
