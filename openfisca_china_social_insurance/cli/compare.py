"""`shebao compare`: pensions under a baseline and one or more reforms, with the incentives."""

import math

import typer

from .. import api
from ..analysis import grids, status_marks
from ..analysis import reform_comparison as engine
from ..analysis.reform_files import compose, resolve
from ..core.errors import InputError
from .output import check_chart_path, check_format, render
from .pension import ASSUMPTIONS_HELP, load_profiles, system_with


def _system(spec, assumptions="central"):
    """The baseline system: the country's own (under the projection assumptions), or it
    with reforms applied (a+b in order)."""
    system = system_with(assumptions)
    if spec in (None, "", "baseline"):
        return system
    return compose(*(resolve(part) for part in spec.split("+")))(system)


def _cell(measure, value):
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return "n/a"  # not computable for this profile (e.g. fixed by an approval form's figures)
    if measure == "irr":
        return f"{value:.2%}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _marked(row, column, status):
    """A cell of a pension component, marked with the status of its system's pension."""
    text = _cell(row["measure"], row[column])
    if row["measure"] not in engine.COMPONENTS:
        return text
    if column.startswith("Δ "):  # a difference rests on both systems' data
        weakest = status_marks.weakest([status.get((row["person"], column[2:])), status.get((row["person"], "baseline"))])
        return status_marks.mark(text, weakest)
    return status_marks.mark(text, status.get((row["person"], column)))


def compare(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py), instead of --grid or --example."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform: built-in name, reform file (.yaml) or dotted path; a+b composes in order. Repeat to compare several; none shows the baseline alone."),
    baseline: str = typer.Option("baseline", "--baseline", help="The system compared against: 'baseline' (the law as encoded) or reforms a+b applied to it."),
    grid: str = typer.Option(None, "--grid", help="A grid of profiles: seed-table2 (built in) or a grid YAML file."),
    example: bool = typer.Option(False, "--example", help="Use the embedded Shandong example persons."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
    chart: str = typer.Option(None, "--chart", help="Also write a PNG chart (pension against years per base; needs --grid) to this path."),
    horizon_age: int = typer.Option(engine.HORIZON_AGE, "--horizon-age", help="Age until which the pension is assumed paid, for the IRR (an assumption)."),
    payment: str = typer.Option("monthly", "--payment", help="When the person pays: monthly, quarterly or yearly (changes only the IRR)."),
    measures: str = typer.Option(",".join(engine.MEASURES), "--measures", help="Comma-separated measures to show."),
    assumptions: str = typer.Option("central", "--assumptions", help=ASSUMPTIONS_HELP),
):
    """Compare pensions under a baseline and reforms: components, differences, extra pension for
    one more year and a higher base, and the IRR of the person's own contributions."""
    check_format(fmt)
    check_chart_path(chart)
    if sum([profile_file is not None, grid is not None, example]) != 1:
        raise InputError("compare: give exactly one of a profile file, --grid or --example.")
    chosen = [m.strip() for m in measures.split(",") if m.strip()]
    unknown = [m for m in chosen if m not in engine.MEASURES]
    if unknown or not chosen:
        raise InputError(f"--measures: {unknown or measures!r}. Allowed: {', '.join(engine.MEASURES)}.")
    cells, spec = None, None
    if grid is not None:
        spec = grids.load_grid(grid)
        profiles, cells = grids.grid_profiles(spec), grids.grid_cells(spec)
    elif example:
        profiles = api.example_profiles()
    else:
        profiles = load_profiles(profile_file)
    reforms = [(name, compose(*(resolve(part) for part in name.split("+")))) for name in reform or []]
    labels, rows = engine.compare(_system(baseline, assumptions), reforms, profiles, horizon_age, payment, cells)
    status = {(row["person"], label): row[label] for row in rows if row["measure"] == engine.STATUS for label in labels}
    marked = fmt in ("table", "markdown")  # csv/json carry the status as a measure of its own
    header = ["person", "measure", labels[0]] + [column for label in labels[1:] for column in (label, f"Δ {label}")]
    table = [
        [row["person"], engine.LABELS[row["measure"]] if fmt == "table" else row["measure"]]
        + [_marked(row, column, status) if marked else _cell(row["measure"], row[column]) for column in header[2:]]
        for row in rows
        if row["measure"] in chosen
    ]
    if baseline != "baseline":
        header[2] = f"baseline ({baseline})"
    notes = [status_marks.LEGEND] if marked else []
    if spec is not None and spec.get("printed"):  # the source's own figures beside the model's
        shown = [row for row in rows if row["measure"] in chosen]
        header.append(f"printed 原表 ({spec['name']})")
        for line, row in zip(table, shown):
            line.append(_cell(row["measure"], grids.printed(spec, row["measure"]).get(row["person"])))
        notes += [f"{spec['name']}: {erratum}" for erratum in spec.get("errata") or []]
    text = render("养老金改革比较 Pension reform comparison", header, table, fmt)
    if notes and fmt in ("table", "markdown"):
        text += "\n" + "\n".join(("- " if fmt == "markdown" else "") + note for note in notes) + "\n"
    typer.echo(text, nl=False)
    if chart:
        engine.chart(rows, labels, chart, title=f"Monthly pension: baseline (dashed) and {', '.join(labels[1:])} (solid)")
        typer.echo(f"chart written to {chart}", err=True)
