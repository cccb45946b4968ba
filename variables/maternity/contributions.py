"""Maternity insurance contributions of a month: the employer's alone (employees pay
nothing); zero where the region merged maternity into medical insurance."""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career.monthly_base import charged


class maternity_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "生育保险单位缴费 Maternity insurance contribution paid by the employer in the month"
    reference = "劳部发〔1994〕504号 art.4 (at most 1%, employees pay nothing); 人社部发〔2015〕70号; 社会保险法 art.53"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return charged(person, period, "maternity.contribution.employer_rate", "maternity employer rate")
