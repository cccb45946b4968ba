"""A population's persons assessed as `api.assess_each` assesses their profiles
(`population_files.to_profiles`), from the rows' columns (`population_profiles`): the
same values and the same refusal of each person, by name and with the person's own text.

    values, refused = assess_each(people, system, ("monthly_pension",))
    values["monthly_pension"][i]    # as api.assess_each's row gives it; None where refused
    refused["p7"]                   # InputError, str() as assess_each's

What is the same as api.assess, and why the results are equal:
- a person refused by the profile check (a career year without an average wage, a career
  before the working age) is refused with the check's text, the others assessed together;
- the model's refusals are isolated by `batch.isolating`, as assess_each isolates them;
- a person short of the minimum years who keeps contributing is assessed again on the
  career `shortfall.continued` writes (the months still missing, on the last year's index
  up to the cap, from the year after the career or the statutory retirement year);
- values come as api.assess's rows give them (`profiles.plain_values`: floats to 4 places).

A group simulated again after a refusal starts from what the group before computed for its
persons (`simulation_reuse.Reuse`), and after a refusal of continued careers the persons left
keep their first assessment when it is read at the same month: as for chunks of any size, a
person's values do not depend on who else is simulated. tests/population/test_population_columns.py and
benchmarks/population_records.py compare every record with api.assess_each's.
"""

import numpy

from ..core.errors import InputError
from ..core.money import round_as_python
from . import batch, population_profiles, shortfall
from .profiles import ALWAYS_REPORTED, naming_persons, plain_values, values_at_retirement
from .simulation_reuse import Reuse


def assess_each(people, system, variables):
    """({variable: [value, None where refused]}, {name: InputError}) of the people in order."""
    refused = {str(people["person_id"][person]): text for person, text in population_profiles.refusals(people, system).items()}
    positions = {name: position for position, name in enumerate(population_profiles.names(people)) if name not in refused}
    extra = (*shortfall.READ, *ALWAYS_REPORTED, "retirement_date")
    read = tuple(variables) + tuple(variable for variable in extra if variable not in variables)
    as_given, continued = Reuse(), Reuse()
    assessed = {}  # the last group assessed on its careers as given: {"offsets": {name: offset}, "values": {variable: array}}

    def first_assessment(group, part):
        """values_at_retirement of the careers as given. After a refusal of continued careers,
        the persons left keep the values of the group assessed before, when read at the same month."""
        if assessed and group.keys() <= assessed["offsets"].keys():
            offsets = numpy.array([assessed["offsets"][name] for name in group], dtype=numpy.int64)
            values = {variable: array[offsets] for variable, array in assessed["values"].items()}
            if _month(values["retirement_date"]) == _month(assessed["values"]["retirement_date"]):
                return values
        simulation = as_given.seeded(list(group), population_profiles.simulation(part, system, [population_profiles.career(part)]))
        values = values_at_retirement(simulation, read)
        assessed.update(offsets={name: offset for offset, name in enumerate(group)}, values=values)
        return values

    def compute(group):
        part = _part(people, group)
        values = first_assessment(group, part)
        plain = {variable: plain_values(values[variable]) for variable in variables}
        continuing, extension = _continuation(part, values, system)
        if continuing.size:  # their rows are those of the extended careers, as api.assess's
            extended = population_profiles.take(part, continuing)
            names = list(group)
            simulation = population_profiles.simulation(extended, system, [population_profiles.career(extended), extension])
            simulation = continued.seeded([names[offset] for offset in continuing.tolist()], simulation)
            again = values_at_retirement(simulation, (*variables, *ALWAYS_REPORTED))
            for variable in variables:
                for offset, value in zip(continuing.tolist(), plain_values(again[variable])):
                    plain[variable][offset] = value
        return {name: (plain, offset) for offset, name in enumerate(group)}

    found, failed = batch.isolating(compute, positions)
    return _by_person(found, people, variables), {**{name: InputError(text) for name, text in refused.items()}, **failed}


