"""A guarded builder for OpenFisca situations: bad input raises InputError, never a traceback.

`build({"persons": {...}})` takes the situation format of OpenFisca's YAML tests and web
API (`{"persons": {name: {variable: {period: value}}}}`; a bare `{name: person}` also
works) and, before building:

- resolves every region input (insured_region, hukou_region, contribution_region) with
  `regions.resolve`, so a GB/T 2260 code or a Chinese name works and an unknown one is
  refused naming the nearest keys;
- refuses a value without its period (`"wage": 5000`, `"monthly_pension": null`) and an ETERNITY
  variable given for two periods (one value would be dropped);
- refuses contribution_months outside 0-12 (the model reads -1 as "not given", so a
  typed -1 would silently count as 12 months);
- refuses an approval form's figure outside the range of its override in api.assess
  (api/overrides.py), NaN and infinity, a count with a fraction, and a monthly input
  given for a year (or a yearly one for a month);
- refuses a job loss without the facts of 失业保险条例 art.14 (involuntary, years paid),
  whose defaults would read as not entitled;
- marks a given base, indexed wage, balance, average pension or pooling area's average wage
  (work injury) official in the statuses, unless the situation gives its status
  (GIVEN_FIGURE_STATUS);
- refuses a formula variable given for some persons and not others (OpenFisca would give
  the others the variable's default instead of running the formula: a silent wrong value).
  The yearly career inputs contribution_months and contribution_region are exempt: the
  model fills them in itself (see career.keep_given_input);
- answers a renamed variable's old name (variables/deprecated.py: the old name returns the
  new one, a value given for it is the new one's) with a DeprecationWarning naming the new
  one (`old_names` lists those a situation uses), and refuses both names given for one person;
- turns OpenFisca's own parsing errors (unknown variable, unknown enum value, bad date,
  wrong period) into InputError with the input's path, the value and what is allowed.
"""

import decimal
import difflib
import json
import math
import numbers
import warnings
from datetime import date

import numpy
from openfisca_core import errors as core_errors
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulation_builder import SimulationBuilder

from ..core import lookup, regions
from ..core.errors import InputError
from ..core.yearly_inputs import keep_given_input, set_wage_input
from ..variables.deprecated import RENAMED, deprecation
from ..variables.person import REQUIRED_INPUTS
from .overrides import OVERRIDE_RANGES, YEARS_RANGES

REGION_INPUTS = ("insured_region", "hukou_region", "contribution_region")

#: Formula variables the model completes per person itself (career.keep_given_input).
SELF_COMPLETING = ("contribution_months", "contribution_region")


def path(name, variable=None, period=None):
    """An input's path in a situation as OpenFisca's Web API names it (the body's keys joined by "/",
    as its SituationParsingError does): persons/p/wage/2025-08 for one period's value, persons/p/sex
    for a variable as a whole. Every error about a person's input carries it as its `field`."""
    return "/".join(str(part) for part in ("persons", name, variable, period) if part is not None)


def missing_path(name, variable, period):
    """The path of an input missing for a person: the variable, with the period unless ETERNITY."""
    return path(name, variable, None if str(period) == "ETERNITY" else period)


def _persons(situation):
    if not isinstance(situation, dict):
        raise InputError(f"situation: expected a mapping, got {type(situation).__name__}. Allowed: {{'persons': {{name: {{variable: {{period: value}}}}}}}}.")
    persons = situation.get("persons", situation)
    if not isinstance(persons, dict) or not persons:
        raise InputError("persons: empty or not a mapping. Allowed: {name: {variable: {period: value}}}, at least one person.")
    for name, person in persons.items():
        if not str(name).strip():  # OpenFisca's trace cannot hold an empty key (a 500)
            raise InputError(f"person {name!r}: an empty name. Allowed: a non-empty name for each person.", field="persons")
        if not isinstance(person, dict):
            raise InputError(f"person {name!r}: expected a mapping of variables, got {person!r}.", field=path(name))
    return persons


