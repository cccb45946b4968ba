"""`shebao population`: a population file through the model, baseline against reforms."""

import json

import typer

from .. import default_system
from ..analysis import population_impact, status_marks
from ..analysis import synthetic as synthetic_populations
from ..analysis.charts import check_path as check_chart_path
from ..api import population_files
from ..core import i18n
from ..core.errors import InputError
from . import language, population_fund
from .compare import labelled_reforms, reform_titles
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
        raise InputError.of("population_chunk_size", value=chunk_size)
    if output is not None and not output.endswith((".parquet", ".csv")):
        raise InputError.of("population_output", value=output)
    if (population_file is None) == (synthetic is None):
        raise InputError.of("population_inputs")
    for grouping in by or []:
        if grouping not in population_impact.GROUPINGS:
            raise InputError.of("population_by", value=grouping, allowed=", ".join(population_impact.GROUPINGS))
    if year is not None and not 1992 <= year <= 2100:
        raise InputError.of("population_year", value=year)
    spec = synthetic_populations.load(synthetic) if synthetic else None
    fund_only = {"--workers": workers, "--scheduler": scheduler, "--resume": resume, "--assumptions": assumptions != "central" or None,
                 "--partition-rows": partition_rows != 250_000 or None}
    given = [option for option, value in fund_only.items() if value]
    if fund_years is None and given:
        raise InputError.of("fund_only", option=given[0])
    not_with_fund = [option for option, value in {"--by": [grouping for grouping in by or [] if grouping != "region"], "--year": year}.items() if value]
    if fund_years is not None and not_with_fund:
        raise InputError.of("not_with_fund", option=not_with_fund[0])
    if fund_years is None and chart and not (by and reform):
        raise InputError.of("population_chart")
    if fund_years is not None:
        return population_fund.fund(population_file, spec, fund_years, reform or [], assumptions, workers, scheduler, partition_rows, resume, chart, output, chunk_size, fmt,
                                    by_region="region" in (by or []))
    if synthetic_populations.is_fund_spec(spec):  # counts and averages by year: no persons to assess one by one
        raise InputError.of("fund_spec_without_fund", synthetic=synthetic)
    rows = synthetic_populations.rows(spec) if spec else population_files.read(population_file)
    reforms = labelled_reforms(reform)
    with progress() as bar:
        task = bar.add_task(t("population.assessing"), total=None)
        labels, records, totals = population_impact.run(
            rows, default_system(), reforms, chunk_size, progress=lambda done, total: bar.update(task, completed=done, total=total), year=year
        )
    if len(records) != len(rows):  # never a lost row
        raise InputError(f"population {synthetic or population_file}: {len(rows)} rows in, {len(records)} out.")
    if output:
        population_files.write(records, output)
        typer.echo(t("population.persons_written", persons=i18n.count_persons(len(records), language.current()), path=output), err=True)
    measures = list(population_impact.MEASURES)
    if year:
        measures += [f"contributions_{year}", f"account_credits_{year}", f"pooling_{year}", f"contributions_unknown_{year}"]
    readable = fmt in ("table", "markdown")
    lang = language.current()
    source = synthetic or population_file
    # csv and json are one document each, with keys for scripts: csv the totals alone, json every table by name.
    document = {"population": [{"measure": measure, **{label: totals[label].get(measure) for label in labels}} for measure in measures]}
    if readable:
        names = reform_titles(reform, labels[1:])
        header = [t("population.measure")] + [names[label] for label in labels]
        decimals = _decimals([totals[label].get(measure) for measure in measures if population_impact.is_count(measure) for label in labels])
        # The pensions' totals with the mark of the weakest status they rest on, as every table marks a figure.
        statuses = {label: population_impact.pension_status(records, label, labels[0]) for label in labels}
        refunds = {label: population_impact.refund_status(records, label) for label in labels}

        def shown(measure, label):
            text = _on_screen(measure, totals[label].get(measure, ""), decimals)
            if measure == "refunds":  # the balances refunded: their own status
                return status_marks.mark(text, refunds[label])
            return status_marks.mark(text, statuses[label]) if measure in population_impact.PENSION_MEASURES else text

        table = [[population_impact.for_people(measure, lang)] + [shown(measure, label) for label in labels] for measure in measures]
        typer.echo(render(t("population.title", source=source, rows=len(rows)), header, table, fmt), nl=False)
    elif fmt == "csv":
        header = ["measure"] + labels
        typer.echo(render("", header, [[line[key] for key in header] for line in document["population"]], fmt), nl=False)
    if spec:
        coverage = synthetic_populations.coverage(spec)
        document["coverage"] = [dict(zip(COVERAGE, line)) for line in coverage]
        if readable:
            decimals = _decimals([figure for line in coverage for figure in line[1:3]])
            cells = [[_region_name(region, lang), _count(total, decimals), _count(insured, decimals), f"{share:.1%}", status_marks.name(status, lang)]
                     for region, total, insured, share, status in coverage]
            header = [t(f"population.coverage.{column}") for column in COVERAGE]
            typer.echo(render(t("population.coverage.title"), header, cells, fmt), nl=False)
    groupings = by or []
    names = reform_titles(reform, labels[1:])
    for label in labels[1:]:
        for grouping in groupings:
            groups = population_impact.by_group(rows, records, label, grouping)
            keys = [grouping, *BY_COLUMNS]  # json's keys, for scripts
            document.setdefault("gainers_and_losers", {}).setdefault(label, {})[grouping] = [dict(zip(keys, list(group))) for group in groups]
            if readable:  # for people: in the language of the run
                header = [t(f"population.groupings.{grouping}")] + [t(f"population.{column}") for column in BY_COLUMNS]
                decimals = _decimals([figure for group in groups for figure in group[1:4]])
                statuses = population_impact.group_statuses(rows, records, label, grouping)
                cells = [[_group_name(grouping, name), *(_on_screen(measure, figure, decimals) for measure, figure in zip(BY_MEASURES, figures[:-1])),
                          status_marks.mark(_on_screen("mean_pension", figures[-1], decimals), statuses.get(name))]
                         for name, *figures in groups]
                title = t("population.by_title", label=names[label], grouping=t(f"population.groupings.{grouping}"))
                typer.echo(render(title, header, cells, fmt), nl=False)
    if readable:  # what the marks on the pensions' totals mean
        typer.echo(("- " if fmt == "markdown" else "") + status_marks.legend(lang))
    if fmt == "json":
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif fmt == "csv" and len(document) > 1:
        typer.echo(t("population.csv_holds_totals"), err=True)
    if chart and groupings and len(labels) > 1:  # every reform by every grouping: one panel each
        population_impact.chart(rows, records, labels, groupings, check_chart_path(chart), lang=language.current())
        typer.echo(t("population.chart_written", path=chart, reforms=len(labels) - 1, groupings=len(groupings)), err=True)
    for column, key in (("refused", "population.refused"), ("contributions refused", "population.contributions_unknown")):
        said = _where_the_reasons_are(records, labels, names, column, key, output, year=year)
        if said:
            typer.echo(said, err=True)


