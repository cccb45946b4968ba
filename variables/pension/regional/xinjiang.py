"""Xinjiang's winter heating subsidy (冬季采暖补贴, 新政办发〔2010〕167号 as cited on the forms),
a flat monthly amount included in the forms' total, read from a regional parameter (no region
is named in code)."""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import flat_monthly_amount


class heating_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "冬季采暖补贴 Winter heating subsidy: a flat monthly amount paid with the pension"
    reference = (
        "新政办发〔2010〕167号 as cited on Xinjiang approval forms (not read; cases/xinjiang/*.json); "
        "parameters pension.benefit.extra_pension.heating_subsidy"
    )
    unit = "currency-CNY"
    documentation = "Xinjiang: 120 a month, in the forms' total (2050.28 + 306.25 + 69.30 + 120 = 2545.83, cases/xinjiang/3.json)."

    def formula(person, period, parameters):
        return flat_monthly_amount(person, period, parameter_tree(person).pension.benefit.extra_pension.heating_subsidy)