def _resolve_regions(persons):
    resolved = {}
    for name, person in persons.items():
        person = dict(person)
        for variable in REGION_INPUTS:
            if variable not in person:
                continue
            values = person[variable]
            if not isinstance(values, dict):  # a bare value means every period
                values = {"ETERNITY" if variable != "contribution_region" else "": values}
            out = {}
            for period, value in values.items():
                if value is None:  # a request for the value, not an input
                    out[period] = None
                    continue
                try:
                    out[period] = regions.resolve(value, f"person {name!r}, {variable} {period}")
                except InputError as error:
                    error.field = path(name, variable, period)
                    raise
            if "" in out:
                raise InputError(f"person {name!r}, contribution_region: given without a year. Allowed: {{2001: jinan, 2002: ...}}.",
                                 field=path(name, "contribution_region"))
            person[variable] = out
        resolved[name] = person
    return resolved


def _refuse_months_out_of_range(persons):
    for name, person in persons.items():
        values = person.get("contribution_months")
        for period, months in (values.items() if isinstance(values, dict) else ()):
            whole = isinstance(months, int) or (isinstance(months, float) and months.is_integer())
            if isinstance(months, bool) or not whole or not 0 <= months <= 12:
                raise InputError(f"person {name!r}, contribution_months {period}: {months!r}. Allowed: a whole number of months from 0 to 12.",
                                 field=path(name, "contribution_months", period))


def plain_number(value):
    """A number as Python's int or float, or None for what is no number (a text, a boolean).
    A pandas or numpy column gives numpy.int64 and float32, a payroll's ledger Decimal: numbers
    as much as 12 and 12.5 (api.assess refused them: "np.int64(1996) is not a number")."""
    if isinstance(value, (bool, numpy.bool_)):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, decimal.Decimal) and value.is_snan():
        return math.nan  # float() raises on a signalling NaN
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        return float(value)
    return None


def _plain_numbers(persons):
    """Every number given as Python's own (numpy's and Decimal's too), so that the checks below
    see it as a number: a Decimal index of 500 passed the range of an approval form's figure."""
    def plain(value):
        number = plain_number(value)
        return value if number is None else number

    return {
        name: {variable: {period: plain(value) for period, value in values.items()} if isinstance(values, dict) else values
               for variable, values in person.items()}
        for name, person in persons.items()
    }


def _inputs(persons, system):
    """(person, variable name, its Variable or None, period, value) of every input given by period."""
    for name, person in persons.items():
        for variable, values in person.items():
            found = system.variables.get(variable)
            for period, value in (values.items() if isinstance(values, dict) else ()):
                yield name, variable, found, period, value


def _refuse_unknown_variables(persons, system):
    """A name the model has no variable for, with the nearest names (OpenFisca's own message
    pointed at a changelog that does not exist and suggested nothing)."""
    for name, person in persons.items():
        for variable in person:
            if variable in system.variables:
                continue
            near = difflib.get_close_matches(str(variable), list(system.variables), n=3, cutoff=0.6)
            hint = f" Did you mean: {', '.join(near)}?" if near else ""
            raise InputError(f"{path(name, variable)}: variable {variable!r} not found in the model.{hint} "
                             f"Allowed: one of the model's {len(system.variables)} variables (the Web API lists them at GET /variables).",
                             field=path(name, variable))


def _refuse_values_without_a_period(persons):
    """A variable's value given bare (null, a number, a list) where {period: value} is expected. A
    bare null read as a value given for ETERNITY: "given for ['q'] but not for ['p']"; the others were
    OpenFisca's long "Can't deal with type" (region inputs take a bare value: every period's)."""
    for name, person in persons.items():
        for variable, values in person.items():
            if not isinstance(values, dict):
                raise InputError(f"{path(name, variable)}: {json.dumps(values, default=str)} without a period. Allowed: {{period: value}}, e.g. "
                                 f"{{\"2025-09\": 5000}} or {{\"ETERNITY\": ...}}, and a null as the value to ask for it ({{\"2025-09\": null}}).",
                                 field=path(name, variable))


def _refuse_eternal_values_given_twice(persons, system):
    """An ETERNITY variable holds one value for all time: given for two periods ({"ETERNITY": "beijing",
    "2025-07": "shanghai"}) one was dropped without a word (Beijing's bill answered)."""
    for name, person in persons.items():
        for variable, values in person.items():
            found = system.variables.get(variable)
            given = [period for period, value in values.items() if value is not None]
            if found is not None and found.definition_period == periods.ETERNITY and len(given) > 1:
                raise InputError(f"{path(name, variable)}: given for {', '.join(map(repr, given))}, one value for all time. "
                                 f"Allowed: one value, under \"ETERNITY\".", field=path(name, variable))