def yearly_each(people, system, variables, year):
    """({variable: [amount of `year` to the fen, None where refused]}, {name: InputError}) of the
    people in order, on their careers as given, as population_impact computes them."""
    positions = {name: position for position, name in enumerate(population_profiles.names(people))}
    simulations = Reuse()

    def compute(group):
        part = _part(people, group)
        simulation = simulations.seeded(list(group), population_profiles.simulation(part, system, [population_profiles.career(part)]))
        try:
            values = {variable: simulation.calculate(variable, str(year)) for variable in variables}
        except InputError as error:
            raise naming_persons(error, list(group)) from None
        rounded = {variable: round_as_python(values[variable], 2).tolist() for variable in variables}
        return {name: (rounded, offset) for offset, name in enumerate(group)}

    found, failed = batch.isolating(compute, positions) if positions else ({}, {})
    return _by_person(found, people, variables), failed


def _part(people, group):
    """The people of a group ({name: position}), in its order."""
    return population_profiles.take(people, numpy.fromiter(group.values(), dtype=numpy.int64, count=len(group)))


def _by_person(found, people, variables):
    """{variable: [each person's value, None where refused]} from batch.isolating's {name: (values, offset)}."""
    names = population_profiles.names(people)
    return {variable: [found[name][0][variable][found[name][1]] if name in found else None for name in names] for variable in variables}


def _month(retirement_dates):
    """The month values_at_retirement reads a group's values at: its latest retirement."""
    return str(retirement_dates.max())[:7]


def _continuation(people, values, system):
    """(positions, Segments): the persons `shortfall.continued` extends, and the months it
    writes into their careers (a whole-year segment, then the months of a last year)."""
    months = numpy.asarray(values["months_short_of_minimum"]).astype(numpy.int64)
    choice = values["shortfall_choice"].decode_to_str()
    who = numpy.asarray(values["shortfall_choice_open"], dtype=bool) & (choice == "continue_contributing") & (months > 0)
    last = people["career_to"]
    statutory = numpy.asarray(values["statutory_retirement_date"]).astype("datetime64[Y]").astype(numpy.int64) + 1970
    first = numpy.maximum(last + 1, statutory)
    full, rest = numpy.divmod(months, 12)
    who &= ~(first + full - (rest == 0) > shortfall.LAST_YEAR)  # not past the end of the model's time axis
    continuing = numpy.flatnonzero(who)
    if not continuing.size:
        return continuing, None
    # Paid on at most the cap of the contribution base of the career's last year (a wage above it was
    # never paid on); none before the band's first year: not continued, as shortfall.continued.
    cap = system.parameters.common.contribution_base_band.cap
    years, inverse = numpy.unique(last[continuing], return_inverse=True)
    caps = numpy.array([cap(f"{year}-12-01") for year in years.tolist()], dtype=numpy.float64)[inverse]  # None as NaN
    continuing, caps = continuing[~numpy.isnan(caps)], caps[~numpy.isnan(caps)]
    if not continuing.size:
        return continuing, None
    last, first, full, rest = last[continuing], first[continuing], full[continuing], rest[continuing]
    index = numpy.minimum(people["career_index"][continuing], caps)
    index = round_as_python(index, 6)
    whole, part = numpy.flatnonzero(full > 0), numpy.flatnonzero(rest > 0)
    extension = population_profiles.Segments(
        persons=numpy.concatenate([whole, part]),
        number=numpy.concatenate([numpy.ones(whole.size, dtype=numpy.int64), 1 + (full[part] > 0)]),
        first=numpy.concatenate([first[whole], first[part] + full[part]]),
        last=numpy.concatenate([first[whole] + full[whole] - 1, first[part] + full[part]]),
        months=numpy.concatenate([numpy.full(whole.size, 12, dtype=numpy.int64), rest[part]]),
        index=numpy.concatenate([index[whole], index[part]]),
    )
    return continuing, extension



