"""基础养老金与缴费年限挂钩（建议二） Proposal 2 of the 2002 Shandong report: the basic pension linked to contribution years.

Seed report 三（一）: "缴费年限与基础养老金挂钩。缴费达到15年的，发给基础养老金的80%，之后
缴费每增加一年，基础养老金提高一个百分点". Never adopted: 国发〔2005〕38号 linked the basic
pension to years in its own way (1% of the average of base and indexed wage per year).

Under the 1997 rule the basic pension is 20% of the prior-year average monthly wage for
anybody with at least 15 years. The overlay multiplies that 1997 amount by

    share = share_at_minimum + step x (years - minimum years), at most maximum_share

with years the contribution years (deemed + actual) as the region prints them,
counted in whole years by default ("每增加一年": a started year adds nothing) and pro
rata with whole_years=False. The proposal states no cap (maximum_share=None): at 35
years the share reaches 100%, beyond it the basic pension exceeds the 1997 amount.

Not encoded, on purpose: the overlay leaves the 2005 rule (retirements from 2006)
unchanged. That rule already pays 1% per year; multiplying it by a years-linked
share would count the years twice, which the proposal never meant.

The knobs are dated parameters pension.benefit.basic_pension.years_linked.*, read
at each person's retirement date: the reform applies to persons retiring on or
after `start` (2002-01-01 by default, the seed's world).
"""

import numpy
from openfisca_core.parameters import ParameterNode
from openfisca_core.reforms import Reform

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import round_fen
from openfisca_china_social_insurance.variables.pension import basic
from openfisca_china_social_insurance.variables.pension.shared import receives_pension, years_as_printed

SEED = "社会保险管理工作难点与对策 (2002), Shandong report 三（一）2: 缴费达到15年的，发给基础养老金的80%，之后缴费每增加一年，基础养老金提高一个百分点"


def _parameter(description, unit, start, value):
    return {
        "description": description,
        "values": {start: {"value": value}},
        "metadata": {"unit": unit, "status": "proposal", "reference": {start: [{"title": SEED}]}},
    }


def create_basic_pension_by_years(share_at_minimum=0.8, step=0.01, maximum_share=None, whole_years=True, start="2002-01-01"):
    """A Reform class: the 1997 basic pension x (share_at_minimum + step x years beyond the minimum), capped."""
    if not 0 <= share_at_minimum <= 2:
        raise InputError.of("knob_share_at_minimum", value=share_at_minimum)
    if not 0 <= step <= 0.1:
        raise InputError.of("knob_step", value=step)
    if maximum_share is not None and maximum_share < share_at_minimum:
        raise InputError.of("knob_maximum_share", value=maximum_share, minimum=share_at_minimum)
    node = {
        "description": "基础养老金与缴费年限挂钩（2002年山东建议） Basic pension linked to contribution years (2002 Shandong proposal)",
        "share_at_minimum": _parameter("最低缴费年限时发给基础养老金的比例 Share of the basic pension paid at the minimum years", "/1", start, share_at_minimum),
        "step_per_year": _parameter("每多缴一年增加的比例 Share added per contribution year beyond the minimum", "/1", start, step),
        "maximum_share": _parameter("比例上限 Highest share (null: no cap)", "/1", start, maximum_share),
        "whole_years": _parameter("只计整年 Only whole years beyond the minimum count", "bool", start, whole_years),
    }

    def modify(parameters):
        rules = parameters.pension.benefit.basic_pension
        rules.add_child("years_linked", ParameterNode(f"{rules.name}.years_linked", data=node))
        return parameters

    class basic_pension(basic.basic_pension):
        reference = basic.basic_pension.reference + "; " + SEED

        def formula(person, period, parameters):
            amount = basic.basic_pension.formula(person, period, parameters)
            rules = parameter_tree(person).pension.benefit.basic_pension
            retirement = person("retirement_date", period)
            share_1997 = lookup.at(rules.share_of_average_wage, retirement)
            linked = rules.years_linked
            at_minimum = lookup.at(linked.share_at_minimum, retirement)
            in_force = ~numpy.isnan(share_1997) & ~numpy.isnan(at_minimum)
            years = years_as_printed(person, period, person("contribution_years", period))
            whole = lookup.at(linked.whole_years, retirement) > 0
            beyond = numpy.maximum(years - person("minimum_contribution_years", period), 0)
            beyond = numpy.where(whole, numpy.floor(beyond + 1e-9), beyond)
            share = numpy.nan_to_num(at_minimum) + numpy.nan_to_num(lookup.at(linked.step_per_year, retirement)) * beyond
            cap = lookup.at(linked.maximum_share, retirement)
            share = numpy.where(numpy.isnan(cap), share, numpy.minimum(share, cap))
            # One rounding, as the agency prints it: base x 20% x share.
            reformed = round_fen(person("pension_calculation_base", period) * numpy.nan_to_num(share_1997) * share)
            return numpy.where(in_force & receives_pension(person, period), reformed, amount)

    class basic_pension_by_years(Reform):
        name = (
            f"基础养老金与缴费年限挂钩 Basic pension {share_at_minimum:.0%} at the minimum years, "
            f"+{step:.1%} a year{'' if maximum_share is None else f', at most {maximum_share:.0%}'}, from {start}"
        )

        def apply(self):
            self.modify_parameters(modify)
            self.update_variable(basic_pension)

    return basic_pension_by_years


#: The seed's proposal as written: 80% at 15 years, one point a year, no cap, from 2002.
basic_pension_by_years = create_basic_pension_by_years()
