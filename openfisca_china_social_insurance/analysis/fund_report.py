"""The fund projection shown: a table a year per scenario (yuan and persons exact in CSV
and JSON, 亿元 and 万人 on screen), the reform's change against the baseline, the status
of each year, and a chart of the balance, contributions and spending (a panel each).
"""

from ..core import i18n
from . import fund, status_marks
from .status_marks import weakest

#: (field, unit): a key of csv and json (in persons or yuan, exact), named on screen by
#: core/messages.yaml (text.fund.columns) in 万人 (10,000 persons) or 亿元 (100 million yuan).
COLUMNS = (
    ("contributors", "persons"),
    ("pensioners", "persons"),
    ("new_pensioners", "persons"),
    ("stock_pensioners", "persons"),
    ("dependency_ratio", ""),
    ("contributions", "yuan"),
    ("account_credits", "yuan"),
    ("pooling_contributions", "yuan"),
    ("basic_pension", "yuan"),
    ("account_pension", "yuan"),
    ("transitional_pension", "yuan"),
    ("other_pension", "yuan"),
    ("stock_pension", "yuan"),
    ("refunds", "yuan"),
    ("spending", "yuan"),
    ("balance", "yuan"),
)
#: The scale of a unit on screen (万人, 亿元).
SCALE = {"persons": 1e4, "yuan": 1e8, "": 1}
#: The changes of a reform against the baseline: (key, the projection's field).
CHANGES = (("contributions_change", "contributions"), ("spending_change", "spending"), ("balance_change", "balance"))
#: The columns a screen (table, markdown) shows; CSV and JSON carry them all.
ON_SCREEN = ("contributors", "pensioners", "dependency_ratio", "contributions", "pooling_contributions", "spending", "balance")


def statuses(system, rows, regions, spec=None):
    """The status of each year's figures, the weakest of what they rest on: the regions'
    average wages of the year (contributions), the uprating of the year and the life table
    (spending), and for a synthetic population the spec's own statuses (its counts, its
    stock, its opening balance) and its behaviour (an assumption: projected)."""
    from ..core import lookup

    years = [row["year"] for row in rows]
    contributions = fund.contribution_statuses(system, years, regions)
    _, upratings = fund.uprating_rates(system.parameters, years)
    mortality = system.parameters.projection.mortality.male.metadata["status"]
    given = []
    if spec is not None:
        given = [spec["in_work"].get("status"), spec.get("opening_balance_status"), "projected"]
        given += [spec["stock"].get("status")] if "stock" in spec else []
    return [weakest([paid, lookup.STATUSES[int(code)], mortality, *given]) for paid, code in zip(contributions, upratings)]


def _column(field, unit, lang):
    """A column's name on screen, with its unit (万人, 亿元)."""
    label = i18n.text(f"fund.columns.{field}", lang)
    return i18n.text("fund.with_unit", lang, label=label, unit=i18n.text(f"fund.units.{unit}", lang)) if unit else label


def table(rows, status, fmt, lang="en"):
    """(header, cells) of one scenario: exact in csv/json under keys (COLUMNS: persons and
    yuan), scaled and named in `lang` on screen."""
    exact = fmt in ("csv", "json")
    present = [column for column in COLUMNS if column[0] in rows[0] and (exact or column[0] in ON_SCREEN)]
    if exact:
        header = ["year"] + [field for field, _ in present] + ["status"]
    else:
        header = [i18n.text("fund.columns.year", lang)] + [_column(field, unit, lang) for field, unit in present]
        header += [i18n.text("fund.columns.status", lang)]
    cells = []
    for row, year_status in zip(rows, status):
        line = [row["year"]]
        for field, unit in present:
            value = row[field]
            if value is None:
                line.append(None if exact else i18n.text("not_available", lang))
            elif exact:
                line.append(value)
            else:
                line.append(_scaled(value, SCALE[unit]) if unit else f"{value:.4f}")
        cells.append(line + [year_status if exact else status_marks.name(year_status, lang)])
    return header, cells


