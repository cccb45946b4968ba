"""The month's wage and the social insurance contribution base of a payroll: the wage
clamped to the region's floor and cap (the base every branch charges)."""

import numpy
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import named as region_named
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.person import REQUIRED_INPUTS


def in_month(person, period, node):
    """A regional parameter on the first day of the month, in the insured region."""
    return lookup.at(node, numpy.datetime64(f"{period.start.year:04d}-{period.start.month:02d}-01"), person("insured_region", period))


def required(values, person, period, name, what):
    """Refuse NaN (no value in force), naming the parameter, the region and the month."""
    missing = numpy.isnan(values)
    if missing.any():
        regions = person("insured_region", period).decode_to_str()

        def message(count, index):
            return InputError.of("no_value_in_month", name=name, what=what if isinstance(what, dict) else phrase(what),
                                 region=region_named(str(regions[index])), month=f"{period.start.year:04d}-{period.start.month:02d}",
                                 count=count, folder=name.replace(".", "/"))

        # Each person refused is known (the Web API names the first and the figure asked for, not the parameter).
        raise refusal(missing, message)
    return values


def rate_in_month(person, period, path, what):
    """A regional rate (parameter `path`, e.g. "medical.contribution.employer_rate") in the
    insured region on the first of the month, refused where no level sets it."""
    node = parameter_tree(person)
    for part in path.split("."):
        node = getattr(node, part)
    return required(in_month(person, period, node), person, period, path, what)


def charged(person, period, path, what):
    """The month's base times a regional rate, to the fen."""
    return round_fen(person("monthly_contribution_base", period) * rate_in_month(person, period, path, what))


def wage_of_month(person, period):
    """The month's wage given, refused below 0 naming the month (the Web API's field persons/p/wage/2025-08)."""
    pay = person("wage", period)
    check(pay >= 0, "wage", "below 0", "the month's wage in yuan, 0 or more", pay, period=f"{period.start.year:04d}-{period.start.month:02d}")
    return pay


class wage(Float64):
    entity = Person
    definition_period = MONTH
    label = "月工资 Monthly wage the payroll charges contributions on (before floor and cap)"
    reference = "社会保险费征缴暂行条例 art.10 (缴费工资); 社会保险法 art.12"
    unit = "currency-CNY"
    documentation = """
    Required for every month a payroll is asked for: a month without it is refused, never taken as 0.
    A wage of 0, given, is a month without pay: nothing is charged (社会保险费征缴暂行条例 art.10:
    contributions are charged on the wage paid), so its bill is 0.
    """

    def formula(person, period, parameters):
        # Runs only when no wage was given for the month: OpenFisca would otherwise answer 0 (a bill of 0.00).
        month = f"{period.start.year:04d}-{period.start.month:02d}"
        check(numpy.zeros(person.count, dtype=bool), "wage", "missing", phrase("{what} (required, no default)", what=phrase(REQUIRED_INPUTS["wage"])),
              period=month)


class ContributionBaseClamp(Enum):
    within_band = "在上下限之间 Within the floor and cap"
    raised_to_floor = "按下限缴费 Raised to the floor"
    lowered_to_cap = "按上限缴费 Lowered to the cap"
    no_pay = "无工资不缴费 No wage paid in the month: nothing charged"


class monthly_contribution_base_floor(Float64):
    entity = Person
    definition_period = MONTH
    label = "社保缴费基数下限 Contribution base floor of the region in the month"
    reference = "国办发〔2019〕13号 art.(三) (60% of the average wage); parameters common.contribution_base_amount (published amounts)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _band(person, period, "floor")


class monthly_contribution_base_cap(Float64):
    entity = Person
    definition_period = MONTH
    label = "社保缴费基数上限 Contribution base cap of the region in the month"
    reference = "国办发〔2019〕13号 art.(三) (300% of the average wage); parameters common.contribution_base_amount (published amounts)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return _band(person, period, "cap")


def _band(person, period, side):
    """The published amount where the region has one, else the share of its average wage."""
    tree = parameter_tree(person).common
    amount = in_month(person, period, getattr(tree.contribution_base_amount, side))
    share = lookup.at(getattr(tree.contribution_base_band, side), numpy.datetime64(f"{period.start.year:04d}-01-01"))
    average = in_month(person, period, time_axis.average_wage(parameter_tree(person))[0])
    by_share = required(share * average, person, period, "common.average_wage", "average wage")
    return round_fen(numpy.where(numpy.isnan(amount), by_share, amount))


class monthly_contribution_base(Float64):
    entity = Person
    definition_period = MONTH
    label = "社保缴费基数 Social insurance contribution base of the month (the wage within the floor and cap; 0 for a wage of 0)"
    reference = "社会保险费征缴暂行条例 art.10; 国办发〔2019〕13号 art.(三)"
    unit = "currency-CNY"

    def formula(person, period, parameters):
        pay = wage_of_month(person, period)
        if not pay.any():  # a wage of 0 given: no pay in the month, nothing is charged (and no band is needed)
            return numpy.zeros(person.count)
        band = numpy.clip(pay, person("monthly_contribution_base_floor", period), person("monthly_contribution_base_cap", period))
        return numpy.where(pay > 0, band, 0)


class monthly_contribution_base_clamp(Variable):
    value_type = Enum
    possible_values = ContributionBaseClamp
    default_value = ContributionBaseClamp.within_band
    entity = Person
    definition_period = MONTH
    label = "缴费基数调整 Whether the wage was raised to the floor or lowered to the cap"
    reference = "国办发〔2019〕13号 art.(三)"

    def formula(person, period, parameters):
        pay = person("wage", period)
        # A wage of 0 is a month without pay, a base of 0: it was "raised_to_floor" beside that base of 0.
        if not pay.any():  # no band needed, as monthly_contribution_base
            return EnumArray(numpy.full(person.count, ContributionBaseClamp.no_pay.index, dtype=numpy.int16), ContributionBaseClamp)
        raised = pay < person("monthly_contribution_base_floor", period)
        lowered = pay > person("monthly_contribution_base_cap", period)
        codes = numpy.select([pay == 0, raised, lowered], [ContributionBaseClamp.no_pay.index, ContributionBaseClamp.raised_to_floor.index,
                                                           ContributionBaseClamp.lowered_to_cap.index], ContributionBaseClamp.within_band.index)
        return EnumArray(codes.astype(numpy.int16), ContributionBaseClamp)
