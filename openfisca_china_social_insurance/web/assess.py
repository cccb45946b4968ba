"""POST /assess: the profiles of `api.assess` in, each person's pension at retirement out.

A batch is assessed together (one simulation per group of persons giving the same
formula inputs, api.assess); a person the model refuses is answered in `errors`, naming
the person and the field, while the others are still computed (api.assess_each).
"""

import inspect
from pathlib import Path

from openfisca_core import periods

from .. import api
from ..core.errors import InputError
from .body import error_body, json_object, within_limit
from .json_output import plain

KEYS = {"profiles", "outputs", "assumptions"}
#: Variables a profile does not give, and the value the model then uses (stated in each row).
#: A value in angle brackets is another field's.
DEFAULTS = {
    "worker_category": "worker",
    "hukou_region": "<insured_region>",
    "shortfall_choice": "continue_contributing",
    "provisional_assessment": False,
    "deemed_contribution_years": 0,
    "special_type_work_years": 0,
    "one_child_parent": False,
    "recognised_intellectual": False,
    "plateau_work_years": 0,
    "hardship_area_category": 0,
}


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


def outputs(requested, system):
    """The variables to report: api.BREAKDOWN, or the request's list of the model's
    person variables assessed once (ETERNITY) or paid monthly (MONTH)."""
    if requested is None:
        return [variable for variable in api.BREAKDOWN if variable in system.variables]
    if not isinstance(requested, list) or not requested:
        raise InputError(f"outputs: {requested!r}. Allowed: a non-empty list of variable names, e.g. [\"monthly_pension\"].", field="outputs")
    for number, name in enumerate(requested):
        variable = system.variables.get(name) if isinstance(name, str) else None
        if variable is None or variable.definition_period not in (periods.ETERNITY, periods.MONTH) or not _of_a_profile(variable):
            raise InputError(
                f"outputs[{number}]: {name!r} is not a variable assessed at retirement. Allowed: the ETERNITY or MONTH "
                f"variables of the pension, the retirement date and the person (a payroll's or another branch's figure "
                f"rests on inputs no profile gives), such as {', '.join(api.BREAKDOWN[-8:-3])}.",
                field=f"outputs[{number}]",
            )
    return list(dict.fromkeys(requested))


def named(profiles):
    """{name: profile} from the request's profiles (a mapping, or a list named by 'name' or position)."""
    if not isinstance(profiles, (dict, list)) or not profiles:
        raise InputError("profiles: empty or not a mapping or list. Allowed: {name: profile} or [profile, ...], at least one.", field="profiles")
    try:
        return {str(name): profile for name, profile in api.named_profiles(profiles).items()}
    except InputError as error:
        raise InputError(f"profiles: {error}", field="profiles") from None


def _of_person(body, name):
    """The error's field as a path from the person (her.birth_date), as for a profile's own
    fields: the model's messages name the input (birth_date) and the person apart."""
    field = body["field"]
    if field and field != name and not field.startswith(f"{name}."):
        body["field"] = f"{name}.{field}"
    return body


def defaults_used(profile):
    return {field: value for field, value in DEFAULTS.items() if field not in profile}


def answer(request_profiles, system, variables):
    """The /assess answer for {name: profile} under `system`."""
    rows, refused = api.assess_each(request_profiles, system, variables)
    units = {variable: system.variables[variable].unit for variable in variables if variable in system.variables}
    results = [
        {
            **{key: plain(value, units.get(key)) for key, value in rows[name].items()},
            "defaults": defaults_used(request_profiles[name]),
        }
        for name in request_profiles
        if name in rows
    ]
    errors = [{"person": name, **_of_person(error_body(refused[name], name), name)} for name in request_profiles if name in refused]
    return {
        "results": results,
        "errors": errors,
        "variables": {variable: {"label": system.variables[variable].label, "unit": units.get(variable)} for variable in variables},
    }


def view(max_persons):
    from . import systems

    body = json_object(KEYS, required=("profiles",))
    profiles = named(body["profiles"])
    within_limit(len(profiles), max_persons, "profiles")
    system = systems.system(body.get("assumptions"))
    return answer(profiles, system, outputs(body.get("outputs"), system))
