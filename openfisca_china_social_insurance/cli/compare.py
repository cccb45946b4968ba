"""`shebao compare`: pensions under a baseline and one or more reforms, with the incentives."""

import math

import typer

from .. import api
from ..analysis import charts, export, grids, status_marks
from ..analysis import reform_comparison as engine
from ..analysis.reform_files import compose, reform_title, resolve
from ..core import i18n
from ..core.errors import InputError
from . import language
from .language import t
from .output import BOM_HELP, OUTPUT_HELP, check_format, render
from .pension import ASSUMPTIONS_HELP, assessed_apart, load_profiles, name_the_refused, system_with


def _system(spec, assumptions="central"):
    """The baseline system: the country's own (under the projection assumptions), or it
    with reforms applied (a+b in order)."""
    system = system_with(assumptions)
    if spec in (None, "", "baseline"):
        return system
    return compose(*(resolve(part) for part in spec.split("+")))(system)


def _cell(measure, value):
    """A cell as a person reads it: money with separators, a rate in %, n/a where not computable."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return t("not_available")  # not computable for this profile (e.g. fixed by an approval form's figures)
    if measure == "irr":
        return f"{value:.2%}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _marked(row, column, status):
    """A cell of a pension component (or of a figure computed from the pension), marked with the
    status of its system's pension."""
    text = _cell(row["measure"], row[column])
    if isinstance(row[column], float) and math.isnan(row[column]):
        return text  # n/a rests on no data: no status mark (was "n/a*")
    if row["measure"] == engine.STATUS:  # a status in the run's language, as `shebao pension` shows it
        return status_marks.name(text, language.current())
    if row["measure"] not in engine.MARKED:
        return text
    if column.startswith("Δ "):  # a difference rests on both systems' data
        weakest = status_marks.weakest([status.get((row["person"], column[2:])), status.get((row["person"], "baseline"))])
        return status_marks.mark(text, weakest)
    return status_marks.mark(text, status.get((row["person"], column)))


def _why_not_available(rows, columns, names, reasons, cells):
    """A note for each reason an incentive shown is n/a (the cell said only "n/a"): the measure, the
    persons and systems it holds for, and the model's refusal of the changed profile or the given figures."""
    grouped = {}
    for row in rows:
        for label in (column for column in columns if not column.startswith("Δ ")):
            found = reasons.get((row["person"], row["measure"], label))
            if found is not None:
                grouped.setdefault((row["measure"], found), {}).setdefault(person_name(row["person"], cells), []).append(names[label])
    notes = []
    for (measure, (code, message)), persons in grouped.items():
        systems = {tuple(labels) for labels in persons.values()}
        comma = "、" if language.current() == "zh" else ", "
        whom = comma.join(persons) + ("" if len(systems) > 1 else f" [{comma.join(next(iter(systems)))}]")
        reason = t("compare.not_available.refused", message=message) if code == "refused" else t(f"compare.not_available.{code}")
        notes.append(t("compare.not_available.note", measure=t(f"measures.{measure}"), whom=whom, reason=reason))
    return notes


def person_name(person, cells):
    """A person of a comparison as a table names it: a grid's cell ("60% x 15y" in csv and json)
    in the run's language, any other by its own name."""
    if person in (cells or {}):
        base, years = cells[person]
        return t("compare.cell", base=base, years=years)
    return person


def reform_titles(specs, labels):
    """{label: the reform's name in the run's language} for tables for people (core/messages.yaml
    compare.baseline; a reform's Chinese name from its own name or description, reform_files.reform_title);
    a reform without one, or two reforms of the same name, keep their labels (the keys of csv and json)."""
    lang = language.current()
    titles = {"baseline": t("compare.baseline")}
    for spec, label in zip(specs or [], labels):
        parts = [reform_title(resolve(part), lang) for part in spec.split("+")]
        titles[label] = "+".join(parts) if all(parts) else label
    named = list(titles.values())
    return {label: title if named.count(title) == 1 else label for label, title in titles.items()}


