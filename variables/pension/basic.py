"""The basic pension (基础养老金): 20% of the average wage under 国发〔1997〕26号, the mean of
the base and the indexed wage x 1% a year under 国发〔2005〕38号."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    receives_pension,
    refuse_before_1997_rules,
    round_pension,
    years_as_printed,
)


class basic_pension_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "基础养老金计发工资 Wage of the basic pension: (calculation base + indexed average monthly wage) / 2"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"
    documentation = """
    The mean the basic pension pays 1% a year of (国发〔2005〕38号), unrounded. Guangdong scales the
    base below an average index of 0.6 (parameter flat_part_index_threshold). Also the wage of
    Jilin's bracketed extra pension (variables/pension/regional/jilin.py).
    """

    def formula(person, period, parameters):
        base = person("pension_calculation_base", period)
        # Guangdong: below an average index of 0.6 the flat half is the base x index / 0.6,
        # the ratio printed to the index's own decimals (0.5938 / 0.6 -> 0.9897).
        threshold = numpy.nan_to_num(
            at_retirement(person, period, parameter_tree(person).pension.benefit.basic_pension.flat_part_index_threshold)
        )
        index = person("average_contribution_index", period)
        scaled = (threshold > 0) & (index < threshold)
        flat = base
        if scaled.any():
            scale = 10.0 ** at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.average_index_decimals)
            ratio = numpy.floor(index / numpy.where(scaled, threshold, 1) * scale + 0.5 + 1e-9) / scale
            flat = base * numpy.where(scaled, ratio, 1)
        return (flat + person("indexed_average_monthly_wage", period)) / 2


class basic_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "基础养老金 Basic pension (monthly)"
    reference = "国发〔1997〕26号 art.5 (20% of the average wage); 国发〔2005〕38号 art.7 ((base + indexed wage) / 2 x 1% a year)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.basic_pension
        retirement = person("retirement_date", period)
        refuse_before_1997_rules(person, period)
        share = lookup.at(rules.share_of_average_wage, retirement)
        per_year = lookup.at(rules.rate_per_contribution_year, retirement)
        years = years_as_printed(person, period, person("contribution_years", period))
        _refuse_an_indexed_wage_of_0(person, period, numpy.isnan(share) & receives_pension(person, period))
        rule_2005 = person("basic_pension_wage", period) * years * numpy.nan_to_num(per_year)
        rule_1997 = person("pension_calculation_base", period) * numpy.nan_to_num(share)
        amount = round_pension(person, period, numpy.where(numpy.isnan(share), rule_2005, rule_1997))
        return numpy.where(receives_pension(person, period), amount, 0)


def _refuse_an_indexed_wage_of_0(person, period, on_2005_rule):
    """Someone who paid into an account has an indexed wage above 0: 0 means the index was
    neither given nor computable (a form's figures without it, no career), which gave half a
    basic pension silently. Years before the account carry no index (a career all before
    1996 has none, and needs none)."""
    paid = person("contribution_years", period) - person("pre_account_contribution_years", period) > 0
    check(
        ~(on_2005_rule & paid & (person("indexed_average_monthly_wage", period) <= 0)),
        "average_contribution_index",
        "0 with contribution years after the account started, and no career months to compute it from",
        "the average index an approval form prints (平均缴费指数; in api.assess overrides.average_contribution_index, "
        "or indexed_average_monthly_wage), or a career",
        person("average_contribution_index", period),
    )
