"""What each work injury figure rests on: the weakest status of the data it was computed
from (official < estimated < unverified < projected), as variables/provenance.py does for
the pension. The person's own wage is given (official); the pooling area's average wage is
the model's series, at least estimated where the province's figure stands in for the city's
(average_wage.py); the death lump sum rests on the national urban disposable income; the
rules are the regulation's (their own status counts too). A benefit not paid (0) rests on
nothing: official.
"""

import numpy
from openfisca_core.periods import ETERNITY

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.data_status import StatusVariable, as_status, weakest
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.variables.work_injury.average_wage import pooling_area
from openfisca_china_social_insurance.variables.work_injury.benefits import NursingLevel, has_benefits_to_assess, injury_day

ESTIMATED = float(lookup.STATUS_CODE["estimated"])


def _status(node, day):
    """Status codes of a national rule on each person's day (NaN where not in force)."""
    return lookup.at(lookup.status_table(node), day)


def _where_paid(person, period, amount, codes):
    return as_status(numpy.where(person(amount, period) > 0, codes, 0))


class work_injury_average_wage_status(StatusVariable):
    definition_period = ETERNITY
    label = "统筹地区平均工资数据状态 Status of the pooling area's average wage the benefits rest on: the series', at least estimated where the province's figure stands in for the city's"

    def formula(person, period, parameters):
        day, area, stands_in, rule = pooling_area(person, period)
        series = lookup.at(time_axis.average_wage(parameter_tree(person))[1], day, area)
        codes = weakest(series, rule, numpy.where(stands_in, ESTIMATED, numpy.nan))
        return as_status(numpy.where(has_benefits_to_assess(person, period), codes, 0))


class work_injury_wage_status(StatusVariable):
    definition_period = ETERNITY
    label = "工伤本人工资数据状态 Status of the injured person's wage for benefits: the pooling area's average wage's, where its 60% floor or 300% cap applies"

    def formula(person, period, parameters):
        # The wage given is the person's; the average wage enters only where it clamps it.
        tree, day = injury_day(person, period)
        rules = tree.work_injury.benefit
        clamped = has_benefits_to_assess(person, period) & (
            person("work_injury_wage", period) != numpy.round(person("pre_injury_average_wage", period), 2))
        average = numpy.asarray(person("work_injury_average_wage_status", period))
        codes = weakest(average, _status(rules.wage_floor_share, day), _status(rules.wage_cap_share, day))
        return as_status(numpy.where(clamped, codes, 0))


def _on_the_wage(person, period, amount, scale_name):
    """The status of a benefit that is the person's wage times a scale by grade."""
    _, day = injury_day(person, period)
    scale = getattr(parameter_tree(person).work_injury.benefit, scale_name)
    wage = numpy.asarray(person("work_injury_wage_status", period))
    return _where_paid(person, period, amount, weakest(wage, lookup.scale_status_at(scale, day)))


class work_injury_disability_lump_sum_status(StatusVariable):
    definition_period = ETERNITY
    label = "一次性伤残补助金数据状态 Status of the disability lump sum: the person's wage's and the scale's"

    def formula(person, period, parameters):
        return _on_the_wage(person, period, "work_injury_disability_lump_sum", "disability_lump_sum_months")


class work_injury_disability_allowance_status(StatusVariable):
    definition_period = ETERNITY
    label = "伤残津贴数据状态 Status of the monthly disability allowance: the person's wage's and the scale's"

    def formula(person, period, parameters):
        return _on_the_wage(person, period, "work_injury_disability_allowance", "disability_allowance_share")


class work_injury_nursing_allowance_status(StatusVariable):
    definition_period = ETERNITY
    label = "生活护理费数据状态 Status of the monthly nursing allowance: the pooling area's average wage's and the share's"

    def formula(person, period, parameters):
        tree, day = injury_day(person, period)
        rules, level = tree.work_injury.benefit, person("nursing_level", period)
        share = numpy.select(
            [level == NursingLevel.completely, level == NursingLevel.mostly, level == NursingLevel.partly],
            [_status(getattr(rules, f"nursing_share_{level}"), day) for level in ("completely", "mostly", "partly")],
            numpy.nan,
        )
        average = numpy.asarray(person("work_injury_average_wage_status", period))
        return _where_paid(person, period, "work_injury_nursing_allowance", weakest(average, share))


class work_injury_funeral_grant_status(StatusVariable):
    definition_period = ETERNITY
    label = "丧葬补助金数据状态 Status of the funeral grant: the pooling area's average wage's"

    def formula(person, period, parameters):
        tree, day = injury_day(person, period)
        average = numpy.asarray(person("work_injury_average_wage_status", period))
        months = _status(tree.work_injury.benefit.funeral_grant_months, day)
        return _where_paid(person, period, "work_injury_funeral_grant", weakest(average, months))


class work_injury_death_lump_sum_status(StatusVariable):
    definition_period = ETERNITY
    label = "一次性工亡补助金数据状态 Status of the death lump sum: the previous year's national urban disposable income per head's"

    def formula(person, period, parameters):
        tree, day = injury_day(person, period)
        previous_year = (day.astype("datetime64[Y]") - 1).astype("datetime64[D]")
        income = _status(tree.common.national_urban_disposable_income, previous_year)
        multiple = _status(tree.work_injury.benefit.death_lump_sum_multiple, day)
        return _where_paid(person, period, "work_injury_death_lump_sum", weakest(income, multiple))


class work_injury_survivor_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "供养亲属抚恤金数据状态 Status of the survivor pensions: the person's wage's and the shares'"

    def formula(person, period, parameters):
        tree, day = injury_day(person, period)
        rules = tree.work_injury.benefit
        shares = (
            numpy.where(person("survivor_spouse", period), _status(rules.survivor_share_spouse, day), numpy.nan),
            numpy.where(person("survivor_other_dependants", period) > 0, _status(rules.survivor_share_other, day), numpy.nan),
            numpy.where(person("survivor_orphans_or_lone_elderly", period) > 0, _status(rules.survivor_share_supplement, day), numpy.nan),
        )
        wage = numpy.asarray(person("work_injury_wage_status", period))
        return _where_paid(person, period, "work_injury_survivor_pension", weakest(wage, *shares))
