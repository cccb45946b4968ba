"""`shebao regions ...`: the region hierarchy, where a region departs from the level
above (since when, on what legal basis), and what that does to the same person."""

import math
from datetime import date as Date

import typer

from ..analysis import region_comparison as region_compare
from ..analysis import charts, region_rules, status_marks
from ..core import regions
from ..core.errors import InputError
from . import language
from .output import check_format, render
from .pension import ASSUMPTIONS_HELP, load_profiles, system_with

app = typer.Typer(
    help="地区 Regions: hierarchy, regional rules that differ from the level above, and side-by-side comparisons.",
    no_args_is_help=True,
)

DATE_HELP = "Date the rules are read at, YYYY-MM-DD (default: today)."
FORMAT_HELP = "table, csv, markdown or json."


def _name(key):
    info = regions.BY_KEY[key]
    return f"{info.name_zh} {info.name_en}"


def _value(value, unit, fmt):
    """Raw values in csv/json (for spreadsheets and scripts: a value no level sets is an empty
    cell, or null), readable ones in table/markdown."""
    if fmt == "json":
        return value
    if fmt == "csv":
        return "" if value is None else value
    return region_rules.format_value(value, unit)


def _money(value, unit):
    if isinstance(value, bool):
        return "yes 是" if value else "no 否"
    if isinstance(value, float) and math.isnan(value):
        return "n/a"  # not known for this profile (contributions of a profile without a career)
    if isinstance(value, float) and unit and unit.startswith("currency"):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return "" if value is None else str(value)


def _data(fmt):
    """A cell formatter for csv and json: numbers as numbers (money to the fen in csv, no
    thousands separator), n/a as empty (JSON null)."""

    def cell(value, unit):
        if isinstance(value, float) and math.isnan(value):
            return None
        if fmt == "json":
            return value
        if isinstance(value, float) and unit and unit.startswith("currency"):
            return f"{value:.2f}"
        return _money(value, unit)

    return cell


def _today():
    return Date.today().isoformat()


def _print(title, header, rows, fmt, notes=()):
    """The table, then its notes: under the table in table/markdown, as rows in csv/json."""
    notes = list(notes)
    if notes and fmt in ("csv", "json"):
        width = len(header)
        rows = rows + [["note", text] + [""] * (width - 2) for text in notes]
    text = render(title, header, rows, fmt)
    if notes and fmt in ("table", "markdown"):
        text += "\n" + "\n".join(("" if fmt == "table" else "- ") + note for note in notes) + "\n"
    typer.echo(text, nl=False)


@app.command("list")
def list_regions(fmt: str = typer.Option("table", "--format", help=FORMAT_HELP)):
    """Every region: pinyin key, GB/T 2260 code, names in Chinese and English, level, and the level it falls back to."""
    check_format(fmt)
    header = ["key", "code 行政区划代码", "名称", "name", "level 层级", "falls back to 上级"]
    rows = [[i.key, i.code, i.name_zh, i.name_en, i.level, i.parent or ""] for i in regions.REGIONS]
    _print("地区 Regions (GB/T 2260)", header, rows, fmt)


@app.command("diff")
def diff(
    date: str = typer.Option(None, "--date", help=DATE_HELP),
    region: str = typer.Option(None, "--region", help="Only this region (key or code)."),
    include_equal: bool = typer.Option(False, "--all", help="Also list regions that restate the value of the level above."),
    fmt: str = typer.Option("table", "--format", help=FORMAT_HELP),
):
    """Every parameter where a region departs from the level above on DATE: both values, since when, legal basis."""
    check_format(fmt)
    day = region_rules.parse_date(_today() if date is None else date).isoformat()
    found = region_rules.diff(day, region=region, include_equal=include_equal)
    header = [
        "parameter 参数", "label 说明", "region 地区", "value 本级值", "level above 上级", "level above value 上级值",
        "since 起始", "status 状态", "reference 依据", "link 链接",
    ]
    rows = []
    for d in found:
        above = f"{_name(d.parent)} ({d.parent})"
        parent_value = _value(d.parent_value, d.unit, fmt)
        if d.parent_source and d.parent_source != d.parent and fmt not in ("csv", "json"):
            parent_value = f"{parent_value} (from {d.parent_source})"
        rows.append([
            d.path, d.label, f"{_name(d.region)} ({d.region})", _value(d.value, d.unit, fmt), above, parent_value,
            d.since if fmt == "json" else d.since or "", d.status or "",  # a time-axis value has no start: null in json
            region_rules.reference_titles(d.reference, d.reference_date), region_rules.reference_links(d.reference),
        ])
    notes = [] if rows else [f"No region departs from the level above on {day}."]
    _print(f"地区差异 Regional departures on {day}", header, rows, fmt, notes)


