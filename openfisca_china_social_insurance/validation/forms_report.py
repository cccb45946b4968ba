"""The approval-form report rendered: pass counts, the committed Markdown, a CSV.

Rows come from `approval_forms.report(shared_dir)`, one per case:

    rows = approval_forms.report(shared_dir)
    to_markdown(rows)   # docs/approval_forms_report.md (scripts/approval_forms_report.py)
    to_csv(rows)        # one line per case, CSV_FIELDS

The Markdown report ends with the frontier: by province, the classes of forms the model
does not reproduce and why, and each province's convention for counting years with the
forms that back it.
"""

import csv
import io

from .approval_forms import COMPONENTS, TOLERANCE


def summary(rows):
    """Pass counts: overall, verified, and per province."""
    provinces = {}
    for row in rows:
        counts = provinces.setdefault(row["province"], {"verified": 0, "verified_passed": 0, "all": 0, "passed": 0})
        counts["all"] += 1
        counts["passed"] += row["passed"]
        counts["verified"] += row["verified"]
        counts["verified_passed"] += row["verified"] and row["passed"]
    total = {key: sum(counts[key] for counts in provinces.values()) for key in ("verified", "verified_passed", "all", "passed")}
    return {"total": total, "provinces": provinces}


def disagreement_class(row):
    """What kind of miss a failing row is: refused, or the first printed part that differs."""
    if row["passed"]:
        return None
    if row["reason"].startswith("not computable"):
        return "case data incomplete"
    if row["reason"].startswith("model refused"):
        return "refused by the model"
    failing = [component for component in COMPONENTS if row[component] == "FAIL"]
    if failing == ["total"]:
        return "total only (the parts match)"
    return {"basic": "basic pension", "account": "account pension", "transitional": "transitional pension",
            "extra": "addition (增发 and allowances)"}.get(failing[0], failing[0]) if failing else "other"


def frontier(rows):
    """Markdown lines: by province, the forms not reproduced, by class, explained or not."""
    lines = [
        "",
        "## The frontier: forms not reproduced, by province",
        "",
        "Each miss is classed by the first printed part that differs; *explained* counts the misses",
        "with a known issue in tests/approval_forms/case_facts.yml (the reason is in the table above).",
        "",
        "| province | verified not reproduced | all not reproduced | classes (explained / all) |",
        "|---|---|---|---|",
    ]
    by_province = {}
    for row in rows:
        kind = disagreement_class(row)
        if kind:
            by_province.setdefault(row["province"], []).append((kind, row))
    for province, misses in sorted(by_province.items()):
        classes = {}
        for kind, row in misses:
            counts = classes.setdefault(kind, [0, 0])
            counts[0] += bool(row["known_issue"])
            counts[1] += 1
        text = "; ".join(f"{kind} {explained} / {count}" for kind, (explained, count) in sorted(classes.items()))
        verified = sum(row["verified"] for _, row in misses)
        lines.append(f"| {province} | {verified} | {len(misses)} | {text} |")
    lines += ["", "Verified forms not reproduced:", ""]
    for province, misses in sorted(by_province.items()):
        for kind, row in misses:
            if row["verified"]:
                why = (row["known_issue"] or "no known issue recorded: " + row["reason"]).replace("\n", " ")
                lines.append(f"- **{row['case']}** ({kind}): {why}")
    return lines


def year_conventions(parameters, day="2025-07-01"):
    """Markdown lines: each province's way of counting contribution years on `day`, and the
    number of approval forms its parameter files cite for it."""
    import re

    import numpy

    from ..core import lookup
    from ..core.regions import REGIONS, Region

    rounding = parameters.pension.benefit.rounding
    names = ("contribution_years_decimals", "contribution_years_round_up", "contribution_years_in_months", "contribution_years_per_month")
    lines = [
        "",
        f"## Counting contribution years, by province ({day})",
        "",
        "How each province's forms turn years and months into the years of the formula, and how many",
        "approval forms the parameter files cite for it. A province without a file of its own uses the",
        "national default (two decimals, half up), which Shandong's forms show: no evidence of its own.",
        "",
        "| province | convention | forms cited |",
        "|---|---|---|",
    ]
    for region in (r for r in REGIONS if r.level == "province"):
        index = Region[region.key].index
        values = {name: float(lookup.at(getattr(rounding, name), numpy.datetime64(day), index)) for name in names}
        if not numpy.isnan(values["contribution_years_per_month"]):
            text = f"whole years + {values['contribution_years_per_month']} a month"
        elif values["contribution_years_in_months"] > 0:
            text = "months / 12, unrounded"
        else:
            text = f"{int(values['contribution_years_decimals'])} decimals, " + ("rounded up" if values["contribution_years_round_up"] > 0 else "half up")
        cited = set()
        for name in names:
            node = getattr(rounding, name)
            own = node.children.get(region.key) if hasattr(node, "children") else None
            if own is not None:
                cited |= set(re.findall(r"[a-z_]+/[\w.-]+\.json", str(own.metadata.get("reference"))))
        lines.append(f"| {region.key} | {text} | {len(cited) or 'none: national default'} |")
    return lines


