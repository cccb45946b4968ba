"""Maternity leave and the maternity allowance (女职工劳动保护特别规定 art.7-8; 社会保险法
art.54-56): 98 days, more for a difficult birth, each extra baby and a province's
extension; the allowance is the employer's average monthly wage for the leave."""

from datetime import date

import numpy
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import Named, phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import named as region_named
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.person import MISSING_DATE

REFERENCE = "女职工劳动保护特别规定 (国务院令第619号) art.7-8; 社会保险法 art.54-56"


class childbirth_date(Variable):
    value_type = date
    default_value = MISSING_DATE
    entity = Person
    definition_period = ETERNITY
    label = "分娩或流产日期 Date of the birth (or the miscarriage)"
    reference = REFERENCE


class babies_born(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "本次生育婴儿数 Babies born at this birth (0 for a miscarriage)"
    reference = REFERENCE


class difficult_birth(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "难产 A difficult birth (dystocia)"
    reference = REFERENCE


class miscarriage_pregnancy_months(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "流产时怀孕月数 Completed months of pregnancy at a miscarriage (0: no miscarriage)"
    reference = REFERENCE


class employer_average_monthly_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "用人单位上年度职工月平均工资 The employer's average monthly wage of the previous year"
    reference = "女职工劳动保护特别规定 art.8"
    unit = "currency-CNY"


class maternity_leave_days(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "产假天数 Maternity leave days: 98, +15 for a difficult birth, +15 per extra baby, + the province's extension; 15 or 42 after a miscarriage"
    reference = REFERENCE + "; provincial 人口与计划生育条例 (extensions)"
    unit = "day"

    def formula(person, period, parameters):
        day = person("childbirth_date", period)
        babies = person("babies_born", period)
        miscarriage = person("miscarriage_pregnancy_months", period)
        check((babies >= 0) & (babies <= 9), "babies_born", "outside 0-9", "the number of babies born, 1 or more (0 for a miscarriage)", babies)
        check((miscarriage >= 0) & (miscarriage <= 10), "miscarriage_pregnancy_months", "outside 0-10", "completed months of pregnancy, 0 without a miscarriage", miscarriage)
        check(~((babies > 0) & (miscarriage > 0)), "miscarriage_pregnancy_months", "given with babies born", "either babies born or a miscarriage", miscarriage)
        # A date with neither babies nor a miscarriage is a fact left out (babies_born not given), not 0 days.
        dated = day != numpy.datetime64(MISSING_DATE)
        check(~(dated & (babies == 0) & (miscarriage == 0)), "babies_born", "0 for a childbirth_date with no miscarriage",
              "the number of babies born, 1 or more, or miscarriage_pregnancy_months for a miscarriage", babies)
        rules = parameter_tree(person).maternity.benefit
        first = min(value.instant_str for value in rules.leave_days.values_list)
        check((day >= numpy.datetime64(first)) | ((babies == 0) & (miscarriage == 0)), "childbirth_date", phrase("missing or before {first} (the 2012 regulation)", first=first),
              phrase("a date from {first}", first=first), day)

        # Rules are read on the birth's day; a person with no birth reads them on their first
        # day and gets 0 days below (the missing date is outside the model's years).
        on = numpy.where(dated, day, numpy.datetime64(first))

        def rule(parameter):
            return lookup.at(parameter, on)

        hard = person("difficult_birth", period).astype(int)
        birth = rule(rules.leave_days) + hard * rule(rules.difficult_birth_extra_days) + numpy.maximum(babies - 1, 0) * rule(rules.extra_baby_days)
        region = person("insured_region", period)
        extension = lookup.at(rules.provincial_extra_days, on, region)
        unknown = (babies > 0) & numpy.isnan(extension)
        if unknown.any():
            places = region.decode_to_str()

            def message(count, index):
                return InputError.of("no_leave_extension", name=Named("childbirth_date"), region=region_named(str(places[index])),
                                     day=str(day[index]), count=count)

            raise refusal(unknown, message, "childbirth_date")
        birth = birth + numpy.nan_to_num(extension)
        lost = numpy.where(miscarriage >= 4, rule(rules.miscarriage_days_late), rule(rules.miscarriage_days_early))
        return numpy.select([babies > 0, miscarriage > 0], [birth, lost], 0).astype(int)


class maternity_allowance(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "生育津贴 Maternity allowance: the employer's average monthly wage / 30 x the leave days"
    reference = "女职工劳动保护特别规定 art.8; 社会保险法 art.56; parameters maternity.benefit.allowance_days_per_month"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        days = person("maternity_leave_days", period)
        wage = person("employer_average_monthly_wage", period)
        check((days == 0) | (wage > 0), "employer_average_monthly_wage", "missing, 0 or below 0 for a person on maternity leave",
              "the employer's average monthly wage of the previous year, above 0", wage)
        rule = parameter_tree(person).maternity.benefit.allowance_days_per_month
        first = numpy.datetime64(min(value.instant_str for value in rule.values_list))
        per_month = lookup.at(rule, numpy.where(days > 0, person("childbirth_date", period), first))  # no birth: any day, 0 below
        return numpy.where(days > 0, round_fen(wage / numpy.where(days > 0, per_month, 1) * days), 0)
