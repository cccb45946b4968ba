"""POST /explain: one person's profile in, the assessment and every parameter value it used out
(api/explain.py)."""

from .. import api
from ..core.errors import InputError
from .body import json_object
from .json_output import plain

KEYS = {"profile", "assumptions"}
#: How the person is named in the answer and in the field of an error ("profile.birth_date").
NAME = "profile"


def answer(profile, system):
    """The /explain answer for one profile under `system`: money to the fen, dates ISO."""
    if not isinstance(profile, dict):
        raise InputError.of("explain_profile", value=profile).at("profile")
    found = api.explain(profile, system, NAME)
    units = {variable: system.variables[variable].unit for variable in found["assessment"] if variable in system.variables}
    return {
        "assessment": {key: plain(value, units.get(key)) for key, value in found["assessment"].items()},
        "parameters": [{**entry, "value": plain(entry["value"], entry["unit"])} for entry in found["parameters"]],
    }


def view():
    from . import systems

    body = json_object(KEYS, required=("profile",))
    return answer(body["profile"], systems.system(body.get("assumptions")))
