"""The extra pension (增发): provincial additions on top of the formula, and the facts
about the retiree that trigger them."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.calculation_base import average_pension_year_start
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    receives_pension,
    require_value,
    round_pension,
    years_as_printed,
)


class recognised_intellectual(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "知识分子 Recognised intellectual under the provincial rules (higher transitional coefficient, allowances)"
    reference = "Ningxia approval forms 2026 (知识分子过渡系数1.43%, 地区津贴 + 工龄补贴)"


class one_child_parent(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "独生子女父母 Parent of an only child (holds the 独生子女父母光荣证)"
    reference = "Provincial rules on the extra pension of parents of an only child (Sichuan, Guizhou, Yunnan approval forms; Chongqing cases)"


class extra_pension_rate_of_indexed_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "增发比例 Rate of the extra pension per contribution year, as a share of the indexed wage"
    reference = "parameters pension.benefit.extra_pension.one_child.rate_per_year_of_indexed_wage (Sichuan approval forms)"
    unit = "/1"
    documentation = """
    Sichuan pays indexed wage x this rate x contribution years. The rate is the sum of the
    categories the agency recognises for the retiree; the model knows one of them, the parent
    of an only child (0.1%), and gives that rate or 0. Where the agency assessed other
    categories (sichuan/6: 0.4%, which categories not sourced), give the assessed rate as an input.
    """

    def formula(person, period, parameters):
        rate = numpy.nan_to_num(at_retirement(person, period, parameter_tree(person).pension.benefit.extra_pension.one_child.rate_per_year_of_indexed_wage))
        return numpy.where(person("one_child_parent", period), rate, 0)


class one_child_average_pension(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "独生子女加发所用全省月平均基本养老金 Provincial average monthly pension the one-child addition is a share of"
    reference = "parameters pension.benefit.extra_pension.one_child.average_pension (Yunnan: 上年度全省退休人员月平均基本养老金)"
    unit = "currency-CNY"
    documentation = """
    The province's average monthly pension of the year before the calculation base's year
    (Yunnan, retirement 2025-01 assessed provisionally on the 2024 base: 2023's 3431). Needed
    only where the region pays a share of it to parents of an only child; give it as an input
    where the series has no value (Yunnan: retirements before 2016, 2017 if provisional).
    """

    def formula(person, period, parameters):
        tree = parameter_tree(person)
        values = lookup.at(time_axis.average_pension(tree)[0], average_pension_year_start(person, period), person("insured_region", period))
        share = numpy.nan_to_num(at_retirement(person, period, tree.pension.benefit.extra_pension.one_child.share_of_average_pension))
        needed = person("one_child_parent", period) & (share > 0) & person("pension_eligible", period)
        return require_value(values, needed, "one_child_average_pension", person, period)


class extra_pension_as_printed(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "核定表所列未编码增发 Extra pension printed on the approval form whose rule the model does not encode (a month, as printed)"
    reference = "the approval form itself: no document on these additions was found (see documentation)"
    unit = "currency-CNY"
    documentation = """
    0 unless given. Some forms print an addition whose rule no document found states: a Shenzhen
    调节金 (150 on a 2023 form, none on the 2025 forms), a Chengdu 增发 of 60 (2026), Shanghai's
    当年增加养老金 (325, 2026). The model computes none of them; given as printed, it is added to
    the extra pension so that the form's total is reproduced. It rests on no data of the model:
    official as any printed figure, so extra_pension_status stays that of the rules the model
    applies beside it.
    """


class extra_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "增发养老金 Extra pension: provincial additions on top of the formula"
    reference = (
        "parameters pension.benefit.extra_pension (Sichuan, Guizhou, Yunnan, Ningxia, Shenzhen, Tibet, Zhejiang, Jilin, "
        "Qinghai, Xinjiang, Zhengzhou approval forms; Chongqing cases; Gansu's lead table)"
    )
    unit = "currency-CNY"
    documentation = """
    Sichuan adds the rate extra_pension_rate_of_indexed_wage (0.1% for parents of an only
    child, or the rate the agency assessed) of the indexed wage per contribution year. Parents
    of an only child: Guizhou 5% and Chongqing 3% (unverified) of basic + account + transitional; Yunnan 5% of the provincial
    average pension. Recognised intellectuals: Ningxia's fixed allowances. Regional additions
    (variables/pension/regional/, one file per region, each 0 outside its regions): Shenzhen's
    adjustment amount and local subsidy, Tibet's plateau and hardship-area allowances,
    Zhejiang's adjustment amount (过渡性调节金) and pension subsidy (基本养老金补贴),
    Jilin's bracketed extra pension (分段增发), Qinghai's benefit increase in the Xining area
    (待遇提高), Xinjiang's winter heating subsidy (冬季采暖补贴), Zhengzhou's transitional subsidy
    (过渡性补贴, the form's figure), Gansu's adjustment amount from 15 deemed years (调节金,
    estimated). An addition a form prints whose rule is not found is
    given as printed (extra_pension_as_printed). Not encoded: Qinghai's 调节金
    (0 for retirements after 2015) and heating fee (yearly, outside the monthly total), and
    other provincial additions no form shows.
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension
        one_child = rules.one_child

        def rule(node):
            return numpy.nan_to_num(at_retirement(person, period, node))

        years = years_as_printed(person, period, person("contribution_years", period))
        formula_pension = (
            person("basic_pension", period) + person("account_pension", period) + person("transitional_pension", period)
        )
        rate = person("extra_pension_rate_of_indexed_wage", period)
        check(rate >= 0, "extra_pension_rate_of_indexed_wage", "negative", "a rate of 0 or more", rate)
        on_indexed_wage = round_pension(person, period, person("indexed_average_monthly_wage", period) * rate * years)
        for_one_child = round_pension(person, period, formula_pension * rule(one_child.share_of_formula_pension)) + round_pension(
            person, period, person("one_child_average_pension", period) * rule(one_child.share_of_average_pension)
        )
        amount = (
            on_indexed_wage
            + numpy.where(person("one_child_parent", period), for_one_child, 0)
            + numpy.where(person("recognised_intellectual", period), rule(rules.intellectual), 0)
        )
        # Regional additions (variables/pension/regional/), each 0 outside its regions.
        regional = (
            person("transitional_adjustment", period)
            + person("local_subsidy", period)
            + person("plateau_allowance", period)
            + person("hardship_area_allowance", period)
            + person("adjustment_amount", period)
            + person("pension_subsidy", period)
            + person("bracketed_extra_pension", period)
            + person("benefit_increase", period)
            + person("heating_subsidy", period)
            + person("transitional_subsidy", period)
            + person("deemed_years_adjustment", period)
        )
        as_printed = person("extra_pension_as_printed", period)
        check(as_printed >= 0, "extra_pension_as_printed", "negative", "an amount of 0 or more yuan a month", as_printed)
        return numpy.where(receives_pension(person, period), amount + as_printed, 0) + regional
