"""What each figure rests on: the weakest status of the data it was computed from.

A value read in an official document is `official`; a lead, a derivation or a back-cast
is `estimated`; a value the fact sheet marks U is `unverified`; a figure after the last
published year is `projected` (parameters/projection/). A figure carries the weakest
status of the values it reads (official < estimated < unverified < projected), so a user
always sees which kind a pension rests on.

A figure the caller gives (an approval form's printed base, indexed wage, balance or average
pension) rests on none of the model's data: the API and the situation builder mark it
official (api.situations.GIVEN_FIGURE_STATUS), or with the status a profile declares for it
(override_statuses) or a situation gives for it, and what is computed from it carries that
status.
"""

import numpy
from openfisca_core.periods import ETERNITY, YEAR

from openfisca_china_social_insurance.core import data_status, lookup, time_axis
from openfisca_china_social_insurance.core.data_status import StatusVariable, as_status
from openfisca_china_social_insurance.core.dates import month_number
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.regions import PROVINCE_INDEX
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.variables.career.yearly_record import EmploymentType
from openfisca_china_social_insurance.variables.pension.account import table_age
from openfisca_china_social_insurance.variables.pension.calculation_base import average_pension_year_start, base_year_start
from openfisca_china_social_insurance.variables.pension.shared import at_retirement, refuse_before_1997_rules


class average_wage_status(StatusVariable):
    definition_period = YEAR
    label = "平均工资数据状态 Status of the average wage applied to the year's contributions"

    def formula(person, period, parameters):
        status = time_axis.average_wage(parameter_tree(person))[1]
        codes = lookup.at(status, lookup.year_start(period.start.year), person("contribution_region", period))
        return as_status(numpy.where(person("contribution_months", period) > 0, codes, 0))


class pension_calculation_base_status(StatusVariable):
    definition_period = ETERNITY
    label = "计发基数数据状态 Status of the pension calculation base"

    def formula(person, period, parameters):
        status = time_axis.pension_calculation_base(parameter_tree(person))[1]
        return as_status(lookup.at(status, base_year_start(person, period), person("insured_region", period)))


def _own_indexed_wage_base_status(person, period):
    """Status codes of the average wage a region multiplies the index by instead of its own
    calculation base (as indexed_wage_base reads it): Henan's and Zhengzhou's own series,
    Changchun's province base (Jilin's); NaN where the region multiplies its calculation base."""
    tree = parameter_tree(person)
    dates, region = base_year_start(person, period), person("insured_region", period)
    own = lookup.at(time_axis.indexed_wage_base(tree)[1], dates, region)
    on_province = at_retirement(person, period, tree.pension.benefit.indexed_wage_on_province_base) > 0
    if not on_province.any():
        return own
    province = numpy.asarray(PROVINCE_INDEX)[numpy.asarray(region)]
    province_base = lookup.at(time_axis.pension_calculation_base(tree)[1], dates, province)
    # At the province level the province's base is the region's own (the calculation base's status).
    in_city = province != numpy.asarray(region)
    return numpy.where(numpy.isnan(own) & on_province & in_city, province_base, own)


class indexed_wage_base_status(StatusVariable):
    definition_period = ETERNITY
    label = "指数化工资所用平均工资数据状态 Status of the average wage the index multiplies, where a region uses another than its calculation base (Henan, Zhengzhou, Changchun)"

    def formula(person, period, parameters):
        # Official (nothing of its own) where the region multiplies the calculation base, counted apart.
        return as_status(_own_indexed_wage_base_status(person, period))


class indexed_average_monthly_wage_status(StatusVariable):
    definition_period = ETERNITY
    label = "指数化月平均缴费工资数据状态 Status of the indexed wage: its calculation base, or the region's own average wage"

    def formula(person, period, parameters):
        own = _own_indexed_wage_base_status(person, period)
        return as_status(numpy.where(numpy.isnan(own), numpy.asarray(person("pension_calculation_base_status", period)), own))


class personal_account_balance_status(StatusVariable):
    definition_period = ETERNITY
    label = "个人账户储存额数据状态 Status of the personal account balance (crediting rates and average wages of the career)"

    def formula(person, period, parameters):
        rates = time_axis.crediting_rate(parameter_tree(person))[1]
        retirement_year = month_number(person("retirement_date", period)) // 12
        weakest = numpy.zeros(person.count)
        years = career_years(person)
        for year in years:  # the years that count (before retirement)
            counted = person("counted_contribution_months", year_period(year)) > 0
            weakest = numpy.maximum(weakest, numpy.where(counted, numpy.asarray(person("average_wage_status", year_period(year))), 0))
        # Interest is credited every year from the person's first credit to retirement, at the
        # rate of the region paid in (as personal_account_balance reads it): not from the first
        # year of anyone else simulated with them.
        credited = numpy.zeros(person.count, dtype=bool)
        for year in range(years[0], int(retirement_year.max()) + 1) if years else ():
            if year in years:
                credited |= person("personal_account_credit", year_period(year)) > 0
            rate = numpy.nan_to_num(lookup.at(rates, lookup.year_start(year), person("contribution_region", year_period(year))))
            weakest = numpy.maximum(weakest, numpy.where(credited & (year <= retirement_year), rate, 0))
        return as_status(weakest)


