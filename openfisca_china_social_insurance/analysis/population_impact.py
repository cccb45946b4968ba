"""A population file through the model, baseline against reforms: each person's pension
and refund, and the weighted totals policy staff ask for (pensioners, spending, who gains
and who loses).

    rows = population_files.read("people.parquet")
    labels, persons, totals = run(rows, system, [("proposal 2", reform)], chunk_size=10000)

Persons are assessed chunk by chunk (`api.assess`, vectorised within a chunk); results do
not depend on the chunk size (persons are independent). A person the model refuses (data
missing for the region and year) keeps the row, with the reason in `refused [system]`, and
is left out of that system's totals, which count the refusals: no row is lost.
"""

from .. import api
from ..api import population_files
from ..core.errors import InputError

RESULTS = ("retirement_date", "contribution_years", "monthly_pension", "lump_sum_refund", "monthly_pension_status")


def run(rows, system, reforms=(), chunk_size=10000, progress=None):
    """(labels, per-person records, {label: totals}); `progress(done, total)` after each chunk."""
    systems = [("baseline", system)] + [(label, reform(system)) for label, reform in reforms]
    profiles = population_files.to_profiles(rows)
    names = list(profiles)
    records = [{"person_id": row["person_id"], "weight": row["weight"]} for row in rows]
    steps, done = len(systems) * max(1, -(-len(names) // chunk_size)), 0
    for label, each in systems:
        for start in range(0, len(names), chunk_size):
            chunk = {name: profiles[name] for name in names[start:start + chunk_size]}
            for offset, result in enumerate(_assess(chunk, each)):
                record = records[start + offset]
                record[f"refused [{label}]"] = result.get("refused", "")
                for variable in RESULTS:
                    record[f"{variable} [{label}]"] = result.get(variable)
            done += 1
            if progress:
                progress(done, steps)
    labels = [label for label, _ in systems]
    return labels, records, {label: totals(records, label, labels[0]) for label in labels}


def _assess(chunk, system):
    """api.assess of a chunk; if the model refuses it, each person alone, so that one
    person's missing data only marks that person's row."""
    try:
        return api.assess(chunk, system, RESULTS)
    except InputError:
        pass
    results = []
    for name, profile in chunk.items():
        try:
            results.extend(api.assess({name: profile}, system, RESULTS))
        except InputError as error:
            results.append({"refused": str(error)})
    return results


def totals(records, label, baseline="baseline"):
    """Weighted totals of one system, and against the baseline the gainers and losers."""
    pension = f"monthly_pension [{label}]"
    refused = [record for record in records if record[f"refused [{label}]"]]
    records = [record for record in records if not record[f"refused [{label}]"] and not record.get(f"refused [{baseline}]")]
    weight = sum(record["weight"] for record in records)
    pensioners = sum(record["weight"] for record in records if record[pension] > 0)
    spending = sum(record["weight"] * record[pension] for record in records)
    result = {
        "persons": round(weight, 2),
        "pensioners": round(pensioners, 2),
        "monthly_spending": round(spending, 2),
        "mean_pension": round(spending / pensioners, 2) if pensioners else 0.0,
        "refunds": round(sum(record["weight"] * record[f"lump_sum_refund [{label}]"] for record in records), 2),
        "refused_rows": len(refused),
    }
    if label != baseline:
        change = [(record["weight"], record[pension] - record[f"monthly_pension [{baseline}]"]) for record in records]
        result["gainers"] = round(sum(w for w, d in change if d > 0.005), 2)
        result["losers"] = round(sum(w for w, d in change if d < -0.005), 2)
        result["monthly_spending_change"] = round(sum(w * d for w, d in change), 2)
    return result
