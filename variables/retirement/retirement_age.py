"""Statutory retirement age: the original ages, then the 2024 decision's gradual delay."""

from datetime import date

import numpy
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import (
    date_of_month_number,
    month_number,
)
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.entities import Person


def _refuse_retirement_past_the_model(retirement, birth):
    """A retirement date past the model's years, refused naming the birth date it comes from: every
    later figure is read at that date, where a lookup's own refusal named no input ("date 2120-01-01")."""
    check(
        retirement <= numpy.datetime64(f"{lookup.LAST_YEAR}-12-01"),
        "birth_date",
        phrase("statutory retirement after {last}-12, the model's last month", last=lookup.LAST_YEAR),
        phrase("births whose statutory retirement falls by {last}-12 (men born by 2037, women cadres by 2042, women workers by 2045)", last=lookup.LAST_YEAR),
        birth,
    )


class original_retirement_age(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "原法定退休年龄 Original statutory retirement age (before the 2024 decision)"
    reference = "国发〔1978〕104号 art.1; fact sheet §3"
    unit = "year"

    def formula(person, period, parameters):
        ages = parameters("2024-12-31").common.retirement_age
        male = person("sex", period) == person("sex", period).possible_values.male
        cadre = person("worker_category", period) == person("worker_category", period).possible_values.cadre
        special = person("special_type_work_years", period) >= ages.special_type_required_years
        return numpy.select(
            [male & special, male, special, cadre],
            [ages.original_special_type_men, ages.original_men, ages.original_special_type_women, ages.original_women_cadre],
            ages.original_women_worker,
        )


class retirement_age_delay_months(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "延迟退休月数 Months of delay under the 2024 decision"
    reference = "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13), 办法 art.2 and annex 1-2"
    unit = "month"
    documentation = """
    delay = min(maximum, floor(months from the first affected month to the original
    retirement month / step) + 1) where the original retirement month is at or after
    the first affected month (2025-01). Men and women with original age 55 follow one
    month per four months of birth; women with original age 50 one per two.
    Special-type early retirement (men 55, women 45) is delayed on the schedule of the
    person's sex and original group (men; women 50): the decision's text on special
    types is not in the fact sheet (U).
    """

    def formula(person, period, parameters):
        delay = parameter_tree(person).common.retirement_age.delay_2024
        birth = month_number(person("birth_date", period))
        age = person("original_retirement_age", period)
        original = birth + age * 12
        male = person("sex", period) == person("sex", period).possible_values.male
        group = numpy.where(male, 0, numpy.where(age == 55, 1, 2))
        original_date = date_of_month_number(original)
        _refuse_retirement_past_the_model(original_date, person("birth_date", period))
        months = numpy.zeros(original.shape)
        for index, node in enumerate((delay.men, delay.women_cadre, delay.women_worker)):
            step = lookup.at(node.birth_months_per_month_of_delay, original_date)
            maximum = lookup.at(node.maximum_delay_months, original_date)
            first = _first_month_in_force(node.birth_months_per_month_of_delay)
            in_force = ~numpy.isnan(step)
            own = numpy.minimum(maximum, numpy.floor((original - first) / numpy.where(in_force, step, 1)) + 1)
            months = numpy.where((group == index) & in_force, own, months)
        return months.astype(int)


def _first_month_in_force(parameter):
    """Month number of the first month a parameter has a value (the decision's start)."""
    row = lookup.table(parameter)[0]
    first = int(numpy.flatnonzero(~numpy.isnan(row))[0])
    return lookup.FIRST_YEAR * 12 + first


class statutory_retirement_date(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    label = "法定退休日期 Statutory retirement date (first day of the retirement month)"
    reference = "国发〔1978〕104号 art.1; 2024 decision on the retirement age"

    def formula(person, period, parameters):
        birth = person("birth_date", period)
        check(birth >= numpy.datetime64("1900-01-01"), "birth_date", "missing or before 1900", "a date such as 1965-07-15", birth)
        age_months = person("original_retirement_age", period) * 12 + person("retirement_age_delay_months", period)
        retirement = date_of_month_number(month_number(birth) + age_months)
        _refuse_retirement_past_the_model(retirement, birth)
        return retirement
