"""灵活就业人员经办措施（建议四，涉及资金的部分） Proposal 4 of the 2002 Shandong report, the operating measures, where they change money.

Seed report 三（二）: 一 free choice of the base in 60%-300% of the average wage; 二
back-payment of an employer's arrears by the worker ("个人可与企业签订协议，先由个人补缴
企业和个人欠缴的全部"); 三 paying monthly, quarterly or yearly; 四 transfers, with the
years before and after a transfer added up ("转移前后缴费年限合并计算").

Encoded here (it changes money): arrears back-payment. Months an employer owed and
never paid (the career input arrears_months, not part of contribution_months) are a
gap in the baseline record. From `start` (read at the retirement date, so for
persons retiring on or after it) the worker back-pays them: they become contribution
months of the years they cover (contribution years, eligibility, account credits
with interest from those years), and the worker's own contributions of those years
include the whole rate for them (employer's share + own share; a flexible worker's
year at the flexible rate). The late interest an agency charges on a back-payment
(滞纳金) is not sourced and not encoded: the payment is booked in the year covered.
The delayed-retirement rule (retirement_date) still counts only contribution_months
when finding the month a short person reaches the minimum.

Not encoded, because in this model they change no money:
- Free choice of the base: a flexible worker's contribution_wage already is the
  chosen base, clipped by contribution_base to the 60%-300% band like anybody's. (The
  baseline does not encode 国发〔2005〕38号's fixed base = the average wage for flexible
  workers of 2006-2019; that gap is the baseline's, not this proposal's.)
- Monthly, quarterly or yearly payment: 劳办发〔1997〕116号 credits the year's interest
  with one formula, credits x (1 + r x 1.083 / 2), whatever the payment dates, so the
  balance, and hence the pension, is the same. Only the person's cash-flow dates
  change, which `shebao compare --payment` shows in the internal rate of return.
- Transfers with years added up: the baseline already sums a career over the regions
  it was paid in (contribution_region per year, 国办发〔2009〕66号); the only money
  rule of a transfer, the 12% pooling transfer between funds, moves no money of the
  person's. tests/reforms/flexible_worker_operations.yaml checks the sum.
"""

import numpy
from openfisca_core.periods import YEAR, instant
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.core.dates import month_number
from openfisca_china_social_insurance.core.lookup import parameter_tree
from openfisca_china_social_insurance.core.money import round_fen
from openfisca_china_social_insurance.entities import Person
from openfisca_china_social_insurance.variables.career import contribution_base as base_rules
from openfisca_china_social_insurance.variables.career.yearly_record import EmploymentType
from openfisca_china_social_insurance.variables.pension import contributions, record

SEED = "社会保险管理工作难点与对策 (2002), Shandong report 三（二）2: 欠费企业职工在外灵活就业的，个人可与企业签订协议，先由个人补缴企业和个人欠缴的全部"


class back_paid_months(Variable):
    value_type = int
    entity = Person
    definition_period = YEAR
    label = "个人补缴欠费月数 Arrears months of the year back-paid by the worker"
    reference = SEED
    unit = "month"

    def formula(person, period, parameters):
        allowed = lookup.at(
            parameter_tree(person).pension.contribution.arrears_back_payment_allowed,
            person("retirement_date", period),
        ) > 0
        return numpy.where(allowed, person("arrears_months", period), 0)


class counted_contribution_months(record.counted_contribution_months):
    reference = record.counted_contribution_months.reference + "; " + SEED

    def formula(person, period, parameters):
        months = person("contribution_months", period) + person("back_paid_months", period)
        retirement = month_number(person("retirement_date", period))
        return numpy.minimum(months, numpy.clip(retirement - period.start.year * 12, 0, 12))


class contribution_base(base_rules.contribution_base):
    reference = base_rules.contribution_base.reference + "; " + SEED

    def formula(person, period, parameters):
        base = base_rules.contribution_base.formula(person, period, parameters)
        # A year the employer paid nothing for still has a base once back-paid.
        band = parameters(period.start).common.contribution_base_band
        average = person("contribution_average_wage", period)
        clipped = round_fen(numpy.clip(person("contribution_wage", period), band.floor * average, band.cap * average))
        return numpy.where((base == 0) & (person("back_paid_months", period) > 0), clipped, base)


class individual_contribution(contributions.individual_contribution):
    reference = contributions.individual_contribution.reference + "; " + SEED

    def formula(person, period, parameters):
        own = contributions.individual_contribution.formula(person, period, parameters)
        contribution = parameter_tree(person).pension.contribution
        date = lookup.year_start(period.start.year)
        region = person("contribution_region", period)
        flexible = person("employment_type", period) == EmploymentType.flexible_worker
        employee_rate = numpy.nan_to_num(lookup.at(contribution.employer_rate, date, region)) + parameters(period.start).pension.contribution.individual_rate
        rate = numpy.where(flexible, numpy.nan_to_num(lookup.at(contribution.flexible_worker_rate, date, region)), employee_rate)
        return own + round_fen(person("contribution_base", period) * rate) * person("back_paid_months", period)


def create_flexible_worker_operations(start="2002-01-01"):
    """A Reform class: a worker may back-pay an employer's arrears, from `start`."""
    begin = instant(start)

    def modify(parameters):
        from openfisca_core.parameters import Parameter

        parameters.pension.contribution.add_child(
            "arrears_back_payment_allowed",
            Parameter(
                "pension.contribution.arrears_back_payment_allowed",
                data={
                    "description": "职工可个人补缴单位欠费 A worker may back-pay an employer's arrears",
                    "values": {"1950-01-01": {"value": False}},
                    "metadata": {"unit": "bool", "status": "proposal", "reference": {start: [{"title": SEED}]}},
                },
            ),
        )
        parameters.pension.contribution.arrears_back_payment_allowed.update(start=begin, value=True)
        return parameters

    class flexible_worker_operations(Reform):
        name = f"职工个人补缴单位欠费 Back-payment of an employer's arrears by the worker, from {start}"

        def apply(self):
            self.modify_parameters(modify)
            self.add_variable(back_paid_months)
            self.update_variable(counted_contribution_months)
            self.update_variable(contribution_base)
            self.update_variable(individual_contribution)

    return flexible_worker_operations


flexible_worker_operations = create_flexible_worker_operations()
