"""The contribution record: months counted each year and the totals at retirement
(contribution years, pre-account years, average contribution index).

Each total is computed from the yearly career, and each can be given instead as an
input (the figures printed on an approval form), which then overrides the formula.
"""

import numpy
from openfisca_core.periods import ETERNITY, YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import month_of, months_of_year_before
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_half_up
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.entities import Person


class counted_contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "计入待遇的缴费月数 Months of the year counted for the pension (before the retirement month)"
    reference = "国发〔1997〕26号 art.5"
    unit = "month"

    def formula(person, period, parameters):
        months = person("contribution_months", period)
        retirement = month_of(person, "retirement_date", period)  # converted once, not every year
        before_retirement = months_of_year_before(retirement, period.start.year)
        return numpy.minimum(months, before_retirement)


class contribution_months_after_retirement(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "退休后缴费月数（不计入待遇） Months the career shows after the retirement date, which the pension does not count"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16"
    unit = "month"
    documentation = """
    A career given past the retirement date (a population's career, a retirement date
    given earlier than the career's end) is counted up to the retirement month: this is
    how many months were left out, so that none is left out without a word. They count
    for no year, balance or refund; only months_short_of_minimum counts them, for a person
    short of the minimum whose pension waits for the months still missing.
    """

    def formula(person, period, parameters):
        return _sum_over_career(person, "contribution_months") - _sum_over_career(person, "counted_contribution_months")


class pre_account_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "建账前缴费月数 Counted months of the year before the personal account started"
    reference = "国发〔1997〕26号 art.5 (transitional pension for service before accounts)"
    unit = "month"

    def formula(person, period, parameters):
        months = person("counted_contribution_months", period)
        start = month_of(person, "personal_account_start_date", period)
        before_start = months_of_year_before(start, period.start.year)
        return numpy.minimum(months, before_start)


def _sum_over_career(person, variable):
    total = numpy.zeros(person.count)
    for year in career_years(person):
        total += person(variable, year_period(year))
    return total


class actual_contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "实际缴费年限 Actual contribution years (counted months / 12)"
    reference = "国发〔1997〕26号 art.5"
    unit = "year"

    def formula(person, period, parameters):
        return _sum_over_career(person, "counted_contribution_months") / 12


class contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "累计缴费年限 Contribution years, deemed and actual"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7 (缴费年限含视同缴费年限)"
    unit = "year"

    def formula(person, period, parameters):
        return person("deemed_contribution_years", period) + person("actual_contribution_years", period)


class pre_account_contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "建账前缴费年限 Pre-account contribution years (deemed years and years before the account), counted for the transitional pension"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7 (过渡性养老金)"
    unit = "year"

    def formula(person, period, parameters):
        return person("deemed_contribution_years", period) + _sum_over_career(person, "pre_account_months") / 12


class average_contribution_index(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "平均缴费指数 Average contribution index over the months since the account started"
    reference = "国发〔2005〕38号 art.7"
    unit = "/1"
    documentation = """
    The mean of the yearly indices weighted by counted months after the account
    start, rounded to the region's printed decimals. Deemed years carry no index here:
    some provinces count them at 1.0 (a regional variant, not national law).
    """

    def formula(person, period, parameters):
        weighted = numpy.zeros(person.count)
        months = numpy.zeros(person.count)
        for year in career_years(person):
            account_months = person("counted_contribution_months", year_period(year)) - person("pre_account_months", year_period(year))
            if not account_months.any():
                continue  # weight 0: a pre-account year needs no (often unknown) average wage
            weighted += person("contribution_index", year_period(year)) * account_months
            months += account_months
        index = numpy.divide(weighted, months, out=numpy.zeros_like(weighted), where=months > 0)
        decimals = lookup.at(
            parameter_tree(person).pension.benefit.rounding.average_index_decimals,
            person("retirement_date", period),
            person("insured_region", period),
        )
        return round_half_up(index, decimals)
