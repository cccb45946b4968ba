"""What the Web API writes as JSON: dates as ISO strings, money to the fen, valid JSON only.

Flask's default writer turns a date into an HTTP date ("Wed, 01 Jan 2025 00:00:00 GMT")
and Python's json writes NaN and Infinity, which are not JSON. `plain` turns a model's
value (numpy scalar, enum, date, float) into what the answers print.
"""

import datetime
import math

import numpy
from flask.json.provider import DefaultJSONProvider

from ..core.money import fen_exact

MONEY_UNIT = "currency-CNY"


#: Values that are JSON as they are (most values of api.assess's rows): returned at once.
_ALREADY_PLAIN = frozenset((str, int, bool, type(None)))


def plain(value, unit=None):
    """A JSON-ready value: ISO dates, enum keys, money to the fen, null for not a number."""
    if type(value) in _ALREADY_PLAIN:
        return value
    if isinstance(value, numpy.float32):  # float32 inputs: 0.682, not 0.6819999814033508
        value = float(str(value))
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, (datetime.date, numpy.datetime64)):
        return str(value)[:10]
    if hasattr(value, "name") and not isinstance(value, (str, bytes)):  # an enum member: its key
        return value.name
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # not computable; the model refuses such inputs, so this is a guard
        return fen_exact(value) if unit == MONEY_UNIT else value
    return value


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON writer with ISO dates, numpy scalars and no NaN (refused, not written)."""

    sort_keys = False
    ensure_ascii = False

    @staticmethod
    def default(value):
        if isinstance(value, (datetime.date, numpy.generic)):
            return plain(value)
        return DefaultJSONProvider.default(value)

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)
