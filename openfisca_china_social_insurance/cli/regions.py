"""`shebao regions ...`: the region hierarchy, where a region departs from the level
above (since when, on what legal basis), and what that does to the same person."""

import math
from datetime import date as Date

import typer

from ..analysis import region_comparison as region_compare
from ..analysis import charts, region_rules, status_marks
from ..core import i18n, regions
from ..core.errors import InputError
from . import language
from .compare import person_name
from .language import t
from .output import check_format, render
from .pension import ASSUMPTIONS_HELP, load_profiles, system_with

app = typer.Typer(
    help="Regions: hierarchy, regional rules that differ from the level above, and side-by-side comparisons.",
    no_args_is_help=True,
)

DATE_HELP = "Date the rules are read at, YYYY-MM-DD (default: today)."
FORMAT_HELP = "table, csv, markdown or json."


def _name(key, lang=None):
    """A region for people: its name in `lang` and its key (the key alone in csv and json)."""
    info = regions.BY_KEY[key]
    if lang is None:
        return key
    return f"{info.name_zh if lang == 'zh' else info.name_en} ({key})"


def _value(value, unit, fmt, lang):
    """Raw values in csv/json (for spreadsheets and scripts: a value no level sets is an empty
    cell, or null), readable ones in table/markdown."""
    if fmt == "json":
        return value
    if fmt == "csv":
        return "" if value is None else value
    return region_rules.format_value(value, unit, lang)


def _money(value, unit):
    """A figure of `regions compare` for people, in the run's language."""
    if isinstance(value, bool):
        return t("yes" if value else "no")
    if isinstance(value, float) and math.isnan(value):
        return t("not_available")  # not known for this profile (contributions of a profile without a career)
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
        if fmt == "json" or isinstance(value, bool):
            return value
        if isinstance(value, float) and unit and unit.startswith("currency"):
            return f"{value:.2f}"
        if isinstance(value, float):
            return f"{value:.4f}".rstrip("0").rstrip(".")
        return "" if value is None else str(value)

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


def _header(keys, fmt):
    """The header of a table: its keys in csv and json, their texts (text.regions.columns) for people."""
    return list(keys) if fmt in ("csv", "json") else [t(f"regions.columns.{key}") for key in keys]


@app.command("list")
def list_regions(fmt: str = typer.Option("table", "--format", help=FORMAT_HELP)):
    """Every region: pinyin key, GB/T 2260 code, names in Chinese and English, level, and the level it falls back to."""
    check_format(fmt)
    if fmt in ("csv", "json"):
        header = ["key", "code", "name_zh", "name_en", "level", "parent"]
        rows = [[i.key, i.code, i.name_zh, i.name_en, i.level, i.parent or ""] for i in regions.REGIONS]
    else:
        header = _header(("key", "code", "name", "level", "parent"), fmt)
        zh = language.current() == "zh"
        rows = [[i.key, i.code, i.name_zh if zh else i.name_en, t(f"regions.levels.{i.level}"), i.parent or ""] for i in regions.REGIONS]
    _print(t("regions.list_title"), header, rows, fmt)


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
    data = fmt in ("csv", "json")
    lang = "en" if data else language.current()
    header = ["parameter", "label", "region", "value", "parent", "parent_value", "since", "status", "reference", "link"]
    if not data:
        header = _header([key if key != "parent" else "level_above" for key in header], fmt)
    rows = []
    for d in found:
        parent_value = _value(d.parent_value, d.unit, fmt, lang)
        if d.parent_source and d.parent_source != d.parent and not data:
            parent_value = t("regions.from_source", value=parent_value, source=d.parent_source)
        rows.append([
            d.path, d.label if data else i18n.half(d.label, lang), _name(d.region, None if data else lang), _value(d.value, d.unit, fmt, lang),
            _name(d.parent, None if data else lang), parent_value,
            d.since if fmt == "json" else d.since or "",  # a time-axis value has no start: null in json
            (d.status or "") if data else status_marks.name(d.status or "", lang),
            region_rules.reference_titles(d.reference, d.reference_date, lang), region_rules.reference_links(d.reference),
        ])
    notes = [] if rows else [t("regions.no_departure", day=day)]
    _print(t("regions.diff_title", day=day), header, rows, fmt, notes)


