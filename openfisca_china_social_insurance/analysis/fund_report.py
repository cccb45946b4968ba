"""The fund projection shown: a table a year per scenario (yuan and persons exact in CSV
and JSON, 亿元 and 万人 on screen), the reform's change against the baseline, the status
of each year, and a chart of the balance, contributions and spending.
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


def chart(projections, path, title, status=None):
    """PNG (or the suffix's format): the balance of each scenario (baseline dashed) and, below,
    contributions and spending; years resting on projected assumptions shaded."""
    from .charts import pyplot as chart_pyplot
    from .charts import save, text

    pyplot = chart_pyplot()
    figure, (top, bottom) = pyplot.subplots(2, 1, figsize=(10, 7), dpi=100, sharex=True)
    for number, (label, rows) in enumerate(projections.items()):
        years = [row["year"] for row in rows]
        style = "--" if number == 0 else "-"
        top.plot(years, [row["balance"] / 1e8 for row in rows], linestyle=style, label=f"{label}: {text('累计结余 balance')}")
        bottom.plot(years, [row["contributions"] / 1e8 for row in rows], linestyle=style, label=f"{label}: {text('缴费收入 contributions')}")
        bottom.plot(years, [row["spending"] / 1e8 for row in rows], linestyle=style, label=f"{label}: {text('支出 spending')}")
    projected = [row["year"] for row, year_status in zip(next(iter(projections.values())), status or []) if year_status == "projected"]
    for axes in (top, bottom):
        if projected:
            axes.axvspan(min(projected) - 0.5, max(projected) + 0.5, color="grey", alpha=0.08, label=text("预测 projected") if axes is top else None)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)
    top.axhline(0, color="grey", linewidth=0.8)
    top.set_ylabel(text("累计结余 Balance (亿元 100 million yuan)"))
    bottom.set_ylabel(text("每年 A year (亿元 100 million yuan)"))
    bottom.set_xlabel(text("年份 Year"))
    top.set_title(title)
    figure.tight_layout()
    return save(figure, path)
