"""Unemployment insurance contributions of a month: 2% + 1% under the 1999 regulation,
then the totals cut from 2015, split between employer and employee by each province."""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.monthly_base import charged


def _contribution(person, period, side):
    return charged(person, period, f"unemployment.contribution.{side}_rate", phrase("unemployment {side} rate (provinces set the split since 2015-03)", side=phrase(side)))


class unemployment_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "失业保险单位缴费 Unemployment insurance contribution paid by the employer in the month"
    reference = "失业保险条例 art.6 (2%); 人社部发〔2016〕36号, 〔2017〕14号; 国办发〔2019〕13号 (cuts)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _contribution(person, period, "employer")


class unemployment_employee_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "失业保险个人缴费 Unemployment insurance contribution paid by the employee in the month"
    reference = "失业保险条例 art.6 (1%); 人社部发〔2016〕36号 (employee share at most 0.5%)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _contribution(person, period, "employee")
