"""Each person of a batch assessed or refused on their own (`assess_each`): what the
Web API's /assess answers, for callers of the Python API too."""

from ..core.errors import InputError
from .profiles import BREAKDOWN, assess, default_system, named_profiles, situation


def checked_one_by_one(profiles, system):
    """(profiles the API accepts, {name: error}) from each profile's own validation
    (the batch at once first: one person at a time repeats the average wage lookups)."""
    try:
        situation(profiles, system)
        return profiles, {}
    except InputError:
        pass
    good, refused = {}, {}
    for name, profile in profiles.items():
        try:
            situation({name: profile}, system)
            good[name] = profile
        except InputError as error:
            refused[name] = error
    return good, refused


def assessed_isolating(profiles, system, variables, refusal=None):
    """({name: row}, {name: error}): the batch at once; the persons a refusal names
    (InputError.persons) are dropped together, else the batch halves until each refusal
    is alone. `refusal` is the batch's own, when already met."""
    rows, refused = {}, {}
    while profiles:
        if refusal is None:
            try:
                rows.update({row["name"]: row for row in assess(profiles, system, variables)})
                break
            except InputError as error:
                refusal = error
        if len(profiles) == 1:
            refused[next(iter(profiles))] = refusal
            break
        named = {name: text for name, text in refusal.persons.items() if name in profiles}
        if not named:
            return _halved(profiles, system, variables, rows, refused)
        refused.update({name: InputError(text, field=refusal.field) for name, text in named.items()})
        profiles = {name: profile for name, profile in profiles.items() if name not in refused}
        refusal = None
    return rows, refused


def _halved(profiles, system, variables, rows, refused):
    names = list(profiles)
    for half in (names[: len(names) // 2], names[len(names) // 2:]):
        found, errors = assessed_isolating({name: profiles[name] for name in half}, system, variables)
        rows.update(found)
        refused.update(errors)
    return rows, refused


def assess_each(profiles, system=None, variables=BREAKDOWN):
    """({name: row}, {name: InputError}): `assess` of each person, the refused ones apart
    instead of the whole batch refused (a payroll of 10,000 with one bad profile).

    The batch is checked and assessed once; only when it is refused does each profile's
    own check name the persons it refuses, and the persons a refusal of the model names
    (InputError.persons) are dropped together; a refusal that names nobody splits the
    rest in halves until each refused person is alone.
    """
    system = system or default_system()
    profiles = named_profiles(profiles)
    try:
        return {row["name"]: row for row in assess(profiles, system, variables)}, {}
    except InputError as error:
        refusal = error
    good, refused = checked_one_by_one(profiles, system)
    # Every profile passing its own checks, the batch's refusal was the model's.
    rows, failed = assessed_isolating(good, system, variables, None if refused else refusal)
    return rows, {**refused, **failed}