class contributions_status(StatusVariable):
    definition_period = ETERNITY
    label = "缴费合计数据状态 Status of the contributions paid before retirement: the average wages and rates of their years"

    def formula(person, period, parameters):
        contribution = parameter_tree(person).pension.contribution
        weakest = numpy.zeros(person.count)
        for year in career_years(person):
            paid = year_period(year)
            day, region = lookup.year_start(year), person("contribution_region", paid)
            flexible = person("employment_type", paid) == EmploymentType.flexible_worker
            employee = numpy.maximum(lookup.at(lookup.status_table(contribution.employer_rate), day, region),
                                     lookup.at(lookup.status_table(contribution.individual_rate), day))
            rate = numpy.where(flexible, lookup.at(lookup.status_table(contribution.flexible_worker_rate), day, region), employee)
            codes = numpy.maximum(numpy.asarray(person("average_wage_status", paid)), numpy.nan_to_num(rate))
            weakest = numpy.maximum(weakest, numpy.where(person("counted_contribution_months", paid) > 0, codes, 0))
        return as_status(weakest)


class one_child_average_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "独生子女加发所用平均养老金数据状态 Status of the average pension the one-child addition is a share of (where paid)"

    def formula(person, period, parameters):
        status = time_axis.average_pension(parameter_tree(person))[1]
        codes = lookup.at(status, average_pension_year_start(person, period), person("insured_region", period))
        # Only where the addition is paid: the average pension is 0 elsewhere.
        return as_status(numpy.where(person("one_child_average_pension", period) > 0, codes, 0))


#: The additions paid only to some retirees of a region, and who (variables/pension/extra.py,
#: regional/): the others' rules count for every retiree of the region that sets them.
_ADDITION_PAID_TO = {
    "one_child": lambda person, period: person("one_child_parent", period),
    "intellectual": lambda person, period: person("recognised_intellectual", period),
    "plateau_allowance": lambda person, period: person("plateau_work_years", period) > 0,
    "hardship_area_allowance": lambda person, period: person("hardship_area_category", period) > 0,
    "local_subsidy": lambda person, period: person("local_subsidy_years", period) > 0,
    "transitional_subsidy_in_force": lambda person, period: person("pre_account_contribution_years", period) > 0,
    "deemed_years_adjustment": lambda person, period: person("deemed_years_adjustment_due", period),
}


class extra_pension_rules_status(StatusVariable):
    definition_period = ETERNITY
    label = "增发养老金规则数据状态 Status of the rules of the provincial additions paid to the person (a share cited and not read: estimated)"

    def formula(person, period, parameters):
        day, region = person("retirement_date", period), person("insured_region", period)
        weakest = numpy.zeros(person.count)
        for path, node in lookup.regional_nodes(parameter_tree(person).pension.benefit.extra_pension).items():
            if f"pension.benefit.extra_pension.{path}" in time_axis.SERIES:
                continue  # the average pension: a series with a status variable of its own
            paid_to = _ADDITION_PAID_TO.get(path.split(".")[0])
            applies = numpy.nan_to_num(lookup.at(node, day, region)) != 0
            if paid_to is not None:
                applies = applies & paid_to(person, period)
            status = numpy.nan_to_num(lookup.at(lookup.status_table(node), day, region))
            weakest = numpy.maximum(weakest, numpy.where(applies, status, 0))
        return as_status(weakest)


class transitional_coefficient_status(StatusVariable):
    definition_period = ETERNITY
    label = "过渡系数数据状态 Status of the transitional coefficient of the region at retirement (where it is applied)"

    def formula(person, period, parameters):
        benefit = parameter_tree(person).pension.benefit
        day, region = person("retirement_date", period), person("insured_region", period)
        codes = lookup.at(lookup.status_table(benefit.transitional_coefficient), day, region)
        # A lower coefficient by years (Liaoning, Jilin) rests on its own rule as well.
        lower = lookup.at(lookup.status_table(benefit.transitional_coefficient_short_service.coefficient), day, region)
        codes = numpy.where(person("lower_transitional_coefficient_applies", period), numpy.fmax(codes, lower), codes)
        return as_status(numpy.where(person("transitional_coefficient", period) > 0, codes, 0))


