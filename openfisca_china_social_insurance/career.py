"""Helpers that formulas share to walk a contribution career year by year."""

import numpy
from openfisca_core import periods

from .errors import InputError, check


def parameter_tree(population):
    """The simulation's whole parameter tree (reformed, if a reform is applied).

    Formulas get `parameters(instant)`, one instant for everybody; per-person dates
    need the tree itself, which `lookup.at` turns into region x month tables.
    """
    return population.simulation.tax_benefit_system.parameters


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


#: contribution_months of a person who gave none in a year where others did.
MONTHS_NOT_GIVEN = -1


def _check_yearly(name, period):
    if period.unit != periods.DateUnit.YEAR or period.size != 1:
        raise InputError(
            f"{name}: given for {period}. Allowed: one value per calendar year, "
            f"such as '2001' (the career is yearly)."
        )


def _yearly_array(holder, period, array):
    period = periods.period(period)
    _check_yearly(holder.variable.name, period)
    return period, holder._to_array(array)


def set_wage_input(holder, period, array):
    """set_input of contribution_wage: one calendar year at a time, never negative."""
    period, array = _yearly_array(holder, period, array)
    check(
        numpy.isfinite(array) & (array >= 0),
        f"contribution_wage {period}",
        "negative or not a number",
        "an amount >= 0 yuan a month",
        array,
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
            f"contribution_months {period}",
            "out of range",
            "0 to 12 months in a calendar year",
            array,
        )
    if not hasattr(holder, "given_inputs"):
        holder.given_inputs = {}
    holder.given_inputs[period] = array


def given_input(population, name, period):
    """The values given for a career input in `period`, or None if nobody gave any."""
    holder = population.simulation.get_holder(name)
    return getattr(holder, "given_inputs", {}).get(periods.period(period))


# numpy converts datetime64 between days and months with calendar arithmetic per
# element (~40 ms per million dates), and formulas convert the same retirement dates
# once per career year. Within these bounds a precomputed table does it by indexing
# (~5x faster, same result); other dates (NaT, far past or future) take numpy's path.
_FIRST_DAY = numpy.datetime64("1900-01-01", "D")
_DAYS = numpy.arange(_FIRST_DAY, numpy.datetime64("2201-01-01", "D"))
_MONTH_OF_DAY = _DAYS.astype("datetime64[M]").astype(numpy.int64) + 1970 * 12
_FIRST_DAY_NUMBER = int(_FIRST_DAY.astype(numpy.int64))
_FIRST_MONTH = 1900 * 12
_DAY_OF_MONTH = numpy.arange(_FIRST_MONTH, 2201 * 12, dtype=numpy.int64)
_DAY_OF_MONTH = (_DAY_OF_MONTH - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")


def _in_table(numbers, size):
    return numbers.size > 0 and numbers.min() >= 0 and numbers.max() < size


def months_of_year_before(month_numbers, year):
    """How many months of calendar `year` fall before each month number (0 to 12)."""
    return numpy.clip(month_numbers - year * 12, 0, 12)


def month_number(dates):
    """Months since year 0 of datetime64 dates: year x 12 + month - 1."""
    dates = numpy.asarray(dates)
    if dates.dtype == _DAYS.dtype and dates.size:
        days = dates.view(numpy.int64)  # days since 1970-01-01, no copy
        if days.min() >= _FIRST_DAY_NUMBER and days.max() < _FIRST_DAY_NUMBER + _MONTH_OF_DAY.size:
            return _MONTH_OF_DAY[days - _FIRST_DAY_NUMBER]
    return numpy.asarray(dates, dtype="datetime64[M]").astype(numpy.int64) + 1970 * 12


def month_of(population, variable, period):
    """month_number of a date variable, converted once per simulation.

    Formulas of every career year and of every month ask for the same retirement
    month. The conversion is kept beside the array OpenFisca caches and reused while
    OpenFisca returns that same array (its cached arrays are never modified); it is
    read-only, so that no caller can change it for the others.
    """
    dates = population(variable, period)
    memo = population.simulation.__dict__.setdefault("_month_numbers", {})
    kept = memo.get(variable)
    if kept is not None and kept[0] is dates:
        return kept[1]
    months = numpy.asarray(month_number(dates))
    months.flags.writeable = False
    memo[variable] = (dates, months)
    return months


def date_of_month_number(numbers):
    """The first day of the month of a month number (inverse of month_number)."""
    numbers = numpy.asarray(numbers, dtype=numpy.int64)
    offset = numbers - _FIRST_MONTH
    if _in_table(offset, _DAY_OF_MONTH.size):
        return _DAY_OF_MONTH[offset]
    return (numbers - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