def _refuse_fractions_of_whole_numbers(persons, system):
    """A count given with a fraction (babies_born 2.5, disability_grade 2.5) is refused:
    OpenFisca would cut it to 2 (twins; grade 2) without a word."""
    for name, variable, found, period, value in _inputs(persons, system):
        if found is not None and found.value_type is int and isinstance(value, float) and not value.is_integer():
            raise InputError(f"person {name!r}, {variable} {period}: {value!r} is not a whole number. Allowed: a whole number.",
                             field=path(name, variable, period))


def _refuse_inputs_for_another_period(persons, system):
    """A monthly input given for a year (wage 2025: 5000), or a yearly one for a month:
    OpenFisca's own error was a list of a thousand None."""
    for name, variable, found, period, value in _inputs(persons, system):
        # An old name forwards to the new one as given; the career's own set_input keep one calendar year each.
        takes_other_periods = found is not None and found.set_input not in (None, set_wage_input, keep_given_input) and variable not in RENAMED
        if found is None or takes_other_periods or found.definition_period not in (periods.MONTH, periods.YEAR):
            continue
        try:
            unit = periods.period(str(period)).unit
        except (ValueError, TypeError):
            continue  # not a period: the builder's own message names it
        if value is not None and unit != found.definition_period:
            kind, example = ("monthly", "2025-09") if found.definition_period == periods.MONTH else ("yearly", "2025")
            raise InputError(f"person {name!r}, {variable} {period}: a {kind} figure given for {str(period)!r}. "
                             f"Allowed: a {'month' if kind == 'monthly' else 'year'}, e.g. {example}.", field=path(name, variable, period))


def _value_fits(value, variable):
    """True where a given value is of the variable's type: OpenFisca would read the text "false"
    as true, a number as the enum item of that index and "20000" as a number, all without a word."""
    kind = variable.value_type
    if kind is bool:
        return isinstance(value, (bool, numpy.bool_))
    if kind in (int, float):
        return isinstance(value, numbers.Real) and not isinstance(value, (bool, numpy.bool_))
    if kind is Enum:
        return isinstance(value, (str, Enum))
    if kind is date:  # a number was read as days since 1970 (19650701: a birth in 55771)
        return isinstance(value, (str, date, numpy.datetime64))
    return True  # texts; a bad date's text is named by OpenFisca's own parsing


def _refuse_values_of_another_type(persons, system):
    """Also a list where one value is expected (wage 2025-09: [5000]): OpenFisca's builder failed on
    it with a ValueError, a 500 of the Web API. A mapping is named by OpenFisca's own parsing."""
    for name, variable, found, period, value in _inputs(persons, system):
        listed = isinstance(value, (list, tuple))
        if found is None or value is None or isinstance(value, dict) or (not listed and _value_fits(value, found)):
            continue
        if found.value_type is bool:
            allowed = "true or false (JSON booleans, not text)"
        elif found.value_type is Enum:
            allowed = "one of " + ", ".join(found.possible_values.__members__)
        elif found.value_type in (int, float):
            allowed = "a number (not text)"
        else:
            allowed = "a date YYYY-MM-DD" if found.value_type is date else "a text"
        if listed:
            allowed = f"one value for the person and period, {allowed}, not a list"
        raise InputError(f"person {name!r}, {variable} {period}: {value!r}. Allowed: {allowed}.", field=path(name, variable, period))


def _refuse_figures_out_of_range(persons, system):
    """The ranges of api.assess's overrides for the same variables given as inputs (an index
    of 500 paid 1,491,949.40 a month here while /assess refused it), and no NaN or infinity."""
    for name, variable, _, period, value in _inputs(persons, system):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"person {name!r}, {variable} {period}: {value!r}. Allowed: a finite number.", field=path(name, variable, period))
        low, high = OVERRIDE_RANGES.get(variable, YEARS_RANGES.get(variable, (None, None)))
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and high is not None and not low <= value <= high:
            raise InputError(f"person {name!r}, {variable} {period}: {value!r} is out of range. Allowed: a number from {low} to {high}.",
                             field=path(name, variable, period))


