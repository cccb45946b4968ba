"""Who is paid a monthly pension and what happens to a person short of the minimum
years: the minimum, eligibility, the person's choice, the refund and the transfer."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import month_of
from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.pension.shared import refuse_before_1997_rules

#: A bound of plausibility, not a rule: work counted from age 14 at the earliest. 劳动法 art.15
#: forbids employment under 16, but deemed years from before it start earlier on verified
#: forms (henan/10: 44.08 years at age 60, from age 15 and 11 months).
EARLIEST_WORKING_AGE = 14


def refuse_more_years_than_a_working_life(person, period):
    """Refuse contribution years that no working life holds (a form's figure typed in, or deemed
    years and a career that overlap), pre-account years above the years that include them,
    and deemed years no service before 2012-07 holds (10 for a man born in 1990 were accepted).
    A caller that gives pension_eligible itself (the approval-form harness) skips the check."""
    years = person("contribution_years", period)
    life = person("age_at_retirement_months", period) / 12 - EARLIEST_WORKING_AGE
    # Written as "not more than" so that NaN years meet the check that names them, not this one.
    check(~(years > life + 0.005), "contribution_years", phrase("more than the years from age {age} to retirement", age=EARLIEST_WORKING_AGE),
          phrase("at most the age at retirement minus {age} (check the figure, the deemed years, the career and birth_date)", age=EARLIEST_WORKING_AGE), years)
    pre_account = person("pre_account_contribution_years", period)
    check(~(pre_account > years + 0.005), "pre_account_contribution_years", "more than the contribution years, which include them",
          "at most contribution_years (pre-account years come from the deemed years and the career unless given)", pre_account)
    # Deemed years are service before contributions began (浙江省职工基本养老保险条例 art.18), at
    # the latest military service before 军人保险法 (parameter deemed_service_counts): a bound
    # of plausibility for the persons born since about 1984, not a rule of the pension.
    last = _last_deemed_month(person)
    room = numpy.maximum((last + 1 - month_of(person, "birth_date", period)) / 12 - EARLIEST_WORKING_AGE, 0)
    deemed = person("deemed_contribution_years", period)
    ending = f"{last // 12:04d}-{last % 12 + 1:02d}"
    check(~(deemed > room + 0.005), "deemed_contribution_years",
          phrase("more than the years from age {age} to {ending}, the last month service counts as deemed years", age=EARLIEST_WORKING_AGE, ending=ending),
          "service before contributions began (military service at the latest), at most those years (check the figure and birth_date)", deemed)


def _last_deemed_month(person):
    """The month number of the last month service can count as deemed years (deemed_service_counts)."""
    counts = lookup.table(parameter_tree(person).pension.contribution.deemed_service_counts)[0]
    return lookup.FIRST_YEAR * 12 + int(numpy.flatnonzero(counts > 0)[-1])


class minimum_contribution_years(Variable):
    value_type = float
    entity = Person
    definition_period = ETERNITY
    label = "最低缴费年限 Minimum contribution years for a monthly pension, at the statutory retirement date"
    reference = "国发〔1997〕26号 art.5; 2024 decision, 办法 art.3 (15 years rising to 20 from 2030)"
    unit = "year"

    def formula(person, period, parameters):
        dates = person("statutory_retirement_date", period)
        minimum = parameter_tree(person).pension.benefit.minimum_contribution_years
        years = lookup.at(minimum, dates)
        # A statutory date before the 1997 rules, with a later (given) retirement date: the
        # 1997 minimum applies to him, not "no minimum" (NaN, which refused every pension).
        row = lookup.table(minimum)[0]
        return numpy.where(numpy.isnan(years), row[numpy.flatnonzero(~numpy.isnan(row))[0]], years)


class pension_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "按月领取资格 Entitled to a monthly pension (contribution years at least the minimum)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16"

    def formula(person, period, parameters):
        refuse_before_1997_rules(person, period)
        refuse_more_years_than_a_working_life(person, period)
        # The months paid against the minimum's months (社会保险法 art.16: 累计缴费满十五年), not the
        # years as a form prints them: Shanghai's 0.083 a month put 15年6个月 at 15.498, under a
        # minimum of 15.5; Anhui's rounding up put 14年11个月 at 15.0.
        months = numpy.round(person("contribution_years", period) * 12)
        return months >= numpy.round(person("minimum_contribution_years", period) * 12)


class ShortfallChoice(Enum):
    continue_contributing = "延长缴费至最低缴费年限 Keep contributing until the minimum years"
    transfer_to_residents_scheme = "转入城乡居民基本养老保险 Transfer to the residents' scheme"
    refund_on_request = "书面申请终止关系，一次性支付 Refund of the account on written request"


class shortfall_choice(Variable):
    value_type = Enum
    possible_values = ShortfallChoice
    default_value = ShortfallChoice.continue_contributing
    entity = Person
    definition_period = ETERNITY
    label = "缴费不足的选择 Choice of a person short of the minimum years at the statutory retirement date"
    reference = (
        "社会保险法 art.16 (可以缴费至满十五年…也可以转入新型农村社会养老保险或者城镇居民社会养老保险); "
        "人社部令第13号 art.2 (延长缴费), art.3 (书面申请终止，个人账户储存额一次性支付); "
        "人社部发〔2014〕17号 art.5 (个人账户全部储存额并入城乡居民养老保险个人账户)"
    )
    documentation = """
    From 2011-07-01 (parameter pension.benefit.continued_contribution_allowed) a person
    short of the minimum is not refunded automatically. The default is the first option
    of art.16, to keep contributing: the pension then starts the month after the minimum
    is reached if the career shows those months (retirement_date), and api.assess
    extends a career that does not. Before 2011-07-01 the refund was the only outcome
    (国发〔1997〕26号 art.5) and this choice changes nothing.
    """


class shortfall_choice_open(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "可选择延长缴费、转移或退还 Short of the minimum at retirement, with the choice of 社会保险法 art.16 open (from 2011-07-01)"
    reference = "社会保险法 art.16; 人社部令第13号 art.2, art.3"

    def formula(person, period, parameters):
        statutory = person("statutory_retirement_date", period)
        allowed = lookup.at(parameter_tree(person).pension.benefit.continued_contribution_allowed, statutory) > 0
        return ~person("pension_eligible", period) & allowed


class months_short_of_minimum(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "尚缺缴费月数 Months of contributions still missing to reach the minimum years, after the career given"
    reference = "社会保险法 art.16; 人社部令第13号 art.2"
    unit = "month"

    def formula(person, period, parameters):
        needed = numpy.round(person("minimum_contribution_years", period) * 12)
        paid = numpy.round(person("contribution_years", period) * 12)  # before retirement (or a form's figure)
        for year in career_years(person):  # and the months the career shows after it
            paid = paid + person("contribution_months", year_period(year)) - person("counted_contribution_months", year_period(year))
        return numpy.where(person("pension_eligible", period), 0, numpy.maximum(needed - paid, 0))


class lump_sum_refund_at_retirement(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "一次性支付额 Lump-sum refund assessed at retirement (the account balance; 0 when a monthly pension is paid)"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.3"
    unit = "currency-CNY"
    documentation = """
    Before 2011-07-01 every person short of the minimum is refunded. From then on,
    only one who asks in writing (shortfall_choice refund_on_request).
    """

    def formula(person, period, parameters):
        short = ~person("pension_eligible", period)
        asked = person("shortfall_choice", period) == ShortfallChoice.refund_on_request
        refunded = short & (~person("shortfall_choice_open", period) | asked)
        return numpy.where(refunded, person("personal_account_balance", period), 0)


class residents_scheme_transfer(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "转入城乡居民养老保险的个人账户储存额 Account balance moved to the residents' scheme"
    reference = "社会保险法 art.16; 人社部发〔2014〕17号 art.5"
    unit = "currency-CNY"
    documentation = """
    The whole balance goes to the person's residents' scheme account and the years are
    merged there (人社部发〔2014〕17号 art.5). The residents' scheme pension itself
    (国发〔2014〕8号) is not modelled.
    """

    def formula(person, period, parameters):
        chose = person("shortfall_choice", period) == ShortfallChoice.transfer_to_residents_scheme
        return numpy.where(person("shortfall_choice_open", period) & chose, person("personal_account_balance", period), 0)


class lump_sum_refund(Float64):
    entity = Person
    definition_period = MONTH
    label = "一次性支付 Lump-sum refund of the account balance (minimum years not met), paid in the retirement month"
    reference = "国发〔1997〕26号 art.5; 社会保险法 art.16; 人社部令第13号 art.2"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        retirement = month_of(person, "retirement_date", period)  # converted once, not every month
        this_month = period.start.year * 12 + period.start.month - 1
        return numpy.where(retirement == this_month, person("lump_sum_refund_at_retirement", period), 0)
