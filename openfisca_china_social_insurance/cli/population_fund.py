"""`shebao population --fund`: the fund year by year of a population file or a fund spec,
baseline against reforms (the options are read and checked in cli/population.py)."""

import json

import typer

from ..analysis import synthetic as synthetic_populations
from ..analysis.charts import check_path as check_chart_path
from ..api import population_files
from ..core.errors import InputError
from . import language
from .compare import labelled_reforms, reform_titles
from .language import t
from .output import progress, render


def fund(population_file, spec, years, reforms, assumptions, workers, scheduler, partition_rows, resume, chart, output, chunk_size, fmt, by_region=False):
    """The fund year by year of a population file or a fund spec, baseline against reforms."""
    import tempfile
    from pathlib import Path

    from ..analysis import fund as fund_flows
    from ..analysis import fund_report, fund_run
    from ..api import population_columns

    first, last = _years(years)
    check_chart_path(chart)
    if workers < 0:
        raise InputError.of("fund_workers", value=workers)
    if spec is not None and not synthetic_populations.is_fund_spec(spec):
        raise InputError.of("fund_spec", name=spec.get("name"))
    lang = language.current()
    # (label, what was given): workers build each scenario's system from what was given; a bad reform is refused here, before any work.
    scenarios = [("baseline", None)] + [(label, spec) for (label, _), spec in zip(labelled_reforms(reforms), reforms)]
    systems = {label: fund_run.scenario_system(reform, assumptions) for label, reform in scenarios}
    fund_flows.check_years(systems["baseline"].parameters, first, last)
    cluster = scheduler or ("local" if workers else None)
    machine = fmt in ("csv", "json")  # one document: csv the projection rows, json every table
    document = {"calibration": None, "projection": [], "changes": {}, "published": None}
    with tempfile.TemporaryDirectory() as folder:
        if spec is not None:
            records, fit = synthetic_populations.fund_population(spec)
            population_file = population_columns.write(records, Path(folder) / "population.parquet", partition_rows)
            fit_header, fit_cells = fund_report.calibration(fit, fmt, lang)
            if machine:
                document["calibration"] = [dict(zip(fit_header, line)) for line in fit_cells]
            else:
                typer.echo(render(t("fund.calibration.title"), fit_header, fit_cells, fmt), nl=False)
        with progress() as bar:
            task = bar.add_task(t("fund.partitions"), total=None)
            flows = fund_run.run(population_file, scenarios, first, last, assumptions, partition_rows, cluster, workers,
                                 resume, lambda done, total: bar.update(task, completed=done, total=total), chunk_size)
    system = systems["baseline"]
    regions = [population_columns.regions.Region[spec["region"]].index] if spec else population_columns.regions_of(population_file)
    projections = {}
    for label, _ in scenarios:
        total = flows[label]
        if spec is not None and "stock" in spec:
            total = {**total, **fund_flows.stock_flows(spec["stock"], systems[label].parameters, first, last)}
        opening = float(spec.get("opening_balance", 0)) if spec else 0.0
        projections[label] = fund_flows.projection(total, systems[label], first, last, opening)
    status = fund_report.statuses(system, projections["baseline"], regions, spec)
    source = spec["name"] if spec else population_file
    names = reform_titles(reforms, [label for label, _ in scenarios[1:]])
    assumed = t(f"fund.assumptions.{assumptions}") if assumptions in ("low", "central", "high") else assumptions

    def show(title, header, cells, scenario, region="all"):
        if machine:  # each row names its scenario and region: one table whatever the options
            document["projection"] += [{"scenario": scenario, "region": region, **dict(zip(header, line))} for line in cells]
        else:
            typer.echo(render(title, header, cells, fmt), nl=False)

    for label, rows in projections.items():
        show(t("fund.title", source=source, scenario=names[label], assumptions=assumed), *fund_report.table(rows, status, fmt, lang), label)
        if label != "baseline":
            header, cells = fund_report.changes(projections["baseline"], rows, fmt, lang)
            if machine:
                document["changes"][label] = [dict(zip(header, line)) for line in cells]
            else:
                typer.echo(render(t("fund.changes_title", scenario=names[label]), header, cells, fmt), nl=False)
            if rows == projections["baseline"]:
                typer.echo(t("fund.no_change", scenario=names[label], first=first, last=last), err=True)
    if by_region:  # each region's insured (earlier pensioners of a spec's stock are in the total only)
        for label, _ in scenarios:
            for key in fund_flows.regions_in(flows[label]):
                rows = fund_flows.projection(flows[label], systems[label], first, last, region=key)
                header, cells = fund_report.table(rows, fund_report.statuses(system, rows, [population_columns.regions.Region[key].index], spec), fmt, lang)
                info = population_columns.regions.BY_KEY[key]
                region = info.name_zh if lang == "zh" else info.name_en
                show(t("fund.title_region", source=source, scenario=names[label], region=region), header, cells, label, key)
    if spec is not None and spec.get("published"):
        header, cells = fund_report.reality(projections["baseline"], spec["published"], fmt, lang)
        if machine:
            document["published"] = [dict(zip(header, line)) for line in cells]
        else:
            typer.echo(render(t("fund.published.title"), header, cells, fmt), nl=False)
    if fmt == "json":
        typer.echo(json.dumps({key: value for key, value in document.items() if value}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        rows = document["projection"]
        typer.echo(render("", list(rows[0]), [list(row.values()) for row in rows], fmt), nl=False)
        if any(document[key] for key in ("calibration", "changes", "published")):
            typer.echo(t("fund.csv_holds_projection"), err=True)
    if output:
        population_files.write([{"scenario": label, **row} for label, rows in projections.items() for row in rows], output)
        typer.echo(t("fund.projection_written", path=output), err=True)
    if chart:
        fund_report.chart(projections, chart, source, assumptions, status, lang=lang)
        typer.echo(t("written", path=chart), err=True)


def _years(text):
    try:
        first, last = (int(part) for part in str(text).split(":"))
    except ValueError:
        raise InputError.of("fund_years", value=text) from None
    return first, last
