"""`shebao population`: a population file through the model, baseline against reforms."""

import typer

from .. import default_system
from ..analysis import population_impact
from ..analysis import synthetic as synthetic_populations
from ..analysis.reform_files import compose, resolve
from ..api import population_files
from ..core.errors import InputError
from .output import check_format, render


def population(
    population_file: str = typer.Argument(None, help="A .parquet or .csv population file (columns: see api/population_files.py)."),
    synthetic: str = typer.Option(None, "--synthetic", help="Instead of a file: a synthetic population from published counts (seed-flexible-workers, or a spec YAML)."),
    year: int = typer.Option(None, "--year", help="Also the contributions of this year: paid, to the accounts, to pooling."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform to compare with the baseline; repeat for several."),
    output: str = typer.Option(None, "--output", help="Also write each person's results to this .parquet or .csv file (atomically)."),
    chunk_size: int = typer.Option(10000, "--chunk-size", help="Persons assessed at once (memory against speed)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
):
    """Weighted totals of a population (persons, pensioners, the sum of their monthly pensions
    as first assessed, refunds; with --year that year's contributions) and, for each reform,
    the gainers, the losers and the change."""
    check_format(fmt)
    if chunk_size < 1:
        raise InputError(f"--chunk-size: {chunk_size}. Allowed: 1 or more persons.")
    if output is not None and not output.endswith((".parquet", ".csv")):
        raise InputError(f"--output: {output!r}. Allowed: a .parquet or .csv path.")
    if (population_file is None) == (synthetic is None):
        raise InputError("population: give a population file or --synthetic (exactly one).")
    if year is not None and not 1992 <= year <= 2100:
        raise InputError(f"--year: {year}. Allowed: a year from 1992 to 2100.")
    spec = synthetic_populations.load(synthetic) if synthetic else None
    rows = synthetic_populations.rows(spec) if spec else population_files.read(population_file)
    reforms = [(name, compose(*(resolve(part) for part in name.split("+")))) for name in reform or []]
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("assessing", total=None)
        labels, records, totals = population_impact.run(
            rows, default_system(), reforms, chunk_size, progress=lambda done, total: bar.update(task, completed=done, total=total), year=year
        )
    if len(records) != len(rows):  # never a lost row
        raise InputError(f"population {synthetic or population_file}: {len(rows)} rows in, {len(records)} out.")
    if output:
        population_files.write(records, output)
        typer.echo(f"{len(records)} persons written to {output}", err=True)
    measures = ["persons", "pensioners", "monthly_pensions", "mean_pension", "refunds", "gainers", "losers", "monthly_pensions_change", "assessed_only_here", "refused_rows"]
    if year:
        measures += [f"contributions_{year}", f"account_credits_{year}", f"pooling_{year}"]
    header = ["measure 指标"] + labels
    table = [[measure] + [totals[label].get(measure, "") for label in labels] for measure in measures]
    source = synthetic or population_file
    typer.echo(render(f"人口测算 Population: {source} ({len(rows)} rows)", header, table, fmt), nl=False)
    if spec:
        coverage = [[region, f"{total:,}", f"{insured:,}", f"{share:.1%}", status] for region, total, insured, share, status in synthetic_populations.coverage(spec)]
        typer.echo(render("参保率 Coverage (the spec's counts)", ["region", "flexible workers", "insured", "coverage", "status"], coverage, fmt), nl=False)
    refused = sum(1 for record in records if any(record[f"refused [{label}]"] for label in labels))
    if refused:
        typer.echo(f"{refused} row(s) refused by the model are left out of the totals; the reason is in each row's 'refused [system]' column (--output).", err=True)
