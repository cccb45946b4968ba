"""A simulation from checked profiles, one array per variable and period (the vectorised path).

OpenFisca's SimulationBuilder parses every period string and checks every value one at
a time: for 1,000 persons with 40-year careers that is 120,000 values and 90% of an
assessment (issue 12). The profiles that `api.profiles.checked_profiles` returns are
already checked and hold plain values (ISO dates, enum keys, numbers), so here each
(variable, period) column is built with numpy at once and set as the builder sets it: the
variable's default where a person gave nothing, the shortest periods first, through the
variable's own set_input (yearly career inputs keep their checks).
"""

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from ..core.errors import InputError
from ..core.yearly_inputs import year_period


#: The yearly inputs a checked career gives: each year is a tuple of their values, in this
#: order (a plain tuple: a named one costs more to build than the rest of a year's check).
CAREER_INPUTS = ("contribution_wage", "contribution_months", "employment_type", "contribution_region", "arrears_months")
ARREARS = CAREER_INPUTS.index("arrears_months")


def career_variables(career):
    """The yearly inputs a career {year: values} gives: arrears only where some year has them."""
    if not career:
        return []
    if any(values[ARREARS] for values in career.values()):
        return list(CAREER_INPUTS)
    return [variable for variable in CAREER_INPUTS if variable != "arrears_months"]


def career_inputs(career):
    """{variable: {year: value}} of one career {year: values}."""
    return {variable: {year: values[CAREER_INPUTS.index(variable)] for year, values in career.items()} for variable in career_variables(career)}


def _by_year(persons, years, values):
    """{year's period: (person indices, values)}, from one row per person and year."""
    order = numpy.argsort(years, kind="stable")
    found, starts = numpy.unique(years[order], return_index=True)
    return {year_period(year): (persons[rows], values[rows]) for year, rows in zip(found.tolist(), numpy.split(order, starts[1:]))}


def _career_columns(careers, system):
    """{variable: {period: (person indices, values)}} of every person's career at once."""
    persons, years, rows = [], [], []
    for index, career in enumerate(careers):
        persons += [index] * len(career)
        years += career.keys()
        rows += career.values()
    if not rows:
        return {}
    persons, years = numpy.array(persons), numpy.array(years)
    fields = dict(zip(CAREER_INPUTS, (numpy.array(column) for column in zip(*rows))))
    columns = {
        variable: _by_year(persons, years, _encoded(system.variables[variable], values))
        for variable, values in fields.items()
        if variable != "arrears_months"
    }
    arrears = fields["arrears_months"]
    with_arrears = numpy.zeros(len(careers), dtype=bool)
    with_arrears[persons[arrears > 0]] = True  # a person with arrears gives them for every year of the career
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
    return {variable: {"ETERNITY": (indices, _encoded(system.variables[variable], values))} for variable, (indices, values) in given.items()}


def _encoded(variable, values):
    """The values as the variable stores them; an enum's keys as their indices, each key looked up once."""
    if variable.value_type != Enum:
        return numpy.asarray(values, dtype=variable.dtype)
    codes = {item.name: item.index for item in variable.possible_values}
    keys, inverse = numpy.unique(numpy.asarray(values), return_inverse=True)
    if any(key not in codes for key in keys.tolist()):
        unknown = next(value for value in values if value not in codes)
        raise InputError(f"{variable.name}: {unknown!r}. Allowed: {', '.join(codes)}.")
    return numpy.array([codes[key] for key in keys.tolist()], dtype=variable.dtype)[inverse]


def profiles_simulation(checked, system):
    """A Simulation of `api.profiles.checked_profiles`' {name: (inputs, career)}, as
    SimulationBuilder would build it from the profiles' situation."""
    count = len(checked)
    columns = _eternal_columns((inputs for inputs, _ in checked.values()), system)
    columns.update(_career_columns([career for _, career in checked.values()], system))
    built = SimulationBuilder().build_default_simulation(system, count)
    population = built.persons
    population.ids = numpy.array(list(checked))
    for name, by_period in columns.items():
        variable = system.variables[name]
        holder = population.get_holder(name)
        for period in sorted(by_period, key=lambda period: periods.key_period_size(periods.period(period))):
            indices, values = by_period[period]
            array = variable.default_array(count)  # the default where a person gave nothing
            array[numpy.asarray(indices)] = values
            holder.set_input(periods.period(period), array)
    return built