@app.command("show")
def show(
    region: str = typer.Argument(..., help="Region key or GB/T 2260 code, e.g. jinan or 370100."),
    date: str = typer.Option(None, "--date", help=DATE_HELP),
    fmt: str = typer.Option("table", "--format", help=FORMAT_HELP),
):
    """Every regional parameter's value for REGION on DATE, and the level it comes from (fallback made visible)."""
    check_format(fmt)
    day = region_rules.parse_date(_today() if date is None else date).isoformat()
    found = region_rules.show(region, day)
    key = regions.resolve(region)
    header = ["parameter 参数", "label 说明", "value 值", "set by 设定地区", "since 起始", "status 状态", "reference 依据", "fallback chain 逐级查找"]
    rows = []
    for e in found:
        if e.source is None:
            source = "no level sets it 无"
        elif e.source == region_rules.TIME_AXIS:
            source = "time axis 时间轴 (back-cast or projected)"
        elif e.inherited:
            source = f"{e.source} (fallback 沿用上级)"
        else:
            source = f"{e.source} (own 本级)"
        rows.append([
            e.path, e.label, _value(e.value, e.unit, fmt), source, e.since or "", e.status or "",
            region_rules.reference_titles(e.reference, e.reference_date), e.chain,
        ])
    _print(f"{_name(key)} ({key}, {regions.BY_KEY[key].code}): regional rules on {day}", header, rows, fmt)


@app.command("explain")
def explain(
    parameter: str = typer.Argument(..., help="Regional parameter path, e.g. pension.contribution.flexible_worker_rate (or its last part)."),
    region: str = typer.Argument(..., help="Region key or GB/T 2260 code."),
    date: str = typer.Option(None, "--date", help=DATE_HELP),
):
    """The fallback chain of one parameter for one region: who sets the value, since when, on what basis."""
    day = region_rules.parse_date(_today() if date is None else date).isoformat()
    typer.echo(region_rules.explain(parameter, region, day))


@app.command("compare")
def compare(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py); each person is moved to each region."),
    regions_option: str = typer.Option(..., "--regions", help="Comma-separated region keys or codes, e.g. shandong,370100,guangdong."),
    grid: str = typer.Option(None, "--grid", help="Instead of a file: a grid of profiles, seed-table2 or a grid YAML file (see shebao compare)."),
    date: str = typer.Option(None, "--date", help="Retirement date to assess every variant at (default: the profile's own)."),
    fmt: str = typer.Option("table", "--format", help=FORMAT_HELP),
    chart: str = typer.Option(None, "--chart", help="Also write a PNG bar chart to this path."),
    assumptions: str = typer.Option("central", "--assumptions", help=ASSUMPTIONS_HELP),
):
    """The same person's contributions and pension, component by component, region by region."""
    check_format(fmt)
    charts.check_path(chart)
    if (profile_file is None) == (grid is None):
        raise InputError("regions compare: give a profile file or --grid (exactly one).")
    if grid is not None:
        from ..analysis import grids

        profiles = grids.grid_profiles(grids.load_grid(grid))
    else:
        profiles = load_profiles(profile_file)
    result = region_compare.compare(profiles, regions_option, date=date, system=system_with(assumptions))
    readable = fmt in ("table", "markdown")
    header, rows = region_compare.table_rows(result, _money if readable else _data(fmt), marks=readable)
    notes = region_compare.footnotes(result)
    if notes:
        notes = ["no data: the region's parameters cannot carry this profile; the model's reasons:"] + notes
    if fmt in ("table", "markdown"):
        notes = [status_marks.LEGEND] + notes
    _print("同一人员分地区比较 Same person, region by region", header, rows, fmt, notes)
    if chart is not None:
        region_compare.chart(result, chart, lang=language.current())  # an unwritable path is an InputError (analysis/charts.save)
        typer.echo(f"chart written: {chart}", err=True)
