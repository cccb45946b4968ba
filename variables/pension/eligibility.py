"""Who is paid a monthly pension and who gets the account back: the minimum contribution
years, eligibility and the lump-sum refund."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import month_of
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    refuse_before_1997_rules,
    years_as_printed,
)


class minimum_contribution_years(Variable):
    value_type = float
    entity = Person
    definition_period = ETERNITY
    label = "最低缴费年限 Minimum contribution years for a monthly pension, at the statutory retirement date"
    reference = "国发〔1997〕26号 art.5; 2024 decision, 办法 art.3 (15 years rising to 20 from 2030)"
    unit = "year"

    def formula(person, period, parameters):
        dates = person("statutory_retirement_date", period)
        minimum = parameter_tree(person).pension.benefit.minimum_contribution_years
        years = lookup.at(minimum, dates)
        # A statutory date before the 1997 rules, with a later (given) retirement date: the
        # 1997 minimum applies to him, not "no minimum" (NaN, which refused every pension).
        row = lookup.table(minimum)[0]
        return numpy.where(numpy.isnan(years), row[numpy.flatnonzero(~numpy.isnan(row))[0]], years)


class pension_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "按月领取资格 Entitled to a monthly pension (contribution years at least the minimum)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16"

    def formula(person, period, parameters):
        refuse_before_1997_rules(person, period)  # no rounding rule then: NaN years
        years = years_as_printed(person, period, person("contribution_years", period))
        return years + 1e-9 >= person("minimum_contribution_years", period)


class lump_sum_refund_at_retirement(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "一次性支付额 Lump-sum refund assessed at retirement (the account balance; 0 when a monthly pension is paid)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.2"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return numpy.where(person("pension_eligible", period), 0, person("personal_account_balance", period))


class lump_sum_refund(Float64):
    entity = Person
    definition_period = MONTH
    label = "一次性支付 Lump-sum refund of the account balance (minimum years not met), paid in the retirement month"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.2"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        retirement = month_of(person, "retirement_date", period)  # converted once, not every month
        this_month = period.start.year * 12 + period.start.month - 1
        return numpy.where(retirement == this_month, person("lump_sum_refund_at_retirement", period), 0)
