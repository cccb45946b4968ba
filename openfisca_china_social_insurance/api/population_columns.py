"""Population files as columns: the same schema and the same checks as
`population_files` (one row per person, see there), read as numpy arrays and checked a
column at a time, for populations of millions (a Dask worker reads its own slice).

    columns = read("people.parquet", start=0, stop=1_000_000)   # rows 1 to 1,000,000
    inputs = career_inputs(columns, system, first_year=1993, last_year=2060)

Every bad cell is refused with the file, the row (1 = the first data row of the file,
whatever the slice) and the column, and what is allowed; no row is dropped. Enumerations
come back as the model's enum indices (one byte a person), dates as datetime64[D].
"""

from pathlib import Path

import numpy

from ..core import i18n, lookup, regions, time_axis
from ..core.errors import InputError
from ..core.money import round_fen
from .population_files import COLUMNS, EMPTY, MAX_WEIGHT, cell_error, check_columns, not_a_region, source_named
from .profiles import EMPLOYMENT_TYPE, SEX, SHORTFALL_CHOICE, WORKER_CATEGORY

#: Text columns read as enum indices, in the model's enum order.
CHOICES = {"sex": SEX, "worker_category": WORKER_CATEGORY, "employment_type": EMPLOYMENT_TYPE, "shortfall_choice": SHORTFALL_CHOICE}
#: Number columns and their allowed range (inclusive).
RANGES = {"weight": (0, MAX_WEIGHT), "deemed_contribution_years": (0, 60), "career_index": (1e-9, 10), "career_from": (1950, 2100), "career_to": (1950, 2100)}


def row_count(path):
    """Rows of a .parquet file (from its metadata) or a .csv file; a file without a person
    is refused (its totals would be zeros, a mean of 0.00, not an answer)."""
    count = _table(Path(path)).num_rows if Path(path).suffix == ".csv" else _parquet(Path(path)).metadata.num_rows
    if count == 0:
        raise InputError.of(EMPTY, path=path)
    return count


def regions_of(path):
    """The Region indices a file's persons are insured in (its insured_region column, checked)."""
    path = Path(path)
    column = (_table(path) if path.suffix == ".csv" else _parquet(path).read(columns=["insured_region"])).column("insured_region")
    distinct = numpy.unique(column.drop_null().to_numpy(zero_copy_only=False).astype(str))
    return sorted(set(_indices(distinct, numpy.zeros(len(distinct), dtype=bool), None, None, lambda where, problem: InputError.of(
        "population_region", path=path, value=str(distinct[where][0]), problem=problem, allowed=i18n.phrase(COLUMNS["insured_region"][2]))).tolist()))


def check_unique_ids(path):
    """Refuse a file in which a person_id is given twice (read alone, whatever the partitions)."""
    import pyarrow.compute

    path = Path(path)
    ids = (_table(path) if path.suffix == ".csv" else _parquet(path).read(columns=["person_id"])).column("person_id")
    if pyarrow.compute.count_distinct(ids).as_py() != len(ids):
        values = ids.to_numpy(zero_copy_only=False).astype(str)
        where = int(numpy.flatnonzero(_repeated(values))[0])
        raise cell_error(path, where + 1, "person_id", str(values[where]), "is given twice")


def _repeated(values):
    """True at each value an earlier row already gave."""
    _, first = numpy.unique(values, return_index=True)
    repeated = numpy.ones(len(values), dtype=bool)
    repeated[first] = False
    return repeated


def read(path, start=0, stop=None):
    """{column: numpy array} of rows start..stop (0-based, stop excluded), every cell checked."""
    path = Path(path)
    first_row = 0
    if path.suffix == ".csv":
        table = _table(path)
    else:  # only the row groups that hold rows start..stop
        parquet = _parquet(path)
        sizes = [parquet.metadata.row_group(group).num_rows for group in range(parquet.metadata.num_row_groups)]
        ends = numpy.cumsum(sizes)
        last = len(sizes) if stop is None else int(numpy.searchsorted(ends, stop, side="left")) + 1
        first = int(numpy.searchsorted(ends, start, side="right"))
        table = parquet.read_row_groups(list(range(first, min(last, len(sizes))))) if sizes else parquet.read()
        skipped = int(ends[first - 1]) if first else 0
        start, stop = start - skipped, None if stop is None else stop - skipped
        first_row = skipped
    names = table.column_names
    check_columns(names, path)
    stop = table.num_rows if stop is None else min(stop, table.num_rows)
    table = table.slice(start, max(stop - start, 0))
    raw = {name: table.column(name).to_numpy(zero_copy_only=False) if name in names else None for name in COLUMNS}
    if not table.num_rows:
        raise InputError.of("population_no_rows_from", path=path, row=first_row + start + 1)
    return checked(raw, path, first_row + start)


