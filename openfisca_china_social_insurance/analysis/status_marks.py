"""How a figure's data status is shown: a mark after the figure and one legend.

The statuses themselves are variables (variables/provenance.py): the weakest status of
the data a figure was computed from. Tables and charts mark a figure that is not
official; JSON and CSV carry the status as a field of its own.

Every chart shows a status the same way (analysis/charts.py draws it, with one legend key
for each status present): a point is filled when official and hollow otherwise, with the
status's mark beside it as a table prints it after the figure; a bar or a span of years is
plain when official and hatched otherwise, one pattern for each status (HATCHES).
"""

from ..core import i18n

#: The mark after a figure, by status (official figures are unmarked).
MARKS = {"official": "", "estimated": "*", "unverified": "?", "projected": "†"}
#: The hatching of a bar or a span of years, by status (official figures are plain).
HATCHES = {"official": "", "estimated": "..", "unverified": "xx", "projected": "//"}


def legend(lang):
    """The legend of the marks, in `lang` (core/messages.yaml, text.status_legend)."""
    return i18n.text("status_legend", lang)


def name(status, lang):
    """A status as a table shows it, in `lang` (csv and json keep the key); anything else as it is."""
    return i18n.text(f"statuses.{status}", lang) if status in MARKS else status


#: The status variable behind each figure a table shows.
STATUS_OF = {
    "pension_calculation_base": "pension_calculation_base_status",
    "indexed_average_monthly_wage": "indexed_average_monthly_wage_status",
    "personal_account_balance": "personal_account_balance_status",
    "payout_months": "payout_months_status",
    "account_pension": "account_pension_status",
    "lump_sum_refund": "personal_account_balance_status",
    "residents_scheme_transfer": "personal_account_balance_status",
    "basic_pension": "basic_pension_status",
    "transitional_pension": "transitional_pension_status",
    "extra_pension": "extra_pension_status",
    "monthly_pension": "monthly_pension_status",
    # regions compare's totals of the career (analysis/region_comparison.TOTALS)
    "individual_contribution_total": "contributions_status",
    "employer_contribution_total": "contributions_status",
}
STATUS_VARIABLES = tuple(dict.fromkeys(STATUS_OF.values()))


def mark(text, status):
    """`text` followed by the mark of `status` (none when official or unknown, nor on a
    zero: nothing paid rests on no data)."""
    if text in ("", None) or str(text).strip("0.,") == "":
        return text
    return f"{text}{MARKS.get(status, '')}"


def weakest(statuses):
    """The weakest of several statuses (official < estimated < unverified < projected)."""
    order = list(MARKS)
    known = [status for status in statuses if status in MARKS]
    return max(known, key=order.index) if known else None
