"""Qinghai's benefit increase (待遇提高, 青劳社厅发〔2004〕27号 as cited on the forms): a fixed
monthly amount by area, read from a regional parameter (Xining area 12; no region is named in
code). Qinghai's 调节金 (0 for every retirement after 2015) and heating fee (取暖费, a yearly
amount outside the monthly total) are not encoded: see the parameter's documentation."""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import flat_monthly_amount


class benefit_increase(Float64):
    entity = Person
    definition_period = MONTH
    label = "待遇提高 Benefit increase: a fixed monthly amount added to the pension, by area"
    reference = (
        "青劳社厅发〔2004〕27号 as cited on Qinghai approval forms (not read; cases/qinghai/*.json); "
        "parameters pension.benefit.extra_pension.benefit_increase"
    )
    unit = "currency-CNY"
    documentation = """
    Qinghai: 12 a month in the Xining area (insured region xining), in the forms' 月应发:
    2390.67 + 552.92 + 633.89 + 12 = 3589.48 (cases/qinghai/1.json). Elsewhere in Qinghai 13,
    the public calculator's figure (unverified).
    """

    def formula(person, period, parameters):
        return flat_monthly_amount(person, period, parameter_tree(person).pension.benefit.extra_pension.benefit_increase)
