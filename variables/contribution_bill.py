"""The monthly contribution bill of a payroll (五险一金): every branch's employer and
employee amounts, and their totals."""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person

#: Each branch's (employer, employee) variables; None where that side pays nothing.
BILL = (
    ("pension", "pension_employer_contribution", "pension_employee_contribution"),
    ("medical", "medical_employer_contribution", "medical_employee_contribution"),
    ("maternity", "maternity_employer_contribution", None),
    ("unemployment", "unemployment_employer_contribution", "unemployment_employee_contribution"),
    ("work_injury", "work_injury_employer_contribution", None),
    ("housing_fund", "housing_fund_employer_contribution", "housing_fund_employee_contribution"),
)

#: The rate parameters (employer, employee) of the branches charged at a rate of the region or
#: the nation; work injury (the employer's class) and the housing fund (the rate chosen) are not.
RATES = {
    "pension": ("pension.contribution.employer_rate", "pension.contribution.individual_rate"),
    "medical": ("medical.contribution.employer_rate", "medical.contribution.employee_rate"),
    "maternity": ("maternity.contribution.employer_rate", None),
    "unemployment": ("unemployment.contribution.employer_rate", "unemployment.contribution.employee_rate"),
}


class payroll_employer_contributions(Float64):
    entity = Person
    definition_period = MONTH
    label = "单位缴费合计 Employer's contributions in the month, every branch and the housing fund"
    reference = "社会保险法 art.10, 23, 33, 44, 53; 住房公积金管理条例 art.18"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return round_fen(sum(person(employer, period) for _, employer, _ in BILL))


class payroll_employee_contributions(Float64):
    entity = Person
    definition_period = MONTH
    label = "个人缴费合计 Employee's contributions in the month, withheld from the wage"
    reference = "社会保险法 art.10, 23, 44; 住房公积金管理条例 art.19"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return round_fen(sum(person(employee, period) for _, _, employee in BILL if employee))
