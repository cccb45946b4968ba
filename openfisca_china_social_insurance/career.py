"""Helpers that formulas share to walk a contribution career year by year."""

import numpy

from .errors import InputError


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
        for period in simulation.get_holder(name).get_known_periods():
            if period.unit != "year" or period.size != 1:
                raise InputError(
                    f"{name}: given for {period}. Allowed: one value per calendar year, "
                    f"such as '2001' (the career is yearly)."
                )
            years.add(period.start.year)
    return sorted(years)


def month_number(dates):
    """Months since year 0 of datetime64 dates: year x 12 + month - 1."""
    return numpy.asarray(dates, dtype="datetime64[M]").astype(numpy.int64) + 1970 * 12


def date_of_month_number(numbers):
    """The first day of the month of a month number (inverse of month_number)."""
    return (numpy.asarray(numbers, dtype=numpy.int64) - 1970 * 12).astype("datetime64[M]").astype(
        "datetime64[D]"
    )
