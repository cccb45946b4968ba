"""The approval-form report rendered: pass counts, the committed Markdown, a CSV.

Rows come from `approval_forms.report(shared_dir)`, one per case:

    rows = approval_forms.report(shared_dir)
    to_markdown(rows)   # docs/approval_forms_report.md (scripts/approval_forms_report.py)
    to_csv(rows)        # one line per case, CSV_FIELDS

The Markdown report ends with the frontier: by province, the classes of forms the model
does not reproduce and why; each province's convention for counting years with the
forms that back it; what the forms' own pensions tell about it (computed); and every
regional rounding file with its evidence.
"""

import csv
import io
import re

from . import years_evidence
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


#: A case file cited in a reference ("shanghai/1.json"); a document cited by its number.
_CASE = re.compile(r"[a-z_]+/[\w.-]+\.json")
_DOCUMENT = re.compile(r"〔\d{4}〕\d+号")


def _runs(own):
    """[(dates, value)]: the file's dates grouped by runs of one value, oldest first."""
    runs = []
    for at_instant in sorted(own.values_list, key=lambda v: v.instant_str):
        if runs and runs[-1][1] == at_instant.value:
            runs[-1][0].append(at_instant.instant_str)
        else:
            runs.append(([at_instant.instant_str], at_instant.value))
    return runs


def _evidence(own, dates, verified=None):
    """(forms, documents) a regional file cites for its value of `dates`: the verified case
    files (every cited one without `verified`), plus the official forms the collector
    transcribed without verifying them that a reference counts in `transcribed_forms` (named
    "<source>#<n>": its province table or its unverified cases), and the documents named in a title. A title "Start date not sourced" dates a value and backs no convention."""
    references = own.metadata.get("reference") or {}
    if not isinstance(references, dict):
        references = {dates[0]: references}
    forms, documents = set(), set()
    for day, items in references.items():
        if str(day) not in dates:
            continue
        for item in items if isinstance(items, list) else [items]:
            found = _CASE.findall(str(item))
            forms |= {path for path in found if not path.startswith("provinces/") and (verified is None or path in verified)}
            if isinstance(item, dict) and item.get("transcribed_forms"):
                source = next((path for path in found if path.startswith("provinces/")), "the collector's unverified cases")
                forms |= {f"{source}#{number}" for number in range(1, int(item["transcribed_forms"]) + 1)}
            title = str(item.get("title", "")) if isinstance(item, dict) else str(item)
            # A start-date assumption or a document cited but not read backs no convention.
            if not title.startswith("Start date not sourced") and "not read" not in title:
                documents |= set(_DOCUMENT.findall(title))
    return forms, documents


def _backed(forms, documents):
    """The issue's bar: "two forms or a document"."""
    if len(forms) >= 2 or documents:
        return "yes"
    return "no: one form" if forms else "no: no form"


def _named(forms):
    """Cited forms for a table cell: the verified case files by name, the transcribed forms counted."""
    cases = sorted(path.removesuffix(".json") for path in forms if "#" not in path)
    tables = {}
    for path in forms:
        if "#" in path:
            table = path.split("#")[0]
            tables[table] = tables.get(table, 0) + 1
    return cases + [f"{count} transcribed forms ({table})" for table, count in sorted(tables.items())]


YEAR_NAMES = years_evidence.YEAR_NAMES


