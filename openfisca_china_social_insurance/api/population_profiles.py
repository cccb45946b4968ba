"""The profiles of population rows (`population_files.to_profiles`) as columns: checked as
`api.profiles` checks each profile and set into a simulation as `api.columns` sets checked
profiles, with numpy over all persons instead of Python over each profile and year.

    people = of_rows(rows)                              # every row, as columns
    chunk = take(people, numpy.arange(0, 10_000))
    refused = refusals(chunk, system)                   # {position: the profile check's message}
    simulation = simulation(chunk, system, [career(chunk)])   # as api.build_simulation

A person gets the same inputs to the bit (each year's wage is Python's round of index x
average wage to the fen, `money.round_as_python`) and the same refusal text as through
`api.profiles`, whoever else is in the chunk.
"""

from typing import NamedTuple

import numpy

from ..core import lookup, regions, time_axis
from ..core.errors import InputError
from ..core.money import round_as_python
from . import columns
from .profiles import MIN_WORKING_AGE, before_working_age, no_average_wage

#: The columns of a population's profiles: text columns hold keys, the rest numbers and dates.
TEXTS = ("person_id", "sex", "worker_category", "insured_region", "employment_type", "shortfall_choice")
NUMBERS = ("deemed_contribution_years", "career_index")
YEARS = ("career_from", "career_to")

#: The eternal inputs of a population's profile, in the order `api.profiles` gives them:
#: (variable, column). A population's person is insured where the hukou is (no hukou column).
ETERNAL = (
    ("birth_date", "birth_date"), ("sex", "sex"), ("insured_region", "insured_region"), ("hukou_region", "insured_region"),
    ("worker_category", "worker_category"), ("deemed_contribution_years", "deemed_contribution_years"),
    ("shortfall_choice", "shortfall_choice"),
)


class Segments(NamedTuple):
    """Career segments of some persons, one per element: `months` paid each year from `first`
    to `last` on `index` x the region's average wage; the person's `career[number]`."""

    persons: numpy.ndarray  # positions among the people
    number: numpy.ndarray
    first: numpy.ndarray
    last: numpy.ndarray
    months: numpy.ndarray
    index: numpy.ndarray


def of_rows(rows):
    """{column: array} of checked population rows (population_files.read); a text column other
    than person_id as the positions of its values among its distinct values (people["keys"])."""
    people = {name: numpy.array([row[name] for row in rows], dtype=numpy.float64) for name in NUMBERS}
    people.update({name: numpy.array([row[name] for row in rows], dtype=numpy.int64) for name in YEARS})
    people["birth_date"] = numpy.array([row["birth_date"] for row in rows], dtype="datetime64[D]")
    people["person_id"] = numpy.array([row["person_id"] for row in rows], dtype=object)  # each name exactly as given
    people["keys"] = {}
    for name in TEXTS[1:]:  # each distinct key encoded once per simulation, not once per person
        people["keys"][name], people[name] = numpy.unique(numpy.array([row[name] for row in rows], dtype=str), return_inverse=True)
    return people


def take(people, positions):
    """The people at `positions` (an array of positions), in that order."""
    return {name: column if name == "keys" else column[positions] for name, column in people.items()}


def key(people, name, person):
    """The key of text column `name` for the person at `person`."""
    return str(people["keys"][name][people[name][person]])


def encoded(people, name, variable):
    """Text column `name` as `variable` stores it (enum indices)."""
    return columns.encoded(variable, people["keys"][name])[people[name]]


def names(people):
    """The persons' names, as api.assess names them (person_id)."""
    return people["person_id"].tolist()


def career(people):
    """The one segment of each person's row: career_from to career_to, 12 months on career_index."""
    count = len(people["person_id"])
    return Segments(numpy.arange(count), numpy.zeros(count, dtype=numpy.int64), people["career_from"], people["career_to"],
                    numpy.full(count, 12, dtype=numpy.int64), people["career_index"])


