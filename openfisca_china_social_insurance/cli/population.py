"""`shebao population`: a population file through the model, baseline against reforms."""

import json

import typer

from .. import default_system
from ..analysis import population_impact
from ..analysis import synthetic as synthetic_populations
from ..analysis.charts import check_path as check_chart_path
from ..api import population_files
from ..core.errors import InputError
from . import language, population_fund
from .compare import labelled_reforms
from .language import t
from .output import check_format, progress, render


def population(
    population_file: str = typer.Argument(None, help="A .parquet or .csv population file (columns: see api/population_files.py)."),
    synthetic: str = typer.Option(None, "--synthetic", help="Instead of a file: a synthetic population from published counts (seed-flexible-workers, or a spec YAML)."),
    year: int = typer.Option(None, "--year", help="Also the contributions of this year: paid, to the accounts, to pooling."),
    reform: list[str] = typer.Option(None, "--reform", "-r", help="A reform to compare with the baseline; repeat for several."),
    output: str = typer.Option(None, "--output", help="Also write each person's results to this .parquet or .csv file (atomically)."),
    chunk_size: int = typer.Option(10000, "--chunk-size", help="Persons assessed at once (memory against speed)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
    fund_years: str = typer.Option(None, "--fund", help="Instead of each person's pension: the fund year by year, FROM:TO (e.g. 2025:2060)."),
    assumptions: str = typer.Option("central", "--assumptions", help="With --fund: low, central, high, or an assumption file."),
    workers: int = typer.Option(0, "--workers", help="With --fund: run on a Dask LocalCluster of this many worker processes (0: in this process)."),
    scheduler: str = typer.Option(None, "--scheduler", help="With --fund: the address of a running Dask scheduler (tcp://host:8786) instead of a LocalCluster."),
    partition_rows: int = typer.Option(250_000, "--partition-rows", help="With --fund: rows of the population file per partition (one task each)."),
    resume: str = typer.Option(None, "--resume", help="With --fund: a folder keeping finished partitions; a rerun computes only the missing ones."),
    chart: str = typer.Option(None, "--chart", help="A chart (.png, .jpg, .svg or .pdf): with --fund the balance, contributions and spending; otherwise the gainers and losers of each reform by each --by grouping, one panel each."),
    by: list[str] = typer.Option(None, "--by", help="Gainers and losers of each reform by sex, cohort, region, base_band or employment_type; repeat for several. With --fund: region (the fund of each region's insured)."),
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
    for grouping in by or []:
        if grouping not in population_impact.GROUPINGS:
            raise InputError(f"--by: {grouping!r}. Allowed: {', '.join(population_impact.GROUPINGS)}.")
    if year is not None and not 1992 <= year <= 2100:
        raise InputError(f"--year: {year}. Allowed: a year from 1992 to 2100.")
    spec = synthetic_populations.load(synthetic) if synthetic else None
    fund_only = {"--workers": workers, "--scheduler": scheduler, "--resume": resume, "--assumptions": assumptions != "central" or None,
                 "--partition-rows": partition_rows != 250_000 or None}
    given = [option for option, value in fund_only.items() if value]
    if fund_years is None and given:
        raise InputError(f"{given[0]}: used with --fund only. Allowed: add --fund FROM:TO, or leave {given[0]} out.")
    not_with_fund = [option for option, value in {"--by": [grouping for grouping in by or [] if grouping != "region"], "--year": year}.items() if value]
    if fund_years is not None and not_with_fund:
        raise InputError(f"{not_with_fund[0]}: not used with --fund (the fund table is by year; --by region splits it by region). Allowed: leave {not_with_fund[0]} out, or run without --fund.")
    if fund_years is None and chart and not (by and reform):
        raise InputError("--chart: without --fund it draws the gainers and losers of a reform. Allowed: with --by and -r, or with --fund.")
    if fund_years is not None:
        return population_fund.fund(population_file, spec, fund_years, reform or [], assumptions, workers, scheduler, partition_rows, resume, chart, output, chunk_size, fmt,
                                    by_region="region" in (by or []))
    if synthetic_populations.is_fund_spec(spec):  # counts and averages by year: no persons to assess one by one
        raise InputError(f"--synthetic {synthetic}: a fund spec (in_work, counts by year). Allowed: add --fund FROM:TO, "
                         f"or a person-by-person population such as seed-flexible-workers.")
    rows = synthetic_populations.rows(spec) if spec else population_files.read(population_file)
    reforms = labelled_reforms(reform)
    with progress() as bar:
        task = bar.add_task("assessing", total=None)
        labels, records, totals = population_impact.run(
            rows, default_system(), reforms, chunk_size, progress=lambda done, total: bar.update(task, completed=done, total=total), year=year
        )
    if len(records) != len(rows):  # never a lost row
        raise InputError(f"population {synthetic or population_file}: {len(rows)} rows in, {len(records)} out.")
    if output:
        population_files.write(records, output)
        typer.echo(f"{len(records)} persons written to {output}", err=True)
    measures = list(population_impact.MEASURES)
    if year:
        measures += [f"contributions_{year}", f"account_credits_{year}", f"pooling_{year}", f"contributions_unknown_{year}"]
    header = ["measure 指标"] + labels
    shown = _on_screen if fmt in ("table", "markdown") else (lambda measure, value: value)
    named = population_impact.for_people if fmt in ("table", "markdown") else (lambda measure: measure)  # csv and json keep the keys
    table = [[named(measure)] + [shown(measure, totals[label].get(measure, "")) for label in labels] for measure in measures]
    source = synthetic or population_file
    # csv and json are one document each: csv the totals alone, json every table by name.
    document = {"population": [dict(zip(header, line)) for line in table]}
    if fmt != "json":
        typer.echo(render(f"人口测算 Population: {source} ({len(rows)} rows)", header, table, fmt), nl=False)
    if spec:
        coverage = [[region, f"{total:,}", f"{insured:,}", f"{share:.1%}", status] for region, total, insured, share, status in synthetic_populations.coverage(spec)]
        coverage_keys = ["region", "flexible workers", "insured", "coverage", "status"]  # json's, for scripts
        document["coverage"] = [dict(zip(coverage_keys, line)) for line in coverage]
        if fmt not in ("csv", "json"):
            header = ["region 地区", "flexible workers 灵活就业人员", "insured 参保人数", "coverage 参保率", "status 数据状态"]
            typer.echo(render("参保率 Coverage (the spec's counts)", header, coverage, fmt), nl=False)
    groupings = by or []
    for label in labels[1:]:
        for grouping in groupings:
            groups = population_impact.by_group(rows, records, label, grouping)
            header = [grouping, "persons 人数", "gainers 受益", "losers 受损", "mean monthly change 月均变化"]  # json's keys, for scripts
            document.setdefault("gainers_and_losers", {}).setdefault(label, {})[grouping] = [dict(zip(header, list(group))) for group in groups]
            if fmt not in ("csv", "json"):  # for people: in the language of the run
                header = [t(f"population.groupings.{grouping}")] + [t(f"population.{column}") for column in BY_COLUMNS]
                cells = [[_group_name(grouping, name), *map(_on_screen, BY_MEASURES, figures)] for name, *figures in groups]
                title = t("population.by_title", label=label, grouping=t(f"population.groupings.{grouping}"))
                typer.echo(render(title, header, cells, fmt), nl=False)
    if fmt == "json":
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif fmt == "csv" and len(document) > 1:
        typer.echo("csv holds the totals; the coverage and the gainers and losers by group are in --format json, table or markdown.", err=True)
    if chart and groupings and len(labels) > 1:  # every reform by every grouping: one panel each
        population_impact.chart(rows, records, labels, groupings, check_chart_path(chart), lang=language.current())
        typer.echo(f"chart written to {chart}: {len(labels) - 1} reform(s) x {len(groupings)} grouping(s), one panel each", err=True)
    refused = sum(1 for record in records if any(record[f"refused [{label}]"] for label in labels))
    if refused:
        typer.echo(f"{refused} row(s) refused by the model are left out of the totals; the reason is in each row's 'refused [system]' column (--output).", err=True)
    unknown = sum(1 for record in records if any(record.get(f"contributions refused [{label}]") for label in labels))
    if unknown:
        typer.echo(f"{unknown} row(s) have no contributions for {year} that the model can compute (their pension is assessed): they are left out of "
                   f"the year's contributions and counted in contributions_unknown_{year}; the reason is in 'contributions refused [system]' (--output).", err=True)



#: The columns of a --by table after the group (core/messages.yaml, text.population) and how each is shown (_on_screen).
BY_COLUMNS = ("persons", "gainers", "losers", "mean_change")
BY_MEASURES = ("persons", "gainers", "losers", "mean_pension")


def _group_name(grouping, group):
    """A group of --by as a table names it, in the language of the run (population_impact.group_name)."""
    return population_impact.group_name(grouping, group, language.current())


def _on_screen(measure, value):
    """A table's cell: yuan to the fen with separators, persons as a count (weights may be fractional)."""
    if value == "" or value is None:
        return ""
    if population_impact.is_count(measure):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{value:,.2f}"
