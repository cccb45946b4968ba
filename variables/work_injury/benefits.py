"""Work injury benefits (工伤保险条例, 2010 revision): the person's wage for benefits, the
disability lump sum and allowance by grade, the nursing allowance, and the death benefits.

One injury per person: the date and the wage of the 12 months before it are inputs, and
the benefits are assessed with the rules and the pooling area's average wage in force on
that date (average_wage.py: the province's figure where the model has no city's). Their
statuses: provenance.py.
"""

from datetime import date

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.person import MISSING_DATE

GRADES = 10
REFERENCE = "工伤保险条例 (国务院令第375号, revised by 国务院令第586号, in force 2011-01-01)"


class injury_date(Variable):
    value_type = date
    default_value = MISSING_DATE
    entity = Person
    definition_period = ETERNITY
    label = "工伤发生日期 Date of the work injury (or of the occupational disease's diagnosis)"
    reference = REFERENCE + " art.64 (the 12 months before the injury)"


class pre_injury_average_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "受伤前12个月平均月缴费工资 Average monthly contribution wage of the 12 months before the injury"
    reference = REFERENCE + " art.64"
    unit = "currency-CNY"


class disability_grade(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "伤残等级 Disability grade assessed after the injury (1 the most severe, 10 the least; 0 none)"
    reference = REFERENCE + " art.21-22, 35-37"


class NursingLevel(Enum):
    none = "无 No nursing needed"
    partly = "生活部分不能自理 Partly unable to care for oneself"
    mostly = "生活大部分不能自理 Mostly unable to care for oneself"
    completely = "生活完全不能自理 Completely unable to care for oneself"


class nursing_level(Variable):
    value_type = Enum
    possible_values = NursingLevel
    default_value = NursingLevel.none
    entity = Person
    definition_period = ETERNITY
    label = "生活护理等级 Level of nursing needed, as the work capacity committee assessed it"
    reference = REFERENCE + " art.34"


def has_benefits_to_assess(person, period):
    """Persons with something to assess: a disability grade, a nursing level or a death."""
    return (person("disability_grade", period) > 0) | (person("nursing_level", period) != NursingLevel.none) | person("died_of_work_injury", period)


def injury_day(person, period):
    """The parameter tree and each person's injury date, the day the benefits' rules and average
    wage are read on (for persons without anything to assess, a placeholder date: their
    benefits are 0)."""
    concerned = has_benefits_to_assess(person, period)
    day = person("injury_date", period)
    check(~concerned | (day > numpy.datetime64("1950-01-01")), "injury_date", "missing", "the date of the injury, e.g. 2024-03-15", day)
    day = numpy.where(concerned, day, numpy.datetime64("2024-01-01"))
    tree = parameter_tree(person)
    first = min(value.instant_str for value in tree.work_injury.benefit.funeral_grant_months.values_list)
    check(~concerned | (day >= numpy.datetime64(first)), "injury_date", phrase("before {first}, the 2010 revision's entry into force", first=first),
          phrase("injuries from {first} (the 2003 text's figures are not encoded)", first=first), day)
    return tree, day


def _average(person, period):
    """The pooling area's average monthly wage (work_injury_average_wage), refused where a
    situation gives 0 or less for a person with something to assess."""
    average = person("work_injury_average_wage", period)
    check(~has_benefits_to_assess(person, period) | (average > 0), "work_injury_average_wage", "0 or below 0",
          "the pooling area's average monthly wage of the previous year in yuan, above 0", average)
    return average


class work_injury_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "本人工资 The injured person's wage for benefits: the 12 months' average, within 60%-300% of the pooling area's average wage (0 where nothing is assessed)"
    reference = REFERENCE + " art.64"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        tree, day = injury_day(person, period)
        concerned = has_benefits_to_assess(person, period)
        wage = person("pre_injury_average_wage", period)
        check(~concerned | (wage > 0), "pre_injury_average_wage", "missing, 0 or below 0",
              "the average monthly contribution wage of the 12 months before the injury, above 0", wage)
        rules, average = tree.work_injury.benefit, _average(person, period)
        clamped = numpy.clip(wage, lookup.at(rules.wage_floor_share, day) * average, lookup.at(rules.wage_cap_share, day) * average)
        return numpy.where(concerned, round_fen(clamped), 0)


def _grade(person, period):
    grade = person("disability_grade", period)
    check((grade >= 0) & (grade <= GRADES), "disability_grade", "outside 1-10", "a disability grade from 1 to 10, or 0 for none", grade)
    return grade


def _by_grade(person, period, name, grade):
    """A benefit scale's value for each person's grade, with the rules in force in the
    month of the injury (one evaluation per distinct month, not per person)."""
    scale = getattr(parameter_tree(person).work_injury.benefit, name)
    months = numpy.where(has_benefits_to_assess(person, period), person("injury_date", period), numpy.datetime64("2024-01-01")).astype("datetime64[M]")
    values = numpy.zeros(person.count)
    for month in numpy.unique(months):
        chosen = months == month
        values[chosen] = scale(f"{month}-01").calc(grade[chosen])
    return values


def _wage_by_grade(person, period, name):
    """The person's wage times a benefit scale's value for the disability grade, to the fen."""
    grade = _grade(person, period)
    if not grade.any():
        return numpy.zeros(person.count)
    return round_fen(person("work_injury_wage", period) * _by_grade(person, period, name, grade))


class work_injury_disability_lump_sum(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "一次性伤残补助金 Disability lump sum: 27 (grade 1) to 7 (grade 10) months of the person's wage"
    reference = REFERENCE + " art.35(一), 36(一), 37(一)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _wage_by_grade(person, period, "disability_lump_sum_months")


class work_injury_disability_allowance(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "伤残津贴（月） Monthly disability allowance: 90% (grade 1) to 60% (grade 6) of the person's wage"
    reference = REFERENCE + " art.35(二) (grades 1-4, from the fund), 36(二) (grades 5-6, from the employer when it cannot arrange work)"
    unit = "currency-CNY"
    documentation = """
    Grades 5 and 6 are paid by the employer only when it cannot arrange suitable work.
    Where the allowance is below the local minimum wage the difference is topped up
    (art.35, 36): minimum wages are not in the model's data, so the top-up is not applied.
    """

    def formula(person, period, parameters):
        return _wage_by_grade(person, period, "disability_allowance_share")


class work_injury_nursing_allowance(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "生活护理费（月） Monthly nursing allowance: 50%, 40% or 30% of the pooling area's average monthly wage"
    reference = REFERENCE + " art.34"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        level = person("nursing_level", period)
        if (level == NursingLevel.none).all():
            return numpy.zeros(person.count)
        tree, day = injury_day(person, period)
        rules, average = tree.work_injury.benefit, _average(person, period)
        share = numpy.select(
            [level == NursingLevel.completely, level == NursingLevel.mostly, level == NursingLevel.partly],
            [lookup.at(rules.nursing_share_completely, day), lookup.at(rules.nursing_share_mostly, day), lookup.at(rules.nursing_share_partly, day)],
            0,
        )
        return round_fen(average * share)


class died_of_work_injury(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "因工死亡 Died of the work injury (on injury_date)"
    reference = REFERENCE + " art.39"


class survivor_spouse(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "有供养配偶 Leaves a dependent spouse (without work capacity, mainly supported by the deceased)"
    reference = REFERENCE + " art.39(二)"


class survivor_other_dependants(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "其他供养亲属人数 Number of other dependent relatives"
    reference = REFERENCE + " art.39(二)"


class survivor_orphans_or_lone_elderly(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "孤寡老人或孤儿人数 How many of the dependants (spouse included) are lone elderly or orphans (+10% each)"
    reference = REFERENCE + " art.39(二)"


class work_injury_funeral_grant(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "丧葬补助金 Funeral grant: 6 months of the pooling area's average monthly wage"
    reference = REFERENCE + " art.39(一)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        died = person("died_of_work_injury", period)
        if not died.any():
            return numpy.zeros(person.count)
        tree, day = injury_day(person, period)
        return numpy.where(died, round_fen(_average(person, period) * lookup.at(tree.work_injury.benefit.funeral_grant_months, day)), 0)


class work_injury_death_lump_sum(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "一次性工亡补助金 Death lump sum: 20 times the previous year's national urban disposable income per head"
    reference = REFERENCE + " art.39(三)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        died = person("died_of_work_injury", period)
        if not died.any():
            return numpy.zeros(person.count)
        tree, day = injury_day(person, period)
        previous_year = (day.astype("datetime64[Y]") - 1).astype("datetime64[D]")
        income = lookup.at(tree.common.national_urban_disposable_income, previous_year)
        missing = died & numpy.isnan(income)
        check(~missing, "injury_date", "in a year whose previous year's national urban disposable income is not in the data",
              "deaths in years whose previous year is in parameters/common/national_urban_disposable_income.yaml", day)
        return numpy.where(died, round_fen(numpy.nan_to_num(income) * lookup.at(tree.work_injury.benefit.death_lump_sum_multiple, day)), 0)


class work_injury_survivor_pension(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "供养亲属抚恤金（月） Monthly survivor pensions in all: 40% of the wage for the spouse, 30% for each other dependant, +10% for lone elderly or orphans, at most the wage"
    reference = REFERENCE + " art.39(二)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        died = person("died_of_work_injury", period)
        if not died.any():
            return numpy.zeros(person.count)
        tree, day = injury_day(person, period)
        rules = tree.work_injury.benefit
        others = person("survivor_other_dependants", period)
        extra = person("survivor_orphans_or_lone_elderly", period)
        spouse = person("survivor_spouse", period)
        check(others >= 0, "survivor_other_dependants", "negative", "a number of dependants, 0 or more", others)
        check((extra >= 0) & (extra <= others + spouse), "survivor_orphans_or_lone_elderly", "negative or more than the dependants",
              "a number from 0 to the dependants (spouse and others)", extra)
        share = spouse * lookup.at(rules.survivor_share_spouse, day) + others * lookup.at(rules.survivor_share_other, day) + extra * lookup.at(rules.survivor_share_supplement, day)
        wage = person("work_injury_wage", period)
        return numpy.where(died, round_fen(numpy.minimum(wage * share, wage)), 0)
