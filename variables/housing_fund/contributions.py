"""Housing provident fund contributions of a month: employer and employee each at the
chosen rate (5%-12%) of the employee's previous-year average monthly wage, capped."""

import numpy
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_china_social_insurance.core import time_axis
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.monthly_base import in_month, required


class housing_fund_rate(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "住房公积金缴存比例 Housing fund rate chosen by the employer, each side (0 = not given)"
    reference = "住房公积金管理条例 art.18 (at least 5%); 建金管〔2005〕5号 (at most 12%)"
    unit = "/1"
    documentation = "0 (the default) means not given: no housing fund contribution is computed, and the bill says so."


class housing_fund_base(Float64):
    entity = Person
    definition_period = MONTH
    label = "住房公积金缴存基数 Housing fund base: the wage given (standing for the previous year's average monthly wage), capped"
    reference = "住房公积金管理条例 art.16; 建金管〔2005〕5号 (cap: 3x the city's average wage)"
    unit = "currency-CNY"
    documentation = "No national floor is encoded (cities floor it at the minimum wage)."

    def formula(person, period, parameters):
        multiple = parameters(period.start).housing_fund.contribution.base_cap_multiple
        average = required(in_month(person, period, time_axis.average_wage(parameter_tree(person))[0]), person, period, "common.average_wage", "average wage")
        return numpy.minimum(person("wage", period), round_fen(multiple * average))


def _contribution(person, period, parameters):
    rate = person("housing_fund_rate", period)
    if not rate.any():
        return numpy.zeros(person.count)
    try:
        rules = parameters(period.start).housing_fund.contribution
        rules.rate_cap  # noqa: B018  (in force from 2005-01-10)
    except ParameterNotFoundError:
        check(rate == 0, "housing_fund_rate", f"given for {period}, before the 5%-12% range of 建金管〔2005〕5号", "months from 2005-01, or 0", rate)
    check((rate == 0) | ((rate >= rules.rate_floor - 1e-12) & (rate <= rules.rate_cap + 1e-12)), "housing_fund_rate", "outside the legal range",
          f"{rules.rate_floor} to {rules.rate_cap} (住房公积金管理条例 art.18; 建金管〔2005〕5号), or 0 when not given", rate)
    return round_fen(person("housing_fund_base", period) * rate)


class housing_fund_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "住房公积金单位缴存 Housing fund contribution paid by the employer in the month"
    reference = "住房公积金管理条例 art.16, 18"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _contribution(person, period, parameters)


class housing_fund_employee_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "住房公积金个人缴存 Housing fund contribution paid by the employee in the month"
    reference = "住房公积金管理条例 art.16, 18, 19 (withheld from the wage)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _contribution(person, period, parameters)
