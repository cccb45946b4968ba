"""`shebao medical`: a flexible worker's medical insurance under the baseline and reforms."""

import typer

from .. import default_system
from ..analysis import charts
from ..analysis import medical_comparison as engine
from ..analysis.reform_files import compose, resolve
from ..core import i18n, regions
from . import language
from .compare import reform_titles
from .language import t
from .output import check_format, render


def medical(
    region: str = typer.Option("jinan", "--region", help="Region key or GB/T 2260 code."),
    year: int = typer.Option(..., "--year", help="The year of the contributions and of the stay."),
    cost: float = typer.Option(..., "--cost", help="Eligible cost of one inpatient stay, yuan."),
    scheme: str = typer.Option("pooling_only", "--scheme", help="full_scheme or pooling_only (单建统筹)."),
    hospital_level: int = typer.Option(3, "--hospital-level", help="1, 2 or 3."),
    stay: int = typer.Option(1, "--stay", help="Which stay of the year (1, 2, 3...)."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform (e.g. medical_pooling_only); repeat to compare several."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
    chart: str = typer.Option(None, "--chart", help="Also write a chart (.png, .jpg, .svg or .pdf) of the out-of-pocket cost against the stay's cost."),
):
    """A flexible worker's year of medical contributions and one inpatient stay, baseline
    against reforms (the seed's proposal 4: reforms/medical_pooling_only.yaml)."""
    check_format(fmt)
    charts.check_path(chart)
    case = {"region": region, "year": year, "cost": cost, "scheme": scheme, "hospital_level": hospital_level, "stay": stay}
    reforms = [(name, compose(*(resolve(part) for part in name.split("+")))) for name in reform or []]
    labels, rows = engine.compare(default_system(), reforms, case)
    columns = [column for label in labels for column in ([label] if label == "baseline" else [label, f"Δ {label}"])]
    readable = fmt in ("table", "markdown")
    lang = language.current()
    if readable:  # for people: in the run's language, reforms by their names
        names = reform_titles(reform, labels[1:])
        header = [t("medical.measure")] + [f"Δ {names[column[2:]]}" if column.startswith("Δ ") else names[column] for column in columns]
    else:  # csv and json: keys for scripts
        header = ["measure"] + columns
    # A row without a column (the Δ of a yes or no) is an empty cell; a None, a term of a scheme the person is not in: n/a.
    table = [[i18n.half(row["label"], lang) if readable else row["measure"]]
             + [_cell(row.get(column, "" if readable else None), readable) for column in columns] for row in rows]
    info = regions.BY_KEY[regions.resolve(region)]
    title = t("medical.title", region=info.name_zh if lang == "zh" else info.name_en, year=year, cost=cost)
    typer.echo(render(title, header, table, fmt), nl=False)
    outside = engine.not_insured(labels, rows)
    if outside and readable:  # csv and json stay data: their n/a is an empty cell or null
        typer.echo("\n" + t("medical.not_insured", systems="、".join(names[label] for label in outside) if lang == "zh"
                              else ", ".join(names[label] for label in outside)))
    if readable:  # unmarked figures read official elsewhere: say these carry no status (the chart says so too)
        typer.echo(i18n.text("chart.status_not_shown", lang))
    if chart:
        engine.chart(default_system(), reforms, case, chart, lang=lang)
        typer.echo(t("written", path=chart), err=True)


def _cell(value, readable):
    """A figure for people (yes or no, yuan to the fen, n/a where the person is not in the
    scheme), or as it is for csv and json (None: n/a)."""
    if value is None:
        return t("not_available") if readable else None
    if isinstance(value, bool):
        return t("yes" if value else "no") if readable else value
    if isinstance(value, float) and readable:
        return f"{value:,.2f}"
    return value
