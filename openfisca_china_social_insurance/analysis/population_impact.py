"""A population file through the model, baseline against reforms: each person's pension
and refund, and the weighted totals policy staff ask for (pensioners, the sum of their monthly
pensions as first assessed, each at its own retirement date, who gains and who loses; with
a year, that year's contributions, to the accounts and to pooling).

    rows = population_files.read("people.parquet")
    labels, persons, totals = run(rows, system, [("proposal 2", reform)], chunk_size=10000)

Persons are assessed chunk by chunk (`api.assess`, vectorised within a chunk); results do
not depend on the chunk size (persons are independent). A person the model refuses (data
missing for the region and year) keeps the row, with the reason in `refused [system]`, and
is left out of that system's totals, which count the refusals: no row is lost. With a
year, a person whose contributions of that year cannot be computed keeps the pension; the
reason is in `contributions refused [system]` and the totals count such persons.
"""

from .. import api
from ..api import population_files
from ..core import i18n
from ..core.errors import InputError

RESULTS = ("retirement_date", "contribution_years", "monthly_pension", "lump_sum_refund", "monthly_pension_status")
#: The year's contributions of each person (with `year`): what the fund receives that year.
YEARLY = ("individual_contribution", "employer_contribution", "personal_account_credit")


#: The totals of a system, in order (`totals`): keys of csv and json, named in core/messages.yaml (text.population.measures).
MEASURES = ("persons", "pensioners", "monthly_pensions", "mean_pension", "refunds", "gainers", "losers",
            "monthly_pensions_change", "assessed_only_here", "refused_rows")
#: Measures counted in persons (weighted: a count may hold a fraction of a person); the others are yuan.
COUNTS = ("persons", "pensioners", "gainers", "losers", "assessed_only_here", "refused_rows")


def _stem(measure):
    """(stem, year) of a measure: ('contributions', '2025') for a yearly one, (measure, '') else."""
    return (measure.rsplit("_", 1)[0], measure[-4:]) if measure[-4:].isdigit() else (measure, "")


def is_count(measure):
    """Whether a measure counts persons (a yearly one by its stem)."""
    return _stem(measure)[0] in COUNTS + ("contributions_unknown",)


def for_people(measure, lang):
    """A measure named in `lang` ('人数'; a yearly one with its year: '2025年缴费'), or its key where the catalogue has none."""
    stem, year = _stem(measure)
    names = i18n.catalogue()["text"]["population"]["measures"]
    return i18n.text(f"population.measures.{stem}", lang, year=year) if stem in names else measure


#: The Chinese names of MEASURES (the desk's population view).
NAMES_ZH = {measure: for_people(measure, "zh") for measure in MEASURES}


def run(rows, system, reforms=(), chunk_size=10000, progress=None, year=None):
    """(labels, per-person records, {label: totals}); `progress(done, total)` after each chunk;
    with `year`, also each person's contributions of that year and their totals."""
    systems = [("baseline", system)] + [(label, reform(system)) for label, reform in reforms]
    profiles = population_files.to_profiles(rows)
    names = list(profiles)
    records = [{"person_id": row["person_id"], "weight": row["weight"]} for row in rows]
    steps, done = len(systems) * max(1, -(-len(names) // chunk_size)), 0
    for label, each in systems:
        for start in range(0, len(names), chunk_size):
            chunk = {name: profiles[name] for name in names[start:start + chunk_size]}
            for offset, result in enumerate(_assess(chunk, each, year)):
                record = records[start + offset]
                record[f"refused [{label}]"] = result.get("refused", "")
                if year:
                    record[f"contributions refused [{label}]"] = result.get("contributions refused", "")
                for variable in RESULTS + (YEARLY if year else ()):
                    record[f"{variable} [{label}]"] = result.get(variable)
            done += 1
            if progress:
                progress(done, steps)
    labels = [label for label, _ in systems]
    return labels, records, {label: totals(records, label, labels[0], year) for label in labels}


def _assess(chunk, system, year=None):
    """Each person's results (api.assess_each: a refused person keeps the row, with the
    reason); with `year`, the year's contributions apart: a person whose year cannot be
    computed (a flexible worker where no rate was in force) keeps the pension, with the
    reason under "contributions refused" (the pension does not rest on the rate)."""
    rows, errors = api.assess_each(chunk, system, RESULTS)
    results = [dict(rows[name]) if name in rows else {"refused": str(errors[name])} for name in chunk]
    if year:
        yearly = _year_of({name: chunk[name] for name in chunk if name in rows}, system, year)
        for name, result in zip(chunk, results):
            result.update(yearly.get(name, {}))
    return results


def _year_of(profiles, system, year):
    """{name: the year's YEARLY amounts, or {"contributions refused": reason}}: the profiles
    at once, each alone only if the model refuses them together."""
    if not profiles:
        return {}
    try:
        simulation = api.build_simulation(profiles, system)
        values = {variable: simulation.calculate(variable, str(year)) for variable in YEARLY}
    except InputError as error:
        if len(profiles) == 1:
            return {next(iter(profiles)): {"contributions refused": str(error)}}
        return {name: found for one in profiles for name, found in _year_of({one: profiles[one]}, system, year).items()}
    names = simulation.persons.ids.tolist()
    return {name: {variable: round(float(values[variable][i]), 2) for variable in YEARLY} for i, name in enumerate(names)}


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
        result[f"contributions_unknown_{year}"] = round(sum(record["weight"] for record in assessed if record[f"contributions refused [{label}]"]), 2)
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
        raise InputError(f"--by: {grouping!r}. Allowed: {', '.join(GROUPINGS)}.")
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


def chart(groups, label, grouping, path):
    """PNG: gainers and losers (weighted persons) of each group, side by side."""
    from .charts import pyplot as chart_pyplot
    from .charts import save, text

    pyplot = chart_pyplot()
    names = [group[0] for group in groups]
    positions = range(len(names))
    figure, axes = pyplot.subplots(figsize=(max(6, len(names) * 1.2), 4.5), dpi=100)
    axes.bar([p - 0.2 for p in positions], [group[2] for group in groups], width=0.4, label=text("受益 gainers"))
    axes.bar([p + 0.2 for p in positions], [group[3] for group in groups], width=0.4, label=text("受损 losers"), hatch="//")
    axes.set_xticks(list(positions), names)
    axes.set_ylabel("Persons (weighted)")
    axes.set_title(f"{label} against the baseline, by {grouping}")
    axes.legend()
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    return save(figure, path)