def _refuse_dates_outside_the_model(persons, system):
    """A date the model reads by month (a retirement date, an injury) outside its years was refused by
    the lookup as "date 2200-01-01: outside the model's range", naming no input and no person. A birth
    may be earlier (a 1939 birth retires in 1999): the model's own rules name a birth out of reach."""
    for name, variable, found, period, value in _inputs(persons, system):
        if found is None or found.value_type is not date or variable == "birth_date" or value is None:
            continue
        try:
            year = (value if isinstance(value, date) else date.fromisoformat(str(value))).year
        except ValueError:
            continue  # not a date: OpenFisca's own parsing names it
        if not lookup.FIRST_YEAR <= year <= lookup.LAST_YEAR:
            raise InputError(f"person {name!r}, {variable} {period}: {str(value)!r} is outside the model's years. Allowed: dates from "
                             f"{lookup.FIRST_YEAR}-01-01 to {lookup.LAST_YEAR}-12-31.", field=path(name, variable, period))


#: A claim's date and the facts the law needs with it, which have a default that reads as a
#: fact (失业保险条例 art.14: involuntary loss and a year paid; left out, they were "not entitled").
CLAIM_FACTS = {"job_loss_date": ("involuntary_job_loss", "unemployment_contribution_years")}


def _refuse_claims_without_their_facts(persons):
    for name, person in persons.items():
        for claim, facts in CLAIM_FACTS.items():
            if claim not in person or not _given(person[claim]):
                continue
            missing = [fact for fact in facts if fact not in person or not _given(person[fact])]
            if missing:
                raise InputError(f"person {name!r}, {missing[0]}: missing with {claim}. Allowed: give {' and '.join(facts)} "
                                 f"with a {claim} (their defaults, false and 0, would read as not entitled).", field=path(name, missing[0]))


#: A figure the caller gives (an approval form's printed base) and the status that describes it:
#: the model's data do not enter a given figure, so it is marked official, not with the status
#: of the model's own figure it replaces (a 2026 form's printed base was marked projected).
GIVEN_FIGURE_STATUS = {
    "pension_calculation_base": "pension_calculation_base_status",
    "indexed_average_monthly_wage": "indexed_average_monthly_wage_status",
    "personal_account_balance": "personal_account_balance_status",
    "payout_months": "payout_months_status",
    "one_child_average_pension": "one_child_average_pension_status",
    "transitional_coefficient": "transitional_coefficient_status",
    # A city's published average wage, given where the model has only its province's.
    "work_injury_average_wage": "work_injury_average_wage_status",
}


def statuses_of_given_figures(given, declared=None):
    """{status variable: status} for each figure of GIVEN_FIGURE_STATUS in `given`: the status
    `declared` for it ({figure: status}, a profile's override_statuses), else official."""
    return {status: (declared or {}).get(figure, "official") for figure, status in GIVEN_FIGURE_STATUS.items() if figure in given}


def _given(values):
    """True where a situation's entry gives a value (a null only asks for one)."""
    return any(value is not None for value in values.values()) if isinstance(values, dict) else values is not None


def _mark_given_figures(persons):
    """The status of each figure a person gives, unless the person gives that status too
    (a request for the status, a null, is no status given)."""
    for person in persons.values():
        given = [figure for figure in GIVEN_FIGURE_STATUS if figure in person and _given(person[figure])]
        for status, value in statuses_of_given_figures(given).items():
            asked = person.get(status)
            if not (asked is not None and _given(asked)):
                person[status] = {**(asked if isinstance(asked, dict) else {}), "ETERNITY": value}


def refuse_partial_formula_inputs(persons, system):
    names = list(persons)
    checked = {}  # variable -> its Variable where a partial input would be a silent default, else None
    given = {}
    for name, person in persons.items():
        for variable, values in person.items():
            if variable not in checked:  # decided once per variable, before reading any period
                found = system.variables.get(variable)
                checked[variable] = found if found is not None and found.formulas and variable not in SELF_COMPLETING else None
            if checked[variable] is None:
                continue
            # A null asks for the value (the web API's requests): it is no input.
            inputs = [period for period, value in values.items() if value is not None] if isinstance(values, dict) else ["ETERNITY"]
            for period in inputs:
                given.setdefault((variable, str(period)), set()).add(name)
    for (variable, period), who in sorted(given.items()):
        if len(who) != len(names):
            missing = [name for name in names if name not in who]
            if variable in REQUIRED_INPUTS:  # no default to fall back to: "give it for none" would be no advice
                when = "" if period == "ETERNITY" else f" {period}"
                raise InputError(f"{variable}{when}: missing for {missing[:3]}{' and more' if len(missing) > 3 else ''} (given for {sorted(who)[:3]}). "
                                 f"Allowed: {REQUIRED_INPUTS[variable]}, for every person (required, no default).", field=missing_path(missing[0], variable, period))
            raise InputError(
                f"{variable} {period}: given for {sorted(who)[:3]} but not for {missing[:3]}. OpenFisca would "
                f"give them the default {checked[variable].default_value!r} instead of the formula. Allowed: give it for "
                f"every person of the simulation, or for none (simulate such persons separately).",
                field=missing_path(missing[0], variable, period),
            )


