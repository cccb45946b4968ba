"""Pension contributions of each career year (the person's and the employer's, and who
actually pays them), and of one month of a payroll's bill."""

import numpy
from openfisca_core.periods import MONTH, YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.contribution_base import (
    in_career_year,
)
from openfisca_china_social_insurance.variables.career.monthly_base import charged
from openfisca_china_social_insurance.variables.career.yearly_record import (
    EmploymentType,
)


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
        flexible_rate = in_career_year(person, period, parameter_tree(person).pension.contribution.flexible_worker_rate)
        no_rate = flexible & (months > 0) & numpy.isnan(flexible_rate)
        check(
            ~no_rate,
            "employment_type",
            "flexible worker in a region with no flexible-worker rate in force that year",
            "flexible_worker only where a rate is set (nationally from 2006; earlier by region)",
            period=str(period.start.year),
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
        rate = in_career_year(person, period, parameter_tree(person).pension.contribution.employer_rate)
        flexible = person("employment_type", period) == EmploymentType.flexible_worker
        months = person("contribution_months", period)
        check(
            ~(numpy.isnan(rate) & ~flexible & (months > 0)),
            "employer_contribution",
            "employee year in a contribution_region with no employer rate in force that year",
            "years and regions with an employer rate in parameters/pension/contribution/employer_rate",
            period=str(period.start.year),
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
        allowed = in_career_year(person, period, parameter_tree(person).pension.contribution.worker_may_pay_employer_share)
        check(
            ~takes_over | (allowed > 0),
            "worker_pays_employer_share",
            "true in a region and year whose rules do not let a worker pay the employer's share",
            "true only where parameters pension.contribution.worker_may_pay_employer_share allows it (the seed: Jinan, 2002)",
            period=str(period.start.year),
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


class pension_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "养老保险单位缴费（月） Pension contribution paid by the employer in the month (a payroll's bill)"
    reference = "国发〔1997〕26号 art.3; 国办发〔2019〕13号 (16% from 2019-05)"
    unit = "currency-CNY"
    documentation = (
        "The month's bill, as <branch>_employer_contribution of the other branches. Not the career "
        "record's employer_contribution (a year of the pension record, which builds the account). "
        "Formerly pension_employer_contribution_monthly, still answered (variables/deprecated.py)."
    )

    def formula(person, period, parameters):
        return charged(person, period, "pension.contribution.employer_rate", "pension employer rate")


class pension_employee_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "养老保险个人缴费（月） Pension contribution paid by the employee in the month (a payroll's bill)"
    reference = "国发〔1997〕26号 art.3 (8% from 2004 at the latest)"
    unit = "currency-CNY"
    documentation = (
        "The month's bill, as <branch>_employee_contribution of the other branches. Not the career "
        "record's individual_contribution (a year of the pension record, which builds the account). "
        "Formerly pension_employee_contribution_monthly, still answered (variables/deprecated.py)."
    )

    def formula(person, period, parameters):
        return round_fen(person("monthly_contribution_base", period) * parameters(period.start).pension.contribution.individual_rate)
