"""POST /compare: the profiles under the baseline and one or more reforms, in one call.

The comparison is analysis/reform_comparison's (the pension components, the extra
pension for one more year and for a 10% higher base, the IRR of own contributions), each
reform applied to the baseline under the request's assumption set. A profile the API
refuses is answered 400 naming the person and field (every such error in `errors`):
a comparison is of the whole set of persons.
"""

import math

from ..analysis import reform_comparison as engine
from ..analysis.irr import PAYMENTS
from ..api.batch import checked_one_by_one
from ..core import i18n
from ..core.errors import InputError
from . import systems
from .assess import named
from .body import choice, error_body, field_of, json_object, within_limit
from .json_output import plain

KEYS = {"profiles", "reforms", "assumptions", "measures", "horizon_age", "payment"}
#: Reforms one request may compare with the baseline (each costs a full evaluation).
MAX_REFORMS = 5
MONEY = set(engine.COMPONENTS) | {"plus_one_year", "plus_base"}


class RefusedProfiles(InputError):
    """Profiles the API refuses: every one, with its person and field (`errors`, in the answer's language)."""

    def __init__(self, refused):
        name, error = next(iter(refused.items()))
        more = len(refused) - 1
        values = {"person": name, "error": {lang: error.in_language(lang) for lang in i18n.LANGS},
                  "more": i18n.both("web.more_in_errors", count=more) if more else ""}
        super().__init__(f"{name}: {error}" + (f" (and {more} more in errors)" if more else ""), "refused_profiles", values, field_of(error, name))
        self.refused = refused

    @property
    def errors(self):
        return [{"person": name, **error_body(error, name)} for name, error in self.refused.items()]


def reform_systems(specs, assumptions, least=1):
    """[(label, reform)] of a request's reforms, each applied to the baseline of `assumptions`."""
    return [(label, lambda _, spec=spec: systems.system(assumptions, spec)) for label, spec in _reforms(specs, least)]


def _reforms(specs, least=1):
    if not isinstance(specs, list) or not least <= len(specs) <= MAX_REFORMS:
        raise InputError.of("reforms_list", value=specs, least=least, most=MAX_REFORMS).at("reforms")
    labelled = []
    for number, spec in enumerate(specs):
        field = f"reforms[{number}]"
        label, _ = systems.reform(spec, field)
        if label == "baseline" or label in [known for known, _ in labelled]:
            raise InputError.of("label_taken", field=field, label=label).at(f"{field}.label")
        labelled.append((label, spec))
    return labelled


def _measures(requested):
    if requested is None:
        return list(engine.MEASURES)
    if not isinstance(requested, list) or not requested or any(measure not in engine.MEASURES for measure in requested):
        raise InputError.of("web_measures", value=requested, allowed=", ".join(engine.MEASURES)).at("measures")
    return list(dict.fromkeys(requested))


def _value(measure, value):
    if isinstance(value, float) and math.isnan(value):
        return None  # not computable for this profile (fixed by an approval form's figures)
    return plain(value, "currency-CNY" if measure in MONEY else None)


def answer(rows, labels, measures):
    """The engine's rows (person x measure) as one object per person."""
    by_person = {}
    for row in rows:
        if row["measure"] not in measures:
            continue
        person = by_person.setdefault(row["person"], {"person": row["person"], "values": {label: {} for label in labels}, "differences": {label: {} for label in labels[1:]}})
        for label in labels:
            person["values"][label][row["measure"]] = _value(row["measure"], row[label])
        for label in labels[1:]:
            difference = row[f"Δ {label}"]
            if difference is not None:
                person["differences"][label][row["measure"]] = _value(row["measure"], difference)
    return list(by_person.values())


def run(body, profiles, max_persons, cells=None, least_reforms=1):
    """(labels, rows, measures): the engine's comparison of {name: profile} for a checked
    request body (reforms, assumptions, measures, horizon_age, payment); `cells` maps a
    grid's persons to their (base, years). The desk (desk_tables.py) shares it."""
    within_limit(len(profiles), max_persons, "profiles")
    measures = _measures(body.get("measures"))
    horizon_age = body.get("horizon_age", engine.HORIZON_AGE)
    if isinstance(horizon_age, bool) or not isinstance(horizon_age, int) or not 40 <= horizon_age <= 110:
        raise InputError.of("horizon_age", value=horizon_age).at("horizon_age")
    payment = choice(body.get("payment", "monthly"), "payment", PAYMENTS)
    assumptions = body.get("assumptions")
    baseline = systems.system(assumptions)
    reforms = reform_systems(body.get("reforms", []), assumptions, least_reforms)
    _, refused = checked_one_by_one(profiles, baseline)
    if refused:
        raise RefusedProfiles(refused)
    labels, rows = engine.compare(baseline, reforms, profiles, horizon_age, payment, cells)
    return labels, rows, measures


def view(max_persons):
    body = json_object(KEYS, required=("profiles", "reforms"))
    labels, rows, measures = run(body, named(body["profiles"]), max_persons)
    return {"systems": labels, "measures": measures, "results": answer(rows, labels, measures)}
