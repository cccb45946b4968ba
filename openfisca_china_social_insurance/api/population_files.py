"""Population files: one row per person, read from Parquet (pyarrow) or CSV, checked
column by column, and results written back atomically.

A row describes a person and a career of one kind (the shape of the seed's grid and of
synthetic populations):

    person_id          text, unique                    a name for the row
    weight             number >= 0                     how many people the row stands for
    birth_date         YYYY-MM-DD
    sex                male | female
    worker_category    worker | cadre                  optional, worker
    insured_region     region key or GB/T 2260 code
    deemed_contribution_years   number >= 0            optional, 0
    career_from, career_to      years                  the years paid, inclusive
    career_index       number > 0                      the contribution wage as a multiple of
                                                       the region's average wage each year
    employment_type    employee | flexible_worker      optional, employee
    shortfall_choice   as in profiles                  optional, continue_contributing

Every bad cell is refused with the file, the row (1 = the first data row) and the
column named, and what is allowed; no row is dropped: `read` returns as many rows as the
file has, or raises.
"""

import contextlib
import csv
import io
import math
import os
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from ..core import i18n, regions
from ..core.errors import InputError, read_text_file
from .profiles import EMPLOYMENT_TYPE, INDEX_ALLOWED, SEX, SHORTFALL_CHOICE, WORKER_CATEGORY

#: The largest weight a row can have: more people than China has is a slip (1e300 gave totals of 1e304).
MAX_WEIGHT = 1.5e9

#: column: (required, default, what is allowed)
COLUMNS = {
    "person_id": (True, None, "a text, unique in the file"),
    "weight": (True, None, "a finite number from 0 to 1.5 billion (how many people the row stands for; China has 1.4 billion)"),
    "birth_date": (True, None, "a date YYYY-MM-DD"),
    "sex": (True, None, " | ".join(SEX)),
    "worker_category": (False, "worker", " | ".join(WORKER_CATEGORY)),
    "insured_region": (True, None, "a region key or GB/T 2260 code (shebao regions list)"),
    "deemed_contribution_years": (False, 0.0, "a number of years from 0 to 60"),
    "career_from": (True, None, "a year from 1950 to 2100"),
    "career_to": (True, None, "a year from career_from to 2100"),
    # As a profile's index: 0 is a year without contributions, which a row (12 months a year) cannot hold.
    "career_index": (True, None, INDEX_ALLOWED + "; 0 would be years without contributions: leave them out of career_from-career_to"),
    "employment_type": (False, "employee", " | ".join(EMPLOYMENT_TYPE)),
    "shortfall_choice": (False, "continue_contributing", " | ".join(SHORTFALL_CHOICE)),
}


#: The refusal of a population file that holds no person (its totals would be zeros and a
#: mean pension of 0.00, not an answer): the code of its message in core/messages.yaml.
EMPTY = "population_empty"


def source_named(source):
    """Where rows come from as a message names it, in every language: a population file's path
    (population file x.csv; 人群文件 x.csv), or a text the caller made so (i18n.both)."""
    return source if isinstance(source, dict) else i18n.both("population.file", path=source)


def cell_error(source, number, name, value, problem):
    """The refusal of one cell: the file (or spec), the row (1 = the first data row), the column, the value, what is allowed."""
    return InputError.of("population_cell", source=source_named(source), row=number, name=name, value=value,
                         problem=problem if isinstance(problem, dict) else i18n.phrase(problem), allowed=i18n.phrase(COLUMNS[name][2]))


def read(path):
    """[row dict] from a .parquet or .csv population file, every cell checked."""
    path = Path(path)
    if not path.is_file():
        raise InputError.of("population_not_found", path=path)
    if path.suffix == ".parquet":
        import pyarrow
        import pyarrow.parquet

        try:
            table = pyarrow.parquet.read_table(path)
        except (pyarrow.ArrowException, OSError) as error:
            raise InputError.of("population_unreadable", path=path, kind="Parquet", error=str(error)) from None
        columns = table.column_names
        records = table.to_pylist()
    elif path.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(read_text_file(path, "population file"), newline=""))
        columns = reader.fieldnames or []
        records = [dict(record) for record in reader]
    else:
        raise InputError.of("population_suffix", path=path, suffix=path.suffix)
    check_columns(columns, path)
    if not records:
        raise InputError.of(EMPTY, path=path)
    return checked_rows(records, path)


