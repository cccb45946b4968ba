"""Zhengzhou's transitional subsidy (过渡性补贴), paid beside the transitional pension for deemed
years before 1995 (郑州市企业职工基本养老保险条例 art.30), selected by a regional parameter (no
region is named in code). Who is paid is the law's; the amount is the approval form's: its
formula (left by art.31 to city rules not found) is not encoded."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    not_negative,
    printed_figure_required,
    receives_pension,
)


def _paid_to(person, period):
    """Who the region's subsidy is for: a region paying it at the retirement date (from 2007 in
    Zhengzhou) and years before the accounts (art.30: deemed years before 1995; actual years
    before the account start are asked for too, as forms count them with the deemed years).
    Art.30's other condition, insured in the city before 2007-07, is not checked: a person with
    years before 1995 was."""
    node = parameter_tree(person).pension.benefit.extra_pension.transitional_subsidy_in_force
    in_force = numpy.nan_to_num(at_retirement(person, period, node)) > 0
    return in_force & (person("pre_account_contribution_years", period) > 0)


class transitional_subsidy_amount(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性补贴（核定表） Transitional subsidy for deemed years before 1995, a month, as printed on the approval form"
    reference = (
        "郑州市企业职工基本养老保险条例 art.30-31 (../shared/reference/law/); "
        "parameters pension.benefit.extra_pension.transitional_subsidy_in_force"
    )
    unit = "currency-CNY"
    documentation = """
    Paid in the monthly total where the region pays it (Zhengzhou, retirements from 2007-01-01)
    to a retiree with years before the accounts. The model cannot build it: there it must be
    given (0 to leave it out knowingly), else the pension is refused rather than paid several
    hundred yuan short (643.86 on cases/henan/12.json). Elsewhere 0.
    """

    def formula(person, period, parameters):
        return printed_figure_required(
            person, _paid_to(person, period) & person("pension_eligible", period), "transitional_subsidy_amount",
            "the insured region pays a 过渡性补贴 for years before the accounts (parameter transitional_subsidy_in_force) "
            "whose formula is not encoded",
            "e.g. 643.86", "or 0 to leave it out",
        )


class transitional_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "过渡性补贴 Transitional subsidy paid with the pension (Zhengzhou)"
    reference = "郑州市企业职工基本养老保险条例 art.30; parameters pension.benefit.extra_pension.transitional_subsidy_in_force"
    unit = "currency-CNY"
    documentation = "transitional_subsidy_amount where the region pays the subsidy to the person; a figure given to anyone else is refused, not dropped."

    def formula(person, period, parameters):
        amount = not_negative(person, period, "transitional_subsidy_amount")
        paid_to = _paid_to(person, period)
        check(paid_to | (amount == 0), "transitional_subsidy_amount",
              "given, but the insured region pays no 过渡性补贴 to this person at that retirement date",
              "0 unless transitional_subsidy_in_force is 1 for the region and date and the person has years before the accounts",
              amount)
        return numpy.where(receives_pension(person, period) & paid_to, amount, 0)
