"""The contribution career, one calendar year at a time.

Inputs per year: contribution_wage (monthly wage, or the chosen base of a flexible
worker), contribution_months, employment_type and contribution_region. Everything
else per year is derived here and cached by OpenFisca, so the pension totals in
variables/pension/ read each year once.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance import lookup
from openfisca_china_social_insurance.base import Float64, round_fen
from openfisca_china_social_insurance.career import (
    MONTHS_NOT_GIVEN,
    given_input,
    keep_given_input,
    month_of,
    months_of_year_before,
    parameter_tree,
    set_wage_input,
)
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.errors import InputError, check
from openfisca_china_social_insurance.regions import REGIONS, Region


class contribution_wage(Float64):
    entity = Person
    definition_period = YEAR
    label = "缴费工资 Contribution wage (monthly; a flexible worker's chosen base)"
    reference = "国发〔1997〕26号 art.3; 国发〔2005〕38号 art.5 (flexible workers)"
    unit = "currency-CNY"
    documentation = "Monthly wage before the floor and cap. For a flexible worker, the base chosen in the 60%-300% band."
    set_input = set_wage_input  # yearly only, never negative


class contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "缴费月数 Months contributed in the year"
    reference = "国发〔1997〕26号 art.5 (contribution years are counted in months)"
    unit = "month"
    documentation = "Defaults to 12 in a year with a contribution wage, 0 otherwise. Months are assumed to run from January."
    default_value = MONTHS_NOT_GIVEN  # what OpenFisca fills in for persons who gave nothing
    set_input = keep_given_input  # so that the formula still runs for them

    def formula(person, period, parameters):
        wage = person("contribution_wage", period)
        months = numpy.where(wage > 0, 12, 0)
        given = given_input(person, "contribution_months", period)
        if given is not None:
            months = numpy.where(given == MONTHS_NOT_GIVEN, months, given)
        check(
            (months == 0) | (wage > 0),
            f"contribution_wage {period.start.year}",
            "missing (0) while contribution_months > 0",
            "the monthly wage (or a flexible worker's chosen base) for every year with contributions",
            wage,
        )
        return months


class arrears_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "欠费月数 Months of the year an employer owed contributions for and never paid"
    reference = "社会保险法 art.63 (the employer owes them); 2002 Shandong report 三（二）2 (back-payment by the worker, a proposal)"
    unit = "month"
    documentation = """
    Not part of contribution_months. In the baseline these months are a gap in the
    record: they count for nothing. The reform flexible_worker_operations lets the
    worker back-pay them (employer's and own share), after which they count.
    """


class EmploymentType(Enum):
    employee = "职工 Employee"
    flexible_worker = "灵活就业人员 Flexible worker"


class employment_type(Variable):
    value_type = Enum
    possible_values = EmploymentType
    default_value = EmploymentType.employee
    entity = Person
    definition_period = YEAR
    label = "就业形式 Employment type in the year"
    reference = "国发〔2005〕38号 art.5 (individual businesses and flexible workers insured on their own)"


class contribution_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.nation
    entity = Person
    definition_period = YEAR
    label = "缴费地 Region contributions were paid in during the year"
    reference = "国办发〔2009〕66号 (transfer and continuation: years in every place add up)"
    documentation = "Defaults to the insured region; an input of nation (the default OpenFisca fills in) also means the insured region."
    set_input = keep_given_input  # so that persons who gave nothing get their insured region

    def formula(person, period, parameters):
        insured = person("insured_region", period)
        given = given_input(person, "contribution_region", period)
        if given is None:
            return insured
        return numpy.where(given == Region.nation.index, insured, given)


def _in_year(person, period, node):
    """A regional contribution parameter on January 1st of the career year, in the
    region the year was paid in."""
    return lookup.at(node, lookup.year_start(period.start.year), person("contribution_region", period))


class contribution_average_wage(Float64):
    entity = Person
    definition_period = YEAR
    label = "上年度职工月平均工资 Average monthly wage applied to the year's contributions"
    reference = "国发〔1997〕26号 art.3; parameters pension.contribution.average_wage"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        region = person("contribution_region", period)
        average = _in_year(person, period, parameter_tree(person).pension.contribution.average_wage)
        unknown = numpy.isnan(average) & (person("contribution_months", period) > 0)
        if unknown.any():
            where = REGIONS[int(numpy.asarray(region)[numpy.flatnonzero(unknown)[0]])].key
            raise InputError(
                f"contribution_wage: year {period.start.year} in region {where!r} has no average wage "
                f"in parameters/pension/contribution/average_wage (nor at any level above) for "
                f"{int(unknown.sum())} person(s). Allowed: years and regions with a sourced average wage."
            )
        return numpy.nan_to_num(average)


class contribution_base(Float64):
    entity = Person
    definition_period = YEAR
    label = "缴费基数 Contribution base (monthly, after floor and cap)"
    reference = "国发〔1997〕26号 art.3; 国办发〔2019〕13号 (60%-300% of the average wage)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        # The wage and months inputs are validated where they are set (career.py).
        months = person("contribution_months", period)
        band = parameter_tree(person).pension.contribution
        date = lookup.year_start(period.start.year)
        floor, cap = lookup.at(band.base_floor, date), lookup.at(band.base_cap, date)
        if numpy.isnan(floor) or numpy.isnan(cap):  # before any account scheme
            check(
                months == 0,
                f"contribution_months {period.start.year}",
                "before the first year of the contribution rules the model encodes",
                "career years from 1992 on; enter earlier service as deemed_contribution_years",
                months,
            )
            return numpy.zeros(person.count)
        average = person("contribution_average_wage", period)
        base = numpy.clip(person("contribution_wage", period), floor * average, cap * average)
        return numpy.where(months > 0, round_fen(base), 0)


class contribution_index(Float64):
    entity = Person
    definition_period = YEAR
    label = "缴费指数 Contribution index of the year (base / average wage)"
    reference = "国发〔2005〕38号 art.7 (indexed average monthly wage)"
    unit = "/1"

    def formula(person, period, parameters):
        average = person("contribution_average_wage", period)
        base = person("contribution_base", period)
        return numpy.divide(base, average, out=numpy.zeros_like(base), where=average > 0)


class counted_contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "计入待遇的缴费月数 Months of the year counted for the pension (before the retirement month)"
    reference = "国发〔1997〕26号 art.5"
    unit = "month"

    def formula(person, period, parameters):
        months = person("contribution_months", period)
        retirement = month_of(person, "retirement_date", period)  # converted once, not every year
        before_retirement = months_of_year_before(retirement, period.start.year)
        return numpy.minimum(months, before_retirement)


class pre_account_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "建账前缴费月数 Counted months of the year before the personal account started"
    reference = "国发〔1997〕26号 art.5 (transitional pension for service before accounts)"
    unit = "month"

    def formula(person, period, parameters):
        months = person("counted_contribution_months", period)
        start = month_of(person, "personal_account_start_date", period)
        before_start = months_of_year_before(start, period.start.year)
        return numpy.minimum(months, before_start)


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


class individual_contribution(Float64):
    entity = Person
    definition_period = YEAR
    label = "个人缴费 Contributions paid by the person in the year"
    reference = "国发〔1997〕26号 art.3 (employee rate); 国发〔2005〕38号 art.5 (flexible workers pay the whole rate)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        flexible = person("employment_type", period) == EmploymentType.flexible_worker
        base = person("contribution_base", period)
        months = person("contribution_months", period)
        flexible_rate = _in_year(person, period, parameter_tree(person).pension.contribution.flexible_worker_rate)
        no_rate = flexible & (months > 0) & numpy.isnan(flexible_rate)
        check(
            ~no_rate,
            f"employment_type {period.start.year}",
            "flexible worker in a region with no flexible-worker rate in force that year",
            "flexible_worker only where a rate is set (nationally from 2006; earlier by region)",
        )
        employee_rate = parameters(period.start).pension.contribution.individual_rate
        rate = numpy.where(flexible, numpy.nan_to_num(flexible_rate), employee_rate)
        return round_fen(base * rate) * months


class employer_contribution(Float64):
    entity = Person
    definition_period = YEAR
    label = "单位缴费 Employer contributions for the person in the year"
    reference = "国发〔1997〕26号 art.3; 国办发〔2019〕13号 (16% ceiling from 2019-05)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rate = _in_year(person, period, parameter_tree(person).pension.contribution.employer_rate)
        flexible = person("employment_type", period) == EmploymentType.flexible_worker
        months = person("contribution_months", period)
        check(
            ~(numpy.isnan(rate) & ~flexible & (months > 0)),
            f"employer_contribution {period.start.year}",
            "employee year in a contribution_region with no employer rate in force that year",
            "years and regions with an employer rate in parameters/pension/contribution/employer_rate",
        )
        amount = round_fen(person("contribution_base", period) * numpy.nan_to_num(rate)) * months
        return numpy.where(flexible, 0, amount)


class worker_pays_employer_share(Variable):
    value_type = bool
    entity = Person
    definition_period = YEAR
    label = "个人承担全部社会保险费 The worker pays the employer's share as well (agreement with the employer)"
    reference = "社会保险管理工作难点与对策 (2002), Shandong report, section 一.(二).3.四 (Jinan); parameters pension.contribution.worker_may_pay_employer_share"
    documentation = "An employee working outside the enterprise, unpaid by it, who agreed to pay the whole contribution himself. Allowed only where the region's rule allows it."


class contribution_paid_by_person(Float64):
    entity = Person
    definition_period = YEAR
    label = "个人实际负担的养老保险费 Pension contributions the person pays in the year (his share, and the employer's where he took it over)"
    reference = "社会保险管理工作难点与对策 (2002), Shandong report, section 一.(二).3.四: 社会保险费由灵活就业人员本人全部承担"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        takes_over = person("worker_pays_employer_share", period)
        allowed = _in_year(person, period, parameter_tree(person).pension.contribution.worker_may_pay_employer_share)
        check(
            ~takes_over | (allowed > 0),
            f"worker_pays_employer_share {period.start.year}",
            "true in a region and year whose rules do not let a worker pay the employer's share",
            "true only where parameters pension.contribution.worker_may_pay_employer_share allows it (the seed: Jinan, 2002)",
        )
        employer = person("employer_contribution", period)
        return person("individual_contribution", period) + numpy.where(takes_over, employer, 0)


class contribution_paid_by_employer(Float64):
    entity = Person
    definition_period = YEAR
    label = "单位实际负担的养老保险费 Pension contributions the employer pays for the person in the year"
    reference = "国发〔1997〕26号 art.3; 社会保险管理工作难点与对策 (2002), Shandong report, section 一.(二).3.四"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        paid_by_person = person("contribution_paid_by_person", period)  # also checks the rule
        total = person("individual_contribution", period) + person("employer_contribution", period)
        return total - paid_by_person
