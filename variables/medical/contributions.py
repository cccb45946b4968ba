"""Basic medical insurance contributions of a month: the employer's rate and the
employee's rate on the social insurance base, plus a region's fixed monthly amount."""

import numpy
from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.monthly_base import charged, rate_in_month


class medical_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "医疗保险单位缴费 Medical insurance contribution paid by the employer in the month"
    reference = "国发〔1998〕44号 §二 (about 6%); 社会保险法 art.23; parameters medical.contribution.employer_rate"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return charged(person, period, "medical.contribution.employer_rate", "medical employer rate")


class medical_employee_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "医疗保险个人缴费 Medical insurance contribution paid by the employee in the month"
    reference = "国发〔1998〕44号 §二 (2%); parameters medical.contribution.employee_rate and employee_fixed_amount (大额医疗)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rate = rate_in_month(person, period, "medical.contribution.employee_rate", "medical employee rate")
        fixed = rate_in_month(person, period, "medical.contribution.employee_fixed_amount", "fixed medical amount")
        base = person("monthly_contribution_base", period)
        # A month without a wage is charged nothing, the fixed amount (Beijing's 3 yuan) neither.
        return round_fen(base * rate + numpy.where(base > 0, fixed, 0))