def average_wages(system):
    """(region x year table of the average wage each index is a multiple of, from lookup.FIRST_YEAR;
    time_axis.average_wage's region x month table): the January value, as api.profiles reads it."""
    wages = time_axis.average_wage(system.parameters)[0]
    return wages[:, ::12], wages


def _years(segments):
    """(element, year) of each year of each segment: one row per segment and year."""
    lengths = segments.last - segments.first + 1
    element = numpy.repeat(numpy.arange(len(lengths)), lengths)
    offsets = numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
    return element, segments.first[element] + numpy.arange(lengths.sum()) - offsets


def _region_indices(people):
    """Region indices of the persons' insured regions (each key looked up once)."""
    keys = people["keys"]["insured_region"]
    return numpy.array([regions.Region[key].index for key in keys.tolist()], dtype=numpy.int64)[people["insured_region"]]


def segment_refusals(people, segments, system):
    """{position: message} of the persons with a segment year the region has no average wage
    for: api.profiles's refusal of the first such segment and its first such year."""
    by_year, table = average_wages(system)
    element, years = _years(segments)
    region = _region_indices(people)[segments.persons[element]]
    missing = numpy.isnan(by_year[region, years - lookup.FIRST_YEAR])
    if not missing.any():
        return {}
    failed, first = numpy.unique(element[missing], return_index=True)  # each failing segment's first missing year
    year = years[missing][first]
    order = numpy.lexsort((segments.number[failed], segments.persons[failed]))
    refused = {}
    for at in order.tolist():  # the refused persons only: one message each
        person = int(segments.persons[failed[at]])
        if person not in refused:
            name = str(people["person_id"][person])
            field = f"{name}.career[{int(segments.number[failed[at]])}].index"
            refused[person] = str(no_average_wage(field, key(people, "insured_region", person), int(year[at]), table))
    return refused


def refusals(people, system):
    """{position: message} of the persons api.profiles refuses (each checked as its own batch):
    a career year without the region's average wage, else a career before the working age."""
    refused = segment_refusals(people, career(people), system)
    born = people["birth_date"].astype("datetime64[Y]").astype(numpy.int64) + 1970
    early = people["career_from"] < born + MIN_WORKING_AGE
    for person in numpy.flatnonzero(early).tolist():  # the refused persons only: one message each
        name, first = str(people["person_id"][person]), int(people["career_from"][person])
        refused.setdefault(person, str(before_working_age(name, first, int(born[person]))))
    return refused


def simulation(people, system, careers):
    """A Simulation of the people with the career segments `careers` ([Segments], none
    overlapping a year of the same person), as api.build_simulation builds their profiles.
    Raises InputError naming each person (`.persons`) with a year without an average wage."""
    segments = Segments(*(numpy.concatenate(parts) for parts in zip(*careers)))
    refused = segment_refusals(people, segments, system)
    if refused:
        first = min(refused)
        raise InputError(refused[first], persons={str(people["person_id"][person]): text for person, text in refused.items()})
    count = len(people["person_id"])
    built = {}
    for name, column in ETERNAL:
        variable = system.variables[name]
        values = encoded(people, column, variable) if column in people["keys"] else columns.encoded(variable, people[column])
        built[name] = {"ETERNITY": (numpy.arange(count), values)}
    by_year, _ = average_wages(system)
    element, years = _years(segments)
    persons = segments.persons[element]
    region = _region_indices(people)[persons]
    wages = round_as_python(segments.index[element] * by_year[region, years - lookup.FIRST_YEAR], 2)
    yearly = {
        "contribution_wage": wages,
        "contribution_months": segments.months[element],
        "employment_type": encoded(people, "employment_type", system.variables["employment_type"])[persons],
        "contribution_region": encoded(people, "insured_region", system.variables["contribution_region"])[persons],
    }
    yearly = {variable: numpy.asarray(values, dtype=system.variables[variable].dtype) for variable, values in yearly.items()}
    built.update(columns.yearly_columns(persons, years, yearly, count))
    return columns.simulation_of_columns(built, names(people), system)
