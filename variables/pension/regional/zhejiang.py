"""Zhejiang's additions printed on the approval forms beside the formula pension: the
adjustment amount (过渡性调节金) and the pension subsidy (基本养老金补贴), each
selected by a regional parameter (no region is named in code). Derived from the forms
transcribed by the public calculator (see the parameters' references); the documents they
cite were not read. The total's rounding up to the jiao (见分进角补足) is the parameter
pension.benefit.rounding.total_up_to_jiao (variables/pension/total.py)."""

import numpy
from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    flat_monthly_amount,
    receives_pension,
    round_pension,
    years_as_printed,
)


class adjustment_amount(Float64):
    entity = Person
    definition_period = MONTH
    label = "过渡性调节金 Adjustment amount: a flat amount + an amount x average contribution index x contribution years (paid to new entrants too)"
    reference = (
        "浙人社发〔2018〕102号 as cited by the public calculator (not read); Zhejiang approval forms "
        "(cases/zhejiang/*.json); parameters pension.benefit.extra_pension.adjustment_amount"
    )
    unit = "currency-CNY"
    documentation = """
    Zhejiang: 480 + 3 x the whole-career average contribution index x the contribution years
    (deemed years included, as printed), to the fen: 480 + 3 x 0.7219 x 42.83 = 572.76
    (cases/zhejiang/1.json). 0 where the region sets no amount.
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.adjustment_amount
        flat = numpy.nan_to_num(at_retirement(person, period, rules.amount))
        per_year = numpy.nan_to_num(at_retirement(person, period, rules.per_year_and_index))
        years = years_as_printed(person, period, person("contribution_years", period))
        amount = round_pension(person, period, flat + per_year * person("average_contribution_index", period) * years)
        return numpy.where(receives_pension(person, period), amount, 0)


class pension_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "基本养老金补贴 Pension subsidy: a flat monthly amount paid with the pension"
    reference = (
        "浙人社发〔2011〕146号 as cited by the public calculator (not read); Zhejiang approval forms "
        "(cases/zhejiang/*.json); parameters pension.benefit.extra_pension.pension_subsidy"
    )
    unit = "currency-CNY"
    documentation = "Zhejiang: 150 a month on every form of 2024-2026. 0 where the region sets no amount."

    def formula(person, period, parameters):
        return flat_monthly_amount(person, period, parameter_tree(person).pension.benefit.extra_pension.pension_subsidy)
