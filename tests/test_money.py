"""Rounding of money arrays (core/money.py): the vectorised rounding equals Python's round of
each value, which the API applies to each figure one by one."""

import numpy
import pytest

from openfisca_china_social_insurance.core import money


@pytest.mark.parametrize("places", [0, 2, 4, 6])  # 6: the path through Python's round on every platform
def test_round_as_python_equals_python_round_value_by_value(places):
    generator = numpy.random.default_rng(7)
    amounts = numpy.concatenate([
        generator.uniform(-1e6, 1e6, 20_000),
        numpy.round(generator.uniform(0, 1e5, 20_000), 3) + 0.005,  # ties at the fen, as written in decimal
        numpy.arange(0, 10, 0.125),  # ties exact in binary: half to even
        [1e15 + 0.25, -(2.0**53) / 100 - 0.5, 1e300, 1e307, numpy.inf, -numpy.inf],  # beyond exact float64 multiples
    ])
    rounded = money.round_as_python(amounts, places)
    expected = numpy.array([round(value, places) for value in amounts.tolist()])
    assert numpy.array_equal(rounded, expected)


def test_round_as_python_keeps_nan_and_the_shape():
    values = numpy.array([[1.005, numpy.nan], [2.675, -0.125]])
    rounded = money.round_as_python(values, 2)
    assert rounded.shape == (2, 2) and numpy.isnan(rounded[0, 1])
    assert rounded[~numpy.isnan(rounded)].tolist() == [round(1.005, 2), round(2.675, 2), round(-0.125, 2)]
