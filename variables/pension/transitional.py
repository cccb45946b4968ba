"""The transitional pension (过渡性养老金) for service before the personal account: the
coefficient method of 国发〔1997〕26号 / 〔2005〕38号, or a region's original method
(variables/pension/regional/shenzhen.py), plus fixed amounts some regions print."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    indexed_wage,
    receives_pension,
    require_value,
    round_pension,
    years_as_printed,
    years_paid,
)


class transitional_coefficient(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡系数 Transitional coefficient of the insured region at retirement"
    reference = "国发〔1997〕26号 art.5 (set by the provinces); parameters pension.benefit.transitional_coefficient, transitional_coefficient_short_service"
    unit = "/1"
    documentation = """
    The region's coefficient, or its lower one where the person's years do not exceed the
    region's threshold (Liaoning, Jilin: 1.2% up to 20 years; estimated, the collector's tables),
    plus the supplement of a recognised intellectual (Ningxia).
    """

    def formula(person, period, parameters):
        coefficient = lookup.at(
            parameter_tree(person).pension.benefit.transitional_coefficient,
            person("retirement_date", period),
            person("insured_region", period),
        )
        lower = at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_coefficient_short_service.coefficient)
        coefficient = numpy.where(person("lower_transitional_coefficient_applies", period), lower, coefficient)
        needed = (person("transitional_contribution_years", period) > 0) | (person("pre_account_indexed_years", period) > 0)
        supplement = numpy.nan_to_num(
            at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_coefficient_intellectual_supplement)
        )
        coefficient = coefficient + numpy.where(person("recognised_intellectual", period), supplement, 0)
        # Only a person paid a monthly pension needs it; a refund carries no transitional pension.
        required = needed & person("pension_eligible", period)
        return numpy.where(needed, require_value(coefficient, required, "transitional_coefficient", person, period), 0)


class lower_transitional_coefficient_applies(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "适用较低过渡系数 The region's lower transitional coefficient applies: years at or below its threshold"
    reference = "parameters pension.benefit.transitional_coefficient_short_service (Liaoning, Jilin: the collector's tables, estimated)"
    documentation = """
    True where the region pays a lower coefficient up to a number of years (Liaoning, Jilin: 1.2%
    up to 20 years, 1.4% above) and the person's years do not exceed it: the contribution years,
    or the actual years (contribution years less deemed ones: what a form prints) where the region
    counts those.
    """

    def formula(person, period, parameters):
        tiers = parameter_tree(person).pension.benefit.transitional_coefficient_short_service
        up_to = at_retirement(person, period, tiers.up_to_years)
        if numpy.isnan(up_to).all():
            return numpy.zeros(person.count, dtype=bool)
        on_actual = at_retirement(person, period, tiers.on_actual_years) > 0
        years = numpy.where(on_actual, years_paid(person, period), person("contribution_years", period))
        # The offset absorbs binary error in printed years (20.0 read as 19.999999...).
        return ~numpy.isnan(up_to) & (years <= numpy.nan_to_num(up_to) + 1e-6)


class transitional_contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金计算年限 Years the transitional pension counts: every pre-account year, or the deemed years only where the region says so"
    reference = "国发〔1997〕26号 art.5 (建立个人账户前的缴费年限); parameters pension.benefit.transitional_years_deemed_only (Shaanxi forms)"
    unit = "year"
    documentation = """
    The pre-account contribution years (deemed and paid before the account), except in a region
    that counts the deemed years only (Shaanxi: 过渡性养老金年限截止到实际缴费开始时间, cases/shaanxi/2.json:
    3 years paid before the 1996 account, no deemed year, no transitional pension).
    """

    def formula(person, period, parameters):
        deemed_only = at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_years_deemed_only) > 0
        pre_account = person("pre_account_contribution_years", period)
        if not deemed_only.any():
            return pre_account
        deemed = person("deemed_contribution_years", period)
        # Deemed years are pre-account years: more of them than the pre-account years is a slip.
        check(~(deemed_only & (deemed > pre_account + 0.005)), "deemed_contribution_years",
              "more than the pre-account contribution years, which include them",
              "at most pre_account_contribution_years (the years before the personal account, deemed and paid)", deemed)
        return numpy.where(deemed_only, deemed, pre_account)


class transitional_contribution_index(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金平均缴费指数 Average contribution index used for the transitional pension"
    reference = "Tianjin, Shanxi, Henan approval forms (两个指数: 平均缴费指数 / 全部平均工资指数)"
    unit = "/1"
    documentation = "The average contribution index, unless the region's form prints a second index for the transitional pension: give it as an input then."

    def formula(person, period, parameters):
        return person("average_contribution_index", period)


class transitional_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金计算工资 Monthly wage the transitional coefficient applies to"
    reference = "国发〔1997〕26号 art.5 (set by the provinces); parameters pension.benefit.transitional_wage"
    unit = "currency-CNY"
    documentation = """
    share x calculation base + (1 - share) x indexed wage on max(transitional index, floor).
    Most regions: share 0, no floor (the indexed wage). Sichuan, Liaoning: the mean of the
    base and the indexed wage. Inner Mongolia: index floored at 1.
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.transitional_wage
        share = numpy.nan_to_num(at_retirement(person, period, rules.share_of_calculation_base))
        floor = numpy.nan_to_num(at_retirement(person, period, rules.index_floor))
        index = numpy.maximum(person("transitional_contribution_index", period), floor)
        # On the average index itself, the indexed wage is the assessment's own figure
        # (which an approval form may give as an input).
        same = index == person("average_contribution_index", period)
        indexed = numpy.where(same, person("indexed_average_monthly_wage", period), indexed_wage(person, period, index))
        return share * person("pension_calculation_base", period) + (1 - share) * indexed


