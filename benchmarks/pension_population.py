"""Speed and memory benchmark: a synthetic population's pensions, OpenFisca vs plain numpy.

    .venv/bin/python benchmarks/pension_population.py                 # 1,000,000 persons
    .venv/bin/python benchmarks/pension_population.py --persons 10000000 --chunk 1000000

Builds a seeded synthetic population of Shandong insured persons (employees and
flexible workers; men work 37-42 years, women 27-37), computes every pension component through the
OpenFisca model and through `numpy_reference` (the same arithmetic in plain numpy,
reading the same parameter files, no OpenFisca formulas), then prints persons per
second and peak memory of each, their ratio, and the largest difference between the
two results (they must agree to the fen).

Each measurement runs in a child process of its own (this script, with --child), so
that its peak resident memory (VmHWM) is its own: it includes the inputs and the
loaded parameters, and excludes the other side. Timing excludes loading the tax and
benefit system and generating the inputs; it includes everything else (parameter
tables, setting inputs, all formulas).

Why the careers are what they are: Shandong has a sourced average wage from 1996,
personal accounts from 1996-01, and a sourced pension calculation base and
transitional coefficient for 2023-2025 only. So statutory retirements fall in
2023-01..2025-09 and every person carries 40 yearly career inputs, 1986-2025. A year
before the account started (1986-1995 here) is pre-account service: it counts for
contribution years and for the transitional pension and needs no average wage, so
its wage is only a positive placeholder. Only the years a man worked before 1986
(men start at 18-22 and were born 1963-1965) are deemed contribution years (视同缴费年限).
No override or provisional_assessment is used: every figure is computed from the career.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy

FIRST_YEAR = 1986  # 40 career years; 1986-1995 precede Shandong's accounts (1996-01)
ACCOUNT_YEAR = 1996  # Shandong's first account year and first sourced average wage
LAST_YEAR = 2025  # last year with a pension calculation base and a crediting rate
EVALUATION_MONTH = "2025-12"  # every person has retired by then
REFUND_WINDOW = "month:2023-01:36"  # the lump-sum refund is paid in the retirement month

#: Regions with data (Shandong's own files; cities and counties fall back to it).
REGION_KEYS = ["shandong", "jinan", "jinan_shizhong", "weifang", "dongying", "dongying_guangrao", "dezhou", "dezhou_decheng"]
REGION_WEIGHTS = [0.15, 0.25, 0.05, 0.2, 0.1, 0.05, 0.15, 0.05]

#: The outputs compared, with the period each is computed for.
VARIABLES = {
    "contribution_years": EVALUATION_MONTH,  # eternal: fixed at retirement
    "average_contribution_index": EVALUATION_MONTH,  # eternal: fixed at retirement
    "personal_account_balance": EVALUATION_MONTH,  # eternal: fixed at retirement
    "pension_calculation_base": EVALUATION_MONTH,  # eternal: fixed at retirement
    "payout_months": EVALUATION_MONTH,  # eternal: fixed at retirement
    "basic_pension": EVALUATION_MONTH,
    "account_pension": EVALUATION_MONTH,
    "transitional_pension": EVALUATION_MONTH,
    "monthly_pension": EVALUATION_MONTH,
    "lump_sum_refund": REFUND_WINDOW,
}


# --------------------------------------------------------------------------- population


def make_population(persons, seed=2025):
    """Seeded synthetic inputs, in compact dtypes (10M persons x 40 years: ~2.4 GB).

    Groups: men (retire at 60), women cadres (55), women workers (50); original
    retirement month uniform in 2023-01..2025-06 (the 2024 decision delays 2025
    retirements by 1-3 months). Work starts at 18-22 (a man's career: 37-42 years).
    Every person has yearly inputs for 1986-2025 (zero months before the start);
    the months worked before 1986 (men only) are deemed years. Wages before 1996
    (pre-account years, no average wage needed) follow the same guess backwards.
    About 3% start contributing late (2012-2019) and fall short of 15 years:
    half of them ask for the lump-sum refund (人社部令第13号 art.3), the others keep
    contributing (the default: no refund, no pension yet). About 25% become flexible workers some year from
    2006 on and then choose a base of 60%, 100%, 150% or 300% of an average-wage
    guess. Wages are whole yuan (int32), months per year int8.
    """
    rng = numpy.random.default_rng(seed)
    n = persons
    group = rng.choice(3, size=n, p=[0.55, 0.15, 0.30])  # 0 men, 1 women cadres, 2 women workers
    age = numpy.array([60, 55, 50])[group]
    retirement = (2023 * 12) + rng.integers(0, 30, size=n)  # original retirement month number
    birth_month = retirement - age * 12
    birth_day = rng.integers(1, 29, size=n)
    birth_date = (
        (birth_month - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]") + (birth_day - 1).astype("timedelta64[D]")
    )
    start = birth_month + rng.integers(18 * 12, 23 * 12, size=n)  # first month of work
    late = rng.random(n) < 0.03
    start = numpy.where(late, rng.integers(2012 * 12, 2020 * 12, size=n), start)
    deemed_months = numpy.clip(FIRST_YEAR * 12 - start, 0, None)  # worked before the first input year
    flexible_from = numpy.where(rng.random(n) < 0.25, rng.integers(2006, 2021, size=n), 9999)
    chosen_level = rng.choice(numpy.array([0.6, 1.0, 1.5, 3.0]), size=n, p=[0.5, 0.3, 0.15, 0.05])
    wage_level = numpy.exp(rng.normal(0.0, 0.45, size=n))  # relative to the average wage
    wages, months, employment = {}, {}, {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        average_guess = 420.0 * 1.105 ** (year - ACCOUNT_YEAR)  # Shandong's ~10.5% a year (1986: ~155 yuan)
        first = year * 12
        worked = numpy.clip(retirement - first, 0, 12) - numpy.clip(start - first, 0, 12)
        gap = rng.random(n) < 0.04  # unemployment, unpaid months
        worked = numpy.where(gap, numpy.minimum(worked, rng.integers(0, 12, size=n)), worked).clip(0, 12)
        flexible = year >= flexible_from
        employee_wage = average_guess * wage_level * numpy.exp(rng.normal(0.0, 0.1, size=n))
        wage = numpy.where(flexible, average_guess * chosen_level, employee_wage)
        wages[str(year)] = numpy.where(worked > 0, numpy.maximum(numpy.round(wage), 1), 0).astype(numpy.int32)
        months[str(year)] = worked.astype(numpy.int8)
        employment[str(year)] = flexible.astype(numpy.int8)  # EmploymentType index: 1 = flexible_worker
    return {
        "birth_date": birth_date,
        "sex": (group > 0).astype(numpy.int8),  # Sex index: 0 male, 1 female (see ENUM_INDICES)
        "worker_category": (group == 1).astype(numpy.int8),  # WorkerCategory index: 1 cadre
        "insured_region": _region_indices(rng.choice(len(REGION_KEYS), size=n, p=REGION_WEIGHTS)),
        "deemed_contribution_years": deemed_months / 12,
        "contribution_wage": wages,
        "contribution_months": months,
        "employment_type": employment,
        # ShortfallChoice index: 0 continue_contributing, 2 refund_on_request (see ENUM_INDICES)
        "shortfall_choice": numpy.where(rng.random(n) < 0.5, 2, 0).astype(numpy.int8),
    }


#: The enum indices the compact inputs (and numpy_reference) assume.
ENUM_INDICES = {
    ("sex", "male"): 0, ("sex", "female"): 1, ("worker_category", "cadre"): 1, ("employment_type", "flexible_worker"): 1,
    ("shortfall_choice", "refund_on_request"): 2,
}


def check_enum_indices(tax_benefit_system):
    """Refuse to run if the model's enums were reordered (the inputs would mean other things)."""
    for (variable, member), index in ENUM_INDICES.items():
        actual = tax_benefit_system.get_variable(variable).possible_values[member].index
        if actual != index:
            raise RuntimeError(f"{variable}.{member} has enum index {actual}, the benchmark assumes {index}: update make_population.")


def _region_indices(choices):
    from openfisca_china_social_insurance.core.regions import Region

    return numpy.array([Region[key].index for key in REGION_KEYS], dtype=numpy.int8)[choices]


# --------------------------------------------------------------------- numpy reference


def _fen(amount):
    """Half-up to the fen, as base.round_fen (kept separate so drift is caught)."""
    return numpy.sign(amount) * numpy.floor(numpy.abs(amount) * 100 + 0.5 + 1e-6) / 100


def _decimals(value, decimals):
    scale = 10.0**decimals
    return numpy.floor(value * scale + 0.5 + 1e-9) / scale


class _Tables:
    """Parameter values read from the parameters' own dated values (`values_list`,
    not through lookup.py), for months lo..hi and the regions in use, with the
    fallback region -> parent -> nation. The value of a month is the value in force on
    its first day; null or absent is NaN."""

    _built = {}  # (parameters, regions, lo, hi, what) -> table, reused by later chunks

    def __init__(self, parameters, regions, lo, hi):
        from openfisca_china_social_insurance.core.regions import REGIONS, chain

        self.parameters, self.lo, self.hi = parameters, lo, hi
        self.regions = numpy.flatnonzero(numpy.bincount(regions, minlength=len(REGIONS)))
        self.chains = [chain(REGIONS[int(index)].key) for index in self.regions]
        self.row_of = numpy.zeros(len(REGIONS), dtype=numpy.int64)
        self.row_of[self.regions] = numpy.arange(len(self.regions))
        months = numpy.arange(lo, hi + 1)
        self.first_days = (months - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")

    def row(self, parameter):
        """The parameter's value in force on the first day of each month lo..hi."""
        entries = sorted((numpy.datetime64(entry.instant_str), entry.value) for entry in parameter.values_list)
        starts = numpy.array([start for start, _ in entries], dtype="datetime64[D]")
        values = numpy.array([numpy.nan if value is None else float(value) for _, value in entries] + [numpy.nan])
        found = numpy.searchsorted(starts, self.first_days, side="right") - 1  # -1: before the first value
        return values[found]  # values[-1] is the NaN sentinel

    def _once(self, what, build):
        key = (id(self.parameters), tuple(self.regions), self.lo, self.hi, what)
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    def national(self, path):
        return self._once(path, lambda: self.row(self._node(path)))

    def regional(self, path):
        return self._once(("regional", path), lambda: self._regional(path))

    def _regional(self, path):
        node = self._node(path)
        table = numpy.full((len(self.regions), len(self.first_days)), numpy.nan)
        for row, keys in enumerate(self.chains):
            for key in reversed(keys):  # nation first, each nearer level overrides where it has a value
                if key in node.children:
                    own = self.row(node.children[key])
                    table[row] = numpy.where(numpy.isnan(own), table[row], own)
        return table

    def _node(self, path):
        node = self.parameters
        for part in path.split("."):
            node = getattr(node, part)
        return node

    def at(self, values, months, regions=None):
        """values[month] or values[region, month] for month numbers (year x 12 + month - 1)."""
        months = numpy.asarray(months) - self.lo
        if regions is None:
            return values[months]
        return values[self.row_of[regions], months]


def _payout_months_by_age(parameters, tables):
    """计发月数 for whole ages 40-70 by month: the last bracket whose threshold <= age."""
    brackets = parameters.pension.benefit.payout_months.by_age.brackets
    thresholds = numpy.array([tables.row(bracket.threshold) for bracket in brackets])  # [bracket, month]
    amounts = numpy.array([tables.row(bracket.amount) for bracket in brackets])
    by_age = numpy.full((71, thresholds.shape[1]), numpy.nan)
    columns = numpy.arange(thresholds.shape[1])
    for key in range(40, 71):
        last = (thresholds <= key).cumsum(axis=0).argmax(axis=0)  # first index of the maximum count
        has = (thresholds <= key).any(axis=0)
        by_age[key, has] = amounts[last[has], columns[has]]
    return by_age


def numpy_reference(inputs, parameters, chunk_size=None):
    """numpy_reference_chunk over `chunk_size` persons at a time (None: all at once)."""
    count = len(inputs["birth_date"])
    chunk_size = chunk_size or count
    outputs = {}
    for start in range(0, count, chunk_size):
        part = {
            name: {period: array[start : start + chunk_size] for period, array in value.items()}
            if isinstance(value, dict)
            else value[start : start + chunk_size]
            for name, value in inputs.items()
        }
        for name, values in numpy_reference_chunk(part, parameters).items():
            outputs.setdefault(name, numpy.empty(count, dtype=values.dtype))[start : start + len(values)] = values
    return outputs


def numpy_reference_chunk(inputs, parameters):
    """The model's arithmetic in plain numpy: same inputs, same parameter values.

    Mirrors variables/career.py, retirement/, pension/ for careers given as yearly
    inputs (contribution_region = insured_region, no overridden assessment figure).
    Returns the outputs of VARIABLES.
    """
    region = inputs["insured_region"].astype(numpy.int64)
    birth = inputs["birth_date"].astype("datetime64[M]").astype(numpy.int64) + 1970 * 12
    male = inputs["sex"] == 0
    cadre = inputs["worker_category"] == 1
    deemed = inputs["deemed_contribution_years"].astype(numpy.float64)
    years = sorted(int(year) for year in inputs["contribution_wage"])
    n = region.size

    # Original age (国发〔1978〕104号) and the 2024 delay; no special-type work here.
    ages = parameters("2024-12-31").common.retirement_age
    age = numpy.where(male, ages.original_men, numpy.where(cadre, ages.original_women_cadre, ages.original_women_worker)).astype(numpy.int64)
    original = birth + age * 12
    # Whole decades, so that chunks of one population share their tables.
    lo = min(years[0] * 12, int(original.min())) // 120 * 120
    hi = (max(years[-1] * 12 + 12, int(original.max()) + 60) // 120 + 1) * 120 - 1  # latest retirement
    tables = _Tables(parameters, region, lo, hi)
    delay_months = numpy.zeros(n)
    group = numpy.where(male, 0, numpy.where(age == 55, 1, 2))
    for index, name in enumerate(("men", "women_cadre", "women_worker")):
        step = tables.national(f"common.retirement_age.delay_2024.{name}.birth_months_per_month_of_delay")
        maximum = tables.national(f"common.retirement_age.delay_2024.{name}.maximum_delay_months")
        first = lo + int(numpy.flatnonzero(~numpy.isnan(step))[0])
        step_at, maximum_at = tables.at(step, original), tables.at(maximum, original)
        in_force = ~numpy.isnan(step_at)
        own = numpy.minimum(maximum_at, numpy.floor((original - first) / numpy.where(in_force, step_at, 1)) + 1)
        delay_months = numpy.where((group == index) & in_force, own, delay_months)
    statutory = original + delay_months.astype(numpy.int64)

    # Retirement month: statutory, or after continued contributions reach the minimum.
    minimum = tables.at(tables.national("pension.benefit.minimum_contribution_years"), statutory)
    needed = numpy.round(minimum * 12)
    allowed = tables.at(tables.national("pension.benefit.continued_contribution_allowed"), statutory) > 0
    at_statutory = numpy.round(deemed * 12)
    running = at_statutory.copy()
    reached = numpy.full(n, -1, dtype=numpy.int64)
    for year in years:
        months = inputs["contribution_months"][str(year)]
        before = numpy.minimum(months, numpy.clip(statutory - year * 12, 0, 12))
        after = months - before
        at_statutory += before
        running += before
        missing = needed - running
        reach_now = (reached < 0) & (missing > 0) & (missing <= after)
        reached = numpy.where(reach_now, numpy.maximum(year * 12, statutory) + missing - 1, reached)
        running += after
    retirement = numpy.where((at_statutory < needed) & allowed & (reached >= 0), reached + 1, statutory).astype(numpy.int64)

    # The career, year by year, and the account with interest.
    in_operation = tables.regional("pension.personal_account.in_operation")
    first_in_operation = numpy.argmax(in_operation > 0, axis=1) + lo  # per table row
    account_start = first_in_operation[tables.row_of[region]]
    average_wage = tables.regional("common.average_wage")
    crediting_rate = tables.regional("pension.personal_account.crediting_rate")
    counted_total = numpy.zeros(n)
    pre_total = numpy.zeros(n)
    weighted = numpy.zeros(n)
    account_months_total = numpy.zeros(n)
    balance = numpy.zeros(n)
    for year in range(years[0], int(retirement.max() // 12) + 1):
        first = year * 12
        credits = 0.0
        if year in years:
            months = inputs["contribution_months"][str(year)].astype(numpy.int64)
            counted = numpy.minimum(months, numpy.clip(retirement - first, 0, 12))
            pre = numpy.minimum(counted, numpy.clip(account_start - first, 0, 12))
            account_months = counted - pre
            counted_total += counted
            pre_total += pre  # pre-account months: years and transitional years only
            if account_months.any():  # else no base, index or credit (no average wage needed)
                wage = inputs["contribution_wage"][str(year)].astype(numpy.float64)
                average = numpy.nan_to_num(tables.at(average_wage, numpy.full(n, first), region))
                floor, cap, share = (tables.national(name)[first - lo] for name in ("common.contribution_base_band.floor", "common.contribution_base_band.cap", "pension.contribution.account_share"))
                base = numpy.where(months > 0, _fen(numpy.clip(wage, floor * average, cap * average)), 0)
                index = numpy.divide(base, average, out=numpy.zeros(n), where=average > 0)
                weighted += index * account_months
                account_months_total += account_months
                credits = _fen(base * share) * account_months
        if not (balance.any() or numpy.any(credits)):
            continue  # no account yet (pre-account years): no rate or factor in force
        rate = numpy.nan_to_num(tables.at(crediting_rate, numpy.full(n, first), region))
        months_before = numpy.clip(retirement - first, 0, 12)
        factor = tables.national("pension.personal_account.current_year_interest_factor")[first - lo]
        whole = balance * (1 + rate) + credits * (1 + rate * factor)
        partial = balance * (1 + rate * months_before / 12) + credits * (1 + rate * (months_before + 1) / 24)
        balance = _fen(numpy.where(first + 11 < retirement, whole, numpy.where(first <= retirement, partial, balance)))

    # Assessment at retirement.
    benefit = "pension.benefit"
    contribution_years = deemed + counted_total / 12
    pre_account_years = deemed + pre_total / 12
    index = numpy.divide(weighted, account_months_total, out=numpy.zeros(n), where=account_months_total > 0)
    average_index = _decimals(index, tables.at(tables.regional(f"{benefit}.rounding.average_index_decimals"), retirement, region))
    year_decimals = tables.at(tables.regional(f"{benefit}.rounding.contribution_years_decimals"), retirement, region)
    printed_years = _decimals(contribution_years, year_decimals)
    calculation_base = tables.at(tables.regional(f"{benefit}.pension_calculation_base"), retirement // 12 * 12, region)
    indexed_wage = _fen(calculation_base * average_index)

    age_months = retirement - birth
    whole_years = numpy.clip(age_months // 12, 40, 70)
    extra = numpy.where((age_months // 12 >= 40) & (age_months // 12 < 70), age_months % 12, 0)
    by_age = tables._once("by_age", lambda: _payout_months_by_age(parameters, tables))  # [age, month]
    at_age = by_age[whole_years, retirement - lo]
    at_next = by_age[numpy.minimum(whole_years + 1, 70), retirement - lo]
    interpolate = tables.at(tables.national(f"{benefit}.payout_months.monthly_interpolation"), retirement) > 0
    by_month = numpy.floor((at_age - (at_age - at_next) * extra / 12) * 10 + 0.5 + 1e-9) / 10
    flat = tables.at(tables.national(f"{benefit}.payout_months.flat_1997"), retirement)
    payout = numpy.where(numpy.isnan(flat), numpy.where(interpolate, by_month, at_age), flat)

    eligible = printed_years + 1e-9 >= minimum
    month = int(EVALUATION_MONTH[:4]) * 12 + int(EVALUATION_MONTH[5:]) - 1
    paid = (retirement <= month) & eligible
    share = tables.at(tables.national(f"{benefit}.basic_pension.share_of_average_wage"), retirement)
    per_year = tables.at(tables.national(f"{benefit}.basic_pension.rate_per_contribution_year"), retirement)
    rule_2005 = (calculation_base + indexed_wage) / 2 * printed_years * numpy.nan_to_num(per_year)
    basic = numpy.where(paid, _fen(numpy.where(numpy.isnan(share), rule_2005, calculation_base * numpy.nan_to_num(share))), 0)
    account_pension = numpy.where(paid, _fen(balance / payout), 0)
    coefficient = tables.at(tables.regional(f"{benefit}.transitional_coefficient"), retirement, region)
    coefficient = numpy.where(pre_account_years > 0, coefficient, 0)
    transitional = numpy.where(paid, _fen(indexed_wage * _decimals(pre_account_years, year_decimals) * coefficient), 0)
    window_start = int(REFUND_WINDOW.split(":")[1][:4]) * 12 + int(REFUND_WINDOW.split(":")[1][5:]) - 1
    window_end = window_start + int(REFUND_WINDOW.split(":")[2])
    # Every retirement here is after 2011-07-01: only a person who asks is refunded.
    asked = inputs["shortfall_choice"] == 2
    refunded = (retirement >= window_start) & (retirement < window_end) & ~eligible & asked
    return {
        "contribution_years": contribution_years,
        "average_contribution_index": average_index,
        "personal_account_balance": balance,
        "pension_calculation_base": calculation_base,
        "payout_months": payout,
        "basic_pension": basic,
        "account_pension": account_pension,
        "transitional_pension": transitional,
        "monthly_pension": _fen(basic + account_pension + transitional),  # the model rounds the sum too (exact to the fen)
        "lump_sum_refund": numpy.where(refunded, balance, 0),
    }


def openfisca_outputs(inputs, tax_benefit_system, chunk_size=None):
    from openfisca_china_social_insurance.api.population import simulate_population

    check_enum_indices(tax_benefit_system)
    return simulate_population(inputs, VARIABLES, chunk_size=chunk_size, tax_benefit_system=tax_benefit_system)


# ----------------------------------------------------------------------- measurement


def _memory_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def _child(args):
    """One measurement in this process: generate, compute, save, print JSON."""
    from openfisca_china_social_insurance import CountryTaxBenefitSystem

    tax_benefit_system = CountryTaxBenefitSystem()
    inputs = make_population(args.persons, args.seed)
    before = _memory_kib("VmRSS")
    times = []
    for _ in range(args.repeat):  # the best of a few runs: the machine may be shared
        outputs = None  # free the previous run's outputs first
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        if args.child == "openfisca":
            outputs = openfisca_outputs(inputs, tax_benefit_system, args.chunk)
        else:
            outputs = numpy_reference(inputs, tax_benefit_system.parameters, args.chunk)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        times.append((elapsed, after.ru_utime - usage.ru_utime, after.ru_stime - usage.ru_stime))
    peak = _memory_kib("VmHWM")
    elapsed, user, system = min(times)
    for name, values in outputs.items():
        numpy.save(Path(args.outdir) / f"{args.child}_{name}.npy", values)
    print(json.dumps({"seconds": elapsed, "first": times[0][0], "user": user, "system": system, "peak_kib": peak, "before_kib": before}))


def _run_child(kind, args, outdir):
    command = [sys.executable, __file__, "--child", kind, "--persons", str(args.persons), "--seed", str(args.seed), "--repeat", str(args.repeat), "--outdir", outdir]
    if args.chunk:
        command += ["--chunk", str(args.chunk)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=None, help="persons per simulation, for both sides (default: all at once)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the fastest is reported (default 3)")
    parser.add_argument("--child", choices=["openfisca", "numpy"], help=argparse.SUPPRESS)
    parser.add_argument("--outdir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)

    with tempfile.TemporaryDirectory(prefix="pension_benchmark_") as outdir:
        figures = {kind: _run_child(kind, args, outdir) for kind in ("numpy", "openfisca")}
        chunk = f"chunks of {args.chunk:,} persons" if args.chunk else "all persons at once"
        print(f"{args.persons:,} persons, careers {FIRST_YEAR}-{LAST_YEAR}, both sides run {chunk}, {os.cpu_count()} CPU(s)")
        for kind, figure in figures.items():
            rate = args.persons / figure["seconds"]
            print(
                f"  {kind:9s} {figure['seconds']:8.2f} s (first run {figure['first']:.2f} s) {rate:12,.0f} persons/s  "
                f"(cpu user {figure['user']:.2f} s, system {figure['system']:.2f} s)  "
                f"peak {figure['peak_kib'] / 2**20:6.2f} GiB (of which before the run: {figure['before_kib'] / 2**20:.2f} GiB)"
            )
        ratio = figures["openfisca"]["seconds"] / figures["numpy"]["seconds"]
        print(f"  OpenFisca / numpy time: {ratio:.2f}x")
        worst = 0.0
        for name in VARIABLES:
            model = numpy.load(Path(outdir) / f"openfisca_{name}.npy")
            reference = numpy.load(Path(outdir) / f"numpy_{name}.npy")
            difference = float(numpy.max(numpy.abs(model - reference))) if model.size else 0.0
            worst = max(worst, difference)
            print(f"  max |difference| {name:28s} {difference:.2e}   (mean {reference.mean():12.4f})")
        agree = worst < 0.005
        print(f"  agree to the fen: {'yes' if agree else 'NO'} (max abs difference {worst:.2e})")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