def year_conventions(parameters, day="2025-07-01", verified=None):
    """Markdown lines: each province's way of counting contribution years on `day`, the
    approval forms its own files cite for the values in force then (only the `verified`
    case files, when given) and whether each file meets "two forms or a document"."""
    import numpy

    from ..core.regions import REGIONS

    rounding = parameters.pension.benefit.rounding
    lines = [
        "",
        f"## Counting contribution years, by province ({day})",
        "",
        "How each province's forms turn years and months into the years of the formula, and how many",
        "approval forms the parameter files cite for the values in force (verified, or official forms the",
        "collector transcribed without verifying them). A province without a",
        "file of its own uses the national default (two decimals, half up), which Shandong's forms show;",
        "what its own forms show is computed in the next section. *Two forms or a document*: whether each",
        "of the province's own files cites two verified forms or a document (else the file that falls short).",
        "",
        "| province | convention | forms cited | two forms or a document |",
        "|---|---|---|---|",
    ]
    later = []
    for region in (r for r in REGIONS if r.level == "province"):
        text = years_evidence.counting_on(parameters, region.key, numpy.datetime64(day))
        cited, short = set(), []
        for name in YEAR_NAMES:
            own = getattr(rounding, name).children.get(region.key)
            if own is None:
                continue
            runs = [run for run in _runs(own) if run[0][0] <= day]
            if not runs:  # starts after `day`
                dates, value = _runs(own)[0]
                forms, documents = _evidence(own, dates, verified)
                later.append(f"{region.key} {name} = {value} from {dates[0]}, forms cited {len(forms)}: {_backed(forms, documents)}")
                continue
            forms, documents = _evidence(own, runs[-1][0], verified)
            cited |= forms
            if _backed(forms, documents) != "yes":
                short.append(f"{name} ({_backed(forms, documents)[4:]})")
        verdict = ("no: " + ", ".join(short)) if short else ("yes" if cited else "")
        lines.append(f"| {region.key} | {text} | {len(cited) or 'none: national default'} | {verdict} |")
    if later:
        lines += ["", f"Own files in force only after {day}: " + "; ".join(later) + "."]
    return lines


def rounding_evidence(parameters, verified=None):
    """Markdown lines: every regional rounding file, by runs of one value, with the verified
    forms it cites and whether it meets "two forms or a document"."""
    rounding = parameters.pension.benefit.rounding
    lines = [
        "",
        "## Rounding conventions and their evidence, by regional file",
        "",
        "Every regional file of `parameters/pension/benefit/rounding/`, one row per run of one value:",
        "the verified forms it cites (cases of the collector's own output are not counted), the official",
        "forms the collector transcribed without verifying them that it counts (`transcribed_forms`), and",
        "the status of each of its dates. The national defaults rest on Shandong's forms.",
        "",
        "| parameter | region | from | value | status | forms cited | two forms or a document |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, node in sorted(rounding.children.items()):
        for region, own in sorted(getattr(node, "children", {}).items()):
            if region == "nation":
                continue
            status = own.metadata.get("status")
            status = {str(day): state for day, state in status.items()} if isinstance(status, dict) else {"": status}
            for dates, value in _runs(own):
                forms, documents = _evidence(own, dates, verified)
                states = []
                for day in dates:
                    state = status[max([key for key in status if key <= day] or [min(status)])]
                    if not states or states[-1][1] != state:
                        states.append((day, state))
                state = states[0][1] if len(states) == 1 else ", ".join(f"{state} from {day}" for day, state in states)
                cited = ", ".join(_named(forms) + sorted(documents)) or "none"
                lines.append(f"| {name} | {region} | {dates[0]} | {value} | {state} | {cited} | {_backed(forms, documents)} |")
    return lines


def _money(value):
    return "" if value is None else f"{value:.2f}"


def to_markdown(rows, parameters=None, years_told=None):
    """The report as Markdown: counts, per-province table, one line per case, the frontier and,
    with the parameters, each province's convention for counting years; with `years_told`
    (years_evidence.told_by_forms), what the forms themselves tell about it."""
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
        "the words that gave them) rather than from its fields, years of a verified form read back as the",
        "whole months its region prints, and what a case does not give: the base (the model's own) and the",
        "years before the account (from the work and account starts). Generated by `scripts/approval_forms_report.py`.",
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
    no_value = sum(row["base_check"] == "no value" for row in checked)
    not_printed = sum(row["base_check"] == "not printed" for row in checked)
    lines += [
        "",
        "Calculation bases (informative, `base_check` in the CSV): the model's own `pension_calculation_base`",
        "(regional parameters; provisional assessment read from the notes: 预发, 尚未公布) equals the printed",
        f"base on {same} of {len(checked) - not_printed} verified forms that print one, differs on {differs} (provisional",
        f"assessments the notes do not mention, or a base whose year is unsettled) and has no value on {no_value};",
        f"forms without a printed base, computed on the model's own: {not_printed}.",
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
        verified = {row["case"] for row in rows if row["verified"]}
        lines += year_conventions(parameters, verified=verified)
    if years_told is not None:
        lines += years_evidence.to_markdown(years_told)
    if parameters is not None:
        lines += rounding_evidence(parameters, verified)
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


__all__ = ["CSV_FIELDS", "disagreement_class", "frontier", "rounding_evidence", "summary", "to_csv", "to_markdown", "year_conventions"]