def labelled_reforms(specs):
    """[(label, reform)] for -r SPEC ...: each labelled by its reforms' own names (a file's
    `name:`, a+b joined), not a path; the same reform given twice is told apart by what was given."""
    reforms = []
    for spec in specs or []:
        parts = [resolve(part) for part in spec.split("+")]
        reforms.append(("+".join(engine.label_of(part) for part in parts), compose(*parts)))
    if len({label for label, _ in reforms}) < len(reforms):
        reforms = [(spec, reform) for spec, (_, reform) in zip(specs, reforms)]
    return reforms


def compare(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py), instead of --grid or --example."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform: built-in name, reform file (.yaml) or dotted path; a+b composes in order. Repeat to compare several; none shows the baseline alone."),
    baseline: str = typer.Option("baseline", "--baseline", help="The system compared against: 'baseline' (the law as encoded) or reforms a+b applied to it."),
    grid: str = typer.Option(None, "--grid", help="A grid of profiles: seed-table2 (built in) or a grid YAML file."),
    example: bool = typer.Option(False, "--example", help="Use the embedded Shandong example persons."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
    chart: str = typer.Option(None, "--chart", help="Also write a chart (pension against years per base; needs --grid) to this path: .png, .jpg, .svg or .pdf."),
    output: str = typer.Option(None, "--output", help=OUTPUT_HELP),
    bom: bool = typer.Option(None, "--bom/--no-bom", help=BOM_HELP),
    horizon_age: int = typer.Option(engine.HORIZON_AGE, "--horizon-age", help="Age until which the pension is assumed paid, for the IRR (an assumption); after every pensioner's retirement age."),
    payment: str = typer.Option("monthly", "--payment", help="When the person pays: monthly, quarterly or yearly (changes only the IRR)."),
    measures: str = typer.Option(",".join(engine.MEASURES), "--measures", help="Comma-separated measures to show."),
    assumptions: str = typer.Option("central", "--assumptions", help=ASSUMPTIONS_HELP),
):
    """Compare pensions under a baseline and reforms: components, differences, extra pension for
    one more year and a higher base, and the IRR of the person's own contributions."""
    check_format(fmt)
    charts.check_path(chart)
    export.check_path(output)
    if sum([profile_file is not None, grid is not None, example]) != 1:
        raise InputError.of("compare_inputs")
    if chart and grid is None:  # before any table is printed (it was refused after)
        raise InputError.of(engine.CHART_NEEDS_A_GRID)
    chosen = [m.strip() for m in measures.split(",") if m.strip()]
    unknown = [m for m in chosen if m not in engine.MEASURES]
    if unknown or not chosen:
        raise InputError.of("measures", value=unknown or repr(measures), allowed=", ".join(engine.MEASURES))
    cells, spec = None, None
    if grid is not None:
        spec = grids.load_grid(grid)
        profiles, cells = grids.grid_profiles(spec), grids.grid_cells(spec)
    elif example:
        profiles = api.example_profiles()
    else:
        profiles = load_profiles(profile_file)
    reforms = labelled_reforms(reform)
    system = _system(baseline, assumptions)
    # A person the baseline refuses is named after the table of the others, as `shebao pension` does.
    refused = {}
    if not cells:
        _, profiles, refused = assessed_apart(profiles, system, ("monthly_pension",))
    reasons = {}
    labels, every_row = engine.compare(system, reforms, profiles, horizon_age, payment, cells, reasons)
    status = {(row["person"], label): row[label] for row in every_row if row["measure"] == engine.STATUS for label in labels}
    rows = [row for row in every_row if row["measure"] in chosen]
    columns = [labels[0]] + [column for label in labels[1:] for column in (label, f"Δ {label}")]
    printed = {}
    if spec is not None and spec.get("printed"):  # the source's own figures beside the model's
        printed = {(row["person"], row["measure"]): grids.printed(spec, row["measure"]).get(row["person"]) for row in rows}
    spreadsheet = output is not None and output.lower().endswith(".xlsx")
    names = reform_titles(reform, labels[1:])
    if baseline != "baseline":  # the baseline with reforms applied: named by them
        names[labels[0]] = t("compare.baseline_of", spec=reform_titles([baseline], [baseline])[baseline])
    if spreadsheet or (output is None and fmt in ("table", "markdown")):
        _for_people(rows, columns, names, spec, printed, status, fmt, output, cells, reasons)
    else:
        _data(rows, columns, baseline, spec, printed, fmt, output, bom)
    if chart:
        # Whatever --measures shows; the systems named as in the table (the baseline by the chart's own name unless --baseline).
        drawn = {label: name for label, name in names.items() if label != labels[0] or baseline != "baseline"}
        engine.chart(every_row, labels, chart, lang=language.current(), names=drawn)
        typer.echo(t("written", path=chart), err=True)
    name_the_refused(refused)


