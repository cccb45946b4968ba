"""Baseline against reforms: each pension component, its difference, and the incentives.

`compare(baseline, reforms, profiles)` evaluates every profile under the baseline
system and under each reform (each reform applied to the baseline, never modifying
it) and returns one row per person and measure:

- the pension components at retirement (basic, account, transitional, monthly total,
  lump-sum refund), as `api.assess` reports them;
- the incentives the 2002 Shandong report argues about, as finite differences on the
  profile: the extra monthly pension for one more contribution year (`plus_one_year`:
  one more deemed year when the career starts with deemed years, since a year before
  the account was a deemed year; else the first career segment one year earlier, at
  its base) and for a 10% higher base (`plus_base`: every segment's wage or index x 1.1);
  n/a where the model refuses the changed profile (a career from 1991 moved to 1990, before
  any average wage) while it assesses the profile itself;
- the internal rate of return of the person's own contributions (`irr`);
- the months added to a career short of the minimum years (`continued_contribution_months`,
  as api.assess extends it): a grid's "15y" cell retiring when the minimum is 16 is 16 years.

IRR (analysis/irr.py): the horizon is an assumption, not a source: 80 by default (an
explicit option). The model pays the pension first assessed without later uprating, so
the IRR is a nominal rate on unindexed pensions: a floor on what a retiree would get. A
horizon before a person's pension starts is refused (no pension paid, no IRR).
Employer contributions are not the person's money and are not counted. A profile that
gives its balance as a figure (an approval form, the seed's grid) has no IRR (n/a): the
contributions that built the balance are not in its career.
"""

import copy
import math

import numpy

from .. import api
from ..api import batch
from ..core import i18n
from ..core.dates import month_number
from ..core.errors import InputError
from .irr import PAYMENTS, irr_of_career
from .paid_before_retirement import paid_before_retirement
from .reform_files import reform_name

HORIZON_AGE = 80
CHART_NEEDS_A_GRID = "chart_needs_grid"  # the code of the refusal of --chart without --grid (core/messages.yaml)
BASE_STEP = 0.10
COMPONENTS = ("basic_pension", "account_pension", "transitional_pension", "monthly_pension", "lump_sum_refund")
STATUS = "monthly_pension_status"  # the weakest status of the data the pension rests on
#: Months api.assess adds to a career short of the minimum years (a grid's "15y" cell is 16
#: years where the minimum is 16): a cell is not silently other than its label.
CONTINUED = "continued_contribution_months"
MEASURES = COMPONENTS + ("plus_one_year", "plus_base", "irr", STATUS, CONTINUED)
#: The measures that rest on the pension's data, marked with its status: the components and
#: what is computed from them (a difference of two pensions, a rate of return on one).
MARKED = COMPONENTS + ("plus_one_year", "plus_base", "irr")
#: The unit of each measure (its label in both languages: core/messages.yaml, text.measures).
UNITS = {
    **{component: "yuan_per_month" for component in COMPONENTS},
    "lump_sum_refund": "yuan",
    "plus_one_year": "yuan_per_month",
    "plus_base": "yuan_per_month",
    "irr": "rate",
    STATUS: "status",
    CONTINUED: "months",
}


# -- profiles and their perturbations -----------------------------------------


def plus_one_year(profile):
    """The profile with one more contribution year at the start of the career."""
    profile = copy.deepcopy(profile)
    overrides = profile.get("overrides") or {}
    if "contribution_years" in overrides:  # an approval form's figure: one more year on it
        overrides["contribution_years"] += 1
        # A form whose years start before the account: the year is a deemed (pre-account) one, which
        # the transitional pension counts too (it added the basic pension's 1% only: 64.57 on Weifang's).
        if overrides.get("pre_account_contribution_years", 0) > 0:
            overrides["pre_account_contribution_years"] += 1
        return profile
    if profile.get("deemed_contribution_years", 0) > 0 or not profile.get("career"):
        profile["deemed_contribution_years"] = profile.get("deemed_contribution_years", 0) + 1
        return profile
    first = min(profile["career"], key=lambda segment: segment["from"])
    first["from"] -= 1
    return profile


#: Overrides that fix what a higher base would change: plus_base is then not computable.
BASE_FIGURES = ("average_contribution_index", "indexed_average_monthly_wage", "personal_account_balance")


