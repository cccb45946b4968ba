"""`shebao contributions`: the monthly bill of a payroll (五险一金) for one wage."""

import math

import typer

from ..analysis.status_marks import LEGEND, mark
from ..api.bill import contribution_bill
from . import language
from .language import t
from .output import check_format, render


def _rate(row, side):
    rate = row.get(f"{side}_rate")
    if rate is None or math.isnan(rate):  # not given, or no rate in force
        return ""
    text = f"{rate:.2%}".replace(".00%", "%")
    if side == "employee" and row.get("employee_fixed_amount"):
        text += f" + {row['employee_fixed_amount']:,.2f}"
    return text


def contributions(
    region: str = typer.Option(..., "--region", help="Region key or GB/T 2260 code, e.g. beijing or 110000."),
    wage: float = typer.Option(..., "--wage", help="The employee's monthly wage in yuan (before floor and cap)."),
    month: str = typer.Option(..., "--month", help="The month billed, YYYY-MM."),
    industry_class: int = typer.Option(0, "--industry-class", help="The employer's work injury industry class, 1-8 (0: not given, left out of the totals)."),
    injury_factor: float = typer.Option(1.0, "--injury-factor", help="The employer's floating factor of the work injury rate, a step of 人社部发〔2015〕71号: 0.5, 0.8, 1, 1.2 or 1.5 (class 1: 1, 1.2 or 1.5)."),
    housing_fund_rate: float = typer.Option(0.0, "--housing-fund-rate", help="Housing provident fund rate, each side, 0.05-0.12 (0: not given, left out of the totals)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
):
    """Each branch's employer and employee contributions of one month, the base after floor
    and cap, the totals, and the status of every rate."""
    check_format(fmt)
    bill = contribution_bill(region, wage, month, industry_class, injury_factor, housing_fund_rate, lang=language.current())
    marked = fmt in ("table", "markdown")
    header = ["branch 险种", "base 基数", "employer rate 单位比例", "employer 单位", "employee rate 个人比例", "employee 个人", "status 状态"]
    rows = []
    for row in bill["rows"]:
        amounts = [_amount(row, side, marked) for side in ("employer", "employee")]
        base = "" if row["base"] is None else (f"{row['base']:,.2f}" if marked else row["base"])
        rows.append([row["label"] if marked else row["branch"], base,
                     _rate(row, "employer"), amounts[0], _rate(row, "employee"), amounts[1], row["status"]])
    totals, totals_status = bill["totals"], bill["totals_status"]
    total = {side: mark(f"{totals[side]:,.2f}", totals_status[side]) if marked else totals[side] for side in totals}
    incomplete = t("bill.incomplete") if marked else "incomplete"
    rows.append(["合计 Total" if marked else "total", "", "", total["employer"], "", total["employee"],
                 "" if bill["complete"] else incomplete])
    title = (f"社保缴费 Contribution bill: {bill['region']} {bill['month']}, wage {bill['wage']:,.2f}, base {bill['base']:,.2f} "
             f"(floor {bill['base_floor']:,.2f}, cap {bill['base_cap']:,.2f}, {bill['base_status']})")
    if fmt in ("csv", "json"):  # notes as rows of their own, as `shebao regions` does
        rows += [["note", note] + [""] * (len(header) - 2) for note in bill["notes"]]
    text = render(title, header, rows, fmt)
    if marked:
        text += "\n" + "\n".join(("- " if fmt == "markdown" else "") + note for note in bill["notes"] + [LEGEND]) + "\n"
    typer.echo(text, nl=False)


def _amount(row, side, marked):
    """The amount, or why there is none: not given, or no rate for the region (csv and json
    keep the English words, as their keys)."""
    if "missing" in row:
        return t("bill.no_rate_cell") if marked else "no rate (see notes)"
    if row.get("included") is False:
        return t("bill.not_given") if marked else "not given"
    if not marked:
        return row[side]
    return mark(f"{row[side]:,.2f}", row["status"])
