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


def isolating(compute, profiles, refusal=None):
    """({name: result}, {name: InputError}): `compute({name: profile})` ({name: result}) of the
    batch at once; the persons a refusal names (InputError.persons, named by the caller's
    names) are dropped together and the rest computed again; a refusal that names nobody
    splits the batch in halves until each refused person is alone. `refusal` is the batch's
    own, when already met."""
    results, refused = {}, {}
    while profiles:
        if refusal is None:
            try:
                results.update(compute(profiles))
                break
            except InputError as error:
                refusal = error
        if len(profiles) == 1:
            refused[next(iter(profiles))] = refusal
            break
        named = {name: error for name, error in refusal.persons.items() if name in profiles}
        if not named:
            names = list(profiles)
            for half in (names[: len(names) // 2], names[len(names) // 2:]):
                found, errors = isolating(compute, {name: profiles[name] for name in half})
                results.update(found)
                refused.update(errors)
            break
        refused.update({name: InputError(str(error), error.code, error.values, refusal.field, variable=refusal.variable, period=refusal.period)
                        for name, error in named.items()})
        profiles = {name: profile for name, profile in profiles.items() if name not in refused}
        refusal = None
    return results, refused


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
    rows, failed = isolating(lambda group: {row["name"]: row for row in assess(group, system, variables)}, good,
                             None if refused else refusal)
    return rows, {**refused, **failed}
