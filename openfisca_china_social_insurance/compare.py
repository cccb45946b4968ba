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
- the internal rate of return of the person's own contributions (`irr`).

IRR: the yearly rate r at which the person's own contributions (outflows:
individual_contribution of each career year, the whole rate for a flexible worker,
spread over the paid months from January, or paid at the start of each quarter or in
January with `payment`) and the pension (inflows: the monthly pension from the
retirement month until the month the person reaches `horizon_age`, or the lump-sum
refund in the retirement month) have a net present value of 0. The horizon is an
assumption, not a source: 80 by default (an explicit option). The model pays the
pension first assessed without later uprating, so the IRR is a nominal rate on
unindexed pensions: a floor on what a retiree would get. Employer contributions are
not the person's money and are not counted. Bisection on r in [-90%, +500%]; NaN
where the flows do not change sign (no contributions, or nothing paid back).
"""

import copy
import datetime
import math
from importlib import resources
from pathlib import Path

import numpy
import yaml

from . import api
from .errors import InputError
from .reform_files import reform_name

HORIZON_AGE = 80
PAYMENTS = ("monthly", "quarterly", "yearly")
BASE_STEP = 0.10
COMPONENTS = ("basic_pension", "account_pension", "transitional_pension", "monthly_pension", "lump_sum_refund")
MEASURES = COMPONENTS + ("plus_one_year", "plus_base", "irr")
LABELS = {
    "basic_pension": "基础养老金 Basic pension",
    "account_pension": "个人账户养老金 Account pension",
    "transitional_pension": "过渡性养老金 Transitional pension",
    "monthly_pension": "月养老金 Monthly pension",
    "lump_sum_refund": "一次性支付 Lump-sum refund",
    "plus_one_year": "多缴一年增加月养老金 Extra monthly pension, one more contribution year",
    "plus_base": "基数提高10%增加月养老金 Extra monthly pension, base 10% higher",
    "irr": "个人缴费内部收益率 Internal rate of return of own contributions",
}


# -- profiles and their perturbations -----------------------------------------


def plus_one_year(profile):
    """The profile with one more contribution year at the start of the career."""
    profile = copy.deepcopy(profile)
    overrides = profile.get("overrides") or {}
    if "contribution_years" in overrides:  # an approval form's figure: one more year on it
        overrides["contribution_years"] += 1
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


# -- grids ---------------------------------------------------------------------

#: The seed's Table 2 grid: Shandong, pensions assessed in 2002 (1997 rules, base 750
#: = 9,000 yuan a year), contribution wage 60%, 100%, 200%, 300% of the average wage x
#: 15, 20, 25 contribution years. Shandong's accounts (and the model's average
#: wages) start in 1996, so a 2002 retiree's years are 1996-2001 paid at the base plus
#: deemed years before 1996 (视同缴费年限, "视同缴费和实际缴费年限累计满15年" in the
#: seed). The seed's table shows no transitional pension and Shandong's 2002
#: coefficient is not sourced, so the grid sets it to 0 as the table does.
SEED_TABLE2 = {
    "name": "seed-table2",
    "description": "2002 Shandong report, Table 2: base 60%-300% x 15/20/25 years, retiring 2002-01",
    "region": "shandong",
    "birth_date": "1942-01-15",
    "sex": "male",
    "employment_type": "employee",
    "paid_years": {"from": 1996, "to": 2001},
    "bases": [0.6, 1.0, 2.0, 3.0],
    "years": [15, 20, 25],
    "overrides": {"transitional_coefficient": 0},
}
GRIDS = {"seed-table2": SEED_TABLE2}
GRID_KEYS = set(SEED_TABLE2)
MIN_WORKING_AGE = 16


def load_grid(spec):
    """A grid from a built-in name or a YAML file with the keys of SEED_TABLE2."""
    if spec in GRIDS:
        return copy.deepcopy(GRIDS[spec])
    if not spec.endswith((".yaml", ".yml")) and not Path(spec).is_file():
        raise InputError(f"--grid: {spec!r} is not a known grid or a file. Allowed: {', '.join(GRIDS)}, or a grid YAML file.")
    try:
        data = yaml.safe_load(Path(spec).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"grid file {spec}: cannot be read ({error.strerror}).") from None
    except yaml.YAMLError as error:
        raise InputError(f"grid file {spec}: not valid YAML ({error}).") from None
    if not isinstance(data, dict):
        raise InputError(f"grid file {spec}: expected a mapping. Allowed keys: {', '.join(sorted(GRID_KEYS))}.")
    unknown = set(data) - GRID_KEYS
    if unknown:
        raise InputError(f"grid file {spec}: unknown key(s) {sorted(unknown)}. Allowed: {', '.join(sorted(GRID_KEYS))}.")
    grid = {**{k: v for k, v in SEED_TABLE2.items() if k in ("sex", "employment_type", "overrides")}, "overrides": {}, **data}
    grid.setdefault("name", Path(spec).stem)
    for required in ("region", "birth_date", "paid_years", "bases", "years"):
        if required not in grid:
            raise InputError(f"grid file {spec}: {required} is missing. It is required.")
    return grid


def grid_profiles(grid):
    """{name: profile} for each base x years cell; impossible cells are refused."""
    bases, years = grid["bases"], grid["years"]
    for field, values in (("bases", bases), ("years", years)):
        if not isinstance(values, list) or not values or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
            raise InputError(f"grid {field}: {values!r}. Allowed: a non-empty list of numbers.")
    paid = grid["paid_years"]
    if not isinstance(paid, dict) or set(paid) != {"from", "to"}:
        raise InputError(f"grid paid_years: {paid!r}. Allowed: {{from: YYYY, to: YYYY}}, the years paid at the base.")
    first, last = int(paid["from"]), int(paid["to"])
    birth = datetime.date.fromisoformat(str(grid["birth_date"]))
    if last < first:
        raise InputError(f"grid paid_years: to {last} is before from {first}. Allowed: from <= to.")
    if first < birth.year + MIN_WORKING_AGE:
        raise InputError(f"grid paid_years: from {first} is before age {MIN_WORKING_AGE} (born {birth}). Allowed: from {birth.year + MIN_WORKING_AGE} on.")
    for base in bases:
        if not 0.6 <= base <= 3.0:
            raise InputError(f"grid bases: {base!r} cannot be a contribution base (it is clipped to the band). Allowed: 0.6 to 3.0 (60%-300% of the average wage).")
    profiles = {}
    for base in bases:
        for total in years:
            count = last - first + 1
            deemed = max(total - count, 0)
            start = max(first, last - total + 1)
            if total <= 0 or last + 1 - total < birth.year + MIN_WORKING_AGE:
                raise InputError(
                    f"grid years: {total} contribution years ending {last} would start before age {MIN_WORKING_AGE} "
                    f"(born {birth}). Allowed: 1 to {last + 1 - birth.year - MIN_WORKING_AGE} years."
                )
            profile = {
                "birth_date": birth.isoformat(),
                "sex": grid["sex"],
                "insured_region": grid["region"],
                "career": [{"from": start, "to": last, "index": base, "employment_type": grid["employment_type"]}],
            }
            if deemed:
                profile["deemed_contribution_years"] = deemed
            if grid.get("overrides"):
                profile["overrides"] = dict(grid["overrides"])
            profiles[f"{base:.0%} x {total}y"] = profile
    return profiles


# -- evaluation ----------------------------------------------------------------


def _group_key(profile):
    given = set(profile.get("overrides") or {}) | {f for f in ("retirement_date", "personal_account_start_date") if f in profile}
    return tuple(sorted(given))


def evaluate(profiles, system, horizon_age=HORIZON_AGE, payment="monthly"):
    """{name: {component: value, 'irr': rate}} for {name: profile} under one system."""
    if payment not in PAYMENTS:
        raise InputError(f"--payment: {payment!r}. Allowed: {', '.join(PAYMENTS)}.")
    if not 40 <= horizon_age <= 110:
        raise InputError(f"--horizon-age: {horizon_age!r}. Allowed: 40 to 110 (the age the pension is assumed paid until).")
    groups = {}
    for name, profile in profiles.items():
        groups.setdefault(_group_key(profile), {})[name] = profile
    results = {}
    for group in groups.values():
        results.update(_evaluate_group(group, system, horizon_age, payment))
    return {name: results[name] for name in profiles}


def _evaluate_group(profiles, system, horizon_age, payment):
    simulation = api.build_simulation(profiles, system)
    retirement = simulation.calculate("retirement_date", api.ANY_MONTH)
    latest = str(retirement.max())[:7]
    values = {variable: simulation.calculate(variable, latest) for variable in COMPONENTS if variable != "lump_sum_refund"}
    eligible = simulation.calculate("pension_eligible", latest)
    values["lump_sum_refund"] = numpy.where(eligible, 0, simulation.calculate("personal_account_balance", latest))
    years = sorted({year for profile in profiles.values() for segment in profile.get("career", []) for year in range(segment["from"], segment.get("to", segment["from"]) + 1)})
    back_paid = "back_paid_months" in simulation.tax_benefit_system.variables
    paid_by_year = {}
    for year in years:
        months = simulation.calculate("contribution_months", str(year))
        if back_paid:
            months = months + simulation.calculate("back_paid_months", str(year))
        paid_by_year[year] = (simulation.calculate("individual_contribution", str(year)), months)
    birth = simulation.calculate("birth_date", api.ANY_MONTH)
    rates = irr_of_career(paid_by_year, values["monthly_pension"], values["lump_sum_refund"], retirement, birth, horizon_age, payment)
    names = simulation.persons.ids
    return {
        names[i]: {**{variable: round(float(values[variable][i]), 2) for variable in COMPONENTS}, "irr": float(rates[i])}
        for i in range(len(names))
    }


def _month(dates):
    return numpy.asarray(dates, dtype="datetime64[M]").astype(numpy.int64) + 1970 * 12


def irr_of_career(paid_by_year, pension, refund, retirement, birth, horizon_age, payment="monthly"):
    """IRR per person of yearly contributions {year: (amount, months)} against the pension flows."""
    count = len(pension)
    first = min(paid_by_year) * 12 if paid_by_year else int(_month(retirement).min())
    end = _month(birth) + horizon_age * 12  # first month no longer paid
    retire = _month(retirement)
    span = int(max(end.max(), retire.max() + 1)) - first
    flows = numpy.zeros((count, span))
    for year, (amount, months) in paid_by_year.items():
        offset = year * 12 - first
        months = numpy.asarray(months)
        for m in range(12):
            if payment == "monthly":
                share = numpy.where(m < months, 1.0 / numpy.maximum(months, 1), 0)
            elif payment == "quarterly":  # paid on the quarter's first month for its paid months
                share = numpy.where(m % 3 == 0, (numpy.clip(months - m, 0, 3)) / numpy.maximum(months, 1), 0)
            else:
                share = numpy.where((m == 0) & (months > 0), 1.0, 0)
            flows[:, offset + m] -= amount * share
    columns = numpy.arange(span) + first
    paying = (columns >= retire[:, None]) & (columns < end[:, None])
    flows += numpy.where(paying, numpy.asarray(pension)[:, None], 0)
    flows[numpy.arange(count), retire - first] += refund
    return irr(flows)


def irr(flows, low=-0.9, high=5.0, steps=100):
    """Yearly IRR of monthly cash flows (rows: persons, columns: months), by bisection."""
    flows = numpy.atleast_2d(numpy.asarray(flows, dtype=float))
    t = numpy.arange(flows.shape[1]) / 12.0

    def npv(rate):
        return (flows * (1 + rate[:, None]) ** (-t)).sum(axis=1)

    low = numpy.full(len(flows), low)
    high = numpy.full(len(flows), high)
    npv_low = npv(low)
    valid = (numpy.sign(npv_low) * numpy.sign(npv(high)) < 0) & (flows < 0).any(axis=1) & (flows > 0).any(axis=1)
    for _ in range(steps):
        middle = (low + high) / 2
        npv_middle = npv(middle)
        same = numpy.sign(npv_middle) == numpy.sign(npv_low)
        low = numpy.where(same, middle, low)
        npv_low = numpy.where(same, npv_middle, npv_low)
        high = numpy.where(same, high, middle)
    return numpy.where(valid, (low + high) / 2, numpy.nan)


# -- comparison ----------------------------------------------------------------


def compare(baseline, reforms, profiles, horizon_age=HORIZON_AGE, payment="monthly", cells=None):
    """Rows {person, base, years, measure, <system>: value, Δ <system>: difference}.

    `baseline` is a system; `reforms` a list of Reform classes or FileReforms (each
    applied to the baseline), or of (label, reform) pairs; `cells` optionally maps
    person -> (base, years) of a grid.
    """
    reforms = [reform if isinstance(reform, tuple) else (label_of(reform), reform) for reform in reforms]
    systems = [("baseline", baseline)] + [(label, reform(baseline)) for label, reform in reforms]
    more_years = {name: plus_one_year(profile) for name, profile in profiles.items()}
    higher_base = {name: plus_base(profile) for name, profile in profiles.items()}
    computable = {name: changed for name, changed in higher_base.items() if changed is not None}
    evaluated = []
    for label, system in systems:
        own = evaluate(profiles, system, horizon_age, payment)
        year = evaluate(more_years, system, horizon_age, payment)
        base = evaluate(computable, system, horizon_age, payment) if computable else {}
        for name in profiles:
            own[name]["plus_one_year"] = round(year[name]["monthly_pension"] - own[name]["monthly_pension"], 2)
            own[name]["plus_base"] = (
                round(base[name]["monthly_pension"] - own[name]["monthly_pension"], 2) if name in base else math.nan
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
                if number:
                    row[f"Δ {label}"] = round(values[name][measure] - reference, 6 if measure == "irr" else 2)
            rows.append(row)
    return [label for label, _ in evaluated], rows


def label_of(reform):
    """A short column label: the class name of a Python reform, the name of a file reform."""
    if isinstance(reform, tuple):
        return reform[0]
    return reform.__name__ if isinstance(reform, type) else reform_name(reform)


def grid_cells(grid):
    return {f"{base:.0%} x {total}y": (base, total) for base in grid["bases"] for total in grid["years"]}


# -- chart ---------------------------------------------------------------------


def chart(rows, labels, path, title="Monthly pension against contribution years"):
    """PNG: monthly pension against years, one colour per base, baseline dashed, reforms solid."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pensions = [row for row in rows if row["measure"] == "monthly_pension" and row["base"] is not None]
    if not pensions:
        raise InputError("--chart: needs a grid (--grid), whose cells have a base and a number of years.")
    bases = sorted({row["base"] for row in pensions})
    figure, axes = pyplot.subplots(figsize=(10, 5), dpi=100)
    colours = pyplot.get_cmap("viridis")(numpy.linspace(0, 0.85, len(bases)))
    styles = ["--", "-", "-.", ":"]
    for colour, base in zip(colours, bases):
        cells = sorted((row for row in pensions if row["base"] == base), key=lambda row: row["years"])
        for number, label in enumerate(labels):
            style = styles[0] if number == 0 else styles[min(number, len(styles) - 1)]
            axes.plot(
                [row["years"] for row in cells], [row[label] for row in cells],
                linestyle=style, marker="o", color=colour,
                label=f"{base:.0%} base, {'baseline' if number == 0 else label}",
            )
    axes.set_xlabel("Contribution years")
    axes.set_ylabel("Monthly pension (yuan)")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.tight_layout()
    figure.savefig(path, format="png")
    pyplot.close(figure)
    return path


def example_profiles():
    text = resources.files("openfisca_china_social_insurance").joinpath("examples/shandong.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
