"""POST /assess: the profiles of `api.assess` in, each person's pension at retirement out.

A batch is assessed together (one simulation per group of persons giving the same
formula inputs, api.assess); a person the model refuses is answered in `errors`, naming
the person and the field, while the others are still computed (api.assess_each).
"""

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


def outputs(requested, system):
    """The variables to report: api.BREAKDOWN, or the request's non-empty list of the model's
    person variables assessed once (ETERNITY) or paid monthly (MONTH), as api.assess takes them."""
    if requested is None:
        return [variable for variable in api.BREAKDOWN if variable in system.variables]
    if not isinstance(requested, list) or not requested:
        raise InputError.of("outputs_empty", value=requested).at("outputs")
    return api.assessed_variables(requested, system, field="outputs")


def named(profiles):
    """{name: profile} from the request's profiles (a mapping, or a list named by 'name' or position)."""
    if not isinstance(profiles, (dict, list)) or not profiles:
        raise InputError.of("profiles_empty").at("profiles")
    try:
        return {str(name): profile for name, profile in api.named_profiles(profiles).items()}
    except InputError as error:
        raise error.under("profiles", f"profiles: {error}") from None


def _of_person(body, name):
    """The error's field as a path from the person (her.birth_date), as for a profile's own
    fields: the model's messages name the input (birth_date) and the person apart."""
    field = body["field"]
    if field and field != name and not field.startswith(f"{name}."):
        field = body["field"] = f"{name}.{field}"
    # A figure the model asks for that a profile gives under overrides (transitional_coefficient
    # for a 1999 Shandong retirement): its path in the profile (was her.transitional_coefficient,
    # a field /assess refuses as unknown).
    if field and field.startswith(f"{name}.") and field[len(name) + 1:] in api.OVERRIDES:
        body["field"] = f"{name}.overrides.{field[len(name) + 1:]}"
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
