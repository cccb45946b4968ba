"""POST /calculate and /trace in OpenFisca's situation format, through the guarded builder.

Same request and answer as OpenFisca's own (`{"persons": {name: {variable: {period:
value}}}}`, every null replaced by its value), so existing clients work; what differs:
the situation goes through `api.situations` (region codes such as 370700 accepted, a
formula input given for part of a batch refused, months outside 0-12 refused), money is
exact to the fen, dates are ISO strings, and an ETERNITY variable asked for at
"ETERNITY" is computed (OpenFisca alone cannot pick a formula for that period). A renamed
variable's old name (variables/deprecated.py) is answered as asked, and the answer says
under `deprecations` which name replaces it.
"""

from openfisca_core import periods
from openfisca_core.errors import PeriodMismatchError
from openfisca_web_api import handlers

from ..api import ANY_MONTH, naming_persons, situations
from ..core import lookup
from ..core.errors import InputError
from ..variables.deprecated import RENAMED, deprecation
from .body import DEFAULT_MAX_PERSONS, json_object, within_limit
from .json_output import plain


def _requests(persons):
    """[(person, variable, period as given)] of every null in the situation."""
    return [
        (name, variable, period)
        for name, person in persons.items()
        for variable, values in person.items()
        if isinstance(values, dict)
        for period, value in values.items()
        if value is None
    ]


def _period(system, variable, period, field):
    """The period to compute `variable` at: an eternal variable at any month."""
    definition = system.variables[variable].definition_period
    if definition == periods.ETERNITY:
        return ANY_MONTH
    kind = {periods.MONTH: ("monthly", "a month, e.g. 2025-09"), periods.YEAR: ("yearly", "a year, e.g. 2025")}.get(definition)
    if kind and str(period).upper() == "ETERNITY":  # was "'ETERNITY' is outside the model's years"
        raise InputError(f"{field}: {variable} is a {kind[0]} figure, asked for {period!r}. Allowed: {kind[1]}.", field=field)
    try:
        asked = periods.period(period)
    except (ValueError, TypeError):
        raise InputError(f"{field}: {period!r} is not a period. Allowed: e.g. 2025-09 (a month) or 2025 (a year).", field=field) from None
    if not lookup.FIRST_YEAR <= asked.start.year <= lookup.LAST_YEAR or not asked.stop.year <= lookup.LAST_YEAR:
        # Every figure is read from the model's years: a lookup's own refusal named no input ("date 2101-09-01").
        raise InputError(f"{field}: {period!r} is outside the model's years. Allowed: periods from {lookup.FIRST_YEAR}-01 to {lookup.LAST_YEAR}-12.",
                         field=field)
    if definition == periods.YEAR and asked.unit != periods.YEAR:
        raise InputError(f"{field}: {variable} is a yearly figure, asked for {period!r}. Allowed: a year, e.g. {asked.start.year}.", field=field)
    if definition == periods.MONTH and (asked.unit != periods.MONTH or asked.size != 1):
        raise InputError(f"{field}: {variable} is a monthly figure, asked for {period!r}. Allowed: a month, e.g. 2025-09.", field=field)
    return str(asked)


def _persons_within(body, max_persons):
    """Refuse more persons than the server's limit (413): OpenFisca's builder takes time in the
    square of the persons (60,000 payroll persons ran past the worker's timeout, a 500)."""
    persons = body["persons"]
    if isinstance(persons, dict):
        within_limit(len(persons), max_persons, "persons")


def calculate(system, max_persons=DEFAULT_MAX_PERSONS):
    body = json_object({"persons"}, required=("persons",))
    _persons_within(body, max_persons)
    simulation = situations.build(body, system, warn=False)  # the answer says it
    persons = body["persons"]
    computed = {}
    index_of = {name: index for index, name in enumerate(simulation.persons.ids)}
    for name, variable, period in _requests(persons):
        field = situations.path(name, variable, period)
        at = _period(system, variable, period, field)
        if (variable, at) not in computed:
            try:
                computed[variable, at] = simulation.calculate(variable, at)
            except PeriodMismatchError as error:
                raise InputError(f"{field}: {error.message}", field=field) from None
            except InputError as error:  # the model's refusal, with the persons as the body names them
                raise refused(error, list(simulation.persons.ids), system, variable, period) from None
        values = computed[variable, at]
        index = index_of[name]
        value = values.decode()[index] if hasattr(values, "decode") else values[index]
        persons[name][variable][period] = plain(value, system.variables[variable].unit)
    return _with_deprecations(body, persons)


def refused(error, names, system, variable=None, period=None):
    """The model's refusal with the persons named as the body names them and its `field` the
    situation's path (persons/p/wage/2025-08): the input it refuses (`InputError.variable` and
    `.period`, data, whatever language its message is in), for the first person it refuses; else
    the variable asked (`variable` at `period`)."""
    named = naming_persons(error, names)
    if named.field:
        return named
    person = next(iter(named.persons), None)
    if named.variable in system.variables and person is not None:
        named.field = situations.missing_path(person, named.variable, named.period or "ETERNITY")
    elif person is not None and variable is not None:
        named.field = situations.path(person, variable, period)
    return named


def _with_deprecations(answer, persons):
    """The answer, with {variable, use, message} for each old name the situation used."""
    old = situations.old_names(persons)
    if old:
        answer["deprecations"] = [{"variable": name, "use": RENAMED[name], "message": deprecation(name)} for name in old]
    return answer


def trace(system, max_persons=DEFAULT_MAX_PERSONS):
    body = json_object({"persons"}, required=("persons",))
    _persons_within(body, max_persons)
    persons = situations.checked(body, system, warn=False)  # the same checks as /calculate, once
    try:
        answer = situations.simulation_of(persons, system, handlers.trace)
    except InputError as error:  # the model's refusal, with the persons as the body names them
        raise refused(error, list(persons), system) from None
    return _with_deprecations(answer, body["persons"])
