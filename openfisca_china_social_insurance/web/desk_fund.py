"""POST /desk/fund: a built-in fund spec (shandong-employees) year by year, baseline against
built-in reforms, as `shebao population --synthetic NAME --fund FIRST:LAST -r ...` prints it.

The projection is the command line's (analysis/fund_run in this process, analysis/fund,
analysis/fund_report's tables and chart in the request's language): the page shows the
tables as the command line's screen prints them (persons in 万人, money in 亿元, each year's
data status), and the chart as SVG. A reform is a built-in one by its name: the fund's
scenarios are built from names (fund_run.system_for), so changed knobs or a pasted file are
refused naming the command line, which takes a reform file.
"""

import io
import tempfile
from pathlib import Path

from ..analysis import fund as fund_flows
from ..analysis import charts, fund_report, fund_run, reform_files
from ..analysis import synthetic as synthetic_populations
from ..api import population_columns
from ..core import i18n
from ..core.errors import InputError
from .body import choice, json_object

#: The years the page offers by default, and the longest projection it runs (a request runs in
#: the server's worker: 2025-2060 takes about 3 s with two reforms).
DEFAULT_YEARS = (2025, 2060)
MAX_YEARS = 80
PARTITION_ROWS = 250_000


def fund_specs():
    """The built-in populations that are fund specs (counts and averages by year)."""
    return sorted(name for name in synthetic_populations.built_in() if synthetic_populations.is_fund_spec(synthetic_populations.load(name)))


def _year(value, field):
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError.of("not_a_year", field=i18n.Named(field), value=value, example=DEFAULT_YEARS[0]).at(field)
    return value


def _reforms(specs):
    if not isinstance(specs, list) or len(specs) > 5:
        raise InputError.of("fund_reforms_list", value=specs).at("reforms")
    known = reform_files.known_names()
    for number, spec in enumerate(specs):
        if not isinstance(spec, str) or spec not in known:
            raise InputError.of("fund_reform", field=f"reforms[{number}]", value=spec, allowed=", ".join(known)).at(f"reforms[{number}]")
    if len(set(specs)) < len(specs):
        raise InputError.of("fund_reform_twice", value=specs).at("reforms")
    return specs


def fund_view():
    """{population, description, first, last, systems, tables: {system: {header, cells}},
    changes: {reform: {header, cells}}, status: [one a year], chart: SVG text}."""
    body = json_object({"population", "reforms", "assumptions", "first", "last", "lang"}, required=("population",))
    name = choice(body["population"], "population", fund_specs())
    lang = choice(body.get("lang", "zh"), "lang", i18n.LANGS)
    assumptions = choice(body.get("assumptions") or "central", "assumptions", list(reform_files.ASSUMPTION_SETS))
    first, last = _year(body.get("first", DEFAULT_YEARS[0]), "first"), _year(body.get("last", DEFAULT_YEARS[1]), "last")
    if not first <= last < first + MAX_YEARS:
        raise InputError.of("fund_last", last=last, first=first, most=first + MAX_YEARS - 1).at("last")
    reforms = _reforms(body.get("reforms", []))
    spec = synthetic_populations.load(name)
    scenarios = [("baseline", None)] + [(reform, reform) for reform in reforms]
    systems = {label: fund_run.scenario_system(reform, assumptions) for label, reform in scenarios}
    try:
        fund_flows.check_years(systems["baseline"].parameters, first, last)
    except InputError as error:
        error.field = error.field or "first"
        raise
    with tempfile.TemporaryDirectory() as folder:
        records, _ = synthetic_populations.fund_population(spec)
        path = population_columns.write(records, Path(folder) / "population.parquet", PARTITION_ROWS)
        flows = fund_run.run(path, scenarios, first, last, assumptions, PARTITION_ROWS, cluster=None, workers=0)
    projections = {}
    for label, _ in scenarios:
        total = flows[label]
        if "stock" in spec:
            total = {**total, **fund_flows.stock_flows(spec["stock"], systems[label].parameters, first, last)}
        projections[label] = fund_flows.projection(total, systems[label], first, last, float(spec.get("opening_balance", 0)))
    region = population_columns.regions.Region[spec["region"]].index
    status = fund_report.statuses(systems["baseline"], projections["baseline"], [region], spec)
    tables = {label: dict(zip(("header", "cells"), fund_report.table(rows, status, "table", lang))) for label, rows in projections.items()}
    changes = {label: dict(zip(("header", "cells"), fund_report.changes(projections["baseline"], rows, "table", lang)))
               for label, rows in projections.items() if label != "baseline"}
    svg = io.BytesIO()
    figure = fund_report.draw(projections, name, assumptions, status, lang)
    try:
        figure.savefig(svg, format="svg")
    finally:
        charts.pyplot().close(figure)
    return {
        "population": name, "description": spec.get("description", ""), "first": first, "last": last, "assumptions": assumptions,
        "systems": list(projections), "tables": tables, "changes": changes, "status": status, "chart": svg.getvalue().decode(),
    }