class payout_months_status(StatusVariable):
    definition_period = ETERNITY
    label = "计发月数数据状态 Status of the payout months: the 1997 divisor, or the 2005 table at the age (and the next age with the month-level rule)"

    def formula(person, period, parameters):
        months_table = parameter_tree(person).pension.benefit.payout_months
        retirement = person("retirement_date", period)
        refuse_before_1997_rules(person, period)  # no divisor then (payout_months refuses): no status either
        years, extra = table_age(person, period)
        at_age = lookup.scale_status_at(months_table.by_age, retirement, years)
        # Between two ages the divisor reads both and the month-level rule.
        interpolated = (lookup.at(months_table.monthly_interpolation, retirement) > 0) & (extra > 0)
        between = data_status.weakest(at_age, lookup.scale_status_at(months_table.by_age, retirement, numpy.minimum(years + 1, 70)),
                                      lookup.at(lookup.status_table(months_table.monthly_interpolation), retirement))
        by_age = numpy.where(interpolated, between, at_age)
        flat = lookup.at(lookup.status_table(months_table.flat_1997), retirement)
        return as_status(numpy.where(numpy.isnan(flat), by_age, flat))


class account_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "个人账户养老金数据状态 Status of the account pension: the balance and the payout months it is divided by"

    def formula(person, period, parameters):
        return _weakest_of(person, period, ("personal_account_balance_status", "payout_months_status"))


def _weakest_of(person, period, parts):
    """The weakest of the status variables `parts`."""
    return as_status(data_status.weakest(*(numpy.asarray(person(part, period)) for part in parts)))


class basic_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "基础养老金数据状态 Status of the basic pension: its calculation base and indexed wage"

    def formula(person, period, parameters):
        return _weakest_of(person, period, ("pension_calculation_base_status", "indexed_average_monthly_wage_status"))


class transitional_fixed_status(StatusVariable):
    definition_period = ETERNITY
    label = "过渡性定额加发数据状态 Status of the fixed amounts a region pays in the transitional column (where paid: Guangdong, Shenzhen)"

    def formula(person, period, parameters):
        fixed = parameter_tree(person).pension.benefit.transitional_fixed
        day, region = person("retirement_date", period), person("insured_region", period)
        weakest = numpy.zeros(person.count)
        for node in (fixed.amount, fixed.per_whole_contribution_year):
            # As transitional_pension pays them: to every pensioner of the region, pre-account years or not.
            paid = (numpy.nan_to_num(at_retirement(person, period, node)) != 0) & person("pension_eligible", period)
            weakest = numpy.maximum(weakest, numpy.where(paid, numpy.nan_to_num(lookup.at(lookup.status_table(node), day, region)), 0))
        return as_status(weakest)


class transitional_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "过渡性养老金数据状态 Status of the transitional pension: its indexed wage and coefficient (where paid), and a region's fixed amounts"

    def formula(person, period, parameters):
        paid = person("transitional_coefficient", period) > 0
        weakest = numpy.asarray(_weakest_of(person, period, ("indexed_average_monthly_wage_status", "transitional_coefficient_status")))
        codes = numpy.where(paid, weakest, 0)
        # Years paid before the account left out (Shaanxi: deemed years only) rest on that rule too.
        node = parameter_tree(person).pension.benefit.transitional_years_deemed_only
        left_out = person("pre_account_contribution_years", period) > person("transitional_contribution_years", period) + 0.005
        rule = lookup.at(lookup.status_table(node), person("retirement_date", period), person("insured_region", period))
        codes = numpy.where(left_out, numpy.fmax(codes, rule), codes)
        # Shenzhen's 100 + 4 a whole year (estimated) read official: only the coefficient method counted.
        return as_status(data_status.weakest(codes, numpy.asarray(person("transitional_fixed_status", period))))


class extra_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "增发养老金数据状态 Status of the provincial additions: their rules and the average pension they are a share of"

    def formula(person, period, parameters):
        return _weakest_of(person, period, ("one_child_average_pension_status", "extra_pension_rules_status"))


class monthly_pension_status(StatusVariable):
    definition_period = ETERNITY
    label = "养老金数据状态 Status of the monthly pension: the weakest of the data it rests on"

    def formula(person, period, parameters):
        return _weakest_of(person, period, ("basic_pension_status", "account_pension_status", "transitional_pension_status", "extra_pension_status"))
