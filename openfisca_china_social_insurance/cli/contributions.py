"""`shebao contributions`: the monthly bill of a payroll (五险一金) for one wage."""

import math

import typer

from ..analysis import status_marks
from ..api.bill import contribution_bill
from ..core import i18n, regions
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
    lang = language.current()
    bill = contribution_bill(region, wage, month, industry_class, injury_factor, housing_fund_rate, lang=lang)
    marked = fmt in ("table", "markdown")
    if marked:
        header = [t(f"bill.columns.{column}") for column in COLUMNS]
    else:  # csv and json: keys for scripts, rates as fractions, the employee's fixed amount apart
        header = list(COLUMNS) + ["employee_fixed_amount"]
    rows = []
    for row in bill["rows"]:
        amounts = [_amount(row, side, marked) for side in ("employer", "employee")]
        if marked:
            base = "" if row["base"] is None else f"{row['base']:,.2f}"
            rows.append([i18n.half(row["label"], lang), base, _rate(row, "employer"), amounts[0], _rate(row, "employee"), amounts[1],
                         status_marks.name(row["status"], lang)])
        else:
            rows.append([row["branch"], row["base"], _fraction(row, "employer"), amounts[0], _fraction(row, "employee"), amounts[1],
                         row["status"], row.get("employee_fixed_amount") or None])
    totals, totals_status = bill["totals"], bill["totals_status"]
    if marked:
        total = {side: status_marks.mark(f"{totals[side]:,.2f}", totals_status[side]) for side in totals}
        rows.append([t("bill.total"), "", "", total["employer"], "", total["employee"], "" if bill["complete"] else t("bill.incomplete")])
    else:
        rows.append(["total", None, None, totals["employer"], None, totals["employee"], None if bill["complete"] else "incomplete", None])
    info = regions.BY_KEY[bill["region"]]
    title = t("bill.title", region=info.name_zh if lang == "zh" else info.name_en, month=bill["month"], wage=bill["wage"], base=bill["base"],
              floor=bill["base_floor"], cap=bill["base_cap"], status=status_marks.name(bill["base_status"], lang))
    if not marked:  # notes as rows of their own, as `shebao regions` does
        rows += [["note", note] + [None] * (len(header) - 2) for note in bill["notes"]]
        if fmt == "csv":
            rows = [["" if value is None else value for value in row] for row in rows]
    text = render(title, header, rows, fmt)
    if marked:
        text += "\n" + "\n".join(("- " if fmt == "markdown" else "") + note for note in bill["notes"] + [status_marks.legend(lang)]) + "\n"
    typer.echo(text, nl=False)


#: The columns of the bill: keys in csv and json, texts of core/messages.yaml (text.bill.columns) on screen.
COLUMNS = ("branch", "base", "employer_rate", "employer", "employee_rate", "employee", "status")


def _fraction(row, side):
    """A rate as a fraction (csv and json), None where not given or none is in force."""
    rate = row.get(f"{side}_rate")
    return None if rate is None or math.isnan(rate) else rate


def _amount(row, side, marked):
    """The amount, or why there is none: not given, or no rate for the region (csv and json
    keep the English words, as their keys)."""
    if "missing" in row:
        return t("bill.no_rate_cell") if marked else "no rate (see notes)"
    if row.get("included") is False:
        return t("bill.not_given") if marked else "not given"
    if not marked:
        return row[side]
    return status_marks.mark(f"{row[side]:,.2f}", row["status"])
