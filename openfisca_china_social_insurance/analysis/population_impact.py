"""A population file through the model, baseline against reforms: each person's pension
and refund, and the weighted totals policy staff ask for (pensioners, the sum of their monthly
pensions as first assessed, each at its own retirement date, who gains and who loses; with
a year, that year's contributions, to the accounts and to pooling).

    rows = population_files.read("people.parquet")
    labels, persons, totals = run(rows, system, [("proposal 2", reform)], chunk_size=10000)

Persons are assessed chunk by chunk from the rows' columns (api.population_assessment: what
api.assess_each gives each person's profile, refusal by refusal); results do not depend on
the chunk size (persons are independent). A person the model refuses (data
missing for the region and year) keeps the row, with the reason in `refused [system]`, and
is left out of that system's totals, which count the refusals: no row is lost. With a
year, a person whose contributions of that year cannot be computed keeps the pension; the
reason is in `contributions refused [system]` and the totals count such persons.
"""

import numpy

from .. import api
from ..api import batch, population_assessment, population_files, population_profiles
from ..core import i18n
from ..core.errors import InputError

RESULTS = ("retirement_date", "contribution_years", "monthly_pension", "lump_sum_refund", "monthly_pension_status",
           "personal_account_balance_status")
#: The year's contributions of each person (with `year`): what the fund receives that year.
YEARLY = ("individual_contribution", "employer_contribution", "personal_account_credit")


#: The totals of a system, in order (`totals`): keys of csv and json, named in core/messages.yaml (text.population.measures).
MEASURES = ("persons", "pensioners", "monthly_pensions", "mean_pension", "refunds", "gainers", "losers",
            "monthly_pensions_change", "assessed_only_here", "refused_rows")
#: Measures counted in persons (weighted: a count may hold a fraction of a person), a yearly
#: one by its stem; the others are yuan.
COUNTS = ("persons", "pensioners", "gainers", "losers", "assessed_only_here", "refused_rows", "contributions_unknown")


def _stem(measure):
    """(stem, year) of a measure: ('contributions', '2025') for a yearly one, (measure, '') else."""
    return (measure.rsplit("_", 1)[0], measure[-4:]) if measure[-4:].isdigit() else (measure, "")


def is_count(measure):
    """Whether a measure counts persons (a yearly one by its stem)."""
    return _stem(measure)[0] in COUNTS


def for_people(measure, lang):
    """A measure named in `lang` ('人数'; a yearly one with its year: '2025年缴费'), or its key where the catalogue has none."""
    stem, year = _stem(measure)
    names = i18n.catalogue()["text"]["population"]["measures"]
    return i18n.text(f"population.measures.{stem}", lang, year=year) if stem in names else measure


#: The Chinese names of MEASURES (the desk's population view).
NAMES_ZH = {measure: for_people(measure, "zh") for measure in MEASURES}


