"""The systems a request asks for: its assumption set and its reforms, built once per process.

A request names them as data, never as code or a file on the server:

- assumptions: "low", "central" (default) or "high" (analysis/assumptions/), or an
  assumption document in the reform-file format (projection.* changes only);
- a reform: a built-in name ("basic_pension_by_years", "a+b" composed in order), a
  built-in name with its knobs ({"name": ..., "knobs": {...}}: the factory's options,
  checked as a reform file's `variant` options), or a reform document ({"document": ...},
  a mapping or YAML text) read by the same safe loader as reform files.

A reformed system costs 25-40 ms to build and its lookup tables more on first use, so
each (assumptions, reform) pair is kept (least recently used, SYSTEMS_KEPT of them).
"""

import functools
import json
import re

import yaml

from .. import default_system
from ..analysis import reform_files
from ..core import i18n
from ..core.errors import InputError

SYSTEMS_KEPT = 32
REFORM_KEYS = {"name", "knobs", "label", "document"}


def _text(document, field):
    """A document as YAML text: the loader reads text, with line numbers for its errors."""
    if isinstance(document, str):
        return document
    if isinstance(document, dict):
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    raise InputError.of("reform_document", field=field, value=document).at(field)


def _checked(function, field, generated=False):
    """function(), its InputError tagged with the request's field. The loader's messages
    start "reform file SOURCE:LINE: " (or "assumption file"); a document made here from knobs
    has no lines to show."""
    try:
        return function()
    except InputError as error:
        message = re.sub(rf"^(?:reform|assumption) file {re.escape(field)}(:\d+)?: ", "" if generated else rf"{field}\1: ", str(error))
        where = error.values.get("where")
        if isinstance(where, dict):  # a reform file's error (errors: reform_*): its file and line said as the request's field
            line = re.search(r":(\d+)$", where["en"])
            said = field if generated or not line else i18n.both("web.field_line", field=field, line=line.group(1))
            text = message if message.startswith(field) else f"{field}: {message}"
            raise InputError(text, error.code, {**error.values, "where": said}, field) from None
        raise error.under(field, message) from None


def assumption_reform(spec, field="assumptions"):
    """The assumption set a request names, as a reform."""
    if spec is None or spec == "central":
        return reform_files.compose()
    if isinstance(spec, str) and spec in reform_files.ASSUMPTION_SETS:
        return reform_files.assumptions(spec)
    if isinstance(spec, dict):
        return _checked(lambda: reform_files.assumptions_from_text(_text(spec, field), field), field)
    raise InputError.of("assumptions_spec", field=field, value=spec, allowed=", ".join(reform_files.ASSUMPTION_SETS)).at(field)


def _by_names(spec, field):
    parts = spec.split("+")
    for part in parts:  # names only: never a file or a module on the server
        if part.strip() not in reform_files.known_names():
            raise InputError.of("web_reform_unknown", field=field, name=part.strip(), allowed=", ".join(reform_files.known_names())).at(field)
    reforms = [_checked(lambda part=part: reform_files.reform_by_name(part.strip()), field) for part in parts]
    return reform_files.compose(*reforms) if len(reforms) > 1 else reforms[0]


def reform(spec, field):
    """(label, reform) for one entry of a request's reforms."""
    if isinstance(spec, str):
        return spec, _by_names(spec, field)
    if not isinstance(spec, dict):
        raise InputError.of("reform_spec", field=field, value=spec).at(field)
    unknown = sorted(set(spec) - REFORM_KEYS)
    if unknown:
        raise InputError.of("reform_keys", field=field, unknown=unknown, allowed=", ".join(sorted(REFORM_KEYS))).at(f"{field}.{unknown[0]}")
    if ("name" in spec) == ("document" in spec):
        raise InputError.of("name_or_document", field=field).at(field)
    label = spec.get("label")
    if label is not None and (not isinstance(label, str) or not label.strip()):
        raise InputError.of("label_text", field=f"{field}.label", value=label).at(f"{field}.label")
    if "document" in spec:
        found = _checked(lambda: reform_files.load_text(_text(spec["document"], f"{field}.document"), f"{field}.document"), f"{field}.document")
        return label or found.name, found
    name = spec["name"]
    if not isinstance(name, str):
        raise InputError.of("web_choice", field=f"{field}.name", value=name, allowed=", ".join(reform_files.known_names())).at(f"{field}.name")
    knobs = spec.get("knobs") or {}
    if not knobs:
        return label or name, _by_names(name, f"{field}.name")
    if not isinstance(knobs, dict):
        raise InputError.of("knobs_mapping", field=f"{field}.knobs", value=knobs).at(f"{field}.knobs")
    if name not in reform_files.BUILT_IN:
        raise InputError.of("no_knobs", field=f"{field}.knobs", name=name, allowed=", ".join(sorted(reform_files.BUILT_IN))).at(f"{field}.knobs")
    # The same checks as a reform file's variant: the knobs are the factory's options.
    change = {"variant": name, "options": {key: value for key, value in knobs.items() if key != "start"}}
    if "start" in knobs:
        change["start"] = knobs["start"]
    document = {"name": label or name, "changes": [change]}
    return label or name, _checked(lambda: reform_files.load_text(_text(document, field), f"{field}.knobs"), f"{field}.knobs", generated=True)


def key(spec):
    """A request's spec as a text that identifies it (the cache key)."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def system(assumptions=None, reform_spec=None, field="reforms"):
    """The app's baseline (create_app's `system`; outside an app, the shared default) under
    `assumptions`, or it reformed by `reform_spec`, built once."""
    from flask import current_app, has_app_context

    assumption_reform(assumptions)  # refused here, with its field, before any cache
    if reform_spec is not None:
        reform(reform_spec, field)
    base = current_app.config.get(BASELINE) if has_app_context() else None
    return _built(base or default_system(), key(assumptions), key(reform_spec))


#: The app's config key holding its baseline system.
BASELINE = "SHEBAO_BASELINE_SYSTEM"


@functools.lru_cache(maxsize=SYSTEMS_KEPT)
def _built(base, assumptions_key, reform_key):
    built = assumption_reform(json.loads(assumptions_key))(base)
    reform_spec = json.loads(reform_key)
    return built if reform_spec is None else reform(reform_spec, "reforms")[1](built)