def _data(rows, columns, baseline, spec, printed, fmt, output, bom):
    """CSV and JSON: stable column names (as scripts read them, whatever the language and
    whatever --baseline says), numbers as numbers, the unit of each row in a column of its own."""
    header = ["person", "measure", "unit", "baseline", *columns[1:]]
    table = [[row["person"], row["measure"], engine.UNITS[row["measure"]], *(row[column] for column in columns)] for row in rows]
    if printed:
        header.append("printed")  # the grid's own figures (the grid is the one given to --grid)
        for line, row in zip(table, rows):
            line.append(printed[(row["person"], row["measure"])])
    units = [engine.UNITS[row["measure"]] for row in rows]
    if output:
        lang = language.current()
        export.write(output, "compare", header, table, units, bom=(lang == "zh") if bom is None else bom)
        typer.echo(t("written", path=output), err=True)
        return
    text = export.csv_text(header, table, units) if fmt == "csv" else export.json_text(header, table)
    typer.echo(("\ufeff" if bom and fmt == "csv" else "") + text, nl=False)


def _for_people(rows, columns, names, spec, printed, status, fmt, output, cells, reasons=None):
    """The terminal's table, Markdown and xlsx: in the chosen language, figures marked with
    their data status (tables) or as numbers with number formats (xlsx). `names` names each
    system in that language (reform_titles)."""
    spreadsheet = output is not None
    lang = language.current()
    shown = [f"Δ {names[column[2:]]}" if column.startswith("Δ ") else names[column] for column in columns]
    header = [t("compare.person"), t("compare.measure")] + ([t("compare.unit")] if spreadsheet else []) + shown
    table = []
    for row in rows:
        measure = row["measure"]
        name = t(f"measures.{measure}")
        person = person_name(row["person"], cells)
        if spreadsheet:
            # A status by its name in the language (预测), as the table shows it; was the key (projected).
            table.append([person, name, t(f"units.{engine.UNITS[measure]}"),
                          *(status_marks.name(row[column], lang) if measure == engine.STATUS else row[column] for column in columns)])
        else:
            table.append([person, name, *(_marked(row, column, status) for column in columns)])
    notes = [t("status_legend")]
    if printed:
        header.append(t("compare.printed", name=spec["name"]))
        for line, row in zip(table, rows):
            value = printed[(row["person"], row["measure"])]
            line.append(value if spreadsheet else _cell(row["measure"], value))
        notes += [t("compare.erratum", name=spec["name"], erratum=i18n.half(erratum, lang)) for erratum in spec.get("errata") or []]
    notes += _why_not_available(rows, columns, names, reasons or {}, cells)
    if spreadsheet:
        # The notes but the legend of the marks, which a spreadsheet's numbers do not carry.
        export.write(output, t("compare.title"), header, table, [engine.UNITS[row["measure"]] for row in rows], notes=notes[1:],
                     notes_title=t("compare.notes"))
        typer.echo(t("written", path=output), err=True)
        return
    text = render(t("compare.title"), header, table, fmt)
    text += "\n" + "\n".join(("- " if fmt == "markdown" else "") + note for note in notes) + "\n"
    typer.echo(text, nl=False)
