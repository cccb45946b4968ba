"""Shared building blocks for variables: money in float64 and rounding to the fen."""

import numpy
from openfisca_core.variables import Variable


class Float64(Variable):
    """A float variable stored in float64.

    OpenFisca stores float variables in float32, which cannot hold 160,413.01 yuan to
    the fen (its step there is 1/64 yuan). Every amount of money and every quantity
    that feeds one is stored in float64 instead.
    """

    def __init_subclass__(cls, **kwargs):
        # OpenFisca reads a variable's attributes from its own class only.
        super().__init_subclass__(**kwargs)
        cls.value_type = float

    def __init__(self, baseline_variable=None):
        super().__init__(baseline_variable)
        self.dtype = numpy.float64


def round_fen(amount):
    """Round yuan to the fen, half up, as agencies print it (13,586.785 -> 13,586.79).

    The small offset absorbs binary representation error: 13586.785 is stored as
    13586.78499999..., which plain rounding would send down.
    """
    amount = numpy.asarray(amount, dtype=numpy.float64)
    # sign(amount) x floor(|amount| x 100 + 0.5 + 1e-6) / 100, in place: the same
    # operations in the same order (same result to the bit), one temporary array
    # instead of six (careers round millions of amounts every year).
    if amount.ndim == 0:
        return numpy.sign(amount) * numpy.floor(numpy.abs(amount) * 100 + 0.5 + 1e-6) / 100
    fen = numpy.abs(amount)
    fen *= 100
    fen += 0.5
    fen += 1e-6
    numpy.floor(fen, out=fen)
    fen /= 100
    fen *= numpy.sign(amount)
    return fen


def round_half_up(values, decimals):
    """Round to `decimals` places (a number or an array of them), half up as forms print
    figures other than money: an index to 4 places, payout months to 1. The offset absorbs
    binary representation error, as in round_fen."""
    scale = 10.0**numpy.asarray(decimals, dtype=numpy.float64)
    return numpy.floor(numpy.asarray(values, dtype=numpy.float64) * scale + 0.5 + 1e-9) / scale


#: How far from a whole fen a float may be and still be that fen (float noise, not money).
FEN_NOISE = 1e-6


def fen_exact(amount):
    """One amount (a Python float) as the double nearest its fen value when it is a fen
    value up to float noise (4295.7699999999995 -> 4295.77); any other amount unchanged.

    For answers that print money (JSON): a sum of amounts rounded to the fen is a fen
    amount, but float addition leaves noise in its last bits.
    """
    fen = round(amount * 100)
    return fen / 100 if abs(amount * 100 - fen) < FEN_NOISE else amount


def round_as_python(values, places):
    """Python's `round(value, places)` of each value, vectorised and equal to the bit: the
    nearest multiple of 10**-places to the value's exact binary amount, ties to even (0.125
    -> 0.12), as the API rounds each figure one by one. numpy.round scales in float64 first
    and can round a value the other way; here the scaling is exact in extended precision
    (53 bits times 5**places fit in its 64 when places <= 4) for values whose rounded multiple
    is a whole float64 (below 2**53 / 10**places: every amount of money); elsewhere (other
    platforms, larger values, NaN) each distinct value goes through Python's round."""
    values = numpy.asarray(values, dtype=numpy.float64)
    if not (places <= 4 and numpy.finfo(numpy.longdouble).nmant >= 52 + (5**places).bit_length()):
        return _each_through_python(values, places)
    exact = numpy.abs(values) < 2.0**53 / 10**places
    whole = numpy.rint(values[exact].astype(numpy.longdouble) * 10**places)  # exact product, rounded half to even
    result = numpy.empty_like(values)
    result[exact] = whole.astype(numpy.float64) / 10.0**places
    result[~exact] = _each_through_python(values[~exact], places)
    return result


def _each_through_python(values, places):
    """Python's round of each distinct value (the slow path of round_as_python)."""
    distinct, inverse = numpy.unique(values, return_inverse=True)
    return numpy.array([round(value, places) for value in distinct.tolist()], dtype=numpy.float64)[inverse.reshape(values.shape)]