def plus_base(profile, step=BASE_STEP):
    """The profile with every career segment's wage or index (1 + step) times higher,
    or None where the profile's overrides fix the figures a base changes."""
    if set(profile.get("overrides") or {}) & set(BASE_FIGURES):
        return None
    profile = copy.deepcopy(profile)
    for segment in profile.get("career", []):
        for key in ("wage", "index"):
            if key in segment:
                segment[key] = round(segment[key] * (1 + step), 6)
    return profile


# -- evaluation ----------------------------------------------------------------


def evaluate(profiles, system, horizon_age=HORIZON_AGE, payment="monthly"):
    """{name: {component: value, 'irr': rate}} for {name: profile} under one system."""
    if payment not in PAYMENTS:
        raise InputError.of("option_value", option="--payment", value=repr(payment), allowed=", ".join(PAYMENTS))
    if not 40 <= horizon_age <= 110:
        raise InputError.of("option_value", option="--horizon-age", value=repr(horizon_age),
                            allowed=i18n.phrase("40 to 110 (the age the pension is assumed paid until)"))
    # As api.assess does: a person who keeps contributing is compared on the extended career.
    extended = api.continuations(profiles, system)
    profiles = {name: extended[name][0] if name in extended else profile for name, profile in profiles.items()}
    results = {}
    for group in api.groups_by_formula_inputs(profiles):
        results.update(_evaluate_group(group, system, horizon_age, payment))
    _check_horizon(horizon_age, {name: results[name].pop(PAID_FROM) for name in profiles})
    return {name: {**results[name], CONTINUED: extended[name][1] if name in extended else 0} for name in profiles}


#: Each person's (retirement date, age in months at retirement) while evaluating, None without a pension.
PAID_FROM = "_paid_from"


def _check_horizon(horizon_age, paid_from):
    """Refuse a horizon that ends before a pension starts: no pension is paid before it, and
    the IRR of that person would be n/a for no reason the table shows."""
    ages = {name: paid for name, paid in paid_from.items() if paid is not None}
    late = [name for name, (_, months) in ages.items() if horizon_age * 12 <= months]
    if late:
        retirement, months = ages[late[0]]
        error = InputError.of(
            "horizon_before_pension", value=horizon_age, count=len(late), person=late[0], retirement=retirement[:7],
            years=months // 12, months=months % 12, minimum=max(months for _, months in ages.values()) // 12 + 1,
        )
        error.field = "horizon_age"
        raise error


def _evaluate_where_possible(profiles, system, horizon_age, payment, refused=None):
    """`evaluate` of the perturbed profiles, leaving out a person whose perturbation the model
    refuses (a year before 1991, where no average wage turns an index into a wage): that
    person's incentive is n/a, and the person is still compared (api.batch.isolating). The
    model's refusals go into `refused` ({name: InputError}) where given."""
    found, errors = batch.isolating(lambda group: evaluate(group, system, horizon_age, payment), profiles)
    if refused is not None:
        refused.update(errors)
    return found


def _irr_of_each(profiles, system, horizon_age, payment):
    """The IRR of each person alone, n/a for one whose contributions the model refuses."""
    return [_evaluate_group({name: profile}, system, horizon_age, payment)[name]["irr"] for name, profile in profiles.items()]


def _evaluate_group(profiles, system, horizon_age, payment):
    simulation = api.build_simulation(profiles, system)
    values = api.values_at_retirement(simulation, COMPONENTS + (STATUS,))
    names = simulation.persons.ids
    retirement = simulation.calculate("retirement_date", api.ANY_MONTH)
    birth = simulation.calculate("birth_date", api.ANY_MONTH)
    years = sorted({year for profile in profiles.values() for segment in profile.get("career", []) for year in range(segment["from"], segment.get("to", segment["from"]) + 1)})
    try:
        paid_by_year = {year: paid_before_retirement(simulation, "individual_contribution", year) for year in years}
        rates = irr_of_career(paid_by_year, values["monthly_pension"], values["lump_sum_refund"], retirement, birth, horizon_age, payment)
    except InputError:
        # A contribution the model cannot total (no flexible-worker rate in 2002 in Dongying) leaves
        # the IRR n/a, not the comparison refused: api.assess pays the same person's pension.
        rates = _irr_of_each(profiles, system, horizon_age, payment) if len(profiles) > 1 else [math.nan]
    age = (month_number(retirement) - month_number(birth)).astype(int)
    return {
        names[i]: {
            PAID_FROM: (str(retirement[i]), int(age[i])) if values["monthly_pension"][i] > 0 else None,
            **{variable: round(float(values[variable][i]), 2) for variable in COMPONENTS},
            # A balance given as a figure was built by contributions the career does not show.
            "irr": math.nan if "personal_account_balance" in (profiles[names[i]].get("overrides") or {}) else float(rates[i]),
            STATUS: str(values[STATUS].decode_to_str()[i]),
        }
        for i in range(len(names))
    }


