"""When the pension is assessed: the statutory date, or later for a person who keeps
contributing to reach the minimum years (Social Insurance Law art.16), and the age then."""

from datetime import date

import numpy
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import (
    date_of_month_number,
    month_number,
    months_of_year_before,
)
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.entities import Person


class retirement_date(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    label = "退休日期（待遇起始） Retirement date: first day of the month the pension is assessed for"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.2"
    documentation = """
    The statutory retirement date, unless the person is short of the minimum years
    then, may keep contributing (from 2011-07-01) and the career shows the
    contributions that reach the minimum: the pension then starts the month after
    the minimum is reached. A person who never reaches it retires at the statutory
    date with a lump-sum refund. Give this date as an input for an early, late or
    flexible retirement: every later variable follows it.
    """

    def formula(person, period, parameters):
        statutory = person("statutory_retirement_date", period)
        statutory_month = month_number(statutory)
        needed = numpy.round(person("minimum_contribution_years", period) * 12)
        deemed = numpy.round(person("deemed_contribution_years", period) * 12)
        allowed = lookup.at(parameter_tree(person).pension.benefit.continued_contribution_allowed, statutory) > 0

        at_statutory = deemed.copy()  # months counted at the statutory date
        running = deemed.copy()  # all months so far, in calendar order
        reached = numpy.full(statutory_month.shape, -1, dtype=numpy.int64)
        for year in career_years(person):
            months = person("contribution_months", year_period(year))
            before = numpy.minimum(months, months_of_year_before(statutory_month, year))
            after = months - before
            at_statutory += before
            running += before
            if not after.any():
                continue  # nobody paid past the statutory date this year: nobody reaches it late
            missing = needed - running
            reach_now = (reached < 0) & (missing > 0) & (missing <= after)
            first_after = numpy.maximum(year * 12, statutory_month)
            reached = numpy.where(reach_now, first_after + missing - 1, reached)
            running += after
        delayed = (at_statutory < needed) & allowed & (reached >= 0)
        return numpy.where(delayed, date_of_month_number(reached + 1), statutory)


class age_at_retirement_months(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "退休年龄（月） Age at retirement, in completed months"
    reference = "国发〔2005〕38号 art.7 (payout months by age at retirement)"
    unit = "month"

    def formula(person, period, parameters):
        birth = person("birth_date", period)
        # A given retirement date bypasses statutory_retirement_date's check of the birth date.
        check(birth >= numpy.datetime64("1900-01-01"), "birth_date", "missing or before 1900", "a date such as 1965-07-15", birth)
        retirement = person("retirement_date", period)
        check(retirement > birth, "retirement_date", "on or before birth_date", "a date after the birth date", retirement)
        return month_number(retirement) - month_number(birth)
