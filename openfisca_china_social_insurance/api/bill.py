"""The monthly contribution bill of a payroll (五险一金) for one wage, region and month.

    from openfisca_china_social_insurance.api import contribution_bill
    bill = contribution_bill("beijing", 20000, "2025-07", industry_class=2, housing_fund_rate=0.12)
    bill["rows"]      # one per branch: base, rates, amounts, status of the rates and base
    bill["totals"]    # employer, employee: the branches included; bill["totals_status"] theirs
    bill["complete"]  # False when a branch is left out (not given, or no rate for the region)
    bill["notes"]     # the wage raised to the floor or lowered to the cap, what was left out and why
                      # (in English; lang="zh" for Chinese: the texts of core/messages.yaml, text.bill)

Each row carries the weakest status of its rates and base (official / estimated / unverified /
projected), so a payroll sees which figures rest on a read notice and which do not: the
statuses are the model's variables (variables/contribution_bill_status.py), which the Web
API's /calculate answers too.
"""

import math
import re

import numpy
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.simulations import SimulationBuilder

from .. import default_system
from ..core import i18n, lookup, regions
from ..core.errors import InputError
from ..variables.contribution_bill import BILL, RATES
from ..variables.contribution_bill_status import STATUS_OF_BRANCH
from ..variables.work_injury.contributions import rate_factor_tiers
from .situations import plain_number

#: Each branch's label; its variables and rate parameters are the bill's (variables/contribution_bill.py).
LABELS = {
    "pension": "养老保险 Pension", "medical": "医疗保险 Medical", "maternity": "生育保险 Maternity",
    "unemployment": "失业保险 Unemployment", "work_injury": "工伤保险 Work injury", "housing_fund": "住房公积金 Housing provident fund",
}
MONTH = re.compile(r"\d{4}-\d{2}")
#: Branches whose national value is guidance or a ceiling, not a rate any region charges as such.
GUIDANCE = ("medical", "maternity")


def _regional(tree, path, day, key):
    """Whether a region (or a level above it other than the nation) sets the parameter on `day`."""
    node = _node(tree, path)
    for level in regions.chain(key):
        if level == "nation":
            return False
        own = node.children.get(level)
        if own is not None and not numpy.isnan(float(lookup.at(lookup.table(own), day))):
            return True
    return False


def _node(tree, path):
    for part in path.split("."):
        tree = getattr(tree, part)
    return tree


def _at(tree, path, day, region):
    """The value of a parameter on `day` in `region` (falling back as the model does)."""
    values = lookup.table(_node(tree, path))
    return float(lookup.at(values, day, region if values.shape[0] > 1 else 0))  # a national parameter has one row


def _number(value, name, low, high, allowed):
    number = plain_number(value)  # numpy's and Decimal's numbers too, as Python's
    if number is None or not math.isfinite(number) or not low <= number <= high:
        raise InputError.of("bill_value", name=name, value=value, allowed=allowed if isinstance(allowed, dict) else i18n.phrase(allowed))
    return number


def contribution_bill(region, wage, month, industry_class=0, injury_factor=1.0, housing_fund_rate=0.0, system=None, lang="en"):
    """The bill of one employee: a dict with rows, totals, the base and notes (in `lang`)."""
    i18n.check_lang(lang, "lang")
    system = system or default_system()
    key = regions.resolve(region)
    if key == "nation":
        raise InputError.of("bill_nation")
    wage = _number(wage, "wage", 0.01, 1e9, "the month's wage in yuan, above 0 and at most 1,000,000,000")
    if (not isinstance(month, str) or not MONTH.fullmatch(month) or not 1 <= int(month[5:]) <= 12
            or not lookup.FIRST_YEAR <= int(month[:4]) <= lookup.LAST_YEAR):
        raise InputError.of("bill_month", value=month, first=lookup.FIRST_YEAR, last=lookup.LAST_YEAR)
    if not isinstance(plain_number(industry_class), int) or not 0 <= industry_class <= 8:
        raise InputError.of("bill_value", name="industry_class", value=industry_class,
                            allowed=i18n.phrase("an industry class from 1 to 8 (人社部发〔2015〕71号), or 0 when not given"))
    industry_class = int(industry_class)
    _check_rates(system, month, industry_class, injury_factor, housing_fund_rate, key)
    person = {
        "insured_region": {"ETERNITY": key},
        "wage": {month: float(wage)},
        "work_injury_industry_class": {"ETERNITY": industry_class},
        "work_injury_rate_factor": {"ETERNITY": float(injury_factor)},
        "housing_fund_rate": {"ETERNITY": float(housing_fund_rate)},
    }
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"employee": person}})

    def value(variable):
        return float(simulation.calculate(variable, month)[0])

    def status(variable):
        return str(simulation.calculate(variable, month).decode_to_str()[0])

    day = numpy.datetime64(f"{month}-01")
    index = regions.Region[key].index
    tree = system.parameters
    base = value("monthly_contribution_base")
    rows, refusals = [], {}
    for branch, employer, employee in BILL:
        employer_path, employee_path = RATES.get(branch, (None, None))
        row = {"branch": branch, "label": LABELS[branch], "base": base}
        try:
            row["employer"] = value(employer)
            row["employee"] = value(employee) if employee else 0.0
        except InputError as error:  # a rate the region's data lack: the row says why, the rest is billed
            row.update(employer=None, employee=None, missing=str(error))
            refusals[branch] = error
        # None where no rate is in force, as where none is given (was NaN: json.dumps wrote NaN, not JSON).
        if employer_path:
            row["employer_rate"] = _value_or_none(_at(tree, employer_path, day, index))
        if employee_path:
            row["employee_rate"] = _value_or_none(_at(tree, employee_path, day, index))
        if branch == "medical":
            row["employee_fixed_amount"] = _value_or_none(_at(tree, "medical.contribution.employee_fixed_amount", day, index))
        if branch == "work_injury":
            row["included"] = industry_class > 0
            row["employer_rate"] = value("work_injury_rate") if row["included"] else None
        if branch == "housing_fund":
            row["included"] = housing_fund_rate > 0
            row["base"] = value("housing_fund_base") if row["included"] else None
            row["employer_rate"] = row["employee_rate"] = float(housing_fund_rate) if row["included"] else None
        row["included"] = row.get("included", True) and "missing" not in row
        row["status"] = status(STATUS_OF_BRANCH[branch])  # official where nothing is billed (not given)
        row["national_guidance"] = bool(employer_path) and branch in GUIDANCE and not _regional(tree, employer_path, day, key)
        rows.append(row)
    if all("missing" in row for row in rows if row["branch"] in RATES):  # no branch in force: no bill at all
        raise InputError.of("bill_no_rates", value=month, region=regions.named(key), key=key)
    notes = _notes(simulation, month, wage, industry_class, housing_fund_rate, tree, day, index, lang)
    notes += [_left_out(row, refusals[row["branch"]], tree, day, index, key, month, lang) for row in rows if "missing" in row]
    notes += [i18n.text("bill.national_guidance", lang, label=i18n.half(row["label"], lang)) for row in rows if row["national_guidance"] and row["included"]]
    totals = {side: round(sum(row[side] for row in rows if row["included"]), 2) for side in ("employer", "employee")}
    return {
        "region": key, "month": month, "wage": float(wage), "base": base,
        "base_floor": value("monthly_contribution_base_floor"), "base_cap": value("monthly_contribution_base_cap"),
        "base_status": status("monthly_contribution_base_status"),
        "rows": rows,
        "totals": totals,
        "totals_status": {"employer": status("payroll_employer_contributions_status"), "employee": status("payroll_employee_contributions_status")},
        "complete": all(row["included"] and not row["national_guidance"] for row in rows),
        "notes": notes,
    }


