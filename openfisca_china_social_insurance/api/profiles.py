"""The Python API: describe persons as plain profiles, get their pensions back.

A profile is a dict (or a YAML mapping) such as::

    birth_date: 1965-07-15
    sex: male                     # male | female
    worker_category: worker       # worker | cadre (women cadres retire at 55)
    insured_region: weifang       # pinyin key, GB/T 2260 code (370700) or name (潍坊市, 潍坊, Weifang)
    deemed_contribution_years: 14.0833
    one_child_parent: false       # facts provincial additions rest on (Yunnan, Guizhou, Sichuan...):
    recognised_intellectual: false  # one_child_parent, recognised_intellectual (Ningxia),
                                  # plateau_work_years and hardship_area_category (Tibet)
    career:                       # yearly segments, inclusive years
      - {from: 1998, to: 2025, wage: 4200}          # monthly wage, 12 months a year
      - {from: 2026, to: 2026, index: 1.0, months: 8, employment_type: flexible_worker}
      - {from: 2027, to: 2027, wage: 5000, months: 6, arrears_months: 6}  # employer owed 6 months
    overrides:                    # figures printed on an approval form, if any
      personal_account_balance: 95061.63
    shortfall_choice: continue_contributing   # short of the minimum years (社会保险法 art.16):
                                  # continue_contributing | transfer_to_residents_scheme | refund_on_request

`index` sets the wage as a multiple of the region's average wage of that year (the
seed's 60%/100%/200%/300% grid): above 0 and at most 10 for years paid. An index (or a wage)
of 0 is a year without contributions: a segment paying months on it is refused; write such
years as months: 0, or leave them out. Every error names the field and what is allowed.

A person short of the minimum years at the statutory date (from 2011-07-01) keeps
contributing by default: `assess` then extends a career that stops short (see
shortfall.py) and reports the pension that follows; `shortfall_outcomes` shows all
three choices side by side.
"""

import difflib
import inspect
import math
import re
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import numpy
import yaml
from openfisca_core import periods

from .. import default_system
from ..core import i18n, lookup, regions, time_axis
from ..core.errors import InputError
from ..core.i18n import Named, in_lang
from ..core.money import round_as_python
from . import columns, situations
from .overrides import OVERRIDE_RANGES, OVERRIDES, YEARS_RANGES
from .situations import plain_number

SEX = ("male", "female")
WORKER_CATEGORY = ("worker", "cadre")
EMPLOYMENT_TYPE = ("employee", "flexible_worker")
PERSON_FIELDS = {
    "birth_date", "sex", "worker_category", "special_type_work_years", "insured_region",
    "hukou_region", "deemed_contribution_years", "retirement_date", "provisional_assessment",
    "personal_account_start_date", "career", "overrides", "override_statuses", "name", "shortfall_choice",
    "one_child_parent", "recognised_intellectual", "plateau_work_years", "hardship_area_category",
}
#: Facts about the person that provincial additions rest on (variables/pension/extra.py, regional/).
FACTS = ("one_child_parent", "recognised_intellectual")
#: Fields every profile gives, with what is allowed: the model has no default for them.
REQUIRED = {
    "birth_date": "a date YYYY-MM-DD",
    "sex": "male or female",
    "insured_region": "a region key or GB/T 2260 code, e.g. jinan or 370100",
}
SHORTFALL_CHOICE = ("continue_contributing", "transfer_to_residents_scheme", "refund_on_request")
SEGMENT_FIELDS = {"from", "to", "wage", "index", "months", "employment_type", "region", "arrears_months"}
#: Ages at which a given retirement date is plausible: the payout-month table starts at 40
#: (国发〔2005〕38号); beyond 80 no deferral or continued contribution reaches.
RETIREMENT_AGES = (40, 80)

