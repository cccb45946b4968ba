"""The pension's shared vocabulary: reading a regional rule at retirement, years and
amounts as the region prints them, and refusing what the data cannot give.

Every pension formula module imports these by name (they are public on purpose).
"""

import numpy

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import Named, both, phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import round_fen
from openfisca_china_social_insurance.core.regions import REGIONS


def at_retirement(person, period, node):
    """A regional parameter at each person's retirement date and insured region."""
    return lookup.at(node, person("retirement_date", period), person("insured_region", period))


def years_paid(person, period):
    """The contribution years less the deemed ones: the actual years a form prints, which a
    regional rule may count (Jilin's lower coefficient and bracketed extra pension). Not
    actual_contribution_years, which counts a career's months and is 0 for a form's figures."""
    return person("contribution_years", period) - person("deemed_contribution_years", period)


def years_as_printed(person, period, years):
    """Contribution years as the region's forms use them in a formula.

    Half up to the region's decimals by default (30y4m -> 30.33); some regions round
    up (Anhui 42y5m -> 42.5); some count whole months (Heilongjiang 40 months = 40/12);
    Shanghai counts each month beyond the whole years at 0.083 (26y6m -> 26.498).
    """
    rounding = parameter_tree(person).pension.benefit.rounding
    scale = 10.0 ** at_retirement(person, period, rounding.contribution_years_decimals)
    up = at_retirement(person, period, rounding.contribution_years_round_up) > 0
    in_months = at_retirement(person, period, rounding.contribution_years_in_months) > 0
    # The offsets absorb binary error in printed figures (30.7 x 10 = 307.00000000000006).
    rounded = numpy.where(up, numpy.ceil(years * scale - 1e-6), numpy.floor(years * scale + 0.5 + 1e-9)) / scale
    # Regions that count whole months divide them by 12 unrounded (40 months = 3.33333...).
    rounded = numpy.where(in_months, numpy.round(years * 12) / 12, rounded)
    # Shanghai counts each month beyond the whole years at 0.083 of a year (26y6m = 26.498).
    per_month = at_retirement(person, period, rounding.contribution_years_per_month)
    if numpy.isnan(per_month).all():
        return rounded
    months = numpy.round(numpy.asarray(years, dtype=numpy.float64) * 12)
    whole, extra = months // 12, months % 12
    return numpy.where(numpy.isnan(per_month), rounded, whole + extra * numpy.nan_to_num(per_month))


def round_pension(person, period, amount):
    """A pension part rounded as the region prints it: to the fen half up, or 见分进角.

    见分进角 (Guangxi): cut to the fen, then any fen goes up to the next jiao
    (2410.78 -> 2410.8, 498.206 -> 498.20 -> 498.2).
    """
    up = at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.pension_up_to_jiao) > 0
    fen = numpy.floor(numpy.asarray(amount, dtype=numpy.float64) * 100 + 1e-6)
    return numpy.where(up, numpy.ceil(fen / 10 - 1e-9) / 10, round_fen(amount))


def indexed_wage(person, period, index):
    """Indexed wage on the region's base, rounded to the fen where the region rounds it."""
    raw = person("indexed_wage_base", period) * index
    to_fen = at_retirement(person, period, parameter_tree(person).pension.benefit.rounding.indexed_wage_to_fen) > 0
    return numpy.where(to_fen, round_fen(raw), raw)


def require_value(values, needed, what, person, period):
    """Refuse NaN where a value is needed, naming the region and the year."""
    missing = numpy.isnan(values) & needed
    if missing.any():
        regions = numpy.asarray(person("insured_region", period))
        retirements = person("retirement_date", period)

        def where(index):  # 'jinan' at 2002-03; 济南市（jinan）2002-03
            info = REGIONS[int(regions[index])]
            return both("place", key=info.key, name=info.name_zh, month=str(retirements[index])[:7])

        # Every region and month missing, not the first person's for all (a Beijing 2003 retiree
        # was refused "for region 'shandong' at 1999-06 (2 persons)" beside a Shandong 1999 one).
        places = list({where(index)["en"]: where(index) for index in numpy.flatnonzero(missing)}.values())

        def message(count, index):
            shown = [where(index)] if count == 1 else places[:3]
            more = both("more_places", count=len(places) - 3) if count > 1 and len(places) > 3 else ""
            return InputError.of("no_value_for_region", what=Named(what), key=what, count=count, more=more,
                                 places={lang: ", ".join(place[lang] for place in shown) for lang in ("en", "zh")})

        raise refusal(missing, message, what)
    return numpy.nan_to_num(values)


def refuse_before_1997_rules(person, period):
    """Refuse a retirement date with neither basic pension rule in force (before
    国发〔1997〕26号: the pre-1997 rules are not encoded)."""
    rules = parameter_tree(person).pension.benefit.basic_pension
    retirement = person("retirement_date", period)
    outside = numpy.isnan(lookup.at(rules.share_of_average_wage, retirement)) & numpy.isnan(
        lookup.at(rules.rate_per_contribution_year, retirement)
    )
    if outside.any():

        def message(count, index):
            return InputError.of("before_1997_rules", name=Named("retirement_date"), date=str(retirement[index]), count=count)

        raise refusal(outside, message, "retirement_date")


def receives_pension(person, period):
    retired = person("is_retired", period)
    _refuse_a_retirement_without_a_record(person, period, retired)
    return retired & person("pension_eligible", period)


def _refuse_a_retirement_without_a_record(person, period, retired):
    """A person retired in the month with no contribution years at all gave neither a career nor
    an approval form's figures (OpenFisca's defaults): the pension was 0.00 without a word, "short
    of the minimum". Refused as api.assess refuses such a profile. A person not yet retired (a
    population's young, whose career starts after the years simulated) is not asked for one, nor
    one whose career lies after the retirement date (a population's row: its months are reported,
    contribution_months_after_retirement, and the pension is that of no counted year)."""
    if not retired.any():
        return
    no_record = (person("contribution_years", period) <= 0) & (person("contribution_months_after_retirement", period) == 0)
    check(
        ~(retired & no_record),
        "contribution_years",
        "0 at retirement (no career months, no deemed years, no figure given)",
        "a career (contribution_wage and contribution_months by year; in api.assess career), or the figures an "
        "approval form prints (contribution_years and personal_account_balance; in api.assess overrides)",
    )


def flat_monthly_amount(person, period, node):
    """A region's flat monthly amount (a regional parameter, 0 where none is set), paid with the pension."""
    amount = numpy.nan_to_num(at_retirement(person, period, node))
    return numpy.where(receives_pension(person, period), amount, 0)


def printed_figure_required(person, needed, name, why, example, otherwise):
    """0 for every person, or an InputError where `needed`: a figure only the approval form
    prints (the model cannot build it) and the caller did not give it. Taken as 0 instead,
    such a figure once paid a Shenzhen pension 630 yuan a month short."""
    check(~needed, name, phrase("not given, and {why}", why=phrase(why)),
          phrase("the figure printed on the approval form (overrides.{name}: {example}), {otherwise}", name=name, example=phrase(example), otherwise=phrase(otherwise)))
    return numpy.zeros(person.count)


def not_negative(person, period, name):
    values = person(name, period)
    check(values >= 0, name, "negative", "0 or more", values)
    return values
