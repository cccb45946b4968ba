"""Where a pension is claimed after moves between provinces: 国办发〔2009〕66号 art.6.

The rule counts contribution years per province (a city's years count for its
province) and looks at where the record is held at retirement: the province of the
last contribution. It is informational: the model assesses the pension in
insured_region as given and never changes it from here.
"""

import numpy
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.regions import BY_KEY, REGIONS, Region, chain
from openfisca_china_social_insurance.core.yearly_inputs import career_years, year_period
from openfisca_china_social_insurance.entities import Person

REFERENCE = "国办发〔2009〕66号 (城镇企业职工基本养老保险关系转移接续暂行办法, from 2010-01-01) art.6"


def _province_key(key):
    return next(level for level in chain(key) if BY_KEY[level].level in ("province", "nation"))


#: For each region index, the index of its province (the nation maps to itself).
PROVINCE_INDEX = numpy.array([Region[_province_key(info.key)].index for info in REGIONS])

NONE = -1  # no region: no counted month


def _regions(indices):
    """Region indices as the EnumArray OpenFisca decodes to region keys."""
    return EnumArray(numpy.asarray(indices).astype(numpy.int16), Region)


def _career_by_province(person):
    """Counted months per province, and where and when each province was last paid in.

    Loops over career years and over the provinces that occur in each year, never
    over persons. Returns (last_region, months_in, last_year_in, last_region_in), the last
    three keyed by province index; regions are Region indices, NONE where none.
    """
    last_region = numpy.full(person.count, NONE)
    months_in, last_year_in, last_region_in = {}, {}, {}
    for year in career_years(person):
        months = person("counted_contribution_months", year_period(year))
        paid = months > 0
        if not paid.any():
            continue
        region = numpy.asarray(person("contribution_region", year_period(year)))
        province = PROVINCE_INDEX[region]
        last_region = numpy.where(paid, region, last_region)
        for index in numpy.unique(province[paid]):
            here = paid & (province == index)
            months_in[index] = months_in.get(index, 0) + numpy.where(here, months, 0)
            last_year_in[index] = numpy.where(here, year, last_year_in.get(index, NONE))
            last_region_in[index] = numpy.where(here, region, last_region_in.get(index, NONE))
    return last_region, months_in, last_year_in, last_region_in


def _months_in_province_of(regions, months_in):
    """Counted months in the province of each person's region (0 for NONE)."""
    province = numpy.where(regions == NONE, NONE, PROVINCE_INDEX[regions])
    result = numpy.zeros(len(regions), dtype=numpy.int64)
    for index, months in months_in.items():
        result = numpy.where(province == index, months, result)
    return result


class last_insured_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.nation
    entity = Person
    definition_period = ETERNITY
    label = "基本养老保险关系所在地 Last insured region: where the person last contributed before retirement"
    reference = REFERENCE
    documentation = """
    The contribution_region of the last career year with a counted month before the
    retirement month: where the record (基本养老保险关系) is held when the pension
    is claimed. The insured region for a person with no yearly career.
    """

    def formula(person, period, parameters):
        last_region = _career_by_province(person)[0]
        insured = numpy.asarray(person("insured_region", period))
        return _regions(numpy.where(last_region == NONE, insured, last_region))


class contribution_years_in_last_insured_province(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "基本养老保险关系所在地累计缴费年限 Contribution years in the province of the last insured region (months / 12)"
    reference = REFERENCE
    unit = "year"
    documentation = """
    Actual years only (counted months / 12), all cities of the province together.
    Deemed years are not counted: the model does not know where they were served.
    """

    def formula(person, period, parameters):
        last_region, months_in, _, _ = _career_by_province(person)
        return _months_in_province_of(last_region, months_in) / 12


class pension_claim_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.nation
    entity = Person
    definition_period = ETERNITY
    label = "待遇领取地 Region where the pension is claimed (国办发〔2009〕66号 art.6)"
    reference = REFERENCE
    documentation = """
    The record is where the person last contributed (last_insured_region); years
    are counted per province, a city's years for its province, and add up over all
    the person's stays there. Retirement from 2010-01-01:
    (1) the last contribution is in the hukou province: the hukou region;
    (2) otherwise, >= 10 years (pension.transfer.claim_minimum_years) in the last
        province: the last insured region;
    (3) otherwise, the most recently left province with >= 10 years: the region the
        person last contributed in there;
    (4) no province with >= 10 years: the hukou region.
    A hukou_region of nation (not given) means the insured region.

    Informational: the pension is still assessed in insured_region, as given; this
    variable says where art.6 would send the claim, for the user to compare.

    Returns insured_region, the region the model assesses in, for:
    - retirements before 2010-01-01: art.6 did not apply yet (the 办法 is in force
      from 2010-01-01; the threshold has no value before) and the earlier transfer
      rules are not encoded;
    - a person with no yearly career (totals given as overrides): nothing to count.

    Not modelled: deemed years (视同缴费年限, counted where they were served in
    later guidance; the model does not know where); temporary accounts (临时基本养老
    保险缴费账户) of men 50+ and women 40+ who start in a new province, whose place
    is not a claim place; which city of a province takes the claim (provincial
    rules); institutions' (机关事业单位) and rural-urban transfers; the moving of
    account and pooling funds.
    """

    def formula(person, period, parameters):
        insured = numpy.asarray(person("insured_region", period))
        hukou = numpy.asarray(person("hukou_region", period))
        hukou = numpy.where(hukou == Region.nation.index, insured, hukou)
        minimum = lookup.at(
            parameter_tree(person).pension.transfer.claim_minimum_years,
            person("retirement_date", period),
        )
        in_force = ~numpy.isnan(minimum)  # no value before 2010-01-01
        needed = numpy.round(numpy.nan_to_num(minimum) * 12)  # in months

        last_region, months_in, last_year_in, last_region_in = _career_by_province(person)
        has_career = last_region != NONE
        last_province = numpy.where(has_career, PROVINCE_INDEX[last_region], NONE)
        months_in_last = _months_in_province_of(last_region, months_in)

        # (3) the province with >= 10 years that the person contributed in most recently
        earlier_region = numpy.full(person.count, NONE)
        earlier_year = numpy.full(person.count, NONE)
        for index, months in months_in.items():
            later = (months >= needed) & (last_year_in[index] > earlier_year)
            earlier_region = numpy.where(later, last_region_in[index], earlier_region)
            earlier_year = numpy.where(later, last_year_in[index], earlier_year)

        return _regions(numpy.select(
            [
                ~in_force | ~has_career,
                PROVINCE_INDEX[hukou] == last_province,  # (1)
                months_in_last >= needed,  # (2)
                earlier_region != NONE,  # (3)
            ],
            [insured, hukou, last_region, earlier_region],
            default=hukou,  # (4)
        ))
