"""The original-method transitional pension (原办法) with its adjustment amount (调整额), and
the local subsidy (地方补助): the variants of Guangdong's transition (粤府函〔2021〕294号: the
original method printed, the new method's excess paid as 调整额) and of Shenzhen, each
selected by a regional parameter (no region is named in code). Reproduced from verified
approval forms (see the parameters' references)."""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import (
    at_retirement,
    not_negative,
    printed_figure_required,
    receives_pension,
    require_value,
    round_pension,
)


class transitional_original_indexed_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "原办法指数化月平均工资 Indexed wage of the original (pre-reform) transitional method, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, old_index_salary)"
    unit = "currency-CNY"
    documentation = """
    Only used where the region pays the original method (parameter transitional_original_method).
    The model cannot build it: where the original method pays it (pre-account years, no deemed
    account divisor: Shenzhen) it must be given, 0 when the form prints none; elsewhere 0.
    """

    def formula(person, period, parameters):
        return _form_figure_of_the_original_method(person, period, "transitional_original_indexed_wage", "原指数化月平均工资, e.g. 8306.75")


class transitional_original_ratio(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "享受比例 Entitlement ratio of the original transitional method, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, enjoyment_ratio)"
    unit = "/1"
    documentation = "Given with transitional_original_indexed_wage where the original method pays it; elsewhere 0."

    def formula(person, period, parameters):
        return _form_figure_of_the_original_method(person, period, "transitional_original_ratio", "享受比例, e.g. 0.109")


def _form_figure_of_the_original_method(person, period, name, example):
    """0, or an InputError where the original method needs the form's figure (pre-account
    years in a region paying the original method without a deemed account: Shenzhen)."""
    divisor = at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_deemed_account_divisor)
    needed = (
        person("transitional_original_method", period)
        & numpy.isnan(divisor)
        & (person("pre_account_contribution_years", period) > 0)
        & person("pension_eligible", period)
    )
    return printed_figure_required(person, needed, name, "the original method pays original indexed wage x ratio for years before the accounts",
                                   example, "0 where the form prints none")


class deemed_account_balance(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "视同缴费账户储存额 Deemed account balance of the original transitional method, as printed on the form"
    reference = "Guangdong approval forms (peer-pension-calculator cases/guangdong/huizhou.json, xuzhang); parameters pension.benefit.transitional_deemed_account_divisor"
    unit = "currency-CNY"
    documentation = "Guangdong's original method pays it over the divisor (120). How the agency builds the account from the deemed years is not encoded: 0 when the form prints none."


class local_subsidy_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "地方补助计发年限 Years counted for the local subsidy, as printed on the form"
    reference = "Shenzhen approval forms (peer-pension-calculator cases/guangdong/shenzhen-*.json, local_pension_years)"
    unit = "year"
    documentation = "What Shenzhen counts in these years (local supplementary contributions of 深户 workers, per the collector) is not sourced."


class transitional_pension_by_original_method(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金（原办法） Transitional pension by the original method: original indexed wage x entitlement ratio + deemed account / divisor"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-*.json): 过渡 = 原指数化工资 x 享受比例 + 4 x 整年 + 100; Guangdong (cases/guangdong/huizhou.json): 视同缴费账户 / 120 + 100 + 4 x 整年"
    unit = "currency-CNY"
    documentation = "Without the fixed amounts of transitional_fixed (100 + 4 a whole year in Guangdong and Shenzhen). Each form prints one of the two terms; the other is 0."

    def formula(person, period, parameters):
        wage = not_negative(person, period, "transitional_original_indexed_wage")
        ratio = person("transitional_original_ratio", period)
        check((ratio >= 0) & (ratio <= 1), "transitional_original_ratio", "outside 0..1", "a ratio from 0 to 1", ratio)
        # Only where the region pays the original method: elsewhere the deemed account is not paid.
        original = person("transitional_original_method", period)
        balance = numpy.where(original, not_negative(person, period, "deemed_account_balance"), 0)
        divisor_in_force = at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_deemed_account_divisor)
        # Years before the accounts are paid by one of the two terms (Shenzhen: wage x ratio;
        # Guangdong: the deemed account). Neither given means a figure is missing (the model
        # cannot build either), never a term of 0.
        check(
            ~(original & ~numpy.isnan(divisor_in_force) & (person("pre_account_contribution_years", period) > 0) & (balance == 0) & (wage * ratio == 0)),
            "deemed_account_balance",
            "not given, and the original method pays deemed account / divisor for years before the accounts",
            "the deemed account printed on the approval form (视同缴费账户, e.g. overrides.deemed_account_balance: 13615.08)",
        )
        divisor = require_value(divisor_in_force, balance > 0, "transitional_deemed_account_divisor", person, period)
        on_account = numpy.where(balance > 0, balance / numpy.where(balance > 0, divisor, 1), 0)
        return round_pension(person, period, wage * ratio + on_account)


class transitional_original_method(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金按原办法 The insured region pays the transitional pension by its original method"
    reference = "parameters pension.benefit.transitional_original_method (Shenzhen approval forms)"

    def formula(person, period, parameters):
        return numpy.nan_to_num(at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_original_method)) > 0


class transitional_adjustment(Float64):
    entity = Person
    definition_period = MONTH
    label = "调整额 Adjustment amount: a share of the excess of the new (coefficient) method over the original method"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-*.json); parameters pension.benefit.transitional_adjustment_share"
    unit = "currency-CNY"
    documentation = """
    share x (coefficient method - (original method + per-year fixed amount)), never below 0:
    the new method carries the flat 100 but not the 4 yuan a whole year (shenzhen-woman 2025-10:
    171.32 - (0 + 4 x 30) = 51.32). Only where the region pays the original method.
    """

    def formula(person, period, parameters):
        original = person("transitional_original_method", period)
        per_year = numpy.nan_to_num(
            at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_fixed.per_whole_contribution_year)
        )
        whole_years = numpy.floor(person("contribution_years", period) + 1e-6)
        old = person("transitional_pension_by_original_method", period) + per_year * whole_years
        excess = numpy.maximum(person("transitional_pension_by_coefficient", period) - old, 0)
        paid = original & receives_pension(person, period)
        # A share is needed only where there is an excess to pay (forms without deemed years have none).
        share = require_value(
            at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_adjustment_share),
            paid & (excess > 0),
            "transitional_adjustment_share",
            person,
            period,
        )
        return numpy.where(paid & (excess > 0), round_fen(numpy.nan_to_num(share) * excess), 0)


class local_subsidy(Float64):
    entity = Person
    definition_period = MONTH
    label = "地方补助 Local subsidy: years counted for it x average index x amount + flat amount"
    reference = "Shenzhen approval forms (cases/guangdong/shenzhen-woman.json, shenzhen-man.json); parameters pension.benefit.extra_pension.local_subsidy"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension.local_subsidy
        years = not_negative(person, period, "local_subsidy_years")
        per_year = numpy.nan_to_num(at_retirement(person, period, rules.per_year_and_index))
        flat = numpy.nan_to_num(at_retirement(person, period, rules.amount))
        amount = round_fen(years * person("average_contribution_index", period) * per_year) + flat
        return numpy.where((years > 0) & receives_pension(person, period), amount, 0)
