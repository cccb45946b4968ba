"""The internal rate of return of a person's own contributions against the pension.

IRR: the yearly rate r at which the person's own contributions (outflows:
individual_contribution of each career year, the whole rate for a flexible worker,
spread over the paid months from January, or paid at the start of each quarter or in
January with `payment`) and the pension (inflows: the monthly pension from the
retirement month until the month the person reaches `horizon_age`, or the lump-sum
refund in the retirement month) have a net present value of 0. The horizon is an
assumption, not a source. Bisection on r in [-90%, +500%]; NaN where the flows do not
change sign (no contributions, or nothing paid back).
"""

import numpy

from ..core.dates import month_number

PAYMENTS = ("monthly", "quarterly", "yearly")


def irr_of_career(paid_by_year, pension, refund, retirement, birth, horizon_age, payment="monthly"):
    """IRR per person of yearly contributions {year: (amount, months)} against the pension flows."""
    count = len(pension)
    first = min(paid_by_year) * 12 if paid_by_year else int(month_number(retirement).min())
    end = month_number(birth) + horizon_age * 12  # first month no longer paid
    retire = month_number(retirement)
    last = (max(paid_by_year) + 1) * 12 if paid_by_year else 0  # a career year may run past the horizon
    span = int(max(end.max(), retire.max() + 1, last)) - first
    flows = numpy.zeros((count, span))
    for year, (amount, months) in paid_by_year.items():
        offset = year * 12 - first
        months = numpy.asarray(months)
        for m in range(12):
            if payment == "monthly":
                share = numpy.where(m < months, 1.0 / numpy.maximum(months, 1), 0)
            elif payment == "quarterly":  # paid on the quarter's first month for its paid months
                share = numpy.where(m % 3 == 0, (numpy.clip(months - m, 0, 3)) / numpy.maximum(months, 1), 0)
            else:
                share = numpy.where((m == 0) & (months > 0), 1.0, 0)
            flows[:, offset + m] -= amount * share
    columns = numpy.arange(span) + first
    paying = (columns >= retire[:, None]) & (columns < end[:, None])
    flows += numpy.where(paying, numpy.asarray(pension)[:, None], 0)
    flows[numpy.arange(count), retire - first] += refund
    return irr(flows)


def irr(flows, low=-0.9, high=5.0, steps=100):
    """Yearly IRR of monthly cash flows (rows: persons, columns: months), by bisection."""
    flows = numpy.atleast_2d(numpy.asarray(flows, dtype=float))
    t = numpy.arange(flows.shape[1]) / 12.0

    def npv(rate):
        return (flows * (1 + rate[:, None]) ** (-t)).sum(axis=1)

    low = numpy.full(len(flows), low)
    high = numpy.full(len(flows), high)
    npv_low = npv(low)
    valid = (numpy.sign(npv_low) * numpy.sign(npv(high)) < 0) & (flows < 0).any(axis=1) & (flows > 0).any(axis=1)
    for _ in range(steps):
        middle = (low + high) / 2
        npv_middle = npv(middle)
        same = numpy.sign(npv_middle) == numpy.sign(npv_low)
        low = numpy.where(same, middle, low)
        npv_low = numpy.where(same, npv_middle, npv_low)
        high = numpy.where(same, high, middle)
    return numpy.where(valid, (low + high) / 2, numpy.nan)