def run(rows, system, reforms=(), chunk_size=10000, progress=None, year=None, person_by_person=False):
    """(labels, per-person records, {label: totals}); `progress(done, total)` after each chunk;
    with `year`, also each person's contributions of that year and their totals.

    Each chunk is assessed from the rows' columns (api.population_assessment), with the
    records `person_by_person` gives (each profile through api.assess_each: the reference the
    columns are tested and benchmarked against) to the fen, refusal by refusal."""
    systems = [("baseline", system)] + [(label, reform(system)) for label, reform in reforms]
    assess = _assess_person_by_person if person_by_person else _assess
    people = population_files.to_profiles(rows) if person_by_person else population_profiles.of_rows(rows)
    count = len(rows)
    records = [{"person_id": row["person_id"], "weight": row["weight"]} for row in rows]
    steps, done = len(systems) * max(1, -(-count // chunk_size)), 0
    for label, each in systems:
        for start in range(0, count, chunk_size):
            chunk = records[start:start + chunk_size]
            for key, values in assess(people, start, len(chunk), each, year).items():
                column = f"{key} [{label}]"
                for record, value in zip(chunk, values):
                    record[column] = value
            done += 1
            if progress:
                progress(done, steps)
    labels = [label for label, _ in systems]
    return labels, records, {label: totals(records, label, labels[0], year) for label in labels}


def _assess(people, start, count, system, year=None):
    """{column: [value of each person]} of the persons start..start+count of `people`
    (population_profiles.of_rows): "refused" ("" or the reason), RESULTS, and with `year`
    "contributions refused" and YEARLY (see _assess_person_by_person)."""
    chunk = population_profiles.take(people, numpy.arange(start, start + count))
    names = population_profiles.names(chunk)
    values, errors = population_assessment.assess_each(chunk, system, RESULTS)
    found = {"refused": [str(errors[name]) if name in errors else "" for name in names]}
    if not year:
        return {**found, **values}
    assessed = numpy.array([name not in errors for name in names], dtype=bool)
    yearly, failed = population_assessment.yearly_each(population_profiles.take(chunk, numpy.flatnonzero(assessed)), system, YEARLY, year)
    found["contributions refused"] = [str(failed[name]) if name in failed else "" for name in names]
    found.update(values)
    for variable in YEARLY:  # the refused persons' contributions are not asked for
        column = numpy.full(count, None, dtype=object)
        column[assessed] = yearly[variable]
        found[variable] = column.tolist()
    return found


def _assess_person_by_person(profiles, start, count, system, year=None):
    """As _assess, from {name: profile} (population_files.to_profiles) through api.assess_each:
    a refused person keeps the row, with the reason; with `year`, the year's contributions
    apart: a person whose year cannot be computed (a flexible worker where no rate was in
    force) keeps the pension, with the reason under "contributions refused" (the pension does
    not rest on the rate)."""
    names = list(profiles)[start:start + count]
    chunk = {name: profiles[name] for name in names}
    rows, errors = api.assess_each(chunk, system, RESULTS)
    results = [dict(rows[name]) if name in rows else {"refused": str(errors[name])} for name in chunk]
    if year:
        yearly = _year_of({name: chunk[name] for name in chunk if name in rows}, system, year)
        for name, result in zip(chunk, results):
            result.update(yearly.get(name, {}))
    keys = ["refused"] + (["contributions refused"] if year else []) + list(RESULTS + (YEARLY if year else ()))
    return {key: [result.get(key, "" if key.endswith("refused") else None) for result in results] for key in keys}


def _year_of(profiles, system, year):
    """{name: the year's YEARLY amounts, or {"contributions refused": reason}} (api.batch.isolating)."""

    def compute(group):
        simulation = api.build_simulation(group, system)
        names = simulation.persons.ids.tolist()
        try:
            values = {variable: simulation.calculate(variable, str(year)) for variable in YEARLY}
        except InputError as error:
            raise api.naming_persons(error, names) from None
        return {name: {variable: round(float(values[variable][i]), 2) for variable in YEARLY} for i, name in enumerate(names)}

    found, refused = batch.isolating(compute, profiles) if profiles else ({}, {})
    return {**found, **{name: {"contributions refused": str(error)} for name, error in refused.items()}}


def totals(records, label, baseline="baseline", year=None):
    """Weighted totals of one system, and against the baseline the gainers and losers;
    with `year`, the year's contributions split into pooling and accounts."""
    pension = f"monthly_pension [{label}]"
    refused = [record for record in records if record[f"refused [{label}]"]]
    assessed = [record for record in records if not record[f"refused [{label}]"]]
    weight = sum(record["weight"] for record in assessed)
    pensioners = sum(record["weight"] for record in assessed if record[pension] > 0)
    pensions = sum(record["weight"] * record[pension] for record in assessed)
    result = {
        "persons": round(weight, 2),
        "pensioners": round(pensioners, 2),
        "monthly_pensions": round(pensions, 2),
        "mean_pension": round(pensions / pensioners, 2) if pensioners else 0.0,
        "refunds": round(sum(record["weight"] * record[f"lump_sum_refund [{label}]"] for record in assessed), 2),
        "refused_rows": len(refused),
    }
    if label != baseline:
        # Gainers and losers among the persons both systems assess; persons only this one
        # assesses (the baseline refused them: no rule for them there) are counted apart.
        both = [record for record in assessed if not record[f"refused [{baseline}]"]]
        change = [(record["weight"], record[pension] - record[f"monthly_pension [{baseline}]"]) for record in both]
        result["gainers"] = round(sum(w for w, d in change if d > 0.005), 2)
        result["losers"] = round(sum(w for w, d in change if d < -0.005), 2)
        result["monthly_pensions_change"] = round(sum(w * d for w, d in change), 2)
        result["assessed_only_here"] = round(sum(record["weight"] for record in assessed if record[f"refused [{baseline}]"]), 2)
    if year:
        known = [record for record in assessed if not record[f"contributions refused [{label}]"]]
        paid = sum(record["weight"] * (record[f"individual_contribution [{label}]"] + record[f"employer_contribution [{label}]"]) for record in known)
        credited = sum(record["weight"] * record[f"personal_account_credit [{label}]"] for record in known)
        result[f"contributions_{year}"] = round(paid, 2)
        result[f"account_credits_{year}"] = round(credited, 2)
        result[f"pooling_{year}"] = round(paid - credited, 2)
        result[f"contributions_unknown_{year}"] = round(float(sum(record["weight"] for record in assessed if record[f"contributions refused [{label}]"])), 2)
    return result


#: The bands of --by base_band, from the lowest.
BASE_BANDS = ("below 60%", "60-100%", "100-200%", "200-300%", "above 300%")
#: How persons can be grouped in the gainers-and-losers tables: column -> label of a row.
GROUPINGS = {
    "sex": lambda row: row["sex"],
    "cohort": lambda row: f"{row['birth_date'].year // 10 * 10}s",
    "region": lambda row: row["insured_region"],
    "base_band": lambda row: "below 60%" if row["career_index"] < 0.6 else "60-100%" if row["career_index"] < 1 else "100-200%" if row["career_index"] < 2 else "200-300%" if row["career_index"] <= 3 else "above 300%",
    "employment_type": lambda row: row["employment_type"],
}


def by_group(rows, records, label, grouping, baseline="baseline"):
    """[(group, persons, gainers, losers, mean monthly change)] of one reform against the
    baseline, persons grouped by `grouping` (GROUPINGS); persons either system refused are left out."""
    if grouping not in GROUPINGS:
        raise InputError.of("population_by", value=grouping, allowed=", ".join(GROUPINGS))
    groups = {}
    for row, record in zip(rows, records):
        if record[f"refused [{label}]"] or record[f"refused [{baseline}]"]:
            continue
        change = record[f"monthly_pension [{label}]"] - record[f"monthly_pension [{baseline}]"]
        group = groups.setdefault(GROUPINGS[grouping](row), [0.0, 0.0, 0.0, 0.0])
        group[0] += row["weight"]
        group[1] += row["weight"] * (change > 0.005)
        group[2] += row["weight"] * (change < -0.005)
        group[3] += row["weight"] * change
    order = BASE_BANDS if grouping == "base_band" else sorted(groups)
    return [(name, round(w, 2), round(up, 2), round(down, 2), round(total / w, 2) if w else 0.0)
            for name, (w, up, down, total) in ((name, groups[name]) for name in order if name in groups)]


#: The totals that rest on the persons' pensions, and so carry the weakest status of them (`pension_status`).
PENSION_MEASURES = ("monthly_pensions", "mean_pension", "monthly_pensions_change")


def refund_status(records, label):
    """The weakest status of the lump-sum refunds a system's total adds up: the account balances refunded
    (the total printed unmarked, as if official, on balances the model marks unverified), or None without one."""
    from .status_marks import weakest

    return weakest(record.get(f"personal_account_balance_status [{label}]") for record in records
                   if not record[f"refused [{label}]"] and record[f"lump_sum_refund [{label}]"] > 0)


def pension_status(records, label, baseline="baseline"):
    """The weakest status of the monthly pensions a system's totals add up (its persons assessed;
    for a reform, the baseline's too, which its change rests on), or None where none is known."""
    from .status_marks import weakest

    systems = (label,) if label == baseline else (baseline, label)
    return weakest(record.get(f"monthly_pension_status [{system}]") for record in records for system in systems
                   if not record[f"refused [{system}]"])


def group_statuses(rows, records, label, grouping, baseline="baseline"):
    """{group: the weakest status of its persons' monthly pensions under the baseline and
    `label`}, over the persons `by_group` counts (those both systems assess)."""
    from .status_marks import weakest

    found = {}
    for row, record in zip(rows, records):
        if record[f"refused [{label}]"] or record[f"refused [{baseline}]"]:
            continue
        statuses = (record.get(f"monthly_pension_status [{system}]") for system in (baseline, label))
        found.setdefault(GROUPINGS[grouping](row), []).extend(statuses)
    return {group: weakest(statuses) for group, statuses in found.items()}


def group_name(grouping, group, lang):
    """A group as a person reads it (core/messages.yaml, text.population): a region by its
    Chinese name in Chinese, a cohort by its decade, the others from the catalogue."""
    from ..core import i18n, regions

    if grouping == "region":
        return regions.BY_KEY[group].name_zh if lang == "zh" else group
    if grouping == "cohort":
        return i18n.text("population.cohort", lang, decade=group[:-1])
    return i18n.text(f"population.groups.{grouping}.{group}", lang)


def chart(rows, records, labels, groupings, path, lang="en"):
    """The gainers-and-losers chart (`draw`) written to `path` in the format its suffix names."""
    from . import charts

    return charts.save(draw(rows, records, labels, groupings, lang), path)


def draw(rows, records, labels, groupings, lang="en"):
    """The matplotlib Figure of the gainers and losers (weighted persons) of every group: one
    panel for each reform (a row) and each grouping (a column), every reform and grouping
    drawn, on one scale of persons. Gainers and losers are two colours; a group's bars are
    hatched by the weakest data status of its pensions (analysis/charts.area_style, one legend
    key per status). A panel without gainers or losers says so."""
    from matplotlib.patches import Patch

    from ..core import i18n
    from . import charts

    pyplot = charts.pyplot()
    lang = charts.chart_lang(lang)
    reforms, baseline = labels[1:], labels[0]
    if not reforms or not groupings:
        raise InputError.of("population_chart")
    panels = {
        (label, grouping): (by_group(rows, records, label, grouping, baseline), group_statuses(rows, records, label, grouping, baseline))
        for label in reforms for grouping in groupings
    }
    widths = [max(2, max(len(panels[(label, grouping)][0]) for label in reforms)) for grouping in groupings]
    # A panel as wide as its groups, within what a page (and matplotlib) can hold.
    size = (min(40, max(7, 1.3 + 1.1 * sum(widths) + 0.8 * len(groupings))), min(40, 1.2 + 3.2 * len(reforms)))
    figure, axes = pyplot.subplots(len(reforms), len(groupings), figsize=size, dpi=100, squeeze=False, sharey=True, layout="constrained",
                                   gridspec_kw={"width_ratios": widths})
    colours = {"gainers": "#1f77b4", "losers": "#ff7f0e"}
    present = set()
    for row_number, label in enumerate(reforms):
        for column, grouping in enumerate(groupings):
            panel = axes[row_number][column]
            groups, statuses = panels[(label, grouping)]
            positions = numpy.arange(len(groups))
            for offset, (key, index) in ((-0.2, ("gainers", 2)), (0.2, ("losers", 3))):
                bars = panel.bar(positions + offset, [group[index] for group in groups], width=0.4, color=colours[key],
                                 edgecolor="black", linewidth=0.5, gid=key)
                for bar, group in zip(bars, groups):
                    status = statuses.get(group[0]) or "official"
                    present.add(status)
                    bar.set_hatch(charts.area_style(status)["hatch"])
                    bar.set_gid(f"{key}:{group[0]}:{status}")
            panel.set_xticks(positions, [group_name(grouping, group[0], lang) for group in groups], rotation=20 if len(groups) > 6 else 0)
            grouping_name = i18n.text(f"population.groupings.{grouping}", lang)
            panel.set_title(charts.label("population.panel", lang, reform=charts.system_name(label, 1, lang), grouping=grouping_name), fontsize=10)
            if not any(group[2] or group[3] for group in groups):
                panel.text(0.5, 0.5, charts.label("population.no_change", lang), transform=panel.transAxes, ha="center", va="center",
                           fontsize=9, color="dimgrey", gid="no-change")
            panel.set_xlim(-0.6, len(groups) - 0.4)
            panel.grid(axis="y", alpha=0.3)
            if column == 0:
                panel.set_ylabel(charts.label("population.persons", lang))
    charts.amount_axis(axes[0][0])  # shared by every panel: one scale of persons
    figure.legend([Patch(facecolor=colour, edgecolor="black", linewidth=0.5) for colour in colours.values()],
                  [charts.label(f"population.{key}", lang) for key in colours], fontsize=8, loc="outside right upper")
    charts.status_legend(figure, present, "area", lang, fontsize=8, loc="outside right lower")
    if present - {"official"}:
        figure.supxlabel(charts.label("population.status_groups", lang), fontsize=7, x=0.01, ha="left")
    figure.suptitle(charts.label("population.title", lang), fontsize=12)
    return figure
