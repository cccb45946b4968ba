"""Keeping on contributing to reach the minimum years (社会保险法 art.16; 人社部令第13号 art.2).

The model delays the pension of a person whose career shows the months that reach the
minimum (variables/pension/retirement_date.py). A profile usually stops at retirement
age, so `continued` writes those months into the career: the months still missing,
paid on at the contribution index of the career's last year (at most the base's cap), with its employment type
and region, from January of the year after the career's last year (or of the statutory
retirement year, if that is later: the model records months by year, so a continuation
starting mid-year would be counted as if paid from January).
"""

import copy

from ..core import lookup, regions
from ..core.errors import InputError

#: What `continued` reads from the first assessment.
READ = ("shortfall_choice_open", "shortfall_choice", "months_short_of_minimum", "statutory_retirement_date")
LAST_YEAR = lookup.LAST_YEAR  # the end of the model's time axis


def continued(profile, row, system):
    """(profile with the missing months added, months added, None), or (None, 0, reason)
    when nothing is written: no reason when the person need not or did not choose to
    continue (eligible, refund or transfer chosen), else why it cannot be written."""
    from .profiles import average_wage

    months = row["months_short_of_minimum"]
    if not row["shortfall_choice_open"] or row["shortfall_choice"] != "continue_contributing" or months <= 0:
        return None, 0, None
    if set(profile.get("overrides") or {}) & {"contribution_years", "personal_account_balance"}:
        return None, 0, "the approval form's figures fix the years: give the continued months in a career instead"
    if "retirement_date" in profile:
        return None, 0, "a retirement date is given: the continued months must be in the career, up to that date"
    if not profile.get("career"):
        return None, 0, "no career to extend: give the continued months in the career"
    last = max(profile["career"], key=lambda segment: segment.get("to", segment["from"]))
    last_year = last.get("to", last["from"])
    region = last.get("region", profile["insured_region"])
    if "index" in last:
        index = last["index"]
    else:
        try:
            index = last["wage"] / average_wage(system, regions.resolve(region), last_year, "career (last segment)")
        except InputError:
            return None, 0, f"the career's last year ({last_year}) has no average wage to carry its wage forward: give the continued months in the career"
    if index <= 0:  # months: 0 years at the end (a wage or index of 0): no base to pay on
        return None, 0, f"the career's last year ({last_year}) has no contributions (a wage or index of 0) to carry forward: give the continued months in the career"
    # Paid on at most the cap of the contribution base (300% of the average wage): a wage
    # above it (30,000 in 2010, an index of 12) was never paid on, and is no index to carry.
    cap = system.parameters.common.contribution_base_band.cap(f"{last_year}-12-01")
    if cap is None:  # before the band's first year (1992): min(index, None) stopped every assessment with a TypeError
        return None, 0, f"the career's last year ({last_year}) has no cap of the contribution base to carry its index forward: give the continued months in the career"
    index = min(index, cap)
    first_year = max(last_year + 1, int(str(row["statutory_retirement_date"])[:4]))
    full, rest = divmod(int(months), 12)
    if first_year + full - (rest == 0) > LAST_YEAR:
        return None, 0, f"the continuation would run past {LAST_YEAR}, the end of the model's time axis"
    same = {key: last[key] for key in ("employment_type", "region") if key in last}
    extended = copy.deepcopy(profile)
    if full:
        extended["career"].append({"from": first_year, "to": first_year + full - 1, "index": round(index, 6), **same})
    if rest:
        extended["career"].append({"from": first_year + full, "months": rest, "index": round(index, 6), **same})
    return extended, int(months), None
