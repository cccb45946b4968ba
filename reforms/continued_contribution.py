"""达到退休年龄后继续缴费至满15年（建议三） Proposal 3 of the 2002 Shandong report: keep contributing past retirement age to reach 15 years.

Seed report 三（一）: "对于那些达到法定退休年龄而缴费年限不满15年的参保职工，本人能够继续
工作，又有缴费意愿，允许延长缴费年限，推迟领取养老金的年龄". The baseline follows
国发〔1997〕26号 (short of 15 years at retirement age: the account is refunded as a lump
sum) until the Social Insurance Law art.16 allowed continued contributions from
2011-07-01 (parameter pension.benefit.continued_contribution_allowed).

The overlay makes the parameter true from `start` (the seed's 2002 world by default).
retirement_date then delays the pension of a person short at the statutory date whose
career shows the months that reach the minimum: the pension starts the month after.
The parameter is read at the statutory retirement date, so the reform applies to
persons reaching retirement age on or after `start`.
"""

from openfisca_core.periods import instant
from openfisca_core.reforms import Reform


def create_continued_contribution(start="2002-01-01"):
    """A Reform class allowing continued contributions to reach the minimum years from `start`."""
    begin = instant(start)

    def modify(parameters):
        parameters.pension.benefit.continued_contribution_allowed.update(start=begin, value=True)
        return parameters

    class continued_contribution(Reform):
        name = f"达到退休年龄缴费不足15年可继续缴费 Continued contributions to reach the minimum years, from {start}"

        def apply(self):
            self.modify_parameters(modify)

    return continued_contribution


continued_contribution = create_continued_contribution()
