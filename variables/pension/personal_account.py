"""The personal account: when it started, what is credited each year, and the balance at
retirement with interest year by year."""

from datetime import date

import numpy
from openfisca_core.periods import ETERNITY, YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.dates import (
    date_of_month_number,
    month_number,
    months_of_year_before,
)
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import Named
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.yearly_record import (
    EmploymentType,
)


class personal_account_start_date(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    label = "个人账户建立日期 Date the personal account started (months before it are pre-account years)"
    reference = "国发〔1997〕26号 art.4; parameters pension.personal_account.in_operation"
    documentation = "Defaults to the first month accounts were credited in the insured region; an agency's own date for the person is an input."

    def formula(person, period, parameters):
        table = lookup.table(parameter_tree(person).pension.personal_account.in_operation)
        first = numpy.argmax(table > 0, axis=1)  # first month in operation, per region
        region = numpy.asarray(person("insured_region", period))
        return date_of_month_number(lookup.FIRST_YEAR * 12 + first[region])


class personal_account_credit(Float64):
    entity = Person
    definition_period = YEAR
    label = "个人账户记账额 Amount credited to the personal account in the year (before interest)"
    reference = "国发〔1997〕26号 art.4 (11%); 国发〔2005〕38号 art.6 (8% from 2006); parameters pension.contribution.flexible_worker_account_share"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        if not (person("counted_contribution_months", period) - person("pre_account_months", period)).any():
            return numpy.zeros(person.count)  # nobody has an account month (e.g. before 1992): no share to read
        contribution = parameters(period.start).pension.contribution
        # A separate flexible-worker share applies only where one is set (null in the baseline).
        flexible_share = lookup.at(parameter_tree(person).pension.contribution.flexible_worker_account_share, lookup.year_start(period.start.year))
        flexible = person("employment_type", period) == EmploymentType.flexible_worker
        share = numpy.where(flexible & ~numpy.isnan(flexible_share), flexible_share, contribution.account_share)
        account_months = person("counted_contribution_months", period) - person("pre_account_months", period)
        return round_fen(person("contribution_base", period) * share) * account_months


class personal_account_balance(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "个人账户储存额 Personal account balance at retirement"
    reference = "国发〔1997〕26号 art.4; 劳办发〔1997〕116号 annex 3 (interest); 人社部发〔2017〕31号 (unified rate from 2016)"
    unit = "currency-CNY"
    documentation = """
    Year by year from the first career year: balance x (1 + r) + the year's credits
    x (1 + r x 0.5415), rounded to the fen, with r the crediting rate of the region the
    year was paid in. In the retirement year, k = months before the retirement month:
    balance x (1 + r x k / 12) + credits x (1 + r x (k + 1) / 24) (pro rata; the
    agencies' practice for that year is not sourced, estimated).
    """

    def formula(person, period, parameters):
        years = career_years(person)
        _refuse_account_years_without_a_career(person, period, years)
        balance = numpy.zeros(person.count)
        if not years:
            return balance
        account = parameter_tree(person).pension.personal_account
        crediting_rates = time_axis.crediting_rate(parameter_tree(person))[0]
        retirement = month_number(person("retirement_date", period))
        last_year = int(retirement.max() // 12)
        for year in range(years[0], last_year + 1):
            date = lookup.year_start(year)
            if year in years:
                credits = person("personal_account_credit", year_period(year))
            else:
                credits = numpy.zeros(person.count)
            if not (balance.any() or credits.any()):
                continue  # nothing in any account yet (pre-account years): no rate to read
            rate = lookup.at(crediting_rates, date, person("contribution_region", year_period(year)))
            full_year = year * 12 + 11 < retirement
            open_year = year * 12 <= retirement  # the retirement year itself, partial
            if not numpy.isfinite(rate).all():  # checked once a year, not per person
                undefined = numpy.isnan(rate) & open_year & ((balance > 0) | (credits > 0))
                if undefined.any():
                    raise refusal(undefined, lambda count, _: _no_crediting_rate(year, count), "personal_account_balance")
                rate = numpy.nan_to_num(rate)
            factor = account.current_year_interest_factor(year_period(year).start)
            whole = balance * (1 + rate) + credits * (1 + rate * factor)
            if (open_year & ~full_year).any():  # someone retires this year: pro rata for them
                months_before = months_of_year_before(retirement, year)
                partial = balance * (1 + rate * months_before / 12) + credits * (1 + rate * (months_before + 1) / 24)
                whole = numpy.where(full_year, whole, numpy.where(open_year, partial, balance))
            else:
                whole = numpy.where(full_year, whole, balance)
            balance = round_fen(whole)
        return balance


def _refuse_account_years_without_a_career(person, period, years):
    """The balance is built from the career's months after the account started. A person whose
    contribution years count such months (an approval form's contribution_years given, above its
    pre-account years) while the career shows none had a balance of 0.00 and an account pension
    on it, without a word: refused as api.assess refuses a profile without a career that gives the
    years and not the balance. Where the years are computed they come from the same career, so a
    population's person (a career starting after the years simulated: 0 years) is never refused."""
    account_years = person("contribution_years", period) - person("pre_account_contribution_years", period)
    career_months = numpy.zeros(person.count)
    for year in years:
        career_months += person("counted_contribution_months", year_period(year)) - person("pre_account_months", year_period(year))
    check(
        ~((numpy.round(account_years * 12) > 0) & (career_months == 0)),
        "personal_account_balance",
        "not given, and no career month after the account started to build it from, while contribution_years "
        "counts such years (above pre_account_contribution_years)",
        "the balance printed on the approval form (personal_account_balance; in api.assess overrides), or a career "
        "(contribution_wage and contribution_months by year) that builds it",
    )


def _no_crediting_rate(year, count):
    return InputError.of("no_crediting_rate", name=Named("personal_account_balance"), year=year, count=count)
