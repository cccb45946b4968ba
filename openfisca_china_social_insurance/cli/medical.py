"""`shebao medical`: a flexible worker's medical insurance under the baseline and reforms."""

import typer

from .. import default_system
from ..analysis import charts
from ..analysis import medical_comparison as engine
from ..analysis.reform_files import compose, resolve
from . import language
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
    header = ["measure 项目"] + [column for label in labels for column in ([label] if label == "baseline" else [label, f"Δ {label}"])]
    readable = fmt in ("table", "markdown")
    table = [[row["label"] if readable else row["measure"]] + [_cell(row.get(column, ""), readable) for column in header[1:]] for row in rows]
    typer.echo(render(f"医疗保险 Medical insurance of a flexible worker: {region} {year}, one stay of {cost:,.2f}", header, table, fmt), nl=False)
    outside = engine.not_insured(labels, rows)
    if outside and readable:  # csv and json stay data: their n/a is an empty cell or null
        typer.echo(
            f"\n{', '.join(outside)}: 不可参保，无起付标准，统筹不支付，住院费用全部自付 The scheme is not open to the flexible worker: "
            "no deductible applies (n/a), the pooling fund pays nothing and the whole stay is left to the person."
        )
    if chart:
        engine.chart(default_system(), reforms, case, chart, lang=language.current())
        typer.echo(f"chart written to {chart}", err=True)


def _cell(value, readable):
    if value is None:  # a term of the scheme where the person is not insured
        return "n/a 不适用" if readable else None
    if isinstance(value, bool):
        return ("yes 是" if value else "no 否") if readable else value
    if isinstance(value, float) and readable:
        return f"{value:,.2f}"
    return value