#: What `assess` reports, in the order of an approval form.
BREAKDOWN = (
    "retirement_date", "age_at_retirement_months", "contribution_years",
    "pre_account_contribution_years", "average_contribution_index", "pension_calculation_base",
    "indexed_average_monthly_wage", "personal_account_balance", "payout_months",
    "basic_pension", "account_pension", "transitional_pension", "extra_pension", "monthly_pension",
    "pension_eligible", "lump_sum_refund", "shortfall_choice", "months_short_of_minimum",
    "residents_scheme_transfer", "pension_calculation_base_status", "indexed_average_monthly_wage_status",
    "personal_account_balance_status", "payout_months_status", "basic_pension_status", "account_pension_status",
    "transitional_pension_status", "extra_pension_status",
    "monthly_pension_status",
)
ANY_MONTH = "2000-01"
#: In every row of `assess`, whatever the variables asked: what the assessment left out.
ALWAYS_REPORTED = ("contribution_months_after_retirement",)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value, field):
    """YYYY-MM-DD of a date or its text; Python's own parser also takes 19650715 and 1965-W28-4.
    A datetime (pandas' Timestamp) or numpy's datetime64 is its day (a datetime's isoformat
    carried its time, and a retirement_date given so was a ValueError traceback)."""
    if isinstance(value, numpy.datetime64) and not numpy.isnat(value):
        value = value.astype("datetime64[D]").item()
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    try:
        if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError.of("not_a_date", field=Named(field), value=value) from None


def _flag(value, field):
    """A yes/no fact: true or false (numpy's booleans too); never a text (bool("false") is True)."""
    if not isinstance(value, (bool, numpy.bool_)):
        raise InputError.of("not_bool", field=Named(field), value=value)
    return bool(value)


def _choice(value, field, allowed):
    if value not in allowed:
        raise InputError.of("not_allowed", field=Named(field), value=value, allowed=", ".join(allowed))
    return value


def _number(value, field, low=None, high=None):
    def allowed():  # said only when refusing: a profile's every number passes here
        if low is not None and high is not None:
            return i18n.phrase("a number from {low} to {high}", low=low, high=high)
        if low is not None:
            return i18n.phrase("a number of {low} or more", low=low)
        return i18n.phrase("a number") if high is None else i18n.phrase("a number up to {high}", high=high)

    if value is None:  # an empty cell of the desk's career table, a YAML key without a value
        raise InputError.of("number_empty", field=Named(field), allowed=allowed())
    number = plain_number(value)
    if number is None:
        raise InputError.of("not_a_number", field=Named(field), value=value, allowed=allowed())
    value = number
    if not math.isfinite(value):
        raise InputError.of("not_finite", field=Named(field), value=value, allowed=allowed())
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError.of("out_of_range", field=Named(field), value=value, allowed=allowed())
    return value


def _whole(value, field, low, high):
    """A whole number (a year, a count of months): 2000.5 is refused, not cut to 2000."""
    value = _number(value, field, low, high)
    if value != int(value):
        raise InputError.of("not_whole", field=Named(field), value=value, low=low, high=high)
    return int(value)


def _region(value, field):
    try:
        return regions.resolve(value, field)
    except InputError as error:
        error.field = field
        raise


def _career(segments, field, home_region, system, wages=None):
    """[columns.Segment] from the career segments, checked. `wages` keeps the average
    wages looked up, {(region, year): wage}, across persons."""
    wages = {} if wages is None else wages
    if not isinstance(segments, list):
        raise InputError.of("career_not_list", field=Named(field))
    years, career = set(), []
    for number, segment in enumerate(segments):
        where = f"{field}[{number}]"
        if not isinstance(segment, dict):
            raise InputError.of("segment_not_mapping", field=Named(where))
        unknown = set(segment) - SEGMENT_FIELDS
        if unknown:
            raise InputError.of("unknown_fields", field=Named(where), unknown=sorted(unknown), allowed=sorted(SEGMENT_FIELDS))
        first = _whole(segment.get("from"), f"{where}.from", 1950, 2100)
        last = _whole(segment.get("to", first), f"{where}.to", first, 2100)
        if ("wage" in segment) == ("index" in segment):
            raise InputError.of("wage_or_index", field=Named(where))
        months = _whole(segment.get("months", 12), f"{where}.months", 0, 12)
        arrears = _whole(segment.get("arrears_months", 0), f"{where}.arrears_months", 0, 12 - months)
        kind = _choice(segment.get("employment_type", "employee"), f"{where}.employment_type", EMPLOYMENT_TYPE)
        region = _region(segment.get("region", home_region), f"{where}.region")
        span = range(first, last + 1)
        # Errors come in the order of a year-by-year check: a repeated year, else the
        # wage or index (checked once for the segment), then each year's average wage.
        repeated = next((year for year in span if year in years), None)
        if repeated == first:
            raise _repeated_year(first, where)
        if "wage" in segment:
            wage = float(_number(segment["wage"], f"{where}.wage", 0, 1e7))  # yuan a month
            if wage == 0 and months + arrears:
                raise _no_contributions(where, "wage", months, arrears, "a wage above 0 yuan a month")
        else:
            index = float(_number(segment["index"], f"{where}.index", 0, 10))  # as population files: at most 10 x the average wage
            if index == 0 and months + arrears:
                raise _no_contributions(where, "index", months, arrears, INDEX_ALLOWED)
            for year in span if repeated is None else range(first, repeated):
                if (region, year) not in wages:
                    wages[region, year] = average_wage(system, region, year, f"{where}.index")
        if repeated is not None:
            raise _repeated_year(repeated, where)
        paid = [wage] * len(span) if "wage" in segment else [round(index * wages[region, year], 2) for year in span]
        years.update(span)
        career.append(columns.Segment(span, paid, months, kind, region, arrears))
    return career