# -- comparison ----------------------------------------------------------------


def compare(baseline, reforms, profiles, horizon_age=HORIZON_AGE, payment="monthly", cells=None, reasons=None):
    """Rows {person, base, years, measure, <system>: value, Δ <system>: difference}.

    `baseline` is a system; `reforms` a list of Reform classes or FileReforms (each
    applied to the baseline), or of (label, reform) pairs; `cells` optionally maps
    person -> (base, years) of a grid. `reasons`, where given, receives why an incentive is
    n/a: {(person, measure, system label): (code, the model's message or None)}, code
    "refused" (the changed profile is refused), "given_figures" (overrides fix what a higher
    base changes) or "given_balance" (no IRR: the contributions that built a given balance are not in the career).
    """
    reforms = [reform if isinstance(reform, tuple) else (label_of(reform), reform) for reform in reforms]
    systems = [("baseline", baseline)] + [(label, reform(baseline)) for label, reform in reforms]
    more_years = {name: plus_one_year(profile) for name, profile in profiles.items()}
    higher_base = {name: plus_base(profile) for name, profile in profiles.items()}
    computable = {name: changed for name, changed in higher_base.items() if changed is not None}
    evaluated = []
    for label, system in systems:
        own = evaluate(profiles, system, horizon_age, payment)
        refused_year, refused_base = {}, {}
        year = _evaluate_where_possible(more_years, system, horizon_age, payment, refused_year)
        base = _evaluate_where_possible(computable, system, horizon_age, payment, refused_base) if computable else {}
        if reasons is not None:
            for measure, refused in (("plus_one_year", refused_year), ("plus_base", refused_base)):
                reasons.update({(name, measure, label): ("refused", str(error)) for name, error in refused.items()})
            reasons.update({(name, "plus_base", label): ("given_figures", None) for name in profiles if name not in computable})
            reasons.update({(name, "irr", label): ("given_balance", None) for name, profile in profiles.items()
                            if "personal_account_balance" in (profile.get("overrides") or {})})
        for name in profiles:
            for measure, changed in (("plus_one_year", year), ("plus_base", base)):
                own[name][measure] = (
                    round(changed[name]["monthly_pension"] - own[name]["monthly_pension"], 2) if name in changed else math.nan
                )
        evaluated.append((label, own))
    rows = []
    for name in profiles:
        base, years = (cells or {}).get(name, (None, None))
        for measure in MEASURES:
            row = {"person": name, "base": base, "years": years, "measure": measure}
            reference = evaluated[0][1][name][measure]
            for number, (label, values) in enumerate(evaluated):
                row[label] = values[name][measure]
                if number and measure == STATUS:
                    row[f"Δ {label}"] = None  # a status has no difference
                elif number:
                    row[f"Δ {label}"] = round(values[name][measure] - reference, 6 if measure == "irr" else 2)
            rows.append(row)
    return [label for label, _ in evaluated], rows


def label_of(reform):
    """A short column label: the class name of a Python reform, the name of a file reform."""
    if isinstance(reform, tuple):
        return reform[0]
    return reform.__name__ if isinstance(reform, type) else reform_name(reform)


# -- chart ---------------------------------------------------------------------


def _steps(cells, label):
    """The line through the grid's cells, a step where the pension starts: a cell short of the
    minimum years pays no pension (a refund instead), the next cell pays it whole, so the line
    stays at 0 up to that cell and rises there instead of ramping across the years between."""
    xs, ys = [], []
    for before, after in zip(cells, cells[1:] + [None]):
        xs.append(before["years"])
        ys.append(before[label])
        if after is not None and before[label] == 0 and after[label] > 0:
            xs.append(after["years"])
            ys.append(0.0)
    return xs, ys


def chart(rows, labels, path, lang="en", names=None):
    """The grid's chart (`draw`) written to `path` in the format its suffix names."""
    from . import charts

    return charts.save(draw(rows, labels, lang, names), path)


