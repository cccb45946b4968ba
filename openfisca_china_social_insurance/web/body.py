"""Reading a request body and answering its errors as {"error": ..., "field": ...}.

Every bad input is an InputError; `field_of` says which input it names (the error's own
`field`, else the path its message starts with, as every message of the model does:
"her.birth_date: ...", "contribution_wage 2010: ...").
"""

import json
import re

from flask import has_request_context, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..core import i18n
from ..core.errors import InputError

#: The persons one request may hold, unless the app is created with another limit.
DEFAULT_MAX_PERSONS = 5000
#: The body size one request may have (bytes): about 2 KB a person with a 40-year career.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

_LEADING_FIELD = re.compile(r"^(?:person '(?P<person>[^']*)'(?:, (?P<input>\w+)[^:]*)?|(?P<path>[A-Za-z_][\w.\[\]-]*)(?: [\w:-]+)?):")


_NAMED_PERSON = re.compile(r"person '([^']*)'")


def field_of(error, default=None):
    """The input an InputError names, or `default`. A model variable's refusal (the error's
    `variable`, data) is the path from the first person it refuses (c.birth_date), as a profile's
    own fields are; another error's field is the path its message starts with."""
    if getattr(error, "field", None):
        return error.field
    variable = getattr(error, "variable", None)
    if variable is not None and variable in _model_variables():
        first = next(iter(getattr(error, "persons", {})), None)
        return f"{first}.{variable}" if isinstance(first, str) else variable  # persons named by the caller's names
    message = str(error)
    found = _LEADING_FIELD.match(message)
    if found and found.group("person") is not None:
        return ".".join(part for part in (found.group("person"), found.group("input")) if part)
    if not found:
        return default
    path, named = found.group("path"), _NAMED_PERSON.search(message)
    if named and path.split(".")[0] in _model_variables():
        return f"{named.group(1)}.{path}"
    return path


def _model_variables():
    from .. import default_system

    return default_system().variables


def answer_lang():
    """The language of the answer's messages: the query's `lang` (zh or en; app.py refuses another),
    else the best of zh and en in the request's Accept-Language header, else English. JSON keys,
    error codes and fields are the same in both."""
    if not has_request_context():
        return "en"
    asked = request.args.get("lang")
    if asked in i18n.LANGS:
        return asked
    return request.accept_languages.best_match(i18n.LANGS, default="en")


def error_body(error, default_field=None, lang=None):
    """{"error": the message in the answer's language, "field": the input it names, "code": the
    error's code (the same in every language; "input" for an error without one of its own)}."""
    return {"error": error.in_language(lang or answer_lang()), "field": field_of(error, default_field), "code": getattr(error, "code", "input")}


def json_object(allowed, required=()):
    """The request's JSON object, with only `allowed` keys and every `required` one."""
    body = _parsed_json()
    if not isinstance(body, dict):
        kind = "null" if body is None else {"list": "array", "str": "string", "int": "number", "float": "number", "bool": "boolean"}[type(body).__name__]
        raise InputError.of("body_not_object", kind=kind, allowed=", ".join(sorted(allowed))).at("body")
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise InputError.of("body_unknown_keys", unknown=unknown, allowed=", ".join(sorted(allowed))).at(unknown[0])
    for key in required:
        if key not in body:
            optional = sorted(set(allowed) - set(required))
            also = i18n.both("web.optional", keys=", ".join(optional)) if optional else ""
            raise InputError.of("body_key_missing", key=key, required=", ".join(required), also=also).at(key)
    return body


#: Digits a JSON integer may have: more than any figure of the model (and a float's range).
MAX_DIGITS = 20


def _parsed_json():
    """The request's JSON, refusing what Python's parser would take and the model cannot:
    NaN and Infinity (not JSON numbers), an integer of hundreds of digits (no float holds
    it), nesting deeper than the interpreter's stack (was a 500 each), a key twice in one
    object (the parser kept the last: a person lost)."""
    if not request.is_json:
        sent = request.mimetype or "no Content-Type"
        raise InputError.of("body_media_type", sent=sent).at("body")
    data = request.get_data()
    limit = request.max_content_length
    if limit is not None and len(data) >= limit:
        request.stream.read(1)  # a chunked body has no length to refuse it by: reading past the limit is the 413
    try:
        return json.loads(data, parse_constant=_no_constant, parse_int=_bounded_int, object_pairs_hook=_each_key_once)
    except InputError:
        raise
    except RecursionError:
        raise InputError.of("body_too_deep").at("body") from None
    except UnicodeDecodeError:
        raise InputError.of("body_not_utf8").at("body") from None
    except ValueError:  # not JSON
        raise InputError.of("body_not_json").at("body") from None


def _each_key_once(pairs):
    """A JSON object, refusing a key given twice: Python's parser keeps the last without a word
    (two persons named "a" were one person, a row lost; wage {"2025-09": 5000, "2025-09": 9000} 9000)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise InputError.of("body_key_twice", key=twice).at(twice)
    return found


def _no_constant(name):
    raise InputError.of("body_constant", name=name).at("body")


def _bounded_int(text):
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise InputError.of("body_long_integer", digits=len(text.lstrip("-")), most=MAX_DIGITS).at("body")
    return int(text)


def within_limit(count, limit, field):
    """Refuse more than `limit` persons with 413 and a message saying the limit."""
    if count > limit:
        refused = InputError.of("too_many_persons", field=field, count=count, limit=limit)
        error = RequestEntityTooLarge(str(refused))
        error.field, error.refusal = field, refused
        raise error


def choice(value, field, allowed):
    if value not in allowed:
        raise InputError.of("web_choice", field=field, value=value, allowed=", ".join(map(str, allowed))).at(field)
    return value
