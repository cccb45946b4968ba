"""A flexible worker's medical insurance under a baseline and reforms: a year's
contributions and account credit, and one inpatient stay's deductible, fund payment and
out-of-pocket cost (the seed's proposal 4, reforms/medical_pooling_only.yaml).

    rows = compare(system, [("proposal 4", reform)], case)
"""

import math

import numpy
from openfisca_core.simulations import SimulationBuilder

from ..core import i18n, regions
from ..core.errors import InputError
from . import charts

MEASURES = (
    ("medical_flexible_worker_insured", "可参保 Scheme open to the flexible worker", "eternity"),
    ("medical_flexible_worker_contribution", "年缴费 Contributions in the year", "year"),
    ("medical_account_credit", "个人账户划入 Account credited in the year", "year"),
    ("inpatient_deductible", "起付标准 Deductible of the stay", "eternity"),
    ("inpatient_pooling_payment", "统筹支付 Paid by the pooling fund", "eternity"),
    ("inpatient_out_of_pocket", "个人负担 Left to the person", "eternity"),
)
SCHEMES = ("full_scheme", "pooling_only")


def situation(case):
    """The OpenFisca person of a case {region, year, scheme, cost, hospital_level, stay, retiree}."""
    year = case.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1999 <= year <= 2100:
        raise InputError.of("option_value", option="year", value=repr(year), allowed=i18n.phrase("a year from 1999 to 2100"))
    scheme = case.get("scheme", "pooling_only")
    if scheme not in SCHEMES:
        raise InputError.of("option_value", option="scheme", value=repr(scheme), allowed=", ".join(SCHEMES))
    cost = case.get("cost", 0)
    if isinstance(cost, bool) or not isinstance(cost, (int, float)) or not math.isfinite(cost) or cost < 0:
        raise InputError.of("option_value", option="cost", value=repr(cost),
                            allowed=i18n.phrase("the stay's eligible costs in yuan, a finite number of 0 or more"))
    level, stay = case.get("hospital_level", 3), case.get("stay", 1)
    if isinstance(level, bool) or level not in (1, 2, 3):
        raise InputError.of("option_value", option="hospital_level", value=repr(level),
                            allowed=i18n.phrase("1, 2 or 3 (the hospital's level)"))
    if isinstance(stay, bool) or not isinstance(stay, int) or stay < 1:
        raise InputError.of("option_value", option="stay", value=repr(stay),
                            allowed=i18n.phrase("1 for the first stay of the year, 2, 3, ..."))
    return {
        "insured_region": {"ETERNITY": regions.resolve(case.get("region", "jinan"))},
        "medical_insured_as": {"ETERNITY": "flexible_worker"},
        "medical_flexible_scheme": {"ETERNITY": scheme},
        "medical_contribution_months": {str(year): int(case.get("months", 12))},
        "inpatient_stay_date": {"ETERNITY": f"{year}-07-01"},
        "inpatient_eligible_cost": {"ETERNITY": float(cost)},
        "hospital_level": {"ETERNITY": int(case.get("hospital_level", 3))},
        "inpatient_stay_of_year": {"ETERNITY": int(case.get("stay", 1))},
        "medical_retiree": {"ETERNITY": bool(case.get("retiree", False))},
    }


def evaluate(system, case, costs=None):
    """{measure: value} for the case (or, with `costs`, the out-of-pocket for each cost)."""
    persons = {"case": situation(case)}
    for number, cost in enumerate(costs or []):
        persons[f"cost_{number}"] = situation({**case, "cost": cost})
    simulation = SimulationBuilder().build_from_entities(system, {"persons": persons})
    year = str(case["year"])
    values = {}
    for variable, _, period in MEASURES:
        result = simulation.calculate(variable, year if period == "year" else f"{year}-07")
        values[variable] = result
    return values


