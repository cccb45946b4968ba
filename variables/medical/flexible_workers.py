"""Flexible workers in medical insurance: which scheme they join (the full scheme with a
personal account, or pooling only with inpatient cover: 劳社厅发〔2003〕10号, the seed's
proposal 4), what they pay in a year and what their account is credited."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, YEAR
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError, check
from openfisca_china_social_insurance.core.i18n import Named
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import named as region_named
from openfisca_china_social_insurance.entities import Person

REFERENCE = "社会保险法 art.23; 劳社厅发〔2003〕10号 §(四)(六); parameters medical.contribution.flexible_worker_*"


class MedicalScheme(Enum):
    full_scheme = "统账结合 Full scheme: pooling and a personal account"
    pooling_only = "单建统筹 Pooling only: no account, inpatient cover"


class medical_flexible_scheme(Variable):
    value_type = Enum
    possible_values = MedicalScheme
    default_value = MedicalScheme.full_scheme
    entity = Person
    definition_period = ETERNITY
    label = "灵活就业人员医疗保险参保方式 The medical scheme a flexible worker joins"
    reference = REFERENCE


def _rate(person, period, day):
    """The rate of the flexible worker's chosen scheme on `day` (NaN where it does not exist)."""
    rules = parameter_tree(person).medical.contribution
    region = person("insured_region", period)
    full = lookup.at(rules.flexible_worker_rate_full, day, region)
    pooling = lookup.at(rules.flexible_worker_rate_pooling_only, day, region)
    pooled_only = person("medical_flexible_scheme", period) == MedicalScheme.pooling_only
    return numpy.where(pooled_only, pooling, full), pooled_only


def _admitted(person, period, day, asked):
    """Whether the region admits the flexible worker's scheme on `day`, for the persons
    `asked` about: refused where the region's rule (admission or rate) is not encoded,
    False where it did not admit them."""
    rules = parameter_tree(person).medical.contribution
    region = person("insured_region", period)
    admitted = lookup.at(rules.flexible_workers_admitted, day, region)
    rate, _ = _rate(person, period, day)
    unknown = asked & (numpy.isnan(admitted) | ((admitted > 0) & numpy.isnan(rate)))
    if unknown.any():
        first = numpy.flatnonzero(unknown)[0]
        raise InputError.of("no_flexible_scheme", name=Named("medical_flexible_scheme"), region=region_named(str(region.decode_to_str()[first])),
                            day=str(day[first] if numpy.ndim(day) else day), count=int(unknown.sum()))
    return asked & (admitted > 0)


class medical_contribution_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "医疗保险缴费月数 Months a flexible worker paid medical contributions in the year"
    reference = REFERENCE
    unit = "month"


class medical_flexible_worker_insured(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "灵活就业人员可参加所选医疗保险 The flexible worker's chosen scheme exists in the region on the stay's date"
    reference = REFERENCE + " (济南市人民政府令第201号 art.2 left individual businesses out in 2002)"

    def formula(person, period, parameters):
        flexible = person("medical_insured_as", period).decode_to_str() == "flexible_worker"
        return _admitted(person, period, person("inpatient_stay_date", period), flexible)


class medical_flexible_worker_contribution(Float64):
    entity = Person
    definition_period = YEAR
    label = "灵活就业人员医疗保险缴费 A flexible worker's medical contributions in the year (0 where the scheme does not exist)"
    reference = REFERENCE
    unit = "currency-CNY"

    def formula(person, period, parameters):
        months = _months(person, period)
        if not months.any():
            return numpy.zeros(person.count)
        day = lookup.year_start(period.start.year)
        rate, _ = _rate(person, period, day)
        return numpy.where(_admitted(person, period, day, months > 0), _on_base(person, period, day, rate) * months, 0)


def _on_base(person, period, day, share_of_base):
    """A month's amount on the flexible workers' base (a share of the average wage), to the fen."""
    region = person("insured_region", period)
    base_share = lookup.at(parameter_tree(person).medical.contribution.flexible_worker_base_share, day, region)
    average = lookup.at(time_axis.average_wage(parameter_tree(person))[0], day, region)
    return round_fen(numpy.nan_to_num(base_share * average * share_of_base))


def _months(person, period):
    months = person("medical_contribution_months", period)
    check((months >= 0) & (months <= 12), "medical_contribution_months", "outside 0-12", "0 to 12 months", months, period=str(period.start.year))
    return months


class medical_account_credit(Float64):
    entity = Person
    definition_period = YEAR
    label = "医疗个人账户划入 What a flexible worker's medical account is credited in the year (none in the pooling-only scheme)"
    reference = REFERENCE
    unit = "currency-CNY"

    def formula(person, period, parameters):
        months = _months(person, period)
        if not months.any():
            return numpy.zeros(person.count)
        day = lookup.year_start(period.start.year)
        admitted = _admitted(person, period, day, months > 0)
        _, pooled_only = _rate(person, period, day)
        account = lookup.at(parameter_tree(person).medical.contribution.flexible_worker_account_share, day, person("insured_region", period))
        return numpy.where(pooled_only | ~admitted, 0, _on_base(person, period, day, account) * months)