#: A paid year's index: the base is the index times the average wage, held within the band
#: (60%-300%, 国发〔2005〕38号 art.3), so any index above 0 is a year paid (0.3 is charged at the
#: 60% floor); 0 is no base at all, a year without contributions (population files say the same).
INDEX_ALLOWED = "a number above 0 and at most 10 (a multiple of the average wage; the base is held within 60%-300% of it)"


def _no_contributions(where, field, months, arrears, allowed):
    """A wage or index of 0 for months paid: 0 is a year without contributions, which a profile
    writes as months: 0 (or leaves out), not as months paid on nothing."""
    paid = i18n.both("profile.months_paid" if not arrears else "profile.months_back_paid", months=months, arrears=arrears)
    return InputError.of("no_contributions", field=Named(f"{where}.{field}"), paid=paid, allowed=i18n.phrase(allowed))


def _repeated_year(year, where):
    return InputError.of("repeated_year", field=Named(where), year=year)


def average_wage(system, region, year, field):
    """The region's average monthly wage of `year` (published, back-cast or projected)."""
    wages = time_axis.average_wage(system.parameters)[0]
    average = lookup.at(wages, lookup.year_start(year), regions.Region[region].index)
    if numpy.isnan(average):
        raise no_average_wage(field, region, year, wages)
    return float(average)


def no_average_wage(field, region, year, wages):
    """The refusal of an index in a year without the region's average wage (`wages`: time_axis.average_wage's table)."""
    return InputError.of("no_average_wage", field=Named(field), region=regions.named(region), year=year, first=time_axis.first_national_year(wages))


def before_working_age(name, first, born):
    """The refusal of a career that starts before the working age (劳动法 art.15)."""
    return InputError.of("before_working_age", field=Named(f"{name}.career"), year=first, age=MIN_WORKING_AGE, born=born, earliest=born + MIN_WORKING_AGE)


def checked_profiles(profiles, system):
    """{name: (inputs, career)} for {name: profile}, validated field by field: `inputs` the
    eternal variables given {variable: value}, `career` [columns.Segment]."""
    checked = {}
    wages = {}  # (region, year) -> average wage, looked up once for every person
    for name, profile in profiles.items():
        checked[str(name)] = _checked_profile(name, profile, system, wages)
    return checked


