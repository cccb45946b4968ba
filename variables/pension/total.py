"""The monthly pension paid: from the retirement month on, the sum of its parts."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.dates import month_of
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person


class is_retired(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "已退休 Retired in the month (on or after the retirement month)"
    reference = "国发〔1997〕26号 art.5"

    def formula(person, period, parameters):
        return month_of(person, "retirement_date", period) <= period.start.year * 12 + period.start.month - 1


class monthly_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "基本养老金 Monthly pension: basic + account + transitional + extra"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return (
            person("basic_pension", period)
            + person("account_pension", period)
            + person("transitional_pension", period)
            + person("extra_pension", period)
        )
