"""Work injury insurance contributions of a month: the employer alone, at its industry
class's base rate times its floating factor (工伤保险条例 art.8, 10)."""

import numpy
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.entities import Person

CLASSES = 8


def rate_factor_tiers(contribution, industry):
    """The floating factors 人社部发〔2015〕71号 allows a class, as steps, not a range: the base
    rate and two steps up; classes 2-8 also two steps down (`contribution`: the parameters
    work_injury.contribution of the month)."""
    up = (1.0, float(contribution.rate_factor_near_high), float(contribution.rate_factor_high))
    return up if industry == 1 else (float(contribution.rate_factor_low), float(contribution.rate_factor_near_low), *up)


class work_injury_industry_class(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "工伤保险行业类别 Industry class of the employer for work injury insurance (1-8; 0 = not given)"
    reference = "人社部发〔2015〕71号 (eight classes by risk); 工伤保险条例 art.8"
    documentation = "0 (the default) means not given: no work injury contribution is computed, and the bill says so."


class work_injury_rate_factor(Float64):
    entity = Person
    definition_period = ETERNITY
    default_value = 1.0
    label = "工伤保险浮动费率系数 Floating factor of the employer's work injury rate (1 = the class's base rate)"
    reference = "人社部发〔2015〕71号 (classes 2-8: 50%, 80%, 100%, 120% or 150%; class 1: 100%, 120% or 150%)"
    unit = "/1"


class work_injury_rate(Float64):
    entity = Person
    definition_period = MONTH
    label = "工伤保险费率 Work injury rate of the employer: its class's base rate x its floating factor"
    reference = "人社部发〔2015〕71号; 工伤保险条例 art.8"
    unit = "/1"

    def formula(person, period, parameters):
        industry = person("work_injury_industry_class", period)
        factor = person("work_injury_rate_factor", period)
        check((industry >= 0) & (industry <= CLASSES), "work_injury_industry_class", "outside 1-8", "an industry class from 1 to 8 (人社部发〔2015〕71号), or 0 when not given", industry)
        # A factor without a class was ignored without a word (nothing is charged without a class).
        check((industry > 0) | numpy.isclose(factor, 1.0), "work_injury_rate_factor", "given without an industry class",
              "work_injury_industry_class (1 to 8) with it, or the factor left at 1", factor)
        try:
            rules = parameters(period.start).work_injury.contribution
            scale, first, others = rules.industry_class_rate, rate_factor_tiers(rules, 1), rate_factor_tiers(rules, 2)
        except ParameterNotFoundError:  # before the eight classes of 2015
            check(industry == 0, "work_injury_industry_class", phrase("given for {period}, before the eight classes of 人社部发〔2015〕71号 (2015-10-01)", period=str(period)),
                  "months from 2015-10 (the three classes of 劳社部发〔2003〕29号 are not encoded), or 0", industry)
            return numpy.zeros(person.count)

        def on_a_step(tiers):
            return numpy.isclose(factor[:, None], numpy.array(tiers)).any(axis=1)

        check(numpy.where(industry == 1, on_a_step(first), on_a_step(others)) | (industry == 0), "work_injury_rate_factor",
              "not a step of the floating rate",
              phrase("{others} (class 1: {first})", others=", ".join(f"{tier:g}" for tier in others), first=", ".join(f"{tier:g}" for tier in first)), factor)
        return numpy.where(industry > 0, scale.calc(industry) * factor, 0)


class work_injury_employer_contribution(Float64):
    entity = Person
    definition_period = MONTH
    label = "工伤保险单位缴费 Work injury insurance contribution paid by the employer in the month"
    reference = "工伤保险条例 art.10 (用人单位缴纳，职工个人不缴纳); 人社部发〔2015〕71号"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return round_fen(person("monthly_contribution_base", period) * person("work_injury_rate", period))