def _checked_profile(name, profile, system, wages):
    if not isinstance(profile, dict):
        raise InputError.of("profile_not_mapping", name=name, profile=profile)
    unknown = set(profile) - PERSON_FIELDS
    if unknown:
        raise InputError.of("unknown_profile_fields", name=name, unknown=sorted(unknown), allowed=sorted(PERSON_FIELDS))
    for required, allowed in REQUIRED.items():
        if required not in profile:
            raise InputError.of("required_missing", field=Named(f"{name}.{required}"), key=Named(required), allowed=i18n.phrase(allowed))
    overrides = profile.get("overrides")
    overrides = {} if overrides is None else overrides  # a YAML key without a value: none
    if not isinstance(overrides, dict):
        raise InputError.of("overrides_not_mapping", field=Named(f"{name}.overrides"), value=overrides, figures=", ".join(OVERRIDES))
    if not profile.get("career") and not {"personal_account_balance", "contribution_years"} <= set(overrides):
        raise InputError.of("no_career", name=name)
    home = _region(profile["insured_region"], f"{name}.insured_region")
    inputs = {
        "birth_date": _date(profile["birth_date"], f"{name}.birth_date"),
        "sex": _choice(profile["sex"], f"{name}.sex", SEX),
        "insured_region": home,
        "hukou_region": _region(profile.get("hukou_region", home), f"{name}.hukou_region"),
        "worker_category": _choice(profile.get("worker_category", "worker"), f"{name}.worker_category", WORKER_CATEGORY),
    }
    for field, (low, high) in YEARS_RANGES.items():
        if field in profile:
            inputs[field] = float(_number(profile[field], f"{name}.{field}", low, high))
    for field in FACTS:
        if field in profile:
            inputs[field] = _flag(profile[field], f"{name}.{field}")
    if "hardship_area_category" in profile:
        category = profile["hardship_area_category"]
        if plain_number(category) not in (0, 1, 2, 3, 4):
            raise InputError.of("hardship_category", field=Named(f"{name}.hardship_area_category"), value=category)
        inputs["hardship_area_category"] = int(category)
    for field in ("retirement_date", "personal_account_start_date"):
        if field in profile:
            inputs[field] = _date(profile[field], f"{name}.{field}")
    if "personal_account_start_date" in inputs and not inputs["birth_date"] < inputs["personal_account_start_date"] <= f"{lookup.LAST_YEAR}-12-31":
        raise InputError.of("account_start", field=Named(f"{name}.personal_account_start_date"), value=inputs["personal_account_start_date"],
                            birth=inputs["birth_date"], last=lookup.LAST_YEAR)
    if "retirement_date" in inputs:
        born, retired = date.fromisoformat(inputs["birth_date"]), date.fromisoformat(inputs["retirement_date"])
        age = (retired.year - born.year) - ((retired.month, retired.day) < (born.month, born.day))
        if not RETIREMENT_AGES[0] <= age <= RETIREMENT_AGES[1]:
            raise InputError.of("retirement_age_range", field=Named(f"{name}.retirement_date"), value=inputs["retirement_date"], age=age,
                                birth=inputs["birth_date"], low=RETIREMENT_AGES[0], high=RETIREMENT_AGES[1])
    if "shortfall_choice" in profile:
        inputs["shortfall_choice"] = _choice(profile["shortfall_choice"], f"{name}.shortfall_choice", SHORTFALL_CHOICE)
    if "provisional_assessment" in profile:
        inputs["provisional_assessment"] = _flag(profile["provisional_assessment"], f"{name}.provisional_assessment")
    for field, value in overrides.items():
        if field not in OVERRIDES:
            raise InputError.of("unknown_override", field=Named(f"{name}.overrides"), figure=field, allowed=", ".join(OVERRIDES))
        inputs[field] = float(_number(value, f"{name}.overrides.{field}", *OVERRIDE_RANGES.get(field, (0, None))))
    inputs.update(situations.statuses_of_given_figures(overrides, _override_statuses(profile, overrides, name)))
    career = _career(profile.get("career", []), f"{name}.career", home, system, wages)
    born = int(inputs["birth_date"][:4])
    first = min((segment.years.start for segment in career), default=None)
    if first is not None and first < born + MIN_WORKING_AGE:
        raise before_working_age(name, first, born)
    return inputs, career


def _override_statuses(profile, overrides, name):
    """{figure: status} the profile declares for its given figures (official when it declares
    none: a printed form's figure); only figures it gives, and statuses of the model."""
    declared = profile.get("override_statuses")
    declared = {} if declared is None else declared
    where = f"{name}.override_statuses"
    if not isinstance(declared, dict):
        raise InputError.of("statuses_not_mapping", field=Named(where), value=declared)
    for figure, status in declared.items():
        if figure not in situations.GIVEN_FIGURE_STATUS or figure not in overrides:
            given = [figure for figure in situations.GIVEN_FIGURE_STATUS if figure in overrides]
            raise InputError.of("status_not_given", field=Named(f"{where}.{figure}"), allowed=", ".join(given) or i18n.phrase("none (no such override given)"))
        _choice(status, f"{where}.{figure}", lookup.STATUSES)
    return declared


