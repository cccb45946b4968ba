"""Housing provident fund contributions of a month: employer and employee each at the
chosen rate (5%-12%) of the employee's previous-year average monthly wage, capped."""

import numpy
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import named as region_named
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.monthly_base import in_month, required, wage_of_month


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
    label = "住房公积金缴存基数 Housing fund base: the wage given (standing for the previous year's average monthly wage), within the city's floor and cap; 0 without a wage"
    reference = "住房公积金管理条例 art.16; 建金管〔2005〕5号 (cap: 3x the city's average wage); parameters housing_fund.contribution.base_*_amount (a city's published range)"
    unit = "currency-CNY"
    documentation = "Without a city range of its own: no floor, and the cap is 3 times the region's average wage."

    def formula(person, period, parameters):
        wage = wage_of_month(person, period)
        rules = parameter_tree(person).housing_fund.contribution
        floor = in_month(person, period, rules.base_floor_amount)
        cap = in_month(person, period, rules.base_cap_amount)
        if numpy.isnan(cap).any():
            multiple = lookup.at(rules.base_cap_multiple, numpy.datetime64(f"{period.start.year:04d}-{period.start.month:02d}-01"))
            check(~numpy.isnan(multiple) | ~numpy.isnan(cap), "housing_fund_base", phrase("asked for {period}, before the cap of 建金管〔2005〕5号", period=str(period)),
                  "months from 2005-02", wage)
            average = required(in_month(person, period, time_axis.average_wage(parameter_tree(person))[0]), person, period, "common.average_wage", "average wage")
            cap = numpy.where(numpy.isnan(cap), round_fen(multiple * average), cap)
        # No wage paid in the month: nothing deposited, as nothing is charged for social insurance
        # (the floor was billed on a wage of 0).
        return numpy.where(wage > 0, numpy.clip(wage, numpy.nan_to_num(floor), cap), 0)


def _contribution(person, period, parameters):
    rate = person("housing_fund_rate", period)
    if not rate.any():
        return numpy.zeros(person.count)
    try:
        floor = parameters(period.start).housing_fund.contribution.rate_floor
    except ParameterNotFoundError:
        floor = numpy.nan
    rules = parameter_tree(person).housing_fund.contribution
    cap = in_month(person, period, rules.rate_cap)
    regions = person("insured_region", period).decode_to_str()

    def allowed(index):  # the cap of the region of the person named (a batch holds several)
        if numpy.isnan(cap[index]) or numpy.isnan(floor):
            return phrase("0 (not given) in {period}: no range in force in {region} before 建金管〔2005〕5号; months from 2005-02",
                          period=str(period), region=region_named(str(regions[index])))
        return phrase("from {floor} to the region's cap ({cap} in {region}; 住房公积金管理条例 art.18; 建金管〔2005〕5号), "
                      "or 0 when not given; months from 2005-02", floor=f"{floor:g}", cap=f"{cap[index]:g}", region=region_named(str(regions[index])))

    within = (rate >= floor - 1e-12) & (rate <= cap + 1e-12)
    check((rate == 0) | within, "housing_fund_rate", "outside the legal range of the region and month", allowed, rate)
    amount = person("housing_fund_base", period) * rate
    to_yuan = in_month(person, period, rules.round_to_yuan) > 0
    return numpy.where(to_yuan, numpy.floor(amount + 0.5 + 1e-9), round_fen(amount))


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