def reality(rows, published, fmt="table", lang="en"):
    """(header, cells): each published aggregate beside the model's first year, with the
    model's value as a share of the published one where the spec names the measure compared.
    Keys and exact figures in csv/json; on screen in `lang` (an item's `measure_zh` and
    `source_zh` in Chinese, where the spec gives them)."""
    first = rows[0]
    exact = fmt in ("csv", "json")
    if exact:
        header = ["year", "measure", "value", "unit", "status", "source", "model", "model_ratio"]
    else:
        header = [i18n.text(f"fund.published.{key}", lang, year=first["year"])
                  for key in ("year", "measure", "value", "unit", "status", "source", "model", "ratio")]
    cells = []
    for item in published:
        model = first.get(item.get("model")) if item.get("model") else None
        ratio = model / item["value"] if model is not None and item["value"] else None
        if exact:
            cells.append([item["year"], item["measure"], item["value"], item["unit"], item["status"], item["source"], model,
                          None if ratio is None else round(ratio, 4)])
            continue
        zh = lang == "zh"
        unit = item["unit"]
        money = unit == "yuan"
        cells.append([
            item["year"], item.get("measure_zh", item["measure"]) if zh else item["measure"], f"{item['value']:,.0f}",
            i18n.text(f"fund.published.units.{unit}", lang) if unit in ("persons", "yuan") else unit,
            status_marks.name(item["status"], lang), item.get("source_zh", item["source"]) if zh else item["source"],
            "" if model is None else f"{model:,.{2 if money else 0}f}", "" if ratio is None else f"{ratio:.2f}",
        ])
    return header, cells


def changes(baseline, reform, fmt, lang="en"):
    """(header, cells): the reform's change in contributions, spending and balance each year
    (yuan under keys in csv/json, 亿元 on screen)."""
    exact = fmt in ("csv", "json")
    if exact:
        header = ["year"] + [key for key, _ in CHANGES]
    else:
        header = [i18n.text("fund.columns.year", lang)] + [_column(key, "yuan", lang) for key, _ in CHANGES]
    cells = []
    for before, after in zip(baseline, reform):
        values = [round(after[field] - before[field], 2) for _, field in CHANGES]
        cells.append([before["year"]] + (values if exact else [_scaled(value, 1e8) for value in values]))
    return header, cells


def _scaled(value, scale):
    """A figure in `scale` units to two decimals, a small negative one as 0.00 (not -0.00)."""
    return f"{round(value / scale, 2) + 0.0:,.2f}"


def calibration(fit, fmt, lang="en"):
    """(header, cells) of the fit of a synthetic population to its margins: exact under keys
    in csv/json; on screen the margins and categories named in `lang`, shares in %."""
    keys = ("margin", "category", "target", "achieved", "difference")
    if fmt in ("csv", "json"):
        return list(keys), [list(line) for line in fit]
    header = [i18n.text(f"fund.calibration.{key}", lang) for key in keys]
    cells = [[i18n.text(f"fund.calibration.margins.{margin}", lang), _category(margin, category, lang), _share(target), _share(achieved), _share(difference)]
             for margin, category, target, achieved, difference in fit]
    return header, cells


def _category(margin, category, lang):
    """A margin's category for people: a sex or an employment type by its name ("职工 0.6": the contribution index kept)."""
    groups = i18n.catalogue()["text"]["population"]["groups"]
    if margin == "sex" and category in groups["sex"]:
        return i18n.text(f"population.groups.sex.{category}", lang)
    if margin == "employment_and_index":
        kind, _, index = str(category).partition(" ")
        if kind in groups["employment_type"]:
            return f"{i18n.text(f'population.groups.employment_type.{kind}', lang)} {index}".strip()
    return str(category)


def _share(value):
    """A share in %, to two decimals (never -0.00%)."""
    return f"{round(float(value) * 100, 2) + 0.0:.2f}%"


#: The chart's panels, top to bottom: (field of a projection's row, its label in core/messages.yaml text.chart.fund).
PANELS = (("balance", "balance"), ("contributions", "contributions"), ("spending", "spending"))


def chart(projections, path, source, assumptions="central", status=None, lang="en"):
    """The fund's chart (`draw`) written to `path` in the format its suffix names."""
    from . import charts

    return charts.save(draw(projections, source, assumptions, status, lang), path)