@app.command("show")
def show(
    region: str = typer.Argument(..., help="Region key or GB/T 2260 code, e.g. jinan or 370100."),
    date: str = typer.Option(None, "--date", help=DATE_HELP),
    fmt: str = typer.Option("table", "--format", help=FORMAT_HELP),
):
    """Every regional parameter's value for REGION on DATE, and the level it comes from (fallback made visible)."""
    check_format(fmt)
    day = region_rules.parse_date(_today() if date is None else date).isoformat()
    data = fmt in ("csv", "json")
    lang = "en" if data else language.current()
    found = region_rules.show(region, day, lang=lang)
    key = regions.resolve(region)
    if data:
        header = ["parameter", "label", "value", "set_by", "inherited", "since", "status", "reference", "fallback_chain"]
    else:
        header = _header(("parameter", "label", "value", "set_by", "since", "status", "reference", "fallback_chain"), fmt)
    rows = []
    for e in found:
        if data:
            source = [e.source.replace(" ", "_") if e.source == region_rules.TIME_AXIS else e.source, e.inherited if e.source else None]
            if fmt == "csv":
                source = ["" if value is None else value for value in source]
        elif e.source is None:
            source = [t("regions.source.none")]
        elif e.source == region_rules.TIME_AXIS:
            source = [t("regions.source.time_axis")]
        else:
            source = [t("regions.source.inherited" if e.inherited else "regions.source.own", region=e.source)]
        rows.append([
            e.path, e.label if data else i18n.half(e.label, lang), _value(e.value, e.unit, fmt, lang), *source, e.since or "",
            (e.status or "") if data else status_marks.name(e.status or "", lang),
            region_rules.reference_titles(e.reference, e.reference_date, lang), e.chain,
        ])
    info = regions.BY_KEY[key]
    title = t("regions.show_title", name=info.name_zh if language.current() == "zh" else info.name_en, region=key, code=info.code, day=day)
    _print(title, header, rows, fmt)


@app.command("explain")
def explain(
    parameter: str = typer.Argument(..., help="Regional parameter path, e.g. pension.contribution.flexible_worker_rate (or its last part)."),
    region: str = typer.Argument(..., help="Region key or GB/T 2260 code."),
    date: str = typer.Option(None, "--date", help=DATE_HELP),
):
    """The fallback chain of one parameter for one region: who sets the value, since when, on what basis."""
    day = region_rules.parse_date(_today() if date is None else date).isoformat()
    typer.echo(region_rules.explain(parameter, region, day, lang=language.current()))


@app.command("compare")
def compare(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py); each person is moved to each region."),
    regions_option: str = typer.Option(..., "--regions", help="Comma-separated region keys, codes or names, e.g. shandong,370100,guangdong or 山东，济南、潍坊."),
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
        raise InputError.of("regions_compare_inputs")
    cells = {}
    if grid is not None:
        from ..analysis import grids

        spec = grids.load_grid(grid)
        profiles, cells = grids.grid_profiles(spec), grids.grid_cells(spec)
    else:
        profiles = load_profiles(profile_file)
    result = region_compare.compare(profiles, regions_option, date=date, system=system_with(assumptions))
    readable = fmt in ("table", "markdown")
    lang = language.current()
    header, rows = region_compare.table_rows(result, _money if readable else _data(fmt), marks=readable, lang=lang if readable else None)
    if readable and len(result.persons) > 1:  # a grid's cells named in the run's language
        rows = [[person_name(row[0], cells), *row[1:]] for row in rows]
    notes = region_compare.footnotes(result, lang if readable else "en")
    if readable:
        notes = [status_marks.legend(lang)] + ([t("regions.no_data_intro")] + notes if notes else [])
        _print(t("regions.compare_title"), header, rows, fmt, notes)
    else:  # a note row in the column of the region (and person) it explains: a script reading one region's column reads its notes
        several = len(result.persons) > 1
        if notes:
            rows.append(([""] if several else []) + ["note", i18n.text("regions.no_data_intro", "en")] + [""] * (len(result.regions) - 1))
        for (_, person, key, _), text in zip(result.notes, notes):
            rows.append(([person] if several else []) + ["note"] + [text if region == key else "" for region in result.regions])
        _print(t("regions.compare_title"), header, rows, fmt)
    if chart is not None:
        region_compare.chart(result, chart, lang=lang)  # an unwritable path is an InputError (analysis/charts.save)
        typer.echo(t("written", path=chart), err=True)