def write(records, path, rows_per_group=None):
    """Write {column: list or array} to a .parquet file atomically (row groups of
    `rows_per_group` rows, which `read` can skip)."""
    import pyarrow
    import pyarrow.parquet

    from .population_files import atomic

    with atomic(Path(path)) as temporary:
        pyarrow.parquet.write_table(pyarrow.table(records), temporary, row_group_size=rows_per_group)
    return path


def _parquet(path):
    import pyarrow
    import pyarrow.parquet

    if not path.is_file():
        raise InputError.of("population_not_found", path=path)
    try:
        return pyarrow.parquet.ParquetFile(path)
    except (pyarrow.ArrowException, OSError) as error:
        raise InputError.of("population_unreadable", path=path, kind="Parquet", error=str(error)) from None


def _table(path):
    import pyarrow
    import pyarrow.csv

    if not path.is_file():
        raise InputError.of("population_not_found", path=path)
    if path.suffix != ".csv":
        raise InputError.of("population_suffix", path=path, suffix=path.suffix)
    # Every column as text, checked below like Parquet's: no type guessed from the first rows.
    options = pyarrow.csv.ConvertOptions(column_types=dict.fromkeys(COLUMNS, pyarrow.string()), strings_can_be_null=True)
    try:
        return pyarrow.csv.read_csv(path, convert_options=options)
    except pyarrow.ArrowException as error:
        raise InputError.of("population_unreadable", path=path, kind="CSV", error=str(error)) from None


def checked(raw, source, first_row=0):
    """Checked arrays from raw columns ({name: array or None}); `source` names them in errors
    (a file's path, or i18n.both text: population_files.source_named); rows are numbered from `first_row` + 1."""

    def bad(name, where, problem):
        index = int(numpy.flatnonzero(where)[0])
        value = raw[name][index]
        value = value.item() if hasattr(value, "item") else value  # a plain value in the message
        return cell_error(source, first_row + index + 1, name, value, problem)

    count = len(next(column for column in raw.values() if column is not None))
    columns = {}
    for name, (required, default, _) in COLUMNS.items():
        values = raw.get(name)
        empty = numpy.zeros(count, dtype=bool) if values is None else _empty(values)
        if required and values is None:
            raise InputError.of("population_source_column", source=source_named(source), name=name)
        if required and empty.any():
            raise bad(name, empty, "is empty")
        if name in RANGES:
            number = _numbers(values, empty, default)
            if numpy.isnan(number).any():
                raise bad(name, numpy.isnan(number), "is not a number")
            low, high = RANGES[name]
            outside = (number < low) | (number > high) | ~numpy.isfinite(number)
            if name in ("career_from", "career_to"):
                outside |= number != numpy.round(number)
            if outside.any():
                raise bad(name, outside, "is out of range")
            columns[name] = number.astype(numpy.int16) if name.startswith("career_") and name != "career_index" else number
        elif name in CHOICES:
            columns[name] = _indices(values, empty, default, CHOICES[name], lambda where, n=name: bad(n, where, "is not allowed"))
        elif name == "insured_region":
            columns[name] = _indices(values, empty, default, None, lambda where, problem, n=name: bad(n, where, problem))
        elif name == "birth_date":
            columns[name] = _dates(values, lambda where, n=name: bad(n, where, "is not a date"))
        else:
            columns[name] = numpy.asarray(values).astype(str)
    twice = _repeated(columns["person_id"])
    if twice.any():
        raise bad("person_id", twice, "is given twice")
    before = columns["career_to"] < columns["career_from"]
    if before.any():
        raise bad("career_to", before, "is before career_from")
    return columns


def _empty(values):
    values = numpy.asarray(values)
    if values.dtype.kind == "f":
        return numpy.isnan(values)
    if values.dtype.kind in "iub" or values.dtype.kind == "M":
        return numpy.zeros(len(values), dtype=bool) if values.dtype.kind != "M" else numpy.isnat(values)
    return numpy.array([value is None or (isinstance(value, str) and not value.strip()) for value in values.tolist()], dtype=bool)


