"""灵活就业人员按18%缴费，7%入统筹、11%记入个人账户（建议一） Proposal 1 of the 2002 Shandong report: flexible workers pay 18%, 7% to pooling and 11% to the account.

Seed report 三（一）: "灵活就业人员的缴费费率可以比照个体户参保的费率确定，平均标准为18%，
7%的缴费进入社会统筹，11%的缴费进入个人账户". Never adopted nationally: 国发〔2005〕38号
set 20% with 8% to the account (fact sheet §0, §2).

The overlay sets, from `start`, the flexible-worker rate of every region (and the
nation, which every region without its own value falls back to) to `rate`, and the
flexible workers' own account share to `account_share`; the pooling share is the
difference (7% by default). Employees are untouched: account_share stays the
national one. A dated parameter change, read at January 1st of each career year,
so it applies to contributions of the years from `start` on.
"""

from openfisca_core.periods import instant
from openfisca_core.reforms import Reform

from openfisca_china_social_insurance.core.errors import InputError


def create_flexible_worker_rate_18(rate=0.18, account_share=0.11, start="2002-01-01"):
    """A Reform class: flexible workers' rate `rate`, of which `account_share` goes to the account, from `start`."""
    if not (0 < rate < 1 and 0 <= account_share <= rate):
        raise InputError.of("knob_rates", rate=rate, account_share=account_share)
    begin = instant(start)

    def modify(parameters):
        contribution = parameters.pension.contribution
        # Every region's own value too, so no city rate survives the reform's date.
        for child in contribution.flexible_worker_rate.children.values():
            child.update(start=begin, value=rate)
        contribution.flexible_worker_account_share.update(start=begin, value=account_share)
        return parameters

    class flexible_worker_rate_18(Reform):
        name = f"灵活就业人员费率{rate:.0%}（统筹{rate - account_share:.0%}、个人账户{account_share:.0%}） Flexible workers {rate:.0%}: {rate - account_share:.0%} pooling, {account_share:.0%} account, from {start}"

        def apply(self):
            self.modify_parameters(modify)

    return flexible_worker_rate_18


#: The seed's proposal as written: 18% = 7% + 11%, from 2002.
flexible_worker_rate_18 = create_flexible_worker_rate_18()
