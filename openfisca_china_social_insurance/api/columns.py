"""A simulation from a checked situation, one array per variable and period (the vectorised path).

OpenFisca's SimulationBuilder parses every period string and checks every value one at
a time: for 1,000 persons with 40-year careers that is 120,000 values and 90% of an
assessment (issue 12). The situations that `api.profiles.situation` builds are already
checked and hold plain values (ISO dates, enum keys, numbers), so here each
(variable, period) column is converted at once and set as the builder sets it: the
variable's default where a person gave nothing, the shortest periods first, through the
variable's own set_input (yearly career inputs keep their checks).
"""

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from ..core.errors import InputError


def _columns(persons):
    """{variable: {period: (person indices, values)}} of a {name: {variable: {period: value}}}."""
    columns = {}
    for index, person in enumerate(persons.values()):
        for variable, values in person.items():
            by_period = columns.setdefault(variable, {})
            for period, value in values.items():
                if value is None:  # a request, not an input
                    continue
                found = by_period.setdefault(str(period), ([], []))
                found[0].append(index)
                found[1].append(value)
    return columns


def _array(variable, count, values):
    array = variable.default_array(count)
    if variable.value_type == Enum:
        codes = {item.name: item.index for item in variable.possible_values}
        unknown = [value for value in values if value not in codes]
        if unknown:
            raise InputError(f"{variable.name}: {unknown[0]!r}. Allowed: {', '.join(codes)}.")
        return array, numpy.array([codes[value] for value in values], dtype=array.dtype)
    return array, numpy.asarray(values, dtype=array.dtype)


def simulation(persons, system):
    """A Simulation of {name: {variable: {period: value}}}, as SimulationBuilder would build it."""
    count = len(persons)
    built = SimulationBuilder().build_default_simulation(system, count)
    population = built.persons
    population.ids = numpy.array(list(persons))
    for name, by_period in _columns(persons).items():
        variable = system.variables.get(name)
        if variable is None:
            raise InputError(f"{name}: not a variable of the model. Allowed: the model's variable names.")
        holder = population.get_holder(name)
        parsed = {periods.period(text): text for text in by_period}
        for period in sorted(parsed, key=periods.key_period_size):
            indices, values = by_period[parsed[period]]
            array, given = _array(variable, count, values)
            array[numpy.asarray(indices)] = given
            holder.set_input(period, array)
    return built
