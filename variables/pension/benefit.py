"""The monthly pension assessed at retirement: basic, account, transitional and extra parts.

The assessment quantities (calculation base, indexed wage, payout months) are
eternal: they are fixed on the retirement date. The pensions are monthly: 0 before
the retirement month, then the amount first assessed (later yearly uprating is not
modelled).
"""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance import lookup
from openfisca_china_social_insurance.base import Float64, round_fen
from openfisca_china_social_insurance.career import month_number, month_of, parameter_tree
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.errors import InputError
from openfisca_china_social_insurance.regions import REGIONS


def _at_retirement(person, period, node):
    """A regional parameter at each person's retirement date and insured region."""
    return lookup.at(node, person("retirement_date", period), person("insured_region", period))


def _years_as_printed(person, period, years):
    """Contribution years as the region's forms use them in a formula.

    Half up to the region's decimals by default (30y4m -> 30.33); some regions round
    up (Anhui 42y5m -> 42.5); some count whole months (Heilongjiang 40 months = 40/12).
    """
    rounding = parameter_tree(person).pension.benefit.rounding
    scale = 10.0 ** _at_retirement(person, period, rounding.contribution_years_decimals)
    up = _at_retirement(person, period, rounding.contribution_years_round_up) > 0
    in_months = _at_retirement(person, period, rounding.contribution_years_in_months) > 0
    # The offsets absorb binary error in printed figures (30.7 x 10 = 307.00000000000006).
    rounded = numpy.where(up, numpy.ceil(years * scale - 1e-6), numpy.floor(years * scale + 0.5 + 1e-9)) / scale
    # Regions that count whole months divide them by 12 unrounded (40 months = 3.33333...).
    return numpy.where(in_months, numpy.round(years * 12) / 12, rounded)


def _round_pension(person, period, amount):
    """A pension part rounded as the region prints it: to the fen half up, or 见分进角.

    见分进角 (Guangxi): cut to the fen, then any fen goes up to the next jiao
    (2410.78 -> 2410.8, 498.206 -> 498.20 -> 498.2).
    """
    up = _at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.pension_up_to_jiao) > 0
    fen = numpy.floor(numpy.asarray(amount, dtype=numpy.float64) * 100 + 1e-6)
    return numpy.where(up, numpy.ceil(fen / 10 - 1e-9) / 10, round_fen(amount))


def _require(values, needed, what, person, period):
    """Refuse NaN where a value is needed, naming the region and the year."""
    missing = numpy.isnan(values) & needed
    if missing.any():
        first = numpy.flatnonzero(missing)[0]
        region = REGIONS[int(numpy.asarray(person("insured_region", period))[first])].key
        year = str(person("retirement_date", period)[first])[:7]
        raise InputError(
            f"{what}: no value for region {region!r} at {year} ({int(missing.sum())} person(s)). "
            f"Allowed: regions and dates with a sourced value in the parameters, or give "
            f"{what} as an input."
        )
    return numpy.nan_to_num(values)


def _refuse_before_1997_rules(person, period):
    """Refuse a retirement date with neither basic pension rule in force (before
    国发〔1997〕26号: the pre-1997 rules are not encoded)."""
    rules = parameter_tree(person).pension.benefit.basic_pension
    retirement = person("retirement_date", period)
    outside = numpy.isnan(lookup.at(rules.share_of_average_wage, retirement)) & numpy.isnan(
        lookup.at(rules.rate_per_contribution_year, retirement)
    )
    if outside.any():
        raise InputError(
            f"retirement_date: {str(retirement[numpy.flatnonzero(outside)[0]])} is before the basic pension "
            f"of 国发〔1997〕26号 ({int(outside.sum())} person(s)). Allowed: retirements from 1997-08 on; "
            f"earlier retirees (老人) kept the pre-1997 rules, which this model does not encode."
        )