def draw(rows, labels, lang="en", names=None):
    """The matplotlib Figure of the monthly pension against contribution years: one colour
    per base; each system a line style and a marker of its own (analysis/charts.system_styles:
    the baseline dashed with round markers), so that even a grid of one cell tells the systems
    apart; a system whose pensions are the baseline's in every cell is named so in the legend.
    `names` ({label: name}) names systems as the table did (charts.system_name).
    A point is filled when its pension rests on official data only, hollow with its status's
    mark otherwise (one legend key per status). The pension axis starts at 0; ticks sit at the
    grid's years. Legends of systems, bases and statuses stand outside the axes."""
    from matplotlib.lines import Line2D

    from . import charts

    pyplot = charts.pyplot()
    lang = charts.chart_lang(lang)  # no Chinese glyphs: English rather than empty boxes
    pensions = [row for row in rows if row["measure"] == "monthly_pension" and row["base"] is not None]
    status = {(row["person"], label): row[label] for row in rows if row["measure"] == STATUS for label in labels}
    if not pensions:
        raise InputError.of(CHART_NEEDS_A_GRID)

    def status_of(row, label):  # as a table marks it: nothing paid rests on no data (status_marks.mark)
        return status.get((row["person"], label)) if row[label] else None

    bases = sorted({row["base"] for row in pensions})
    years = sorted({row["years"] for row in pensions})
    # Constrained layout keeps the legends "outside" the axes and the title whole, however many series.
    figure, axes = pyplot.subplots(figsize=(11, 5.5), dpi=100, layout="constrained")
    colours = pyplot.get_cmap("viridis")(numpy.linspace(0, 0.85, len(bases)))
    styles = charts.system_styles(labels)
    ordered = sorted(pensions, key=lambda row: (row["base"], row["years"]))
    same = charts.identical({label: [row[label] for row in ordered] for label in labels})
    names = {label: charts.system_name(label, number, lang, names) for number, label in enumerate(labels)}
    single = len(years) == 1
    for colour, base in zip(colours, bases):
        cells = sorted((row for row in pensions if row["base"] == base), key=lambda row: row["years"])
        for number, label in enumerate(labels):
            style = styles[label]
            # The baseline's markers are the largest and drawn first: a reform's equal point stays visible inside it.
            size = 9 if number == 0 else 6
            axes.plot(*_steps(cells, label), linestyle=style.linestyle, color=colour, linewidth=1.6, zorder=2 + number)
            for row in cells:
                point = status_of(row, label)
                axes.plot(
                    [row["years"]], [row[label]], linestyle="none", marker=style.marker, markersize=size, clip_on=False,
                    zorder=3 + number, gid=f"point:{label}", **charts.point_style(point, colour),
                )
                charts.mark_point(axes, row["years"], row[label], point, colour)
                if single:  # one column of points: each named beside it
                    axes.annotate(f"{names[label]} {row[label]:,.2f}", (row["years"], row[label]), xytext=(14, -4),
                                  textcoords="offset points", fontsize=8, color=colour)
    legend_names = [styles[label].name(names[label], lang, names[same[label]] if label in same else None) for label in labels]
    figure.legend(
        # The marker's shape alone (grey): its fill is a status.
        [Line2D([], [], color="black", linestyle=styles[label].linestyle, linewidth=1.6, marker=styles[label].marker,
                markersize=8 if number == 0 else 6, markerfacecolor="lightgrey", markeredgecolor="black")
         for number, label in enumerate(labels)],
        legend_names, title=charts.label("systems", lang), fontsize=8, loc="outside right upper", handlelength=4,
    )
    figure.legend(
        [Line2D([], [], color=colour, linewidth=4) for colour in colours], [charts.label("base", lang, base=base) for base in bases],
        title=charts.label("bases", lang), fontsize=8, loc="outside right center", ncol=1 if len(bases) <= 12 else 2,
    )
    present = {status_of(row, label) or "official" for row in pensions for label in labels}
    charts.status_legend(figure, present, "point", lang, fontsize=8, loc="outside right lower")
    axes.set_xticks(years)
    if single:
        axes.set_xlim(years[0] - 1, years[0] + 2)  # room for the names beside the points
    highest = max((row[label] for row in pensions for label in labels), default=0)
    axes.set_ylim(0, max(highest, 1) * 1.08)  # a level from 0: the gap between systems at its true size
    axes.set_xlabel(charts.label("years", lang))
    axes.set_ylabel(charts.label("pension", lang))
    # The systems in the title while they fit on one line; the legend names them all.
    title = charts.label("title_of", lang, systems=", ".join(styles[label].name(names[label], lang) for label in labels))
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in title)  # a CJK character is two columns wide
    axes.set_title(title if width <= 100 else charts.label("title", lang), fontsize=11)
    axes.grid(alpha=0.3)
    if present - {"official"}:
        figure.supxlabel(charts.label("status_points", lang), fontsize=7, x=0.01, ha="left")
    return figure
