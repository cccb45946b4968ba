"""Dates as month numbers: the model's clock, converted fast for millions of persons.

A month number is year x 12 + month - 1. Formulas compare retirement months, account
starts and career years as month numbers; `month_of` converts a date variable once
per simulation.
"""

import numpy

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
