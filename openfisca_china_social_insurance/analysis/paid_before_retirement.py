"""A year's contributions as paid before the retirement month.

A career given past the retirement date (a profile's career to 2030, a retirement set on an
earlier --date) pays nothing after it: the model counts only the months before retirement
(counted_contribution_months) for the pension, and the totals and the IRR of the analyses
count the same months, pro rata of the year's contributions.
"""

import numpy


def paid_before_retirement(simulation, variable, year):
    """(amount, months) of `variable` (a yearly contribution) paid before the retirement month,
    for every person. Months back-paid for arrears (reforms/flexible_worker_operations.py) are
    paid in the year and counted with it."""
    period = str(year)
    back = simulation.calculate("back_paid_months", period) if "back_paid_months" in simulation.tax_benefit_system.variables else 0
    months = simulation.calculate("contribution_months", period) + back
    counted = simulation.calculate("counted_contribution_months", period)  # with the back-paid months where a reform pays them
    share = numpy.divide(counted, months, out=numpy.zeros(len(counted)), where=months > 0)
    return simulation.calculate(variable, period) * share, counted
