"""The account pension (个人账户养老金): the balance divided by the payout months."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_half_up
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    receives_pension,
    refuse_before_1997_rules,
    round_pension,
)


def table_age(person, period):
    """The whole age at retirement the 2005 table is read at (40 to 70, its ends) and the
    months beyond it that the month-level rule interpolates (none outside the table)."""
    age_months = person("age_at_retirement_months", period)
    years = numpy.clip(age_months // 12, 40, 70)
    extra = numpy.where((age_months // 12 >= 40) & (age_months // 12 < 70), age_months % 12, 0)
    return years, extra


class payout_months(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "计发月数 Payout months (divisor of the account balance)"
    reference = "国发〔1997〕26号 art.5 (120); 国发〔2005〕38号 annex (by age)"
    unit = "month"

    def formula(person, period, parameters):
        months_table = parameter_tree(person).pension.benefit.payout_months
        retirement = person("retirement_date", period)
        refuse_before_1997_rules(person, period)  # no divisor then: NaN would become a silent 0
        years, extra = table_age(person, period)
        at_age = lookup.scale_at(months_table.by_age, retirement, years)
        at_next = lookup.scale_at(months_table.by_age, retirement, numpy.minimum(years + 1, 70))
        interpolate = lookup.at(months_table.monthly_interpolation, retirement) > 0
        by_month = round_half_up(at_age - (at_age - at_next) * extra / 12, 1)
        by_age = numpy.where(interpolate, by_month, at_age)
        flat = lookup.at(months_table.flat_1997, retirement)
        return numpy.where(numpy.isnan(flat), by_age, flat)


class account_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "个人账户养老金 Account pension (monthly)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        balance = person("personal_account_balance", period)
        months = person("payout_months", period)
        # Given as inputs (an approval form's figures) they could be anything: a divisor of 0
        # would pay an infinite pension, a negative balance a negative one.
        check(balance >= 0, "personal_account_balance", "negative", "an amount >= 0 yuan", balance)
        check(months > 0, "payout_months", "0 or negative", "more than 0 months (the divisor of the balance)", months)
        amount = round_pension(person, period, balance / months)
        return numpy.where(receives_pension(person, period), amount, 0)
