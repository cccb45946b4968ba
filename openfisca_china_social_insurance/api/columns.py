"""A simulation from checked profiles, one array per variable and period (the vectorised path).

OpenFisca's SimulationBuilder parses every period string and checks every value one at
a time: for 1,000 persons with 40-year careers that is 120,000 values and 90% of an
assessment (issue 12). The profiles that `api.profiles.checked_profiles` returns are
already checked and hold plain values (ISO dates, enum keys, numbers), so here each
(variable, period) column is built with numpy at once and set as the builder sets it: the
variable's default where a person gave nothing, the shortest periods first, through the
variable's own set_input (yearly career inputs keep their checks).
"""

from typing import NamedTuple

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from ..core.errors import InputError
from ..core.i18n import Named
from ..core.yearly_inputs import year_period


class Segment(NamedTuple):
    """Years of a checked career that share every yearly input but the wage."""

    years: range
    wages: list  # yuan a month, one per year
    months: int
    employment_type: str
    region: str
    arrears_months: int


#: The yearly input each field of Segment gives (arrears only where some year has them).
CAREER_INPUTS = {
    "wages": "contribution_wage", "months": "contribution_months", "employment_type": "employment_type",
    "region": "contribution_region", "arrears_months": "arrears_months",
}


def career_variables(career):
    """The yearly inputs a career [Segment] gives."""
    with_arrears = any(segment.arrears_months for segment in career)
    return [variable for field, variable in CAREER_INPUTS.items() if career and (field != "arrears_months" or with_arrears)]


def career_years(career):
    """The calendar years of a career [Segment], in the order given."""
    return [year for segment in career for year in segment.years]


def career_inputs(career):
    """{variable: {year: value}} of one career [Segment]."""
    fields = {variable: field for field, variable in CAREER_INPUTS.items()}
    inputs = {}
    for variable in career_variables(career):
        field = fields[variable]
        inputs[variable] = {
            year: value
            for segment in career
            for year, value in zip(segment.years, segment.wages if field == "wages" else [getattr(segment, field)] * len(segment.years))
        }
    return inputs


def _by_year(persons, years, values):
    """{year's period: (person indices, values)}, from one row per person and year."""
    return {period: (persons[rows], values[rows]) for period, rows in _rows_by_year(years).items()}


def _rows_by_year(years):
    """{year's period: the rows of that year, in their order}."""
    order = numpy.argsort(years.astype(numpy.int16), kind="stable")  # years fit 16 bits: numpy's radix sort
    found, starts = numpy.unique(years[order], return_index=True)
    return {year_period(year): rows for year, rows in zip(found.tolist(), numpy.split(order, starts[1:]))}


def _career_columns(careers, system):
    """{variable: {period: (person indices, values)}} of every person's career at once:
    each segment's constant inputs repeated over its years by numpy, not year by year."""
    segments = [(index, segment) for index, career in enumerate(careers) for segment in career]
    if not segments:
        return {}
    lengths = numpy.array([len(segment.years) for _, segment in segments])
    persons = numpy.repeat([index for index, _ in segments], lengths)
    offsets = numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
    years = numpy.repeat([segment.years.start for _, segment in segments], lengths) + numpy.arange(lengths.sum()) - offsets
    fields = {"wages": numpy.array([wage for _, segment in segments for wage in segment.wages])}
    for field in ("months", "employment_type", "region", "arrears_months"):
        fields[field] = numpy.repeat([getattr(segment, field) for _, segment in segments], lengths)
    values = {CAREER_INPUTS[field]: encoded(system.variables[CAREER_INPUTS[field]], column) for field, column in fields.items()}
    return yearly_columns(persons, years, values, len(careers))


def yearly_columns(persons, years, values, count):
    """{variable: {period: (person indices, values)}} from one row per person and career
    year: `values` {variable: column, as the variable stores it}. Arrears are set only for
    the persons who have some, for every year of their careers (as a profile gives them)."""
    values = dict(values)
    arrears = values.pop("arrears_months", None)
    by_year = {period: (rows, persons[rows]) for period, rows in _rows_by_year(years).items()}  # sorted once for every input
    columns = {variable: {period: (who, column[rows]) for period, (rows, who) in by_year.items()} for variable, column in values.items()}
    if arrears is not None:
        with_arrears = numpy.zeros(count, dtype=bool)
        with_arrears[persons[arrears > 0]] = True
        if with_arrears.any():
            keep = with_arrears[persons]
            columns["arrears_months"] = _by_year(persons[keep], years[keep], arrears[keep])
    return columns


def _eternal_columns(inputs, system):
    """{variable: {"ETERNITY": (person indices, values)}} of every person's eternal inputs."""
    given = {}
    for index, person in enumerate(inputs):
        for variable, value in person.items():
            found = given.setdefault(variable, ([], []))
            found[0].append(index)
            found[1].append(value)
    return {variable: {"ETERNITY": (indices, encoded(system.variables[variable], values))} for variable, (indices, values) in given.items()}


def encoded(variable, values):
    """The values as the variable stores them; an enum's keys as their indices, each key looked up once."""
    if variable.value_type != Enum:
        return numpy.asarray(values, dtype=variable.dtype)
    codes = {item.name: item.index for item in variable.possible_values}
    keys, inverse = numpy.unique(numpy.asarray(values), return_inverse=True)
    if any(key not in codes for key in keys.tolist()):
        unknown = next(value for value in values if value not in codes)
        raise InputError.of("option_value", option=Named(variable.name), value=repr(unknown), allowed=", ".join(codes))
    return numpy.array([codes[key] for key in keys.tolist()], dtype=variable.dtype)[inverse]


def profiles_simulation(checked, system):
    """A Simulation of `api.profiles.checked_profiles`' {name: (inputs, career)}, as
    SimulationBuilder would build it from the profiles' situation."""
    columns = _eternal_columns((inputs for inputs, _ in checked.values()), system)
    columns.update(_career_columns([career for _, career in checked.values()], system))
    return simulation_of_columns(columns, list(checked), system)


def simulation_of_columns(columns, names, system):
    """A Simulation of the persons `names` from {variable: {period: (person indices, values
    as stored)}}: the variable's default where a person gave nothing, the shortest periods first."""
    count = len(names)
    built = SimulationBuilder().build_default_simulation(system, count)
    population = built.persons
    population.ids = numpy.array(names)
    for name, by_period in columns.items():
        variable = system.variables[name]
        holder = population.get_holder(name)
        for period in sorted(by_period, key=lambda period: periods.key_period_size(periods.period(period))):
            indices, values = by_period[period]
            array = variable.default_array(count)  # the default where a person gave nothing
            array[numpy.asarray(indices)] = values
            holder.set_input(periods.period(period), array)
    return built
