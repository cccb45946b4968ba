"""Old names of renamed variables, still answered for the callers that use them.

Each old name is a variable that returns its new one; a value given for it is given for the
new one (the formulas read the new name, so an input kept under the old name alone would be
ignored without a word). `RENAMED` ({old: new}) is the list the Python API and the Web API
read: `api.situations.build` warns (DeprecationWarning) and refuses both names given for one
person, `/calculate` and `/trace` name the new one under `deprecations` in their answer.
README and docs/web_api.md (Renamed variables) list them and say how long they stay.

pension_*_contribution_monthly: renamed as <branch>_employer_contribution and
<branch>_employee_contribution of the other branches of the monthly bill (the glossary's one
English name per concept, the branch first).
"""

from openfisca_core.periods import MONTH

from openfisca_china_social_insurance.core.money import Float64
from openfisca_china_social_insurance.entities import Person

#: {old name: new name} of every renamed variable still answered under its old name.
RENAMED = {
    "pension_employer_contribution_monthly": "pension_employer_contribution",
    "pension_employee_contribution_monthly": "pension_employee_contribution",
}


def deprecation(old):
    """The note a caller of an old name gets: what it is now called, and that it will go."""
    return (f"{old} is deprecated: renamed {RENAMED[old]}, which it answers the same. "
            f"Use {RENAMED[old]}; the old name will be removed in a later release (docs/web_api.md, Renamed variables).")


def _given_for(new):
    """set_input of an old name: the value is the new variable's input."""

    def set_input(holder, period, array):
        return holder.population.get_holder(new).set_input(period, array)

    return set_input


class pension_employer_contribution_monthly(Float64):
    entity = Person
    definition_period = MONTH
    label = "养老保险单位缴费（月，旧名） Deprecated: pension_employer_contribution (the same figure, under its old name)"
    reference = "国发〔1997〕26号 art.3; 国办发〔2019〕13号 (16% from 2019-05)"
    unit = "currency-CNY"
    documentation = "Deprecated name of pension_employer_contribution: returns it, and a value given here is given there."
    set_input = _given_for("pension_employer_contribution")

    def formula(person, period, parameters):
        return person("pension_employer_contribution", period)


class pension_employee_contribution_monthly(Float64):
    entity = Person
    definition_period = MONTH
    label = "养老保险个人缴费（月，旧名） Deprecated: pension_employee_contribution (the same figure, under its old name)"
    reference = "国发〔1997〕26号 art.3 (8% from 2004 at the latest)"
    unit = "currency-CNY"
    documentation = "Deprecated name of pension_employee_contribution: returns it, and a value given here is given there."
    set_input = _given_for("pension_employee_contribution")

    def formula(person, period, parameters):
        return person("pension_employee_contribution", period)