def old_names(persons):
    """The old names of renamed variables (variables/deprecated.py) the persons use, given or asked."""
    return sorted({variable for person in persons.values() if isinstance(person, dict) for variable in person if variable in RENAMED})


def _refuse_both_names(persons):
    """An old name and its new one both given for a person: one value would replace the other."""
    for name, person in persons.items():
        for old, new in RENAMED.items():
            if old in person and new in person and _given(person[old]) and _given(person[new]):
                raise InputError(f"person {name!r}, {old}: given with {new}, its new name (one value would replace the other). "
                                 f"Allowed: {new} alone ({old} is deprecated).", field=path(name, old))


def _warn_of_old_names(persons):
    for old in old_names(persons):
        warnings.warn(deprecation(old), DeprecationWarning, stacklevel=4)  # the caller of build()


def checked(situation, system, warn=True):
    """The situation's persons with regions resolved, after the checks above (InputError).
    warn=False: no DeprecationWarning for an old name (the Web API says it in its answer)."""
    persons = _resolve_regions(_plain_numbers(_persons(situation)))
    if warn:
        _warn_of_old_names(persons)
    _refuse_both_names(persons)
    _refuse_unknown_variables(persons, system)
    _refuse_values_without_a_period(persons)
    _refuse_eternal_values_given_twice(persons, system)
    _refuse_months_out_of_range(persons)
    _refuse_values_of_another_type(persons, system)
    _refuse_figures_out_of_range(persons, system)
    _refuse_fractions_of_whole_numbers(persons, system)
    _refuse_inputs_for_another_period(persons, system)
    _refuse_dates_outside_the_model(persons, system)
    _refuse_claims_without_their_facts(persons)
    _mark_given_figures(persons)
    refuse_partial_formula_inputs(persons, system)
    return persons


def build(situation, system=None, warn=True):
    """Build a Simulation from an OpenFisca situation, refusing bad input with InputError
    (warn: as `checked`)."""
    from .. import default_system

    system = system or default_system()
    return simulation_of(checked(situation, system, warn), system)


def _simulation(system, situation):
    return SimulationBuilder().build_from_entities(system, situation)


def simulation_of(persons, system, make=_simulation):
    """`make(system, {"persons": persons})` for persons already `checked` (OpenFisca's simulation by
    default; the Web API's /trace gives OpenFisca's trace handler, so the checks run once), with
    OpenFisca's own parsing errors turned into InputError naming the input."""
    try:
        return make(system, {"persons": persons})
    except InputError as error:  # a career input's own check (set_input: a negative wage): name the persons
        if not error.persons:
            raise
        from .profiles import naming_persons  # profiles builds on this module

        named = naming_persons(error, list(persons))
        if named.field is None and named.variable in system.variables:
            named.field = missing_path(next(iter(named.persons)), named.variable, named.period or "ETERNITY")
        raise named from None
    except core_errors.SituationParsingError as error:
        where, message = _first_leaf(error.error)
        raise InputError(f"{where}: {message.rstrip('.')}. Allowed: the model's variables, their own values, "
                         f"dates YYYY-MM-DD and periods such as 2025-09 or 2025.", field=where) from None
    except core_errors.VariableNotFoundError as error:
        raise InputError(f"situation: {error.message} Allowed: the model's variable names.") from None


def _first_leaf(tree, keys=()):
    """(path, message) of the first message in OpenFisca's nested error dict
    ({"persons": {"p": {"monthly_pension": {"2025-13": "..."}}}}: persons/p/monthly_pension/2025-13)."""
    if isinstance(tree, dict) and tree:
        key, value = next(iter(tree.items()))
        return _first_leaf(value, (*keys, str(key)))
    return "/".join(keys) or "situation", " ".join(str(tree).split())
