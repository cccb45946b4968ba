"""Provincial variants of the pension, each selected by a regional parameter.

Shenzhen's original-method transitional pension (原办法) with its adjustment amount (调整额) and
local subsidy (地方补助); Tibet's plateau allowance (高原补贴) and fixed allowances of hardship
areas (二类地区固定待遇). The regions' own parameters decide who gets what: nothing here
tests a region's name. Each amount is reproduced from verified approval forms (see the
parameters' references).
"""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance import lookup
from openfisca_china_social_insurance.base import Float64, round_fen
from openfisca_china_social_insurance.career import parameter_tree
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.errors import check

from openfisca_china_social_insurance.variables.pension.benefit import _at_retirement, _paid, _require, _round_pension, _years_as_printed


def _not_negative(person, period, name):
    values = person(name, period)
    check(values >= 0, name, "negative", "0 or more", values)
    return values


# ---------------------------------------------------------------- inputs printed on the forms


class transitional_original_indexed_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "原办法指数化月平均工资 Indexed wage of the original (pre-reform) transitional method, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, old_index_salary)"
    unit = "currency-CNY"
    documentation = "Only used where the region pays the original method (parameter transitional_original_method). 0 when the form prints none."


class transitional_original_ratio(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "享受比例 Entitlement ratio of the original transitional method, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, enjoyment_ratio)"
    unit = "/1"


class local_subsidy_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "地方补助计发年限 Years counted for the local subsidy, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, local_pension_years)"
    unit = "year"
    documentation = "What Shenzhen counts in these years (local supplementary contributions of 深户 workers, per the collector) is not sourced."


class plateau_work_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "在高原工作年限 Years worked on the plateau (Tibet: 在藏工作年限)"
    reference = "藏政发〔2006〕37号 as cited on Tibet approval forms (cases/xizang/*.json, tibet_work_years)"
    unit = "year"


class hardship_area_category(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "艰苦边远地区类别 Hardship area category (Tibet: 一类 to 四类区; 0 none)"
    reference = "Tibet approval forms (cases/xizang/*.json, region_category 二类地区)"
    default_value = 0


# ---------------------------------------------------------------- Shenzhen: original method


class transitional_pension_by_coefficient(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金（系数法） Transitional pension by the coefficient method: transitional wage x pre-account years x coefficient"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7; Shenzhen forms call it 新办法"
    unit = "currency-CNY"
    documentation = "Without the fixed amounts of transitional_fixed. The transitional pension where the region uses the coefficient method; the new method that the adjustment amount compares where it pays the original method."

    def formula(person, period, parameters):
        years = _years_as_printed(person, period, person("pre_account_contribution_years", period))
        return _round_pension(person, period, person("transitional_wage", period) * years * person("transitional_coefficient", period))


class transitional_pension_by_original_method(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金（原办法） Transitional pension by the original method: original indexed wage x entitlement ratio"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-*.json): 过渡 = 原指数化工资 x 享受比例 + 4 x 整年 + 100"
    unit = "currency-CNY"
    documentation = "Without the fixed amounts of transitional_fixed (100 + 4 a whole year in Shenzhen)."

    def formula(person, period, parameters):
        wage = _not_negative(person, period, "transitional_original_indexed_wage")
        ratio = person("transitional_original_ratio", period)
        check((ratio >= 0) & (ratio <= 1), "transitional_original_ratio", "outside 0..1", "a ratio from 0 to 1", ratio)
        return _round_pension(person, period, wage * ratio)


class transitional_original_method(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金按原办法 The insured region pays the transitional pension by its original method"
    reference = "parameters pension.benefit.transitional_original_method (Shenzhen approval forms)"

    def formula(person, period, parameters):
        return numpy.nan_to_num(_at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_original_method)) > 0


class transitional_adjustment(Float64):
    entity = Person
    definition_period = MONTH
    label = "调整额 Adjustment amount: a share of the excess of the new (coefficient) method over the original method"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-*.json); parameters pension.benefit.transitional_adjustment_share"
    unit = "currency-CNY"
    documentation = """
    share x (coefficient method - (original method + per-year fixed amount)), never below 0:
    the new method carries the flat 100 but not the 4 yuan a whole year (shenzhen-woman 2025-10:
    171.32 - (0 + 4 x 30) = 51.32). Only where the region pays the original method.
    """

    def formula(person, period, parameters):
        original = person("transitional_original_method", period)
        share = _require(
            _at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_adjustment_share),
            original & _paid(person, period),
            "transitional_adjustment_share",
            person,
            period,
        )
        per_year = numpy.nan_to_num(
            _at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_fixed.per_whole_contribution_year)
        )
        whole_years = numpy.floor(person("contribution_years", period) + 1e-6)
        old = person("transitional_pension_by_original_method", period) + per_year * whole_years
        excess = numpy.maximum(person("transitional_pension_by_coefficient", period) - old, 0)
        return numpy.where(original & _paid(person, period), round_fen(share * excess), 0)


class local_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "地方补助 Local subsidy: years counted for it x average index x amount + flat amount"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-woman.json, shenzhen-man.json); parameters pension.benefit.extra_pension.local_subsidy"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.local_subsidy
        years = _not_negative(person, period, "local_subsidy_years")
        per_year = numpy.nan_to_num(_at_retirement(person, period, rules.per_year_and_index))
        flat = numpy.nan_to_num(_at_retirement(person, period, rules.amount))
        amount = round_fen(years * person("average_contribution_index", period) * per_year) + flat
        return numpy.where((years > 0) & _paid(person, period), amount, 0)


# ---------------------------------------------------------------- Tibet


class plateau_allowance(Float64):
    entity = Person
    definition_period = MONTH
    label = "高原补贴 Plateau allowance: indexed average monthly wage x rate by years worked on the plateau"
    reference = "藏政发〔2006〕37号 as cited on Tibet approval forms (cases/xizang/*.json); parameters pension.benefit.extra_pension.plateau_allowance"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.plateau_allowance
        years = _not_negative(person, period, "plateau_work_years")
        in_force = numpy.nan_to_num(_at_retirement(person, period, rules.in_force)) > 0
        # Bands by whole years (满15年): 15.83 years is in the 15-year band.
        rate = numpy.nan_to_num(
            lookup.scale_at(rules.rate_by_plateau_years, person("retirement_date", period), numpy.floor(years + 1e-6))
        )
        amount = round_fen(person("indexed_average_monthly_wage", period) * rate)
        return numpy.where(in_force & _paid(person, period), amount, 0)


#: Hardship area categories whose allowances are sourced (0: none).
SOURCED_AREA_CATEGORIES = (0, 2)


class hardship_area_allowance(Float64):
    entity = Person
    definition_period = MONTH
    label = "地区类别固定待遇 Fixed allowances of a hardship area category (交通, 取暖, 福利), printed as 其他待遇"
    reference = "Tibet approval forms (cases/xizang/*.json); parameters pension.benefit.extra_pension.hardship_area_allowance"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        category = person("hardship_area_category", period)
        check(
            numpy.isin(category, SOURCED_AREA_CATEGORIES),
            "hardship_area_category",
            "no sourced allowance for this category",
            "0 (none) or 2 (二类地区)",
            category,
        )
        rules = parameter_tree(person).pension.benefit.extra_pension.hardship_area_allowance
        amount = numpy.nan_to_num(_at_retirement(person, period, rules.category_2))
        return numpy.where((category == 2) & _paid(person, period), amount, 0)
