"""Run the model over a large population, in chunks of persons if asked.

OpenFisca caches every intermediate array, about ten per person and career year
(some 2.5 GiB per million persons with 40-year careers), so memory grows with persons x
years. `simulate_population` runs the population through the model
chunk by chunk (a fresh simulation each time, the parameter tables built once) and
keeps only the requested outputs: peak memory is that of one chunk plus inputs and
outputs, and results do not depend on the chunk size (persons are independent).
"""

import gc

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder

from ..core.errors import InputError, check
from ..core.i18n import phrase


def _variable(system, name, what):
    if name not in system.variables:
        raise InputError.of("unknown_model_variable", what=what, name=name)
    return system.variables[name]


def _sized(inputs):
    sizes = set()
    for name, value in inputs.items():
        for array in value.values() if isinstance(value, dict) else (value,):
            sizes.add(len(array))
    if len(sizes) > 1:
        raise InputError.of("input_lengths", sizes=sorted(sizes))
    return sizes.pop() if sizes else 0


def _set(simulation, system, name, period, array):
    variable = _variable(system, name, "inputs")
    if getattr(variable, "possible_values", None) is not None and numpy.issubdtype(array.dtype, numpy.integer):
        # Enum inputs given as indices (compact: one byte a person) need no string parsing.
        size = len(variable.possible_values)
        check((array >= 0) & (array < size), name, "enum index out of range", phrase("0 to {last}", last=size - 1), array, period=str(period))
        array = EnumArray(array.astype(numpy.int16), variable.possible_values)
    elif variable.dtype != object and array.dtype != variable.dtype and not isinstance(array, EnumArray):
        array = array.astype(variable.dtype)
    simulation.set_input(name, period, array)


def chunk_simulations(inputs, chunk_size=None, tax_benefit_system=None):
    """(start, stop, simulation) for each chunk of `chunk_size` persons of `inputs` (as in
    simulate_population), the inputs set; each simulation is freed once the next is asked for."""
    if tax_benefit_system is None:
        from .. import default_system

        tax_benefit_system = default_system()
    count = _sized(inputs)
    chunk_size = count if not chunk_size else int(chunk_size)
    if chunk_size <= 0 and count:
        raise InputError.of("option_value", option="chunk_size", value=chunk_size, allowed=phrase("a number of persons >= 1, or None for all at once"))
    for start in range(0, count, max(chunk_size, 1)):
        stop = min(start + chunk_size, count)
        simulation = SimulationBuilder().build_default_simulation(tax_benefit_system, stop - start)
        for name, value in inputs.items():
            if isinstance(value, dict):
                for period, array in value.items():
                    _set(simulation, tax_benefit_system, name, period, numpy.asarray(array[start:stop]))
            else:
                _set(simulation, tax_benefit_system, name, periods.period(periods.ETERNITY), numpy.asarray(value[start:stop]))
        yield start, stop, simulation
        del simulation
        gc.collect()  # free the chunk's cached arrays before the next one is built


def calculate(simulation, name, period):
    """`name` for `period`: its own period, or summed over a longer one (calculate_add)."""
    period = periods.period(period)
    variable = _variable(simulation.tax_benefit_system, name, "variables")
    own = variable.definition_period == periods.ETERNITY or (period.unit == variable.definition_period and period.size == 1)
    return numpy.asarray(simulation.calculate(name, period) if own else simulation.calculate_add(name, period))


def simulate_population(inputs, variables, chunk_size=None, tax_benefit_system=None):
    """Compute `variables` for every person of `inputs`, `chunk_size` persons at a time.

    inputs: {variable: array} for eternal inputs (ETERNITY variables) or
        {variable: {period: array}} for periodic ones, e.g. {"contribution_wage":
        {"2001": wages_2001, ...}}. Enum inputs may be arrays of enum indices.
    variables: {variable: period}. An eternal variable takes any month or year (e.g.
        "2025-12"). A period longer than the variable's own (a monthly variable over
        "month:2023-01:36") is summed over it (calculate_add). Enum outputs come back
        as enum indices.
    chunk_size: persons per simulation; None runs everybody at once.
    Returns {variable: array} in the order of the inputs' persons.
    """
    count = _sized(inputs)
    outputs = {}
    for start, stop, simulation in chunk_simulations(inputs, chunk_size, tax_benefit_system):
        for name, period in variables.items():
            result = calculate(simulation, name, period)
            if name not in outputs:
                outputs[name] = numpy.empty(count, dtype=result.dtype)
            outputs[name][start:stop] = result
    return outputs
