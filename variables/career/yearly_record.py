"""The contribution career, one calendar year at a time: the inputs.

Per year: contribution_wage (monthly wage, or the chosen base of a flexible worker),
contribution_months, employment_type, contribution_region and arrears_months. What
is derived from them lives beside: the base (contribution_base.py), the pension's
contributions and record (variables/pension/).
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.regions import Region
from openfisca_china_social_insurance.core.yearly_inputs import (
    MONTHS_NOT_GIVEN,
    given_input,
    keep_given_input,
    set_wage_input,
)
from openfisca_china_social_insurance.entities import Person


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
            "contribution_wage",
            "missing (0) while contribution_months > 0",
            "the monthly wage (or a flexible worker's chosen base) for every year with contributions",
            wage,
            period=str(period.start.year),
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