def _value_or_none(value):
    return None if math.isnan(value) else value


def _check_rates(system, month, industry_class, injury_factor, housing_fund_rate, region):
    """Refuse a floating factor or a housing fund rate outside the rules of the month."""
    rules = system.parameters(f"{month}-01")
    if industry_class:
        try:
            tiers = rate_factor_tiers(rules.work_injury.contribution, industry_class)
        except ParameterNotFoundError:
            raise InputError.of("bill_industry_before_2015", month=month) from None
        _number(injury_factor, "work_injury_rate_factor", 0, 10, "a floating factor such as 1.2")
        if not any(math.isclose(injury_factor, tier) for tier in tiers):
            raise InputError.of("bill_factor_step", value=injury_factor, industry_class=industry_class, allowed=", ".join(f"{tier:g}" for tier in tiers))
    elif injury_factor != 1.0:
        raise InputError.of("bill_factor_alone", value=injury_factor)
    if housing_fund_rate != 0:
        day, index = numpy.datetime64(f"{month}-01"), regions.Region[region].index
        floor = _at(system.parameters, "housing_fund.contribution.rate_floor", day, index)
        cap = _at(system.parameters, "housing_fund.contribution.rate_cap", day, index)
        if numpy.isnan(cap):
            raise InputError.of("bill_housing_before_2005", month=month)
        _number(housing_fund_rate, "housing_fund_rate", floor, cap,
                i18n.phrase("{floor} to {cap} in {region} (住房公积金管理条例 art.18; 建金管〔2005〕5号; the city's own cap), or 0 when not given",
                            floor=floor, cap=cap, region={"en": region, "zh": regions.named(region)["zh"]}))


def _notes(simulation, month, wage, industry_class, housing_fund_rate, tree, day, index, lang):
    notes = []
    clamp = simulation.calculate("monthly_contribution_base_clamp", month).decode_to_str()[0]
    floor = float(simulation.calculate("monthly_contribution_base_floor", month)[0])
    cap = float(simulation.calculate("monthly_contribution_base_cap", month)[0])
    if clamp == "raised_to_floor":
        notes.append(i18n.text("bill.raised_to_floor", lang, wage=float(wage), floor=floor))
    elif clamp == "lowered_to_cap":
        notes.append(i18n.text("bill.lowered_to_cap", lang, wage=float(wage), cap=cap))
    if not industry_class:
        notes.append(i18n.text("bill.no_industry_class", lang))
    if not housing_fund_rate:
        notes.append(i18n.text("bill.no_housing_fund_rate", lang))
    amount = _at(tree, "common.contribution_base_amount.floor", day, index)
    if numpy.isnan(amount):
        notes.append(i18n.text("bill.band_of_average_wage", lang))
    return notes


def _left_out(row, error, tree, day, index, key, month, lang):
    """Why a branch is left out: the rate parameter with no value in force (named, with the
    command that shows who sets it), else the model's error in `lang`."""
    paths = [path for path in RATES.get(row["branch"], ()) if path]
    if row["branch"] == "medical":
        paths.append("medical.contribution.employee_fixed_amount")
    path = next((path for path in paths if numpy.isnan(_at(tree, path, day, index))), None)
    if path is None:
        return i18n.text("bill.left_out", lang, label=i18n.half(row["label"], lang), reason=error.in_language(lang))
    return i18n.text("bill.no_rate", lang, label=i18n.half(row["label"], lang), reason=str(error), path=path, region=key,
                     region_name=regions.BY_KEY[key].name_zh, month=month)
