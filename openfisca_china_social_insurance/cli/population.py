"""`shebao population`: a population file through the model, baseline against reforms."""

import typer

from .. import default_system
from ..analysis import population_impact
from ..analysis.reform_files import compose, resolve
from ..api import population_files
from ..core.errors import InputError
from .output import check_format, render


def population(
    population_file: str = typer.Argument(..., help="A .parquet or .csv population file (columns: see api/population_files.py)."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform to compare with the baseline; repeat for several."),
    output: str = typer.Option(None, "--output", help="Also write each person's results to this .parquet or .csv file (atomically)."),
    chunk_size: int = typer.Option(10000, "--chunk-size", help="Persons assessed at once (memory against speed)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
):
    """Weighted totals of a population (persons, pensioners, monthly spending, refunds) and,
    for each reform, the gainers, the losers and the change in spending."""
    check_format(fmt)
    if chunk_size < 1:
        raise InputError(f"--chunk-size: {chunk_size}. Allowed: 1 or more persons.")
    if output is not None and not output.endswith((".parquet", ".csv")):
        raise InputError(f"--output: {output!r}. Allowed: a .parquet or .csv path.")
    rows = population_files.read(population_file)
    reforms = [(name, compose(*(resolve(part) for part in name.split("+")))) for name in reform or []]
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("assessing", total=None)
        labels, records, totals = population_impact.run(
            rows, default_system(), reforms, chunk_size, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    if len(records) != len(rows):  # never a lost row
        raise InputError(f"population file {population_file}: {len(rows)} rows in, {len(records)} out.")
    if output:
        population_files.write(records, output)
        typer.echo(f"{len(records)} persons written to {output}", err=True)
    measures = ["persons", "pensioners", "monthly_spending", "mean_pension", "refunds", "gainers", "losers", "monthly_spending_change", "refused_rows"]
    header = ["measure 指标"] + labels
    table = [[measure] + [totals[label].get(measure, "") for label in labels] for measure in measures]
    typer.echo(render(f"人口测算 Population: {population_file} ({len(rows)} rows)", header, table, fmt), nl=False)
    refused = sum(1 for record in records if any(record[f"refused [{label}]"] for label in labels))
    if refused:
        typer.echo(f"{refused} row(s) refused by the model are left out of the totals; the reason is in each row's 'refused [system]' column (--output).", err=True)
