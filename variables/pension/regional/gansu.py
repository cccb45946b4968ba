"""Gansu's adjustment amount (调节金) for long deemed service: a flat monthly amount where the
deemed years reach a threshold, read from regional parameters (no region is named in code)."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import at_retirement, receives_pension, years_as_printed


class deemed_years_adjustment_due(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "应发调节金 The deemed years reach the region's threshold for the adjustment amount"
    reference = "parameters pension.benefit.extra_pension.deemed_years_adjustment (Gansu: the collector's table, estimated)"

    def formula(person, period, parameters):
        threshold = at_retirement(person, period, parameter_tree(person).pension.benefit.extra_pension.deemed_years_adjustment.from_deemed_years)
        if numpy.isnan(threshold).all():
            return numpy.zeros(person.count, dtype=bool)
        years = years_as_printed(person, period, person("deemed_contribution_years", period))
        # The offset absorbs binary error in printed years (15.0 read as 14.999999...).
        return ~numpy.isnan(threshold) & (years >= numpy.nan_to_num(threshold) - 1e-6)


class deemed_years_adjustment(Float64):
    entity = Person
    definition_period = MONTH
    label = "调节金 Adjustment amount for many deemed years: a flat monthly amount paid with the pension"
    reference = (
        "Gansu: 建账前视同缴费年限≥15年，每月增发15元调节金 (peer-pension-calculator provinces/gansu.json, a lead; no document read); "
        "parameters pension.benefit.extra_pension.deemed_years_adjustment"
    )
    unit = "currency-CNY"
    documentation = "Gansu: 15 a month from 15 deemed years (estimated); the verified forms print 0 below (gansu/5: 14.42 years)."

    def formula(person, period, parameters):
        amount = numpy.nan_to_num(at_retirement(person, period, parameter_tree(person).pension.benefit.extra_pension.deemed_years_adjustment.amount))
        return numpy.where(receives_pension(person, period) & person("deemed_years_adjustment_due", period), amount, 0)
