"""Unemployment benefit: who may claim it and for how long (失业保险条例 art.14, 17;
社会保险法 art.45-46). The amount is set by each province between the urban subsistence
line and the minimum wage (art.18): not encoded, the minimum wages not being in the data."""

from datetime import date

import numpy
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.person import MISSING_DATE

REFERENCE = "失业保险条例 (国务院令第258号) art.14, 17; 社会保险法 art.45-46"


class job_loss_date(Variable):
    value_type = date
    default_value = MISSING_DATE
    entity = Person
    definition_period = ETERNITY
    label = "失业日期 Date the job was lost"
    reference = REFERENCE


class unemployment_contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "失业保险累计缴费时间 Unemployment insurance contribution time since the last claim, in years"
    reference = "失业保险条例 art.17 (重新就业后，再次失业的，缴费时间重新计算)"
    unit = "year"


class involuntary_job_loss(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "非因本人意愿中断就业 The job was lost against the person's will"
    reference = "失业保险条例 art.14(二); 社会保险法 art.45(二)"


class unused_unemployment_benefit_months(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "前次失业尚未领取的月数 Months of an earlier entitlement not yet drawn"
    reference = "失业保险条例 art.17"


def _on_job_loss_date(person, period):
    """The job-loss date of persons with a claim (contribution time or an involuntary loss);
    a placeholder for the others, who are not entitled."""
    day = person("job_loss_date", period)
    claims = (person("unemployment_contribution_years", period) > 0) | person("involuntary_job_loss", period)
    check(~claims | (day >= numpy.datetime64("1999-01-22")), "job_loss_date", "missing or before the 1999 regulation (1999-01-22)",
          "a date from 1999-01-22, e.g. 2024-06-30", day)
    return numpy.where(claims, day, numpy.datetime64("1999-01-22")), claims


class unemployment_benefit_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "可领取失业保险金 Entitled to unemployment benefit: a year of contributions and an involuntary job loss"
    reference = REFERENCE + " (registration and job seeking, art.14(三), are assumed)"

    def formula(person, period, parameters):
        day, claims = _on_job_loss_date(person, period)
        years = person("unemployment_contribution_years", period)
        check(years >= 0, "unemployment_contribution_years", "below 0", "years of 0 or more", years)
        minimum = lookup.at(parameter_tree(person).unemployment.benefit.minimum_contribution_years, day)
        return claims & (years + 1e-9 >= minimum) & person("involuntary_job_loss", period)


class unemployment_benefit_months(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "领取失业保险金的最长期限 Longest unemployment benefit duration, months: 12, 18 or 24 by years, with an unused earlier entitlement, at most 24"
    reference = REFERENCE
    unit = "month"

    def formula(person, period, parameters):
        eligible = person("unemployment_benefit_eligible", period)
        unused = person("unused_unemployment_benefit_months", period)
        check((unused >= 0) & (unused <= 24), "unused_unemployment_benefit_months", "outside 0-24", "0 to 24 months", unused)
        day, _ = _on_job_loss_date(person, period)
        years = person("unemployment_contribution_years", period)
        rules = parameter_tree(person).unemployment.benefit
        months = numpy.zeros(person.count)
        for day_of_loss in numpy.unique(day[eligible]):  # the rules of each distinct date, not each person
            chosen = eligible & (day == day_of_loss)
            rules_then = rules(str(day_of_loss))
            months[chosen] = numpy.minimum(rules_then.duration_months.calc(years[chosen] + 1e-9) + unused[chosen], rules_then.combined_maximum_months)
        return numpy.where(eligible, months, 0).astype(int)
