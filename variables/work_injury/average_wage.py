"""The average wage the work injury benefits rest on: 统筹地区上年度职工月平均工资, the pooling
area's average monthly wage of the previous year (工伤保险条例 art.34, 39(一), 64).

The pooling area is the city the person is insured in, or the province where it pools work
injury at provincial level (parameters work_injury.benefit.province_is_pooling_area). The
model's average wages (parameters common.average_wage) are provinces' (and the nation's): a
city's own figure would be read where its file exists; without one, the province's figure
stands in for the city's, and the status says so (provenance.py: at least estimated). A
situation may give the city's published figure as `work_injury_average_wage`.
"""

import numpy
from openfisca_core.periods import ETERNITY

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError, refusal
from openfisca_china_social_insurance.core.i18n import Named
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.regions import CITY_INDEX, PROVINCE_INDEX, REGIONS
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.work_injury.benefits import REFERENCE, has_benefits_to_assess, injury_day

_CITY_LEVEL = numpy.array([info.level == "city" for info in REGIONS])


def pooling_area(person, period):
    """(injury day, region index of each person's pooling area, where the model's figure is
    another region's, status codes of the pooling rule read)."""
    tree, day = injury_day(person, period)
    region = numpy.asarray(person("insured_region", period))
    rule = tree.work_injury.benefit.province_is_pooling_area
    provincial = lookup.at(rule, day, region) > 0
    area = numpy.where(provincial, numpy.asarray(PROVINCE_INDEX)[region], numpy.asarray(CITY_INDEX)[region])
    own = numpy.array([info.key in tree.common.average_wage.children for info in REGIONS])
    # Without a file of its own a city reads its province's figure; a province that does not
    # pool at its level is no pooling area (which of its cities is not known): both stand in.
    stands_in = ~own[area] | (~provincial & ~_CITY_LEVEL[area])
    return day, area, stands_in, lookup.at(lookup.status_table(rule), day, region)


class work_injury_average_wage(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "统筹地区上年度职工月平均工资 The pooling area's average monthly wage of the previous year on the injury date, the benefits' base (the province's where the model has no figure of the city's; 0 where nothing is assessed)"
    reference = REFERENCE + " art.34, 39(一), 64 (统筹地区上年度职工月平均工资); art.11 (逐步实行省级统筹)"
    unit = "currency-CNY"
    documentation = """
    The model's average wages are provinces': for a city that pools on its own, the province's
    figure stands in (work_injury_average_wage_status: at least estimated). Give the city's
    published figure as an input to use it (its status is then official, unless the
    situation gives work_injury_average_wage_status too).
    """

    def formula(person, period, parameters):
        day, area, _, _ = pooling_area(person, period)
        average = lookup.at(time_axis.average_wage(lookup.parameter_tree(person))[0], day, area)
        concerned = has_benefits_to_assess(person, period)
        missing = numpy.isnan(average) & concerned
        if missing.any():  # each person named (the Web API's field: persons/<first>/injury_date)
            raise refusal(missing, lambda count, index: InputError.of("no_injury_average_wage", name=Named("injury_date")), "injury_date")
        return numpy.where(concerned, average, 0)