class pre_account_indexed_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "视同缴费指数化年限 Pre-account years weighted by their index (average index before the account x years), as printed on the form"
    reference = "粤府函〔2021〕294号 一（一）: 计发基数 x 本人1998年6月前的平均缴费指数 x (视同缴费年限 + 1998年6月前实际缴费年限) x 1.2%; Guangdong approval forms (new_method_years)"
    unit = "year"
    documentation = """
    Guangdong's new method weighs each pre-account year by its own index (the document's table of
    deemed indices by county, the actual index of 1994-1998.06) and prints the product. Given (> 0),
    the coefficient method is calculation base x these years x coefficient; 0 (not given): the
    transitional wage x pre-account years.
    """


class transitional_pension_by_coefficient(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金（系数法） Transitional pension by the coefficient method: transitional wage x pre-account years x coefficient"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7; Shenzhen forms call it 新办法"
    unit = "currency-CNY"
    documentation = """
    Without the fixed amounts of transitional_fixed. The transitional pension where the
    region uses the coefficient method; the new method that the adjustment amount compares
    where it pays the original method. Where a region values deemed years at an index of
    their own (parameter transitional_wage.deemed_years_index, Beijing 1.0): coefficient x
    (calculation base x that index x deemed years + transitional wage x the other
    pre-account years), rounded once.
    """

    def formula(person, period, parameters):
        years = years_as_printed(person, period, person("transitional_contribution_years", period))
        indexed_years = person("pre_account_indexed_years", period)
        check(indexed_years >= 0, "pre_account_indexed_years", "negative", "0 (not given) or a positive number of years", indexed_years)
        wage_years = numpy.where(
            indexed_years > 0,
            person("pension_calculation_base", period) * indexed_years,
            person("transitional_wage", period) * years,
        )
        # Beijing values the deemed years at an index of their own (G同), the actual
        # pre-account years at the transitional index (G实); elsewhere this index is null.
        deemed_index = at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_wage.deemed_years_index)
        if numpy.isnan(deemed_index).all():
            return round_pension(person, period, wage_years * person("transitional_coefficient", period))
        deemed = numpy.minimum(years_as_printed(person, period, person("deemed_contribution_years", period)), years)
        split = person("pension_calculation_base", period) * numpy.nan_to_num(deemed_index) * deemed + person("transitional_wage", period) * (years - deemed)
        wage_years = numpy.where(numpy.isnan(deemed_index) | (indexed_years > 0), wage_years, split)
        return round_pension(person, period, wage_years * person("transitional_coefficient", period))


class transitional_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "过渡性养老金 Transitional pension (monthly)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        # Regions that kept their original method (Shenzhen 原办法) pay it here; the coefficient
        # method's excess comes as the adjustment amount (variables/pension/regional/).
        amount = numpy.where(
            person("transitional_original_method", period),
            person("transitional_pension_by_original_method", period),
            person("transitional_pension_by_coefficient", period),
        )
        # Fixed amounts some regions print in this column (Guangdong: 100 + 4 a whole year).
        fixed = parameter_tree(person).pension.benefit.transitional_fixed
        whole_years = numpy.floor(person("contribution_years", period) + 1e-6)
        amount = amount + numpy.nan_to_num(at_retirement(person, period, fixed.amount)) + whole_years * numpy.nan_to_num(
            at_retirement(person, period, fixed.per_whole_contribution_year)
        )
        return numpy.where(receives_pension(person, period), amount, 0)
