"""The fund projection shown: a table a year per scenario (yuan and persons exact in CSV
and JSON, 亿元 and 万人 on screen), the reform's change against the baseline, the status
of each year, and a chart of the balance, contributions and spending (a panel each).
"""

from . import fund, status_marks
from .status_marks import weakest

#: (field, Chinese and English label, unit shown on screen)
COLUMNS = (
    ("contributors", "缴费人数 contributors", "万人"),
    ("pensioners", "领取人数 pensioners", "万人"),
    ("new_pensioners", "新退休 new pensioners", "万人"),
    ("stock_pensioners", "其中已退休人员 of whom earlier pensioners", "万人"),
    ("dependency_ratio", "抚养比 dependency ratio", ""),
    ("contributions", "缴费收入 contributions", "亿元"),
    ("account_credits", "记入个人账户 to accounts", "亿元"),
    ("pooling_contributions", "统筹基金 to pooling", "亿元"),
    ("basic_pension", "基础养老金 basic", "亿元"),
    ("account_pension", "个人账户养老金 account", "亿元"),
    ("transitional_pension", "过渡性养老金 transitional", "亿元"),
    ("other_pension", "其他 other", "亿元"),
    ("stock_pension", "已退休人员养老金 earlier pensioners' pensions", "亿元"),
    ("refunds", "一次性支付 refunds", "亿元"),
    ("spending", "支出合计 spending", "亿元"),
    ("balance", "累计结余 balance", "亿元"),
)
SCALE = {"万人": 1e4, "亿元": 1e8, "": 1}
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


def table(rows, status, fmt):
    """(header, cells) of one scenario: exact in csv/json, scaled on screen."""
    exact = fmt in ("csv", "json")
    present = [column for column in COLUMNS if column[0] in rows[0] and (exact or column[0] in ON_SCREEN)]
    header = ["year 年份"] + [f"{label} ({'persons' if unit == '万人' else 'yuan' if unit == '亿元' else 'ratio'})" if exact else f"{label} {unit}".strip() for _, label, unit in present] + ["status 数据状态"]
    cells = []
    for row, year_status in zip(rows, status):
        line = [row["year"]]
        for field, _, unit in present:
            value = row[field]
            if value is None:
                line.append("n/a")
            elif exact:
                line.append(value)
            else:
                line.append(f"{value / SCALE[unit]:,.2f}" if unit else f"{value:.4f}")
        cells.append(line + [year_status if exact else status_marks.NAMES.get(year_status, year_status)])
    return header, cells


def reality(rows, published):
    """(header, cells): each published aggregate beside the model's first year, with the
    model's value as a share of the published one where the spec names the measure compared."""
    first = rows[0]
    header = ["year 年份", "published 公开数据", "value 数值", "unit", "status", "source 来源", f"model {first['year']} 模型", "model / published"]
    cells = []
    for item in published:
        model = first.get(item.get("model")) if item.get("model") else None
        ratio = f"{model / item['value']:.2f}" if model is not None and item["value"] else ""
        cells.append([item["year"], item["measure"], item["value"], item["unit"], item["status"], item["source"], "" if model is None else model, ratio])
    return header, cells


def changes(baseline, reform, fmt):
    """(header, cells): the reform's change in contributions, spending and balance each year."""
    exact = fmt in ("csv", "json")
    unit = "yuan" if exact else "亿元"
    header = ["year 年份", f"缴费收入变化 contributions change ({unit})", f"支出变化 spending change ({unit})", f"结余变化 balance change ({unit})"]
    cells = []
    for before, after in zip(baseline, reform):
        values = [round(after[field] - before[field], 2) for field in ("contributions", "spending", "balance")]
        cells.append([before["year"]] + (values if exact else [f"{value / 1e8:,.2f}" for value in values]))
    return header, cells


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
    from matplotlib.ticker import FuncFormatter

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
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
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
