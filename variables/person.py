"""Who the insured person is: birth, sex, category, regions, deemed years."""

from datetime import date

import numpy

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core.errors import check
from openfisca_china_social_insurance.core.i18n import phrase
from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.core.regions import Region
from openfisca_china_social_insurance.entities import Person

#: Default of date inputs: far outside any real date, so a missing input is detected.
MISSING_DATE = date(1, 1, 1)


class birth_date(Variable):
    value_type = date
    default_value = MISSING_DATE
    entity = Person
    definition_period = ETERNITY
    label = "出生日期 Birth date"
    reference = "国发〔1978〕104号 art.1 (retirement ages are counted from birth)"


#: Inputs with no default (their formula only refuses a missing value), and what is allowed for each.
REQUIRED_INPUTS = {
    "sex": "male or female",
    "insured_region": "a region key, GB/T 2260 code or Chinese name such as weifang, 370700 or 潍坊市; nation for the national rules alone",
    # A payroll's month (variables/career/monthly_base.py): OpenFisca's default would bill it at 0.
    "wage": "the month's wage in yuan, 0 or more (0: a month without pay, nothing charged), for every month asked",
}


class Sex(Enum):
    male = "男 Male"
    female = "女 Female"


class sex(Variable):
    value_type = Enum
    possible_values = Sex
    default_value = Sex.male
    entity = Person
    definition_period = ETERNITY
    label = "性别 Sex"
    reference = "国发〔1978〕104号 art.1"
    documentation = "Required wherever it matters (retirement ages differ by sex): a missing sex is refused, never taken as male."

    def formula(person, period, parameters):
        # Runs only when sex was not given: OpenFisca would otherwise use the default (male).
        check(numpy.zeros(person.count, dtype=bool), "sex", "missing", phrase("{what} (required, no default)", what=phrase(REQUIRED_INPUTS["sex"])))


class WorkerCategory(Enum):
    worker = "工人 Worker"
    cadre = "干部 Cadre"


class worker_category(Variable):
    value_type = Enum
    possible_values = WorkerCategory
    default_value = WorkerCategory.worker
    entity = Person
    definition_period = ETERNITY
    label = "身份类别 Worker category (worker / cadre)"
    reference = "国发〔1978〕104号; 国务院关于安置老弱病残干部的暂行办法 (women cadres retire at 55)"


class special_type_work_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "特殊工种工作年限 Years of special-type work"
    reference = "国发〔1978〕104号 art.1(二)"
    unit = "year"


class insured_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.nation
    entity = Person
    definition_period = ETERNITY
    label = "参保地 Insured region"
    reference = "国办发〔2009〕66号 (the region that assesses and pays the pension)"
    documentation = "Required wherever it matters: a missing region is refused, never taken as the nation (the national defaults are region 'nation', given)."

    def formula(person, period, parameters):
        # Runs only when the region was not given: OpenFisca would otherwise use the default (nation).
        check(numpy.zeros(person.count, dtype=bool), "insured_region", "missing", phrase("{what} (required, no default)", what=phrase(REQUIRED_INPUTS["insured_region"])))


class hukou_region(Variable):
    value_type = Enum
    possible_values = Region
    default_value = Region.nation
    entity = Person
    definition_period = ETERNITY
    label = "户籍地 Hukou region"
    reference = "国办发〔2009〕66号 art.3 (where a pension is claimed after moves)"


class deemed_contribution_years(Float64):
    entity = Person
    definition_period = ETERNITY
    label = "视同缴费年限 Deemed contribution years"
    reference = "国发〔1997〕26号 art.5 (years before accounts, counted as if paid)"
    unit = "year"