def _numbers(values, empty, default):
    if values is None:
        return numpy.full(len(empty), float(default or 0))
    values = numpy.asarray(values)
    if values.dtype.kind in "fiu":
        number = values.astype(float)
    else:
        number = numpy.full(len(values), numpy.nan)
        text = numpy.where(empty, "nan", values.astype(object)).astype(str)
        for value in numpy.unique(text):  # over distinct texts, not persons
            try:
                number[text == value] = float(value)
            except ValueError:
                pass
    return numpy.where(empty, float(default or 0), number) if default is not None else number


def _indices(values, empty, default, options, refuse):
    """Enum indices of a text column: the options' order, or Region indices (keys or codes)."""
    text = numpy.full(len(empty), default, dtype=object) if values is None else numpy.where(empty, default, numpy.asarray(values, dtype=object))
    distinct, inverse = numpy.unique(text.astype(str), return_inverse=True)
    codes = numpy.empty(len(distinct), dtype=numpy.int16)
    for number, value in enumerate(distinct):  # over distinct values, not persons
        if options is None:
            try:
                codes[number] = regions.Region[regions.resolve(value)].index
            except InputError as error:
                raise refuse(inverse == number, not_a_region(error)) from None
        elif value in options:
            codes[number] = options.index(value)
        else:
            raise refuse(inverse == number)
    return codes[inverse]


def _dates(values, refuse):
    values = numpy.asarray(values)
    if values.dtype.kind == "M":
        days = values.astype("datetime64[D]")
        timed = days != values  # a time of day: refused, as the per-person reader does
        if timed.any():
            raise refuse(timed)
        return days
    text = values.astype(str)
    dates = numpy.empty(len(text), dtype="datetime64[D]")
    distinct, inverse = numpy.unique(text, return_inverse=True)
    for number, value in enumerate(distinct):  # over distinct dates, not persons
        try:
            if len(value) != 10:
                raise ValueError
            dates[inverse == number] = numpy.datetime64(value, "D")
        except ValueError:
            raise refuse(inverse == number) from None
    return dates


def career_wage(columns, system, year):
    """Each career's wage in `year`: `career_index` x the insured region's average wage of the
    year (published, back-cast or projected: time_axis), to the fen; NaN where there is none."""
    average = lookup.at(time_axis.average_wage(system.parameters)[0], lookup.year_start(year), columns["insured_region"].astype(numpy.int64))
    return round_fen(columns["career_index"] * average)


def career_inputs(columns, system, first_year, last_year):
    """The model's compact inputs (api.population.simulate_population) for the careers of
    `columns`, yearly from first_year to last_year: 12 months in each career year, the wage
    `career_index` x the region's average wage of the year (published, back-cast or
    projected: time_axis), rounded to the fen."""
    region = columns["insured_region"].astype(numpy.int64)
    inputs = {
        "birth_date": columns["birth_date"],
        "sex": columns["sex"].astype(numpy.int8),
        "worker_category": columns["worker_category"].astype(numpy.int8),
        "insured_region": region.astype(numpy.int16),
        "deemed_contribution_years": columns["deemed_contribution_years"],
        "shortfall_choice": columns["shortfall_choice"].astype(numpy.int8),
        "contribution_wage": {},
        "contribution_months": {},
        "employment_type": {},
    }
    for year in range(first_year, last_year + 1):
        paying = (columns["career_from"] <= year) & (year <= columns["career_to"])
        wage = career_wage(columns, system, year)
        no_wage = paying & numpy.isnan(wage)
        if no_wage.any():
            where = int(numpy.flatnonzero(no_wage)[0])
            first = time_axis.first_national_year(time_axis.average_wage(system.parameters)[0])
            raise InputError.of("population_no_average_wage", person=str(columns["person_id"][where]), year=year,
                                region=regions.named(regions.REGIONS[region[where]].key), first=first)
        inputs["contribution_wage"][str(year)] = numpy.where(paying, numpy.nan_to_num(wage), 0.0)
        inputs["contribution_months"][str(year)] = numpy.where(paying, 12, 0).astype(numpy.int8)
        inputs["employment_type"][str(year)] = numpy.where(paying, columns["employment_type"], 0).astype(numpy.int8)
    return inputs
