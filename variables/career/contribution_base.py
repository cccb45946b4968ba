"""The contribution base of each career year: the average wage it is measured against,
the 60%-300% band, and the year's contribution index."""

import numpy
from openfisca_core.periods import YEAR

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import Named
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import REGIONS, named as region_named
from openfisca_china_social_insurance.entities import Person


def in_career_year(person, period, node):
    """A regional contribution parameter on January 1st of the career year, in the
    region the year was paid in."""
    return lookup.at(node, lookup.year_start(period.start.year), person("contribution_region", period))


class contribution_average_wage(Float64):
    entity = Person
    definition_period = YEAR
    label = "上年度职工月平均工资 Average monthly wage applied to the year's contributions"
    reference = "国发〔1997〕26号 art.3; parameters common.average_wage"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        region = person("contribution_region", period)
        wages = time_axis.average_wage(parameter_tree(person))[0]
        average = in_career_year(person, period, wages)
        unknown = numpy.isnan(average) & (person("contribution_months", period) > 0)
        if unknown.any():
            codes = numpy.asarray(region)

            def message(count, index):
                return InputError.of("no_average_wage_in_year", name=Named("contribution_wage"), year=period.start.year,
                                     region=region_named(REGIONS[int(codes[index])].key), count=count,
                                     first=time_axis.first_national_year(wages))

            raise refusal(unknown, message, "contribution_wage", str(period.start.year))
        return numpy.nan_to_num(average)


class contribution_base(Float64):
    entity = Person
    definition_period = YEAR
    label = "缴费基数 Contribution base (monthly, after floor and cap)"
    reference = "国发〔1997〕26号 art.3; 国办发〔2019〕13号 (60%-300% of the average wage)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        # The wage and months inputs are validated where they are set (career.py).
        months = person("contribution_months", period)
        band = parameter_tree(person).common.contribution_base_band
        date = lookup.year_start(period.start.year)
        floor, cap = lookup.at(band.floor, date), lookup.at(band.cap, date)
        if numpy.isnan(floor) or numpy.isnan(cap):  # before any account scheme
            check(
                months == 0,
                "contribution_months",
                "before the first year of the contribution rules the model encodes",
                "career years from 1992 on; enter earlier service as deemed_contribution_years",
                months,
                period=str(period.start.year),
            )
            return numpy.zeros(person.count)
        average = person("contribution_average_wage", period)
        base = numpy.clip(person("contribution_wage", period), floor * average, cap * average)
        return numpy.where(months > 0, round_fen(base), 0)


class contribution_index(Float64):
    entity = Person
    definition_period = YEAR
    label = "缴费指数 Contribution index of the year (base / average wage)"
    reference = "国发〔2005〕38号 art.7 (indexed average monthly wage)"
    unit = "/1"

    def formula(person, period, parameters):
        average = person("contribution_average_wage", period)
        base = person("contribution_base", period)
        return numpy.divide(base, average, out=numpy.zeros_like(base), where=average > 0)