def check_columns(columns, path):
    """Refuse a file whose header misses a required column or has one the schema does not know."""
    missing = [name for name, (required, _, _) in COLUMNS.items() if required and name not in columns]
    if missing:
        raise InputError.of("population_column_missing", path=path, name=missing[0], required=", ".join(n for n, c in COLUMNS.items() if c[0]))
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise InputError.of("population_unknown_column", path=path, name=unknown[0], allowed=", ".join(COLUMNS))


def checked_rows(records, source="<records>"):
    """[row dict] from records (dicts of the columns), every cell checked; `source` names
    the file in the errors."""
    rows, seen = [], set()
    for number, record in enumerate(records, start=1):
        row = _row(record, source, number)
        if row["person_id"] in seen:
            raise cell_error(source, number, "person_id", row["person_id"], "is given twice")
        seen.add(row["person_id"])
        rows.append(row)
    return rows


def not_a_region(error):
    """What is wrong with a cell regions.resolve refuses (its InputError), with its hint: the
    nearest names, or the listed region a division lies in (南京: jiangsu)."""
    hint = error.values.get("hint")
    return {lang: i18n.text("population.not_a_region", lang) + (i18n.text("population.hint", lang, hint=hint[lang].strip().rstrip(".?。？")) if hint else "")
            for lang in i18n.LANGS}


def _empty(value):
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and math.isnan(value))


def _row(record, path, number):
    row = {}
    for name, (required, default, allowed) in COLUMNS.items():
        value = record.get(name)

        def bad(problem, value=value, name=name):
            return cell_error(path, number, name, value, problem)

        if _empty(value):
            if required:
                raise bad("is empty")
            row[name] = default
            continue
        if name in ("weight", "deemed_contribution_years", "career_index"):
            try:
                if isinstance(value, bool):  # float(True) is 1: a flag is no number
                    raise TypeError
                value = float(value)
            except (TypeError, ValueError):
                raise bad("is not a number") from None
            low, high = {"weight": (0, MAX_WEIGHT), "deemed_contribution_years": (0, 60), "career_index": (1e-9, 10)}[name]
            if not math.isfinite(value) or not low <= value <= high:
                raise bad("is out of range")
        elif name in ("career_from", "career_to"):
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise bad("is not a year") from None
            if value != int(value) or not 1950 <= value <= 2100:
                raise bad("is not a year from 1950 to 2100")
            value = int(value)
        elif name == "birth_date":
            if isinstance(value, datetime):  # a Parquet timestamp (pandas writes dates so)
                if value.time() != time():
                    raise bad("is not a date (it has a time of day)")
                value = value.date()
            try:
                value = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                raise bad("is not a date") from None
        elif name == "insured_region":
            try:
                value = regions.resolve(str(value))
            except InputError as error:
                raise bad(not_a_region(error)) from None
        elif name in ("sex", "worker_category", "employment_type", "shortfall_choice"):
            options = {"sex": SEX, "worker_category": WORKER_CATEGORY, "employment_type": EMPLOYMENT_TYPE, "shortfall_choice": SHORTFALL_CHOICE}[name]
            if value not in options:
                raise bad("is not allowed")
        else:
            value = str(value)
        row[name] = value
    if row["career_to"] < row["career_from"]:
        raise InputError.of("population_career_order", source=source_named(path), row=number, to=row["career_to"], first=row["career_from"],
                            allowed=i18n.phrase(COLUMNS["career_to"][2]))
    return row


def to_profiles(rows):
    """{person_id: profile} for api.assess."""
    profiles = {}
    for row in rows:
        profiles[row["person_id"]] = {
            "birth_date": row["birth_date"].isoformat(),
            "sex": row["sex"],
            "worker_category": row["worker_category"],
            "insured_region": row["insured_region"],
            "deemed_contribution_years": row["deemed_contribution_years"],
            "shortfall_choice": row["shortfall_choice"],
            "career": [{"from": row["career_from"], "to": row["career_to"], "index": row["career_index"], "employment_type": row["employment_type"]}],
        }
    return profiles


def write(records, path):
    """Write [record dict] to .parquet or .csv atomically: a crashed run leaves no half file."""
    path = Path(path)
    if path.suffix not in (".parquet", ".csv"):
        raise InputError.of("population_output_suffix", path=path, suffix=path.suffix)
    with atomic(path) as temporary:
        if path.suffix == ".parquet":
            import pyarrow
            import pyarrow.parquet

            pyarrow.parquet.write_table(pyarrow.Table.from_pylist(records), temporary)
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else [], lineterminator="\n")
                writer.writeheader()
                writer.writerows(records)
    return path


@contextlib.contextmanager
def atomic(path):
    """A temporary file beside `path`, renamed to it when the block ends without error and
    removed otherwise: a crashed run leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