def _money(value):
    return "" if value is None else f"{value:.2f}"


def to_markdown(rows, parameters=None):
    """The report as Markdown: counts, per-province table, one line per case, the frontier and,
    with the parameters, each province's convention for counting years."""
    counts = summary(rows)
    total = counts["total"]
    lines = [
        "# Approval forms reproduced by the model",
        "",
        "Each case of `peer-pension-calculator/cases/` (official 养老待遇核定表 as transcribed by the",
        "collector) is run through the model with the form's own printed figures as inputs; every",
        f"printed part (basic, account, transitional, extra, total) must match at {TOLERANCE} yuan.",
        "`n/a`: not printed on the form; `not from form`: the case's figure is the collector's, not the",
        "form's (see the note). *Read from the notes* lists the facts taken from the case's prose (and",
        "the words that gave them) rather than from its fields, and years of a verified form read back as",
        "the whole months its region prints. Generated by `scripts/approval_forms_report.py`.",
        "",
        f"**{total['verified_passed']} of {total['verified']} verified forms reproduced**; "
        f"{total['passed']} of {total['all']} cases in all.",
        "",
        "| province | verified forms passed | all cases passed |",
        "|---|---|---|",
    ]
    for province, item in sorted(counts["provinces"].items()):
        lines.append(f"| {province} | {item['verified_passed']} / {item['verified']} | {item['passed']} / {item['all']} |")
    checked = [row for row in rows if row["verified"] and row["base_check"]]
    same = sum(row["base_check"] == "same" for row in checked)
    differs = sum(row["base_check"] == "differs" for row in checked)
    lines += [
        "",
        "Calculation bases (informative, `base_check` in the CSV): the model's own `pension_calculation_base`",
        "(regional parameters; provisional assessment read from the notes: 预发, 尚未公布) equals the printed",
        f"base on {same} of {len(checked)} verified forms, differs on {differs} (mostly provisional assessments the",
        f"notes do not mention, or city bases) and has no value on {len(checked) - same - differs}.",
    ]
    lines += [
        "",
        "| case | verified | basic | account | transitional | extra | total | reason / note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = []
        for component in COMPONENTS:
            status = row[component]
            if status == "FAIL":
                status = f"FAIL {_money(row[component + '_model'])} vs {_money(row[component + '_form'])}"
            cells.append(status)
        read = f"Read from the notes: {row['read_from_notes']}." if row.get("read_from_notes") else ""
        note = " ".join(part for part in (row["reason"], row["tolerance"], row["known_issue"], read) if part)
        note = note.replace("|", "/").replace("\n", " ")
        lines.append(f"| {row['case']} | {'yes' if row['verified'] else 'no'} | " + " | ".join(cells) + f" | {note} |")
    lines += frontier(rows)
    if parameters is not None:
        lines += year_conventions(parameters)
    return "\n".join(lines) + "\n"


CSV_FIELDS = (
    ["province", "case", "verified", "region", "retirement", "passed"]
    + [f"{component}{suffix}" for component in COMPONENTS for suffix in ("", "_form", "_model")]
    + ["base_form", "base_model", "base_check", "reason", "tolerance", "known_issue", "read_from_notes"]
)


def to_csv(rows):
    """The report as CSV text, one line per case."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: ("" if row.get(key) is None else row.get(key)) for key in CSV_FIELDS})
    return buffer.getvalue()


__all__ = ["CSV_FIELDS", "disagreement_class", "frontier", "summary", "to_csv", "to_markdown", "year_conventions"]