def situation(profiles, system=None):
    """OpenFisca situation (persons dict) for {name: profile} (or a list of profiles, named by
    position, as `assess` takes them), validated field by field: the body /calculate takes."""
    system = system or default_system()
    persons = {}
    for name, (inputs, career) in checked_profiles(named_profiles(profiles), system).items():
        person = {variable: {"ETERNITY": value} for variable, value in inputs.items()}
        for variable, values in columns.career_inputs(career).items():
            person[variable] = {str(year): value for year, value in values.items()}
        persons[name] = person
    return {"persons": persons}


#: No contributions before this age (劳动法 art.15: no employment under 16).
MIN_WORKING_AGE = 16

#: Inputs that replace a formula. OpenFisca stores an input for all persons at once,
#: so a person who does not give one would get the default, not the formula:
#: `assess` simulates persons giving different ones separately.
FORMULA_INPUTS = OVERRIDES + ("retirement_date", "personal_account_start_date")


def named_profiles(profiles):
    """{name: profile} from a mapping, or from a list of profiles named by 'name' or position.
    Names are texts: a number (an employee id) is named by its text, 1 as '1'."""
    if isinstance(profiles, dict):
        named, given_as = {}, {}
        for name, profile in profiles.items():
            if not isinstance(name, str) and not isinstance(plain_number(name), int):
                raise InputError.of("bad_name", field=Named("profiles"), name=name)
            name = name if isinstance(name, str) else plain_number(name)  # numpy's 1001 is named '1001', as 1001
            if str(name) in named:
                raise InputError.of("names_one", first=given_as[str(name)], name=name)
            named[str(name)], given_as[str(name)] = profile, name
        return named
    if not isinstance(profiles, list):
        raise InputError.of("profiles_shape", value=f"{profiles!r:.80}")
    named = {}
    for i, profile in enumerate(profiles):
        if not isinstance(profile, dict):
            raise InputError.of("listed_not_mapping", field=f"person_{i}", profile=profile)
        name = profile.get("name", f"person_{i}")
        if not isinstance(name, str) and not isinstance(plain_number(name), int):
            raise InputError.of("bad_name", field=Named(f"person_{i}.name"), name=name)
        name = name if isinstance(name, str) else plain_number(name)
        if str(name) in named:
            raise InputError.of("name_twice", field=Named(f"person_{i}.name"), name=name)
        named[str(name)] = profile
    return named


def build_simulation(profiles, system=None):
    """A simulation of {name: profile} (or a list of profiles, named by position)."""
    system = system or default_system()
    checked = checked_profiles(named_profiles(profiles), system)
    # What each person gives, by variable and period (the career's years once, for all its inputs).
    given = {}
    for name, (inputs, career) in checked.items():
        years = dict.fromkeys(columns.career_years(career), True)
        given[name] = {**{variable: {"ETERNITY": value} for variable, value in inputs.items()}, **dict.fromkeys(columns.career_variables(career), years)}
    situations.refuse_partial_formula_inputs(given, system)
    return columns.profiles_simulation(checked, system)


def groups_by_formula_inputs(profiles):
    """[{name: profile}, ...]: persons who give the same formula inputs (FORMULA_INPUTS) together.

    OpenFisca stores an input for all persons of a simulation at once, so persons who
    replace different formulas by inputs must be simulated separately.
    """
    groups = {}
    for name, profile in named_profiles(profiles).items():
        fields = profile if isinstance(profile, dict) else {}  # situation() refuses a non-mapping
        overrides = fields.get("overrides")
        given = set(overrides if isinstance(overrides, dict) else ()) | {f for f in FORMULA_INPUTS if f in fields}  # situation() refuses a non-mapping
        groups.setdefault(tuple(sorted(given)), {})[name] = profile
    return list(groups.values())


#: Read from the eternal variable assessed at retirement (the monthly one is paid in one month only).
AT_RETIREMENT = {"lump_sum_refund": "lump_sum_refund_at_retirement"}


