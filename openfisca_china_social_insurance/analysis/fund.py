"""The pension fund, year by year: what a population pays in and draws out, and the balance.

    flows = partition_flows(columns, system, 2025, 2060)      # one partition of persons
    total = combine([flows, ...])                             # any partitioning, same sums
    table = projection(total, system, 2025, 2060, opening_balance=...)
    jinan = projection(total, system, 2025, 2060, region="jinan")   # the persons insured there

For each year: contributors and their contributions (to the personal accounts and to
pooling), new pensioners and pensioners alive, pension spending by part (basic,
account, transitional, other: extra pensions, regional additions, rounding), lump-sum
refunds; then the dependency ratio and the balance carried forward with the fund's return.

How a person moves through the years (assumptions in parameters/projection/, never here):
- contributions are the model's, for the months paid before the retirement date;
- the pension is the model's, as first assessed; it is uprated each January after the
  year of retirement by pension.benefit.uprating (published), then projection.pension_uprating;
- a pensioner is alive with the probability of the life table projection.mortality (by sex,
  from the age at retirement); deaths before retirement are not modelled (the population
  file's weights are those who reach it);
- the balance earns projection.fund_return a year.

Exact sums whatever the partitioning: every amount is counted in fen and every weight in
thousandths of a person, both integers, so sums do not depend on the order in which
persons are added (a Dask run on any number of workers gives the one-process totals to
the bit). A pensioner's expected presence (weight x survival) is rounded to the
thousandth of a person, his uprated pension to the fen, before they are multiplied. Each
measure is kept for the whole population and, as MEASURE@region, for each insured region.
"""

import numpy

from ..api import population_columns
from ..api.population import calculate, chunk_simulations
from ..api.profiles import ANY_MONTH, naming_persons
from ..core import lookup, regions, time_axis
from ..core.dates import month_number
from ..core.errors import InputError, refusal
from ..core.money import round_fen
from ..variables.pension.eligibility import ShortfallChoice

#: Per-year sums, integers: persons in thousandths, money in fen.
COUNTS = ("contributors", "new_pensioners", "pensioners")
AMOUNTS = ("contributions", "account_credits", "basic_pension", "account_pension", "transitional_pension", "other_pension", "refunds")
PARTS = ("basic_pension", "account_pension", "transitional_pension", "monthly_pension")
MILLI = 1000  # weights in thousandths of a person
LARGEST = 2**62  # an int64 sum stays exact below this


def check_years(tree, first_year, last_year):
    """Refuse a projection starting before the model's first pension uprating (the year
    every pension in payment can be carried from) or before the fund's assumed return (the
    year a balance can be carried from), or ending past the model's dates."""
    uprated, returned = _first_uprating_year(tree), _first_year_of(tree.projection.fund_return)
    first_allowed = max(uprated, returned)
    if not first_allowed <= first_year <= last_year <= lookup.LAST_YEAR:
        raise InputError.of("fund_years_range", first=first_year, last=last_year, earliest=first_allowed, latest=lookup.LAST_YEAR,
                            uprated=uprated, returned=returned)


def partition_flows(columns, system, first_year, last_year, chunk_size=100_000):
    """{measure: int64 array, one value a year} for the persons of `columns`
    (api.population_columns.read), chunk by chunk."""
    check_years(system.parameters, first_year, last_year)
    years = numpy.arange(first_year, last_year + 1)
    flows = {measure: numpy.zeros(len(years), dtype=numpy.int64) for measure in COUNTS + AMOUNTS}
    for region in numpy.unique(columns["insured_region"]):  # each region's own flows too: MEASURE@region
        flows.update({f"{measure}@{regions.REGIONS[int(region)].key}": numpy.zeros(len(years), dtype=numpy.int64) for measure in COUNTS + AMOUNTS})
    count = len(columns["person_id"])
    for start in range(0, count, chunk_size):
        chunk = {name: values[start:start + chunk_size] for name, values in columns.items()}
        try:
            _add_chunk(flows, chunk, system, years)
        except InputError as error:  # the model's refusal names the chunk's "person #k": give the file's person_id
            raise naming_persons(error, chunk["person_id"]) from None
    return flows


