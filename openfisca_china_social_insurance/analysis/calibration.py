"""Calibration: weights that reproduce published margins (raking, iterative proportional
fitting), with the fit reported. Raking is weightipy's (a maintained RIM implementation),
not ours.

    weights, fit = rake(cells, {"sex": {"male": 0.55, "female": 0.45}, ...}, total=27_018_000)
"""

import warnings

import numpy

from ..core.errors import InputError


def rake(cells, margins, total):
    """Weights for `cells` ({column: array of categories}) whose weighted shares match each
    margin ({column: {category: share}}), scaled to `total`. Returns (weights, fit rows)."""
    import pandas
    import weightipy

    for column, targets in margins.items():
        if column not in cells:
            raise InputError.of("margin_column", column=column, allowed=", ".join(cells))
        shares = sum(targets.values())
        if abs(shares - 1) > 1e-6:
            raise InputError.of("margin_shares", column=column, shares=shares)
        missing = set(targets) - set(numpy.unique(cells[column]).tolist())
        if missing:
            raise InputError.of("margin_targets", column=column, missing=sorted(missing), allowed=sorted(numpy.unique(cells[column]).tolist()))
    frame = pandas.DataFrame({column: numpy.asarray(values).astype(str) for column, values in cells.items()})
    scheme = weightipy.scheme_from_dict({column: {str(category): share * 100 for category, share in targets.items()} for column, targets in margins.items()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' future warnings from inside weightipy
        raked = weightipy.weight_dataframe(frame, scheme)["weights"].to_numpy(dtype=float)
    weights = raked / raked.sum() * total
    return weights, fit(weights, cells, margins)


def fit(weights, cells, margins):
    """[(margin, category, target share, achieved share, difference)]."""
    rows = []
    for column, targets in margins.items():
        values = numpy.asarray(cells[column]).astype(str)
        for category, share in targets.items():
            achieved = weights[values == str(category)].sum() / weights.sum()
            rows.append((column, str(category), round(share, 4), round(float(achieved), 4), round(float(achieved - share), 6)))
    return rows