class provisional_assessment(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "临时待遇（预发） Provisional assessment on the previous year's calculation base"
    reference = "Shandong approval forms 2024-2026: 当年计发基数尚未公布，按上年基数预发"
    documentation = "True for a pension assessed before the retirement year's base is published: the previous year's base is used."


class pension_calculation_base(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "计发基数 Pension calculation base (average monthly wage at retirement)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        retirement = month_number(person("retirement_date", period))
        year = retirement // 12 - person("provisional_assessment", period)
        dates = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
        base = lookup.at(parameter_tree(person).pension.benefit.pension_calculation_base, dates, person("insured_region", period))
        # Only a person paid a monthly pension needs a base; a refund does not.
        return _require(base, person("pension_eligible", period), "pension_calculation_base", person, period)


class indexed_wage_base(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "指数化工资所用平均工资 Average wage the average contribution index multiplies"
    reference = "国发〔2005〕38号 art.7; parameters pension.benefit.indexed_wage_base (Henan forms)"
    unit = "currency-CNY"
    documentation = "The pension calculation base, unless the region multiplies the index by another average wage (Henan: the in-post average wage)."

    def formula(person, period, parameters):
        own = _at_retirement(person, period, parameter_tree(person).pension.benefit.indexed_wage_base)
        return numpy.where(numpy.isnan(own), person("pension_calculation_base", period), own)


def _indexed_wage(person, period, index):
    """Indexed wage on the region's base, rounded to the fen where the region rounds it."""
    raw = person("indexed_wage_base", period) * index
    to_fen = _at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.indexed_wage_to_fen) > 0
    return numpy.where(to_fen, round_fen(raw), raw)


class indexed_average_monthly_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "指数化月平均缴费工资 Indexed average monthly wage (calculation base x average index)"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _indexed_wage(person, period, person("average_contribution_index", period))


class payout_months(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "计发月数 Payout months (divisor of the account balance)"
    reference = "国发〔1997〕26号 art.5 (120); 国发〔2005〕38号 annex (by age)"
    unit = "month"

    def formula(person, period, parameters):
        months_table = parameter_tree(person).pension.benefit.payout_months
        retirement = person("retirement_date", period)
        age_months = person("age_at_retirement_months", period)
        _refuse_before_1997_rules(person, period)  # no divisor then: NaN would become a silent 0
        years = numpy.clip(age_months // 12, 40, 70)
        extra = numpy.where((age_months // 12 >= 40) & (age_months // 12 < 70), age_months % 12, 0)
        at_age = lookup.scale_at(months_table.by_age, retirement, years)
        at_next = lookup.scale_at(months_table.by_age, retirement, numpy.minimum(years + 1, 70))
        interpolate = lookup.at(months_table.monthly_interpolation, retirement) > 0
        by_month = numpy.floor((at_age - (at_age - at_next) * extra / 12) * 10 + 0.5 + 1e-9) / 10
        by_age = numpy.where(interpolate, by_month, at_age)
        flat = lookup.at(months_table.flat_1997, retirement)
        return numpy.where(numpy.isnan(flat), by_age, flat)


class pension_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "按月领取资格 Entitled to a monthly pension (contribution years at least the minimum)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16"

    def formula(person, period, parameters):
        _refuse_before_1997_rules(person, period)  # no rounding rule then: NaN years
        years = _years_as_printed(person, period, person("contribution_years", period))
        return years + 1e-9 >= person("minimum_contribution_years", period)


class is_retired(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "已退休 Retired in the month (on or after the retirement month)"
    reference = "国发〔1997〕26号 art.5"

    def formula(person, period, parameters):
        return month_of(person, "retirement_date", period) <= period.start.year * 12 + period.start.month - 1


def _paid(person, period):
    return person("is_retired", period) & person("pension_eligible", period)


class basic_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "基础养老金 Basic pension (monthly)"
    reference = "国发〔1997〕26号 art.5 (20% of the average wage); 国发〔2005〕38号 art.7 ((base + indexed wage) / 2 x 1% a year)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.basic_pension
        retirement = person("retirement_date", period)
        _refuse_before_1997_rules(person, period)
        share = lookup.at(rules.share_of_average_wage, retirement)
        per_year = lookup.at(rules.rate_per_contribution_year, retirement)
        base = person("pension_calculation_base", period)
        years = _years_as_printed(person, period, person("contribution_years", period))
        # Guangdong: below an average index of 0.6 the flat half is the base x index / 0.6.
        threshold = numpy.nan_to_num(_at_retirement(person, period, rules.flat_part_index_threshold))
        index = person("average_contribution_index", period)
        scaled = (threshold > 0) & (index < threshold)
        flat = base * numpy.where(scaled, index / numpy.where(scaled, threshold, 1), 1)
        rule_2005 = (flat + person("indexed_average_monthly_wage", period)) / 2 * years * numpy.nan_to_num(per_year)
        rule_1997 = base * numpy.nan_to_num(share)
        amount = _round_pension(person, period, numpy.where(numpy.isnan(share), rule_2005, rule_1997))
        return numpy.where(_paid(person, period), amount, 0)


class account_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "个人账户养老金 Account pension (monthly)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        amount = _round_pension(person, period, person("personal_account_balance", period) / person("payout_months", period))
        return numpy.where(_paid(person, period), amount, 0)


class transitional_coefficient(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡系数 Transitional coefficient of the insured region at retirement"
    reference = "国发〔1997〕26号 art.5 (set by the provinces); parameters pension.benefit.transitional_coefficient"
    unit = "/1"

    def formula(person, period, parameters):
        coefficient = lookup.at(
            parameter_tree(person).pension.benefit.transitional_coefficient,
            person("retirement_date", period),
            person("insured_region", period),
        )
        needed = person("pre_account_contribution_years", period) > 0
        supplement = numpy.nan_to_num(
            _at_retirement(person, period, parameter_tree(person).pension.benefit.transitional_coefficient_intellectual_supplement)
        )
        coefficient = coefficient + numpy.where(person("intellectual", period), supplement, 0)
        # Only a person paid a monthly pension needs it; a refund carries no transitional pension.
        required = needed & person("pension_eligible", period)
        return numpy.where(needed, _require(coefficient, required, "transitional_coefficient", person, period), 0)


class transitional_contribution_index(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金平均缴费指数 Average contribution index used for the transitional pension"
    reference = "Tianjin, Shanxi, Henan approval forms (两个指数: 平均缴费指数 / 全部平均工资指数)"
    unit = "/1"
    documentation = "The average contribution index, unless the region's form prints a second index for the transitional pension: give it as an input then."

    def formula(person, period, parameters):
        return person("average_contribution_index", period)


class transitional_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "过渡性养老金计算工资 Monthly wage the transitional coefficient applies to"
    reference = "国发〔1997〕26号 art.5 (set by the provinces); parameters pension.benefit.transitional_wage"
    unit = "currency-CNY"
    documentation = """
    share x calculation base + (1 - share) x indexed wage on max(transitional index, floor).
    Most regions: share 0, no floor (the indexed wage). Sichuan, Liaoning: the mean of the
    base and the indexed wage. Inner Mongolia: index floored at 1.
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.transitional_wage
        share = numpy.nan_to_num(_at_retirement(person, period, rules.share_of_calculation_base))
        floor = numpy.nan_to_num(_at_retirement(person, period, rules.index_floor))
        index = numpy.maximum(person("transitional_contribution_index", period), floor)
        # On the average index itself, the indexed wage is the assessment's own figure
        # (which an approval form may give as an input).
        same = index == person("average_contribution_index", period)
        indexed = numpy.where(same, person("indexed_average_monthly_wage", period), _indexed_wage(person, period, index))
        return share * person("pension_calculation_base", period) + (1 - share) * indexed


class transitional_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "过渡性养老金 Transitional pension (monthly)"
    reference = "国发〔1997〕26号 art.5; 国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        # Regions that kept their original method (Shenzhen 原办法) pay it here; the coefficient
        # method's excess comes as the adjustment amount (variables/pension/provincial.py).
        amount = numpy.where(
            person("transitional_original_method", period),
            person("transitional_pension_by_original_method", period),
            person("transitional_pension_by_coefficient", period),
        )
        # Fixed amounts some regions print in this column (Guangdong: 100 + 4 a whole year).
        fixed = parameter_tree(person).pension.benefit.transitional_fixed
        whole_years = numpy.floor(person("contribution_years", period) + 1e-6)
        amount = amount + numpy.nan_to_num(_at_retirement(person, period, fixed.amount)) + whole_years * numpy.nan_to_num(
            _at_retirement(person, period, fixed.per_whole_contribution_year)
        )
        return numpy.where(_paid(person, period), amount, 0)


class intellectual(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "知识分子 Recognised intellectual under the provincial rules (higher transitional coefficient, allowances)"
    reference = "Ningxia approval forms 2026 (知识分子过渡系数1.43%, 地区津贴 + 工龄补贴)"


class one_child_parent(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "独生子女父母 Parent of an only child (holds the 独生子女父母光荣证)"
    reference = "Provincial rules on the extra pension of parents of an only child (Sichuan, Guizhou approval forms)"


class extra_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "增发养老金 Extra pension: provincial additions on top of the formula"
    reference = "parameters pension.benefit.extra_pension (Sichuan, Guizhou, Yunnan, Ningxia, Shenzhen, Tibet approval forms)"
    unit = "currency-CNY"
    documentation = """
    Parents of an only child: Sichuan adds 0.1% of the indexed wage per contribution
    year; Guizhou 5% of basic + account + transitional; Yunnan 5% of the provincial
    average pension. Recognised intellectuals: Ningxia's fixed allowances. Shenzhen's
    adjustment amount and local subsidy, Tibet's plateau and hardship-area allowances
    (variables/pension/provincial.py). Other provincial additions (Zhejiang, Jilin
    adjustment amounts...) are not encoded.
    """

    def formula(person, period, parameters):
        rules = parameter_tree(person).pension.benefit.extra_pension
        one_child = rules.one_child

        def rule(node):
            return numpy.nan_to_num(_at_retirement(person, period, node))

        years = _years_as_printed(person, period, person("contribution_years", period))
        formula_pension = (
            person("basic_pension", period) + person("account_pension", period) + person("transitional_pension", period)
        )
        for_one_child = (
            _round_pension(person, period, person("indexed_average_monthly_wage", period) * rule(one_child.rate_per_year_of_indexed_wage) * years)
            + _round_pension(person, period, formula_pension * rule(one_child.share_of_formula_pension))
            + _round_pension(person, period, rule(one_child.average_pension) * rule(one_child.share_of_average_pension))
        )
        amount = numpy.where(person("one_child_parent", period), for_one_child, 0) + numpy.where(
            person("intellectual", period), rule(rules.intellectual), 0
        )
        # Regional additions (variables/pension/provincial.py), each 0 outside its regions.
        regional = (
            person("transitional_adjustment", period)
            + person("local_subsidy", period)
            + person("plateau_allowance", period)
            + person("hardship_area_allowance", period)
        )
        return numpy.where(_paid(person, period), amount, 0) + regional


class monthly_pension(Float64):
    entity = Person
    definition_period = MONTH
    label = "基本养老金 Monthly pension: basic + account + transitional + extra"
    reference = "国发〔2005〕38号 art.7"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return (
            person("basic_pension", period)
            + person("account_pension", period)
            + person("transitional_pension", period)
            + person("extra_pension", period)
        )


class lump_sum_refund(Float64):
    entity = Person
    definition_period = MONTH
    label = "一次性支付 Lump-sum refund of the account balance (minimum years not met)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.2"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        retirement = month_of(person, "retirement_date", period)  # converted once, not every month
        this_month = period.start.year * 12 + period.start.month - 1
        refund = (retirement == this_month) & ~person("pension_eligible", period)
        return numpy.where(refund, person("personal_account_balance", period), 0)