def draw(projections, source, assumptions="central", status=None, lang="en"):
    """The matplotlib Figure of the fund: one panel each for the balance, the contributions
    and the spending (亿元), a line per scenario in the same colour, line style and width in
    every panel (analysis/charts.system_styles: the baseline black and dashed, drawn over the
    reforms so that a reform identical to it shows through its gaps); a scenario identical to
    an earlier one is named in the panel, and in the legend where it is identical in every
    panel. Contributions and spending start at 0, the balance's axis shows 0. The years are
    hatched by their data status (`status`, one per year of the first scenario), one legend
    key per status."""
    from matplotlib.lines import Line2D

    from . import charts

    pyplot = charts.pyplot()
    lang = charts.chart_lang(lang)
    labels = list(projections)
    styles = charts.system_styles(labels)
    names = {label: charts.system_name(label, number, lang) for number, label in enumerate(labels)}
    figure, panels = pyplot.subplots(len(PANELS), 1, figsize=(11, 9), dpi=100, sharex=True, layout="constrained")
    years = [row["year"] for row in next(iter(projections.values()))]
    same_everywhere = None
    for axes, (field, key) in zip(panels, PANELS):
        series = {label: [row[field] / 1e8 for row in rows] for label, rows in projections.items()}
        same = charts.identical(series)
        same_everywhere = set(same.items()) if same_everywhere is None else same_everywhere & set(same.items())
        # Reforms first, widest first; the baseline last, thin and dashed, on top: every line stays visible.
        for label in reversed(labels):
            style = styles[label]
            axes.plot([row["year"] for row in projections[label]], series[label], color=style.colour, linestyle=style.linestyle,
                      linewidth=style.width(len(labels)), zorder=style.zorder(len(labels)), gid=f"series:{label}")
        if same:
            pairs = "; ".join(charts.label("identical_pair", lang, name=names[name], other=names[other]) for name, other in same.items())
            axes.set_title(charts.label("identical_in", lang, pairs=pairs), fontsize=8, loc="right")
        _status_spans(axes, years, status)
        low, high = axes.get_ylim()
        axes.set_ylim(min(low, 0), max(high, 0))  # the balance around 0; contributions and spending from 0
        if field != "balance":
            axes.set_ylim(bottom=0)
        else:
            axes.axhline(0, color="grey", linewidth=0.8)
        axes.set_ylabel(charts.label("fund.unit", lang))
        axes.set_title(charts.label(f"fund.{key}", lang), fontsize=10, loc="left")
        charts.amount_axis(axes, bottom=None)
        axes.grid(alpha=0.3)
    panels[-1].set_xlabel(charts.label("fund.year", lang))

    handles = [Line2D([], [], color=styles[label].colour, linestyle=styles[label].linestyle,
                      linewidth=min(styles[label].width(len(labels)), 3)) for label in labels]
    every = dict(same_everywhere or ())
    legend_names = [styles[label].name(names[label], lang, names[every[label]] if label in every else None) for label in labels]
    figure.legend(handles, legend_names, title=charts.label("systems", lang), fontsize=8, loc="outside right upper", handlelength=4)
    present = [year_status or "official" for year_status in status or []]
    charts.status_legend(figure, present, "area", lang, fontsize=8, loc="outside right lower")
    if present:
        figure.supxlabel(charts.label("fund.status_years", lang), fontsize=7, x=0.01, ha="left")
    assumption = charts.label(f"fund.assumptions.{assumptions}", lang) if assumptions in ("low", "central", "high") else assumptions
    figure.suptitle(charts.label("fund.title", lang, source=source, assumptions=assumption), fontsize=12)
    return figure


def _status_spans(axes, years, status):
    """Each run of years of one status that is not official, hatched (analysis/charts.area_style)."""
    from . import charts

    runs = []
    for year, year_status in zip(years, status or []):
        if runs and runs[-1][0] == year_status and runs[-1][2] == year - 1:
            runs[-1][2] = year
        else:
            runs.append([year_status, year, year])
    for year_status, first, last in runs:
        hatch = charts.area_style(year_status)["hatch"]
        if hatch:
            axes.axvspan(first - 0.5, last + 0.5, facecolor="none", edgecolor=(0.6, 0.6, 0.6, 0.35), hatch=hatch, linewidth=0,
                         zorder=0, gid=f"status:{year_status}")