def values_at_retirement(simulation, variables):
    """{variable: array} as assessed at retirement, for every person of a simulation.

    Monthly pensions are read for the latest retirement month of the simulation: the
    model pays from the retirement month on without uprating, so that month holds every
    person's assessed amount. Eternal variables are asked for at an ordinary month too:
    OpenFisca cannot pick a formula for the period "eternity" itself.
    """
    try:
        latest = str(simulation.calculate("retirement_date", ANY_MONTH).max())[:7]
        return {variable: simulation.calculate(AT_RETIREMENT.get(variable, variable), latest) for variable in variables}
    except InputError as error:
        raise naming_persons(error, simulation.persons.ids.tolist()) from None


#: Where the variables a profile determines are (variables/<branch>), and the reforms' own:
#: a payroll's `wage` or a maternity allowance rests on inputs no profile gives (each was a
#: silent 0 for everyone, or a refusal about a date of year 1).
PROFILE_BRANCHES = ("pension", "retirement", "person.py", "provenance.py", "reforms")


def _of_a_profile(variable):
    parts = Path(inspect.getfile(type(variable))).parts
    if "reforms" in parts:
        return True
    last = len(parts) - 1 - parts[::-1].index("variables") if "variables" in parts else None
    return last is not None and last + 1 < len(parts) and parts[last + 1] in PROFILE_BRANCHES


def assessed_variables(requested, system=None, field="variables"):
    """`requested` as a list, each a variable a profile determines and assessed once (ETERNITY)
    or paid monthly (MONTH); else InputError naming the entry (`field[i]`), with the nearest
    names for a misspelt one. A name the model lacks was left out of the rows without a word,
    a text was read letter by letter (none of them a variable), a payroll's figure was 0.00."""
    system = system or default_system()
    if isinstance(requested, str) or not isinstance(requested, (list, tuple)):
        raise InputError.of("not_a_variable_list", field=Named(field), value=requested).at(field)
    for number, name in enumerate(requested):
        variable = system.variables.get(name) if isinstance(name, str) else None
        if variable is None or variable.definition_period not in (periods.ETERNITY, periods.MONTH) or not _of_a_profile(variable):
            near = difflib.get_close_matches(name, list(system.variables), n=3, cutoff=0.6) if isinstance(name, str) and variable is None else []
            hint = i18n.both("did_you_mean", names=", ".join(near)) if near else ""
            raise InputError.of("not_assessed_variable", field=Named(f"{field}[{number}]"), name=name, hint=hint,
                                examples=", ".join(BREAKDOWN[-8:-3])).at(f"{field}[{number}]")
    return list(dict.fromkeys(requested))


def assess(profiles, system=None, variables=BREAKDOWN):
    """Each person's pension as assessed at retirement: a list of {variable: value}.

    Persons are simulated together when they give the same formula inputs (one
    simulation per such group), in the order given. A person who keeps contributing to
    reach the minimum years (shortfall_choice, the default) but whose career stops short
    is assessed again on the career extended by shortfall.continued: the row then
    reports the months added as `continued_contribution_months`. Every row also reports
    the career's months after the retirement date, which the pension does not count
    (ALWAYS_REPORTED).
    """
    from . import shortfall

    system = system or default_system()
    variables = assessed_variables(variables, system)
    profiles = named_profiles(profiles)
    read = (*shortfall.READ, *ALWAYS_REPORTED)
    rows = _assess_as_given(profiles, system, tuple(variables) + tuple(v for v in read if v not in variables))
    found = {name: shortfall.continued(profiles[name], rows[name], system) for name in profiles}
    extended = {name: (profile, months) for name, (profile, months, _) in found.items() if profile is not None}
    if extended:
        rows.update(_assess_as_given({name: profile for name, (profile, _) in extended.items()}, system, (*variables, *ALWAYS_REPORTED)))
    for name, row in rows.items():
        row["continued_contribution_months"] = extended[name][1] if name in extended else 0
        row["continuation_not_written"] = found[name][2] or ""
    keep = ("name", *variables, "continued_contribution_months", "continuation_not_written", *ALWAYS_REPORTED)
    return [{key: row[key] for key in keep if key in row} for row in (rows[str(name)] for name in profiles)]


