"""The yearly career inputs: which years were given, and how given values are kept.

OpenFisca fills a person who gave no value for a year with the variable's default and
then never runs its formula; these set_input functions keep the given values aside so
that the formulas can complete each person's own career (see keep_given_input).
"""

import functools

import numpy
from openfisca_core import periods

from .errors import InputError, check
from .i18n import Named


def career_years(population):
    """The calendar years for which a career input (wage or months) was given, sorted.

    Only these years are walked, so a 40-year career costs 40 steps whatever the
    range of birth years in the population, and no default arrays are built for
    years nobody worked.
    """
    simulation = population.simulation
    years = set()
    for name in ("contribution_wage", "contribution_months"):
        holder = simulation.get_holder(name)
        for period in list(holder.get_known_periods()) + list(getattr(holder, "given_inputs", {})):
            _check_yearly(name, period)
            years.add(period.start.year)
    return sorted(years)


@functools.cache
def year_period(year):
    """The OpenFisca period of calendar `year`, built once: a formula that loops over career
    years asks for ~1,000 values per assessment, and a period string such as "2001" is
    parsed again on every one of them (a third of one person's assessment, issue 12)."""
    return periods.period(int(year))


#: contribution_months of a person who gave none in a year where others did.
MONTHS_NOT_GIVEN = -1


def _check_yearly(name, period):
    if period.unit != periods.DateUnit.YEAR or period.size != 1:
        raise InputError.of("not_yearly", name=Named(name), period=str(period))


def _yearly_array(holder, period, array):
    period = periods.period(period)
    _check_yearly(holder.variable.name, period)
    return period, holder._to_array(array)


def set_wage_input(holder, period, array):
    """set_input of contribution_wage: one calendar year at a time, never negative."""
    period, array = _yearly_array(holder, period, array)
    check(
        numpy.isfinite(array) & (array >= 0),
        "contribution_wage",
        "negative or not a number",
        "an amount >= 0 yuan a month",
        array,
        period=str(period),
    )
    holder._set(period, array)


def keep_given_input(holder, period, array):
    """set_input of a career input whose missing value is a formula (months, region).

    OpenFisca fills the persons who gave nothing for a year with the variable's
    default, and then never runs the formula for that year: one person's months in
    2003 would set everybody else's to the default. So the given values are kept
    aside, the formula runs for everybody, and `given_input` tells it who gave what.
    """
    period, array = _yearly_array(holder, period, array)
    if holder.variable.name == "contribution_months":
        check(
            (array == MONTHS_NOT_GIVEN) | ((array >= 0) & (array <= 12)),
            "contribution_months",
            "out of range",
            "0 to 12 months in a calendar year",
            array,
            period=str(period),
        )
    if not hasattr(holder, "given_inputs"):
        holder.given_inputs = {}
    holder.given_inputs[period] = array


def given_input(population, name, period):
    """The values given for a career input in `period`, or None if nobody gave any."""
    holder = population.simulation.get_holder(name)
    return getattr(holder, "given_inputs", {}).get(periods.period(period))


