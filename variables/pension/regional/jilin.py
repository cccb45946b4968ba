"""Jilin's bracketed extra pension (分段增发): the basic pension's wage x a rate for each
contribution year beyond 20, 25 and 30 years, selected by a regional parameter (no region is
named in code). Derived from approval forms (see the parameters' references); no document
on it was found."""

import numpy
from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    receives_pension,
    round_pension,
    years_as_printed,
    years_paid,
)


class bracketed_extra_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "分段增发 Bracketed extra pension: wage of the basic pension x a rate per contribution year in each bracket beyond 20 years"
    reference = (
        "Jilin approval forms (cases/jilin/1.json; the public calculator's lead table provinces/jilin.json); no document found; "
        "parameters pension.benefit.extra_pension.bracketed"
    )
    unit = "currency-CNY"
    documentation = """
    Jilin: (calculation base + indexed wage) / 2 x [0.15% x the years from 20 to 25 + 0.20% x
    the years from 25 to 30 + 0.25% x the years beyond 30], on the contribution years as printed
    (deemed years included). Each bracket is rounded to the fen, as the forms print three
    figures, then summed: Tonghua 2025-08, 5345.12 x (0.15% x 5, 0.20% x 5, 0.25% x 14.42) =
    40.09 + 53.45 + 192.69 = 286.23. Only where the region pays it (parameter in_force) and, where
    the region sets one, above a number of actual years (above_actual_years: Jilin 20, estimated).
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.bracketed
        paid = (numpy.nan_to_num(at_retirement(person, period, rules.in_force)) > 0) & receives_pension(person, period)
        # Only above a number of actual years where the region sets one (Jilin: 20, the lead's trigger).
        gate = at_retirement(person, period, rules.above_actual_years)
        paid = paid & (numpy.isnan(gate) | (years_paid(person, period) > numpy.nan_to_num(gate) + 1e-6))
        if not paid.any():
            return numpy.zeros(person.count)
        retirement = person("retirement_date", period)
        wage = person("basic_pension_wage", period)
        years = years_as_printed(person, period, person("contribution_years", period))
        brackets = rules.rate_by_contribution_years.brackets
        total = numpy.zeros(person.count)
        for index, bracket in enumerate(brackets):  # over the scale's few brackets, not persons
            floor = lookup.at(bracket.threshold, retirement)
            ceiling = lookup.at(brackets[index + 1].threshold, retirement) if index + 1 < len(brackets) else numpy.inf
            ceiling = numpy.where(numpy.isnan(ceiling), numpy.inf, ceiling)  # the next bracket not in force (a reform's shorter table)
            in_bracket = numpy.clip(years - floor, 0, ceiling - floor)
            rate = numpy.nan_to_num(lookup.at(bracket.rate, retirement))
            total += round_pension(person, period, wage * rate * numpy.nan_to_num(in_bracket))
        return numpy.where(paid, total, 0)
