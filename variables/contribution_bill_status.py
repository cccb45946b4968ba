"""The status of each figure of the monthly contribution bill: the weakest status of what it
rests on (official < estimated < unverified < projected), as `shebao contributions` shows
them, for api.contribution_bill and the Web API's /calculate alike.

A social insurance branch rests on its rates and on the base band (the region's published
floor and cap, or the shares of its average wage); the housing fund on the city's range (or
3 x the average wage) and the cap on its rate; work injury on the class's base rate and the
floating step. A branch not given (no industry class, no housing fund rate) or a month
without a wage bills nothing and rests on nothing: official.
"""

import numpy
from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.data_status import StatusVariable, as_status, weakest
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.variables.contribution_bill import BILL, RATES


def _node(tree, path):
    for part in path.split("."):
        tree = getattr(tree, part)
    return tree


def _day(period):
    return numpy.datetime64(f"{period.start.year:04d}-{period.start.month:02d}-01")


def _read(table, period, region):
    """A region x month (or national, one row) table on the first of the month."""
    return lookup.at(table, _day(period), region if table.shape[0] > 1 else 0)


def _status(person, period, path):
    """Status codes of parameter `path` in the insured region (NaN where none is in force)."""
    return _read(lookup.status_table(_node(parameter_tree(person), path)), period, person("insured_region", period))


def _in_force(person, period, path):
    return ~numpy.isnan(_read(lookup.table(_node(parameter_tree(person), path)), period, person("insured_region", period)))


def _with_base(person, period, *codes):
    """A social insurance branch: its rates' statuses and the base's, where a wage is billed."""
    codes = weakest(numpy.asarray(person("monthly_contribution_base_status", period)), *codes)
    return as_status(numpy.where(person("wage", period) > 0, codes, 0))


def _rates(person, period, branch):
    return [_status(person, period, path) for path in RATES[branch] if path]


class monthly_contribution_base_status(StatusVariable):
    definition_period = MONTH
    label = "社保缴费基数数据状态 Status of the contribution base's floor and cap: the region's published amounts, or its average wage's"

    def formula(person, period, parameters):
        tree, region = parameter_tree(person), person("insured_region", period)
        published = _in_force(person, period, "common.contribution_base_amount.floor")
        amounts = weakest(*(_status(person, period, f"common.contribution_base_amount.{side}") for side in ("floor", "cap")))
        shares = weakest(*(_status(person, period, f"common.contribution_base_band.{side}") for side in ("floor", "cap")),
                         _read(time_axis.average_wage(tree)[1], period, region))
        return as_status(numpy.where(person("wage", period) > 0, numpy.where(published, amounts, shares), 0))


class pension_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "养老保险缴费（月）数据状态 Status of the month's pension contributions: the rates' and the base's"

    def formula(person, period, parameters):
        return _with_base(person, period, *_rates(person, period, "pension"))


class medical_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "医疗保险缴费数据状态 Status of the month's medical contributions: the rates', the fixed amount's and the base's"

    def formula(person, period, parameters):
        fixed = _status(person, period, "medical.contribution.employee_fixed_amount")
        return _with_base(person, period, *_rates(person, period, "medical"), fixed)


class maternity_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "生育保险缴费数据状态 Status of the month's maternity contribution: the rate's and the base's"

    def formula(person, period, parameters):
        return _with_base(person, period, *_rates(person, period, "maternity"))


class unemployment_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "失业保险缴费数据状态 Status of the month's unemployment contributions: the rates' and the base's"

    def formula(person, period, parameters):
        return _with_base(person, period, *_rates(person, period, "unemployment"))


class work_injury_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "工伤保险缴费数据状态 Status of the month's work injury contribution: the class's base rate, the floating step's and the base's"

    def formula(person, period, parameters):
        rules = parameter_tree(person).work_injury.contribution
        day = numpy.full(person.count, _day(period))
        factor = person("work_injury_rate_factor", period)
        step = numpy.full(person.count, numpy.nan)
        for name in ("rate_factor_low", "rate_factor_near_low", "rate_factor_near_high", "rate_factor_high"):
            on_it = numpy.isclose(factor, lookup.at(getattr(rules, name), day))
            step = numpy.where(on_it, lookup.at(lookup.status_table(getattr(rules, name)), day), step)
        given = person("work_injury_industry_class", period) > 0
        if not given.any():
            return as_status(numpy.zeros(person.count))
        codes = _with_base(person, period, lookup.scale_status_at(rules.industry_class_rate, day), step)
        return as_status(numpy.where(given, numpy.asarray(codes), 0))


class housing_fund_contribution_status(StatusVariable):
    definition_period = MONTH
    label = "住房公积金缴存数据状态 Status of the month's housing fund deposits: the city's range (or 3 x the average wage) and the cap on the rate"

    def formula(person, period, parameters):
        given = (person("housing_fund_rate", period) > 0) & (person("wage", period) > 0)
        if not given.any():
            return as_status(numpy.zeros(person.count))
        tree, region = parameter_tree(person), person("insured_region", period)
        range_read = weakest(*(_status(person, period, f"housing_fund.contribution.base_{side}_amount") for side in ("floor", "cap")))
        # No range of the city's: the cap is 3 x the average wage, with that wage's status.
        by_wage = weakest(_status(person, period, "housing_fund.contribution.base_cap_multiple"),
                          _read(time_axis.average_wage(tree)[1], period, region))
        cap = numpy.where(_in_force(person, period, "housing_fund.contribution.base_cap_amount"), range_read, by_wage)
        codes = weakest(cap, _status(person, period, "housing_fund.contribution.rate_cap"))
        return as_status(numpy.where(given, codes, 0))


#: The status variable of each branch of the bill (variables/contribution_bill.BILL).
STATUS_OF_BRANCH = {
    "pension": "pension_contribution_status",
    "medical": "medical_contribution_status",
    "maternity": "maternity_contribution_status",
    "unemployment": "unemployment_contribution_status",
    "work_injury": "work_injury_contribution_status",
    "housing_fund": "housing_fund_contribution_status",
}


def _total(person, period, side):
    """The weakest status of the branches a side's total adds up (a branch whose rate is not
    in force in the region is left out of the bill's totals)."""
    found = numpy.zeros(person.count)
    for branch, employer, employee in BILL:
        if (employer, employee)[side] is None:
            continue
        codes = numpy.asarray(person(STATUS_OF_BRANCH[branch], period))
        if branch in RATES:
            codes = numpy.where(_in_force(person, period, RATES[branch][0]), codes, 0)
        found = numpy.maximum(found, codes)
    return as_status(found)


class payroll_employer_contributions_status(StatusVariable):
    definition_period = MONTH
    label = "单位缴费合计数据状态 Status of the employer's total: the weakest of the branches it adds up"

    def formula(person, period, parameters):
        return _total(person, period, 0)


class payroll_employee_contributions_status(StatusVariable):
    definition_period = MONTH
    label = "个人缴费合计数据状态 Status of the employee's total: the weakest of the branches it adds up"

    def formula(person, period, parameters):
        return _total(person, period, 1)
