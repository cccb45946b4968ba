"""The wage the pension is computed on: the calculation base at retirement (or the year
before, for a provisional assessment) and the indexed average monthly wage."""

import numpy
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.dates import month_number
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.regions import PROVINCE_INDEX
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    indexed_wage,
    require_value,
)


def base_year_start(person, period):
    """1 January of the year whose base applies: the retirement year, or the year before
    for a provisional assessment."""
    year = month_number(person("retirement_date", period)) // 12 - person("provisional_assessment", period)
    return (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")


def average_pension_year_start(person, period):
    """1 January of the year before the base's year: the latest provincial average pension
    published when the base is (Yunnan's one-child addition)."""
    return (base_year_start(person, period).astype("datetime64[Y]") - 1).astype("datetime64[D]")


class provisional_assessment(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "临时待遇（预发） Provisional assessment on the previous year's calculation base"
    reference = "Shandong approval forms 2024-2026: 当年计发基数尚未公布，按上年基数预发"
    documentation = "True for a pension assessed before the retirement year's base is published: the previous year's base is used."


class pension_calculation_base(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "计发基数 Pension calculation base (average monthly wage at retirement)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        dates = base_year_start(person, period)
        base = lookup.at(time_axis.pension_calculation_base(parameter_tree(person))[0], dates, person("insured_region", period))
        # Only a person paid a monthly pension needs a base; a refund does not.
        return require_value(base, person("pension_eligible", period), "pension_calculation_base", person, period)


class province_pension_calculation_base(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "全省计发基数 Province's pension calculation base (for a city with a base of its own: its province's, same year)"
    reference = "国发〔2005〕38号 art.7; parameters pension.benefit.pension_calculation_base, indexed_wage_on_province_base (Changchun, Jilin)"
    unit = "currency-CNY"
    documentation = """
    For a region at the province level, its own calculation base (the one the pension uses, given
    or not). For a city, the province's base of the year whose base applies. An approval form that
    prints both (Jilin's forms: 市县计发基数 and 全省计发基数) gives it as an input, which then
    overrides the formula: what a form prints for a city the model does not list.
    """

    def formula(person, period, parameters):
        base = person("pension_calculation_base", period)
        region = numpy.asarray(person("insured_region", period))
        province = numpy.asarray(PROVINCE_INDEX)[region]
        at_province = province == region
        if at_province.all():
            return base
        table = time_axis.pension_calculation_base(parameter_tree(person))[0]
        province_base = lookup.at(table, base_year_start(person, period), province)
        needed = ~at_province & person("pension_eligible", period)
        return numpy.where(at_province, base, require_value(province_base, needed, "province_pension_calculation_base", person, period))


class indexed_wage_base(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "指数化工资所用平均工资 Average wage the average contribution index multiplies"
    reference = "国发〔2005〕38号 art.7; parameters pension.benefit.indexed_wage_base (Henan and Zhengzhou forms), indexed_wage_on_province_base (Changchun forms, Jilin lead)"
    unit = "currency-CNY"
    documentation = """
    The pension calculation base, unless the region multiplies the index by another average
    wage: Henan the in-post average wage, Zhengzhou its own base; Changchun, which has a base
    of its own, and any Jilin city or county whose form prints one, the province's calculation
    base (province_pension_calculation_base, of the same year). After the last published value
    the average wage moves with the assumed wage growth (projected), like the base.
    """

    def formula(person, period, parameters):
        tree = parameter_tree(person)
        # The year whose base applies (the year before for a provisional assessment), as for the base.
        own = lookup.at(time_axis.indexed_wage_base(tree)[0], base_year_start(person, period), person("insured_region", period))
        base = person("pension_calculation_base", period)
        on_province = at_retirement(person, period, tree.pension.benefit.indexed_wage_on_province_base) > 0
        if on_province.any():
            base = numpy.where(on_province, person("province_pension_calculation_base", period), base)
        return numpy.where(numpy.isnan(own), base, own)


class indexed_average_monthly_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "指数化月平均缴费工资 Indexed average monthly wage (average index x the calculation base, or the region's own average wage)"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return indexed_wage(person, period, person("average_contribution_index", period))