def _add_chunk(flows, chunk, system, years):
    first = min(int(chunk["career_from"].min()), int(years[0]))
    inputs = population_columns.career_inputs(chunk, system, first, int(years[-1]))
    weight = numpy.round(chunk["weight"] * MILLI).astype(numpy.int64)
    _, _, simulation = next(chunk_simulations(inputs, None, system))
    continuing = _continuing(simulation, chunk)
    if continuing is not None:
        inputs = _continued_inputs(chunk, system, first, int(years[-1]), *continuing)
        _, _, simulation = next(chunk_simulations(inputs, None, system))
    retirement = month_number(calculate(simulation, "retirement_date", f"{years[-1]}-12").astype("datetime64[D]"))
    parts = {part: calculate(simulation, part, f"{years[-1]}-12") for part in PARTS}
    # extra pensions, regional additions and the printed total's rounding
    parts["other_pension"] = parts.pop("monthly_pension") - parts["basic_pension"] - parts["account_pension"] - parts["transitional_pension"]
    refund = calculate(simulation, "lump_sum_refund_at_retirement", f"{years[-1]}-12")
    tree = system.parameters
    first_uprated = _first_uprating_year(tree)
    paid = parts_total(parts) > 0  # a refunded person draws no pension, needs no uprating
    early = (retirement // 12 < first_uprated - 1) & paid
    if early.any():
        where = int(numpy.flatnonzero(early)[0])
        raise InputError.of("fund_retires_early", person=str(chunk["person_id"][where]), year=int(retirement[where]) // 12,
                            first=first_uprated, earliest=first_uprated - 1)
    survival = _survival(tree, chunk, retirement, years)
    uprated = _uprating_factors(tree, retirement, years, paid)
    codes, by_region = numpy.unique(chunk["insured_region"], return_inverse=True)
    groups = ([regions.REGIONS[int(code)].key for code in codes], by_region)
    for number, year in enumerate(years):
        months = inputs["contribution_months"][str(year)].astype(numpy.int64)
        before = numpy.clip(retirement - year * 12, 0, 12)  # months of the year before retirement
        paid_months = numpy.minimum(months, before)
        if paid_months.any():
            for variable in ("individual_contribution", "employer_contribution"):  # charged on every input month: pro rata
                amount = calculate(simulation, variable, str(year))
                per_month = numpy.divide(amount, months, out=numpy.zeros(len(amount)), where=months > 0)
                _add(flows, "contributions", number, _products(_fen(per_month) * paid_months, weight), groups)
            # The credit counts only months before retirement already (counted_contribution_months).
            _add(flows, "account_credits", number, _products(_fen(calculate(simulation, "personal_account_credit", str(year))), weight), groups)
            _add(flows, "contributors", number, weight * (paid_months > 0), groups)
        drawing = numpy.clip(year * 12 + 12 - retirement, 0, 12)  # months of pension in the year
        alive = numpy.round(weight * survival[number]).astype(numpy.int64)
        retiring = (retirement >= year * 12) & (retirement < year * 12 + 12)
        _add(flows, "new_pensioners", number, weight * (retiring & paid), groups)
        _add(flows, "refunds", number, _products(_fen(refund) * retiring, weight), groups)
        receiving = (drawing > 0) & paid
        _add(flows, "pensioners", number, alive * receiving, groups)
        for part in ("basic_pension", "account_pension", "transitional_pension", "other_pension"):
            monthly = _fen(parts[part] * uprated[number])
            _add(flows, part, number, _products(monthly * drawing * receiving, alive), groups)


def _continuing(simulation, chunk):
    """(who, months short, first year of the continuation) of the persons short of the minimum
    years who keep contributing (shortfall_choice continue_contributing) and reach it by the
    model's last year, or None."""
    months = calculate(simulation, "months_short_of_minimum", ANY_MONTH).astype(numpy.int64)
    who = calculate(simulation, "shortfall_choice_open", ANY_MONTH) & (months > 0)
    who &= calculate(simulation, "shortfall_choice", ANY_MONTH) == ShortfallChoice.continue_contributing.index
    if not who.any():
        return None
    statutory_year = calculate(simulation, "statutory_retirement_date", ANY_MONTH).astype("datetime64[Y]").astype(numpy.int64) + 1970
    first = numpy.maximum(chunk["career_to"] + 1, statutory_year)
    # As api/shortfall.py: no continuation that would run past the model's last year.
    who &= first + (months + 11) // 12 - 1 <= lookup.LAST_YEAR
    return (who, months, first) if who.any() else None


def _continued_inputs(chunk, system, first_year, last_year, who, months, first):
    """The chunk's inputs with the months that persons short of the minimum keep paying, as
    api.assess writes them for a profile (api/shortfall.py): at the career's index, from
    January of the year after its last year or of the statutory retirement year, whichever
    is later; the model then delays their pension to the month the minimum is reached.
    Without them they were neither contributors nor pensioners: lost from the fund. The
    inputs run past the projection to the end of each career and continuation, so that the
    retirement month does not depend on where the projection stops (months counted short
    before a career's later years only add months the retirement never reaches)."""
    reach = max(int(chunk["career_to"][who].max()), int((first + (months + 11) // 12 - 1)[who].max()))
    inputs = population_columns.career_inputs(chunk, system, first_year, min(lookup.LAST_YEAR, max(last_year, reach)))
    for year in range(int(first[who].min()), min(lookup.LAST_YEAR, reach) + 1):
        paid = numpy.where(who & (year >= first), numpy.clip(months - 12 * (year - first), 0, 12), 0)
        if not paid.any():
            continue
        wage = numpy.nan_to_num(population_columns.career_wage(chunk, system, year))
        key = str(year)
        inputs["contribution_months"][key] = numpy.where(paid > 0, paid, inputs["contribution_months"][key]).astype(numpy.int8)
        inputs["contribution_wage"][key] = numpy.where(paid > 0, wage, inputs["contribution_wage"][key])
        inputs["employment_type"][key] = numpy.where(paid > 0, chunk["employment_type"], inputs["employment_type"][key]).astype(numpy.int8)
    return inputs


def _add(flows, measure, number, values, groups):
    """Add each person's integer `values` to flows[measure][number] and to their region's
    MEASURE@region, refused where an int64 sum could wrap."""
    keys, by_region = groups
    sums = numpy.zeros(len(keys), dtype=numpy.int64)
    numpy.add.at(sums, by_region, values)  # integers: exact, whatever the order
    for name, value in [(measure, int(sums.sum()))] + [(f"{measure}@{key}", int(total)) for key, total in zip(keys, sums)]:
        total = int(flows[name][number]) + value
        if abs(total) >= LARGEST:
            raise InputError.of("fund_sum_too_large", measure=measure)
        flows[name][number] = total


def parts_total(parts):
    return parts["basic_pension"] + parts["account_pension"] + parts["transitional_pension"] + parts["other_pension"]


def _fen(amount):
    """Yuan to whole fen (int64), rounded as the model rounds (money.round_fen)."""
    return numpy.round(round_fen(amount) * 100).astype(numpy.int64)


def _products(fen, weight):
    """Each person's fen x thousandths of a person (int64), refused if their sum could overflow."""
    if numpy.abs(fen.astype(float) * weight).sum() >= LARGEST:
        raise InputError.of("fund_products_too_large")
    return fen * weight


def _survival(tree, chunk, retirement, years):
    """Probability of being alive in the middle of each year, given alive at retirement:
    the product of (1 - qx) of projection.mortality over the ages passed, log-linear
    within a year of age."""
    birth = month_number(chunk["birth_date"])
    log_alive = numpy.stack([_log_alive(getattr(tree.projection.mortality, sex), f"{years[0]}-01-01") for sex in ("male", "female")])
    table = log_alive[chunk["sex"].astype(numpy.int64)]
    rows = numpy.arange(len(birth))

    def at(age):
        whole = numpy.clip(numpy.floor(age).astype(numpy.int64), 0, len(log_alive[0]) - 2)
        share = numpy.clip(age - whole, 0, 1)
        return table[rows, whole] * (1 - share) + table[rows, whole + 1] * share

    at_retirement = at((retirement - birth) / 12)
    result = numpy.empty((len(years), len(birth)))
    for number, year in enumerate(years):
        age = numpy.maximum((year * 12 + 6 - birth) / 12, (retirement - birth) / 12)
        with numpy.errstate(invalid="ignore"):
            result[number] = numpy.nan_to_num(numpy.exp(at(age) - at_retirement))
    return result


def _log_alive(scale, instant):
    """log of the survivors at each whole age 0..MAX_KEY from the table's qx (a single_amount
    scale by age): ages below the first threshold die at its first rate."""
    q = lookup.scale_at(scale, numpy.datetime64(instant), numpy.arange(lookup.MAX_KEY + 1))
    first = numpy.flatnonzero(~numpy.isnan(q))[0]
    q[:first] = q[first]
    with numpy.errstate(divide="ignore"):
        return numpy.concatenate([[0.0], numpy.cumsum(numpy.log1p(-numpy.minimum(q, 1.0)))])[:-1]


def uprating_rates(tree, years):
    """(rates, status codes) of each year's January uprating: published, then projected."""
    rates, status = _uprating_rates_or_nan(tree, years)
    if numpy.isnan(rates).any():
        first = _first_uprating_year(tree)
        raise InputError.of("fund_uprating_missing", year=years[numpy.isnan(rates)][0], first=first, earliest=first - 1)
    return rates, status


def _uprating_rates_or_nan(tree, years):
    """`uprating_rates`, NaN for a year with neither a published nor an assumed uprating."""
    months = numpy.array([lookup.month_number(lookup.year_start(year)) for year in years])
    published, projected = tree.pension.benefit.uprating, tree.projection.pension_uprating
    assumed = numpy.isnan(lookup.table(published)[0][months])
    rates = numpy.where(assumed, lookup.table(projected)[0][months], lookup.table(published)[0][months])
    status = numpy.where(assumed, lookup.status_table(projected)[0][months], lookup.status_table(published)[0][months])
    return rates, status


def _first_uprating_year(tree):
    return _first_year_of(tree.pension.benefit.uprating)


def _first_year_of(parameter):
    values = lookup.table(parameter)[0]
    return lookup.FIRST_YEAR + int(numpy.flatnonzero(~numpy.isnan(values))[0]) // 12


def _uprating_factors(tree, retirement, years, paid):
    """For each year and person: the product of the Januaries' upratings after retirement,
    read from the first retirement of the persons `paid` a pension (a refunded person's
    retirement, however early, needs none; his factor is never used)."""
    first_retirement = int(retirement[paid].min()) // 12 if paid.any() else int(years[0])
    span = numpy.arange(min(first_retirement + 1, int(years[0])), int(years[-1]) + 1)
    rates, _ = _uprating_rates_or_nan(tree, span)
    retirement_year = retirement // 12
    missing = span[numpy.isnan(rates)]
    if missing.size:  # refuse, by name, the pensioners whose pension would be uprated by a missing rate
        needing = paid & (retirement_year < missing.max())
        if needing.any():
            first_missing = [int(missing[missing > year][0]) if year < missing.max() else None for year in retirement_year]
            raise refusal(needing, lambda count, index: _no_uprating(tree, first_missing[index], count, index, retirement_year[index]))
        rates = numpy.nan_to_num(rates)  # years no pensioner is uprated in
    cumulative = numpy.concatenate([[1.0], numpy.cumprod(1 + rates)])  # factor up to each year of span
    result = numpy.empty((len(years), len(retirement)))
    for number, year in enumerate(years):
        upto = numpy.searchsorted(span, year) + 1
        since = numpy.clip(numpy.searchsorted(span, retirement_year + 1), 0, len(span))
        result[number] = numpy.where(retirement_year < year, cumulative[upto] / cumulative[numpy.minimum(since, upto)], 1.0)
    return result


def _no_uprating(tree, year, count, index, retired):
    first = _first_uprating_year(tree)
    return (
        f"pension uprating of {year}: not encoded for pensioners: {count} (first: person #{index}, retired in {retired}). "
        f"Allowed: years with a published uprating (pension.benefit.uprating, from {first}) or an assumed one "
        f"(projection.pension_uprating, in the assumption set)."
    )


def stock_flows(stock, tree, first_year, last_year):
    """Flows of the pensioners already retired at the start (a spec's stock: count, average
    monthly pension, female share, mean age by sex): alive by the life table from their
    mean age, the pension uprated each January: {"stock_pensioners", "stock_pension"}."""
    years = numpy.arange(first_year, last_year + 1)
    rates, _ = uprating_rates(tree, years)
    uprated = numpy.cumprod(numpy.concatenate([[1.0], 1 + rates[1:]]))  # the start year as given
    flows = {"stock_pensioners": numpy.zeros(len(years), dtype=numpy.int64), "stock_pension": numpy.zeros(len(years), dtype=numpy.int64)}
    for number, sex in enumerate(("male", "female")):
        share = stock["female_share"] if sex == "female" else 1 - stock["female_share"]
        log_alive = _log_alive(getattr(tree.projection.mortality, sex), f"{first_year}-01-01")
        age = stock["mean_age"][sex] + numpy.arange(len(years))
        alive = numpy.exp(numpy.interp(age, numpy.arange(len(log_alive)), log_alive) - numpy.interp(stock["mean_age"][sex], numpy.arange(len(log_alive)), log_alive))
        present = numpy.round(stock["pensioners"] * share * alive * MILLI).astype(numpy.int64)
        flows["stock_pensioners"] += present
        flows["stock_pension"] += _fen(stock["monthly_pension"] * uprated) * 12 * present
    return flows


def combine(partitions):
    """The sum of partitions' flows (exact: integers, in Python's unbounded ints, then
    refused if a total could not be held)."""
    partitions = list(partitions)
    totals = {}
    for measure in sorted({measure for part in partitions for measure in part}):  # a region may be in some partitions only
        holding = [part[measure] for part in partitions if measure in part]
        summed = [sum(int(values[number]) for values in holding) for number in range(len(holding[0]))]
        if any(abs(value) >= LARGEST for value in summed):
            raise InputError.of("fund_sum_too_large", measure=measure)
        totals[measure] = numpy.array(summed, dtype=numpy.int64)
    return totals


def projection(flows, system, first_year, last_year, opening_balance=0.0, region=None):
    """[row] one a year: counts in persons, money in yuan, the balance carried forward; of
    the whole population, or of the persons insured in `region` (a region key). Flows may
    hold a stock of earlier pensioners (stock_flows, the whole population's), counted in
    `pensioners` and `spending` and shown apart."""
    years = numpy.arange(first_year, last_year + 1)
    tree = system.parameters
    stock = "stock_pension" in flows and region is None

    def flow(measure):
        return flows[measure if region is None or measure.startswith("stock_") else f"{measure}@{region}"]

    rows, balance = [], float(opening_balance)
    for number, year in enumerate(years):
        row = {"year": int(year)}
        for measure in COUNTS + (("stock_pensioners",) if stock else ()):
            row[measure] = int(flow(measure)[number]) / MILLI
        for measure in AMOUNTS + (("stock_pension",) if stock else ()):
            row[measure] = _yuan(flow(measure)[number])
        if stock:
            row["pensioners"] = round(row["pensioners"] + row["stock_pensioners"], 3)
        row["pooling_contributions"] = round(row["contributions"] - row["account_credits"], 2)
        spent = ("basic_pension", "account_pension", "transitional_pension", "other_pension", "refunds") + (("stock_pension",) if stock else ())
        row["spending"] = round(sum(row[part] for part in spent), 2)
        row["dependency_ratio"] = round(row["pensioners"] / row["contributors"], 4) if row["contributors"] else None
        rate = float(tree.projection.fund_return(f"{year}-01-01"))
        balance = round(balance * (1 + rate) + row["contributions"] - row["spending"], 2)
        row["balance"] = balance
        rows.append(row)
    return rows


def regions_in(flows):
    """The region keys a population's flows are kept for."""
    return sorted({name.split("@", 1)[1] for name in flows if "@" in name})


def _yuan(fen_milli):
    """Fen x thousandths of a person (an exact integer) to yuan, to the fen, half up."""
    fen = (2 * int(fen_milli) + MILLI) // (2 * MILLI)
    return fen / 100


def contribution_statuses(system, years, regions):
    """The status of each year's contributions: the weakest of the regions' average wages."""
    wages = time_axis.average_wage(system.parameters)[1]
    status = []
    for year in years:
        cells = wages[numpy.asarray(regions, dtype=numpy.int64), lookup.month_number(lookup.year_start(year))]
        status.append(lookup.STATUSES[int(numpy.nanmax(cells))] if not numpy.isnan(cells).all() else "projected")
    return status