#: Figures that are terms of the scheme for its insured: None (n/a) where the person is not
#: insured, rather than a deductible she would never meet (the scheme's 917.91 in Jinan 2003).
INSURED_ONLY = ("inpatient_deductible",)


def compare(baseline, reforms, case):
    """Rows {measure, label, baseline, <reform>, Δ <reform>} for one case; a figure of
    INSURED_ONLY is None under a scenario where the scheme is not open to the person, and so
    is its Δ."""
    systems = [("baseline", baseline)] + [(label, reform(baseline)) for label, reform in reforms]
    evaluated = [(label, evaluate(system, case)) for label, system in systems]
    rows = []
    for variable, label, _ in MEASURES:
        row = {"measure": variable, "label": label}
        for number, (name, values) in enumerate(evaluated):
            value = values[variable][0]
            if variable in INSURED_ONLY and not values["medical_flexible_worker_insured"][0]:
                row[name] = None
            else:
                row[name] = bool(value) if isinstance(value, numpy.bool_) else round(float(value), 2)
            if number and not isinstance(value, numpy.bool_):
                row[f"Δ {name}"] = None if row[name] is None or row["baseline"] is None else round(row[name] - row["baseline"], 2)
        rows.append(row)
    return [name for name, _ in evaluated], rows


def not_insured(labels, rows):
    """The scenarios (of `labels`) under which the scheme is not open to the person."""
    insured = next(row for row in rows if row["measure"] == "medical_flexible_worker_insured")
    return [label for label in labels if insured[label] is False]


def chart(baseline, reforms, case, path, costs=None, lang="en"):
    """The out-of-pocket chart (`draw`) written to `path` in the format its suffix names."""
    return charts.save(draw(baseline, reforms, case, costs, lang), path)


def draw(baseline, reforms, case, costs=None, lang="en"):
    """The matplotlib Figure of what the person pays out of pocket for a stay of each cost:
    a line per system in its colour and line style (analysis/charts.system_styles: the
    baseline black and dashed, drawn over the reforms so that an identical reform shows
    through its gaps, and named identical in the legend), from 0. No points: the medical
    figures carry no data status yet, which a note says (a filled point would read official)."""
    from matplotlib.ticker import FuncFormatter

    pyplot = charts.pyplot()
    lang = charts.chart_lang(lang)
    costs = costs or list(numpy.linspace(0, 100000, 21))
    figure, axes = pyplot.subplots(figsize=(9, 5), dpi=100, layout="constrained")
    systems = [("baseline", baseline)] + [(label, reform(baseline)) for label, reform in reforms]
    series = {label: evaluate(system, case, costs)["inpatient_out_of_pocket"][1:] for label, system in systems}
    styles = charts.system_styles(list(series))
    same = charts.identical(series)
    names = {label: charts.system_name(label, number, lang) for number, label in enumerate(series)}
    for label in reversed(list(series)):
        style = styles[label]
        name = style.name(names[label], lang, names[same[label]] if label in same else None)
        axes.plot(costs, series[label], color=style.colour, linestyle=style.linestyle, linewidth=style.width(len(series)),
                  zorder=style.zorder(len(series)), label=name, gid=f"series:{label}")
    handles, names = axes.get_legend_handles_labels()
    axes.legend(handles[::-1], names[::-1], fontsize=8, handlelength=4)  # the baseline first, as drawn in every chart
    axes.set_xlim(left=0)
    charts.amount_axis(axes)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.set_xlabel(charts.label("medical.cost", lang))
    axes.set_ylabel(charts.label("medical.out_of_pocket", lang))
    info = regions.BY_KEY[regions.resolve(case.get("region", "jinan"))]
    place = info.name_zh if lang == "zh" else info.name_en
    axes.set_title(charts.label("medical.title", lang, region=place, year=case["year"]), fontsize=11)
    axes.grid(alpha=0.3)
    figure.supxlabel(charts.label("status_not_shown", lang), fontsize=7, x=0.01, ha="left")
    return figure
