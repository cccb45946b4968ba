"""The monthly pension paid: from the retirement month on, the sum of its parts."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.dates import month_of
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import at_retirement


class is_retired(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "已退休 Retired in the month (on or after the retirement month)"
    reference = "国发〔1997〕26号 art.5"

    def formula(person, period, parameters):
        return month_of(person, "retirement_date", period) <= period.start.year * 12 + period.start.month - 1


def _sum_of_parts(person, period):
    return (
        person("basic_pension", period)
        + person("account_pension", period)
        + person("transitional_pension", period)
        + person("extra_pension", period)
    )


class total_rounding_top_up(Float64):
    entity = Person
    definition_period = MONTH
    label = (
        "补亏额 Top-up of the monthly pension to the next jiao, where the region prints the total so "
        "(Shanxi's 封顶补亏额, Zhejiang's 见分进角补足, Jiangsu's total to the jiao)"
    )
    reference = "parameters pension.benefit.rounding.total_up_to_jiao (Shanxi, Zhejiang and Jiangsu approval forms)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        up = at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.total_up_to_jiao) > 0
        if not up.any():
            return numpy.zeros(person.count)
        fen = numpy.round(_sum_of_parts(person, period) * 100)  # the parts are already in fen
        return numpy.where(up, (numpy.ceil(fen / 10 - 1e-9) * 10 - fen) / 100, 0)


class monthly_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "基本养老金 Monthly pension: basic + account + transitional + extra (+ a region's top-up to the jiao)"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        # To the fen as a number too: 4295.77, not the float sum 4295.7699999999995.
        return round_fen(_sum_of_parts(person, period) + person("total_rounding_top_up", period))