def _where_the_reasons_are(records, labels, names, column, key, output, **values):
    """The line that counts the rows refused under `column` and says where their reasons are: the
    --output file's column, or without one the first row's reason (the count alone left the user
    looking for an --output file never written)."""
    refused = [record for record in records if any(record.get(f"{column} [{label}]") for label in labels)]
    if not refused:
        return None
    if output:
        return t(key, count=len(refused), path=output, **values)
    first = refused[0]
    label = next(label for label in labels if first.get(f"{column} [{label}]"))
    return t(f"{key}_first", count=len(refused), person=first["person_id"], system=names.get(label, label),
             reason=first[f"{column} [{label}]"], **values)


#: The columns of a --by table after the group: json's keys and core/messages.yaml's texts (text.population), and
#: the measure each is shown as (_on_screen).
BY_COLUMNS = ("persons", "gainers", "losers", "mean_monthly_change")
BY_MEASURES = ("persons", "gainers", "losers", "mean_pension")
#: The coverage of a synthetic population: json's keys and core/messages.yaml's texts (text.population.coverage).
COVERAGE = ("region", "flexible_workers", "insured", "coverage", "status")


def _region_name(key, lang):
    """A region as the --by tables and the chart name it (population_impact.group_name): its Chinese name in Chinese, its key in English."""
    return population_impact.group_name("region", key, lang)


def _group_name(grouping, group):
    """A group of --by as a table names it, in the language of the run (population_impact.group_name)."""
    return population_impact.group_name(grouping, group, language.current())


def _decimals(counts):
    """The decimals of the counts of one table: none where every count is a whole number of
    persons, else two for all (weights may be fractional: 20,753.50 beside 0.00, not 20,753.5 beside 0)."""
    return 0 if all(value in ("", None) or float(value).is_integer() for value in counts) else 2


def _count(value, decimals):
    return f"{value:,.{decimals}f}"


def _on_screen(measure, value, decimals=2):
    """A table's cell: yuan to the fen with separators, persons as a count with the table's decimals."""
    if value == "" or value is None:
        return ""
    if population_impact.is_count(measure):
        return _count(value, decimals)
    return f"{value:,.2f}"
