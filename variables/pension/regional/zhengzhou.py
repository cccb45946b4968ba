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


def _in_force(person, period):
    node = parameter_tree(person).pension.benefit.extra_pension.transitional_subsidy_in_force
    return numpy.nan_to_num(at_retirement(person, period, node)) > 0


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
    to a retiree with deemed years. The model cannot build it: there it must be given (0 to
    leave it out knowingly), else the pension is refused rather than paid several hundred yuan
    short (643.86 on cases/henan/12.json). Elsewhere 0.
    """

    def formula(person, period, parameters):
        needed = (
            _in_force(person, period)
            & (person("deemed_contribution_years", period) > 0)
            & person("pension_eligible", period)
        )
        return printed_figure_required(
            person, needed, "transitional_subsidy_amount",
            "the insured region pays a 过渡性补贴 for deemed years (郑州市企业职工基本养老保险条例 art.30) whose formula is not encoded",
            "e.g. 643.86", "or 0 to leave it out",
        )


class transitional_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "过渡性补贴 Transitional subsidy paid with the pension (Zhengzhou)"
    reference = "郑州市企业职工基本养老保险条例 art.30; parameters pension.benefit.extra_pension.transitional_subsidy_in_force"
    unit = "currency-CNY"
    documentation = "transitional_subsidy_amount where the region pays the subsidy; a figure given for a region that pays none is refused, not dropped."

    def formula(person, period, parameters):
        amount = not_negative(person, period, "transitional_subsidy_amount")
        in_force = _in_force(person, period)
        check(in_force | (amount == 0), "transitional_subsidy_amount",
              "given, but the insured region pays no 过渡性补贴 at that retirement date",
              "0 outside Zhengzhou (retirements from 2007-01-01)", amount)
        return numpy.where(receives_pension(person, period) & in_force, amount, 0)