def continuations(profiles, system=None, rows=None):
    """{name: (profile, months added)} for every person who keeps contributing to reach
    the minimum years and whose career stops short (shortfall.continued); `rows` are
    the profiles' own assessments if already made."""
    from . import shortfall

    system = system or default_system()
    profiles = named_profiles(profiles)
    rows = rows if rows is not None else _assess_as_given(profiles, system, shortfall.READ)
    found = {name: shortfall.continued(profiles[name], rows[name], system) for name in profiles}
    return {name: (profile, months) for name, (profile, months, _) in found.items() if profile is not None}


def _assess_as_given(profiles, system, variables):
    """{name: row} of the profiles exactly as given."""
    rows = {}
    for group in groups_by_formula_inputs(profiles):
        simulation = build_simulation(group, system)
        known = [variable for variable in variables if AT_RETIREMENT.get(variable, variable) in simulation.tax_benefit_system.variables]
        values = {variable: plain_values(array) for variable, array in values_at_retirement(simulation, known).items()}
        for i, name in enumerate(simulation.persons.ids.tolist()):
            rows[name] = {"name": name, **{variable: values[variable][i] for variable in known}}
    return rows


def naming_persons(error, names):
    """The model's error with each "person #3" of its simulation named as the caller named it
    (in its message, in the values its Chinese is built from, and in the refused persons it
    knows, `InputError.persons`)."""

    def named(text):
        return re.sub(r"person #(\d+)", lambda found: f"person {str(names[int(found.group(1))])!r}", text)

    def renamed(values):  # the person a coded message names (errors.person_number), by the caller's name
        number = re.fullmatch(r"person #(\d+)", in_lang(values.get("person"), "en") or "")
        return {**values, "person": i18n.both("person.named", name=repr(str(names[int(number.group(1))])))} if number else values

    if any(isinstance(index, str) for index in error.persons):  # named already (/trace: while the simulation was built)
        return error

    def naming(one, refused):  # each person a refusal knows, where its text names one at most
        text, values = named(str(one)), renamed(one.values)
        if not (len(refused) == 1 and f"person {refused[0]!r}" in text):
            text, values = text + i18n.refused_text(refused, "en"), {**values, "refused": refused}
        return InputError(text, one.code, values, one.field, variable=one.variable, period=one.period)

    persons = {str(names[index]): naming(person, [str(names[index])]) for index, person in error.persons.items()}
    whole = naming(error, list(persons)) if persons else InputError(
        named(str(error)), error.code, renamed(error.values), error.field, variable=error.variable, period=error.period)
    whole.persons = persons
    return whole


def shortfall_outcomes(profiles, system=None, variables=BREAKDOWN):
    """{name: {choice: row}} for every person short of the minimum with the 2011 choice
    open: what keeping on contributing, the transfer and the refund would each give."""
    system = system or default_system()
    profiles = named_profiles(profiles)
    first = _assess_as_given(profiles, system, ("shortfall_choice_open",))
    short = {name: profile for name, profile in profiles.items() if first[name]["shortfall_choice_open"]}
    outcomes = {name: {} for name in short}
    for choice in SHORTFALL_CHOICE:
        chosen = {name: {**profile, "shortfall_choice": choice} for name, profile in short.items()}
        for row in assess(chosen, system, variables) if chosen else []:
            outcomes[row["name"]][choice] = row
    return outcomes


def example_profiles():
    """The embedded example: two Shandong persons (an approval form and a career)."""
    text = resources.files("openfisca_china_social_insurance").joinpath("examples/shandong.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def plain_values(array):
    """A column of results as plain Python values: ISO dates, enum keys, floats to 4 decimals."""
    if hasattr(array, "decode_to_str"):  # an Enum (a region): its key, not its index
        return array.decode_to_str().tolist()
    if numpy.issubdtype(array.dtype, numpy.datetime64):
        return [str(value) for value in array.astype("datetime64[D]")]
    if numpy.issubdtype(array.dtype, numpy.floating):
        return round_as_python(array, 4).tolist()  # Python's round of each value, to the bit
    return array.tolist()
