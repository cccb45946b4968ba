"""One inpatient stay: the deductible, what the pooling fund pays and what is left to the
person, under the insured region's rules on the date of the stay (国发〔1998〕44号 §三:
each pooling area sets its deductible, payment rates and annual cap)."""

from datetime import date

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup, time_axis
from openfisca_china_social_insurance.core.errors import InputError, check, refusal
from openfisca_china_social_insurance.core.i18n import Named
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import Float64, round_fen
from openfisca_china_social_insurance.core.regions import named as region_named
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.person import MISSING_DATE

REFERENCE = "国发〔1998〕44号 §三; parameters medical.benefit.inpatient (by region)"


class inpatient_stay_date(Variable):
    value_type = date
    default_value = MISSING_DATE
    entity = Person
    definition_period = ETERNITY
    label = "住院日期 Date of the inpatient stay"
    reference = REFERENCE


class inpatient_eligible_cost(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "政策范围内住院费用 Inpatient costs within the scheme's lists (yuan)"
    reference = REFERENCE
    unit = "currency-CNY"


class hospital_level(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "医院等级 Hospital level (1, 2 or 3; 0: not given, refused)"
    reference = REFERENCE


class inpatient_stay_of_year(Variable):
    value_type = int
    default_value = 1
    entity = Person
    definition_period = ETERNITY
    label = "本年度第几次住院 Which stay of the year it is (1, 2, 3 or more)"
    reference = REFERENCE


class medical_retiree(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY
    label = "退休人员 A retiree in the medical scheme (paid a higher share)"
    reference = REFERENCE + "; 社会保险法 art.27"


class MedicalInsuredAs(Enum):
    employee = "职工 Employee"
    flexible_worker = "灵活就业人员 Flexible worker"


class medical_insured_as(Variable):
    value_type = Enum
    possible_values = MedicalInsuredAs
    default_value = MedicalInsuredAs.employee
    entity = Person
    definition_period = ETERNITY
    label = "医疗保险参保身份 Insured in medical insurance as an employee or as a flexible worker"
    reference = "社会保险法 art.23"


def _rules(person, period):
    """Each rule on the stay's date in the insured region; refused where the region has none."""
    day = person("inpatient_stay_date", period)
    check(day > numpy.datetime64("1950-01-01"), "inpatient_stay_date", "missing", "the date of the stay, e.g. 2003-05-10", day)
    region = person("insured_region", period)
    rules = parameter_tree(person).medical.benefit.inpatient
    values = {name: lookup.at(getattr(rules, name), day, region) for name in rules.children}
    missing = numpy.isnan(values["rate_below_threshold"])
    if missing.any():
        places = region.decode_to_str()

        def message(count, index):
            return InputError.of("no_inpatient_rules", name=Named("inpatient_stay_date"), region=region_named(str(places[index])),
                                 day=str(day[index]), count=count)

        raise refusal(missing, message, "inpatient_stay_date")
    average = lookup.at(time_axis.average_wage(parameter_tree(person))[0], day, region) * 12  # the average annual wage
    return values, average


def _insured(person, period):
    """Insured for the stay: an employee, or a flexible worker whose chosen scheme exists
    (medical_flexible_worker_insured). The deductible and the fund's payment are the scheme's
    terms for its insured: for anybody else there is neither."""
    employee = person("medical_insured_as", period) == MedicalInsuredAs.employee
    return employee | person("medical_flexible_worker_insured", period)


class inpatient_deductible(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "起付标准 Deductible of the stay: a share of the average annual wage by hospital level, lower for later stays of the year (0 for a person not insured)"
    reference = REFERENCE
    unit = "currency-CNY"
    documentation = """
    The scheme's deductible for its insured (参保人员). A flexible worker whose scheme does not
    exist on the stay's date (Jinan 2002-2003, 令201号 art.2: medical_flexible_worker_insured false)
    has no deductible: 0, and the whole cost is left to the person (was the scheme's 917.91 for a
    level-2 stay in 2003, which read as if she had cover above it).
    """

    def formula(person, period, parameters):
        level = person("hospital_level", period)
        stay = person("inpatient_stay_of_year", period)
        check((level >= 1) & (level <= 3), "hospital_level", "missing or outside 1-3", "a hospital level 1, 2 or 3", level)
        check(stay >= 1, "inpatient_stay_of_year", "below 1", "1 for the first stay of the year, 2, 3...", stay)
        rules, average = _rules(person, period)
        share = numpy.select([level == 1, level == 2], [rules["deductible_share_level_1"], rules["deductible_share_level_2"]], rules["deductible_share_level_3"])
        factor = numpy.select([stay == 1, stay == 2], [1.0, rules["second_stay_deductible_factor"]], rules["later_stay_deductible_factor"])
        return numpy.where(_insured(person, period), round_fen(average * share * factor), 0)


class inpatient_pooling_payment(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "统筹基金支付 What the pooling fund pays for the stay: its shares of the cost above the deductible, up to the annual cap"
    reference = REFERENCE
    unit = "currency-CNY"
    documentation = "The cap is taken whole for this stay (no earlier payments of the year). A flexible worker not insured (medical_flexible_worker_insured) gets nothing."

    def formula(person, period, parameters):
        cost = person("inpatient_eligible_cost", period)
        check(cost >= 0, "inpatient_eligible_cost", "below 0", "costs of 0 or more yuan", cost)
        rules, average = _rules(person, period)
        deductible = person("inpatient_deductible", period)
        threshold = rules["band_threshold"]
        extra = numpy.where(person("medical_retiree", period), rules["retiree_supplement"], 0)
        below = numpy.clip(numpy.minimum(cost, threshold) - deductible, 0, None)
        above = numpy.clip(cost - numpy.maximum(threshold, deductible), 0, None)
        paid = below * (rules["rate_below_threshold"] + extra) + above * (rules["rate_above_threshold"] + extra)
        paid = numpy.minimum(paid, average * rules["annual_cap_multiple"])
        return numpy.where(_insured(person, period), round_fen(paid), 0)


class inpatient_out_of_pocket(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "个人负担 What the person pays for the stay (the deductible, the co-payment, above the cap)"
    reference = REFERENCE
    unit = "currency-CNY"

    def formula(person, period, parameters):
        return round_fen(person("inpatient_eligible_cost", period) - person("inpatient_pooling_payment", period))
