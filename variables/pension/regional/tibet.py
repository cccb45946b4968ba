"""Tibet's plateau allowance (高原补贴) and the fixed allowances of hardship areas
(二类地区固定待遇), each selected by a regional parameter. Reproduced from verified
approval forms (see the parameters' references)."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    not_negative,
    receives_pension,
)


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


class plateau_allowance(Float64):
    entity = Person
    definition_period = MONTH
    label = "高原补贴 Plateau allowance: indexed average monthly wage x rate by years worked on the plateau"
    reference = "藏政发〔2006〕37号 as cited on Tibet approval forms (cases/xizang/*.json); parameters pension.benefit.extra_pension.plateau_allowance"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.plateau_allowance
        years = not_negative(person, period, "plateau_work_years")
        in_force = numpy.nan_to_num(at_retirement(person, period, rules.in_force)) > 0
        # Bands by whole years (满15年): 15.83 years is in the 15-year band.
        rate = numpy.nan_to_num(
            lookup.scale_at(rules.rate_by_plateau_years, person("retirement_date", period), numpy.floor(years + 1e-6))
        )
        amount = round_fen(person("indexed_average_monthly_wage", period) * rate)
        return numpy.where(in_force & receives_pension(person, period), amount, 0)


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
        amount = numpy.nan_to_num(at_retirement(person, period, rules.category_2))
        return numpy.where((category == 2) & receives_pension(person, period), amount, 0)
