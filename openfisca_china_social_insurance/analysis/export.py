"""Tables written for spreadsheets and programs: xlsx, CSV and JSON, chosen by `--output`'s suffix.

Cells are raw values: numbers stay numbers, text stays text, None and NaN (not computable)
are empty (JSON null). Each row carries a unit (`yuan`, `yuan_per_month`, `rate`, `status`
or None), which gives an xlsx number its format ('#,##0.00' for money, '0.00%' for rates;
the value itself stays exact) and a CSV number its digits (money to the fen, no thousands
separator, never quoted).

CSV with a UTF-8 BOM: Excel on Chinese Windows reads a CSV without one in the local code
page and garbles its Chinese. `--bom` adds it, `--no-bom` leaves it out; by default a CSV
file written with `--lang zh` has one, and standard output never has (a pipe to a program).
"""

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path

from ..core.errors import InputError

SUFFIXES = (".xlsx", ".csv", ".json")
NUMBER_FORMATS = {"yuan": "#,##0.00", "yuan_per_month": "#,##0.00", "rate": "0.00%"}


def check_path(path):
    """An --output path with a suffix of SUFFIXES in a folder that exists (or None)."""
    if path is None:
        return None
    if Path(path).suffix.lower() not in SUFFIXES:
        raise InputError.of("output_suffix", path=str(path), allowed=", ".join(SUFFIXES))
    if not Path(path).resolve().parent.is_dir():
        raise InputError.of("output_folder", path=str(path))
    return path


def _number(value):
    """A real number, or None for what is not one (text, None, NaN)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if isinstance(value, float) and math.isnan(value) else value


#: What a spreadsheet takes for the start of a formula in a text cell (a person named
#: =HYPERLINK(...) would run as one): such text is written as text (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value):
    """Text a spreadsheet would read as a formula, quoted with a leading apostrophe (CSV)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _plain(value, unit):
    """A cell for CSV: money to the fen, other numbers as they are, NaN and None empty."""
    number = _number(value)
    if number is None:
        return "" if value is None or isinstance(value, float) else _as_text(value)
    if unit in ("yuan", "yuan_per_month"):
        return f"{number:.2f}"
    return repr(round(number, 6)) if isinstance(number, float) else str(number)


def csv_text(header, rows, units):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_as_text(name) for name in header])
    writer.writerows([_plain(value, unit) for value in row] for row, unit in zip(rows, units))
    return buffer.getvalue()


def json_text(header, rows):
    """A list of {column: value}: numbers as numbers, NaN as null."""
    records = [{key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in zip(header, row)} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def write(path, title, header, rows, units, bom=False, notes=(), notes_title="notes"):
    """Write the table to `path` in the format of its suffix, atomically; returns the path. `notes`
    (what the table's notes say for people: the status marks, why a cell is n/a) go to an xlsx
    file's second sheet, `notes_title`, one a row; CSV and JSON hold the table alone."""
    check_path(path)
    suffix = Path(path).suffix.lower()
    folder = Path(path).resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=suffix)
        os.close(handle)
    except OSError as error:
        raise InputError.of("output_write", path=str(path), reason=error.strerror) from None
    try:
        if suffix == ".xlsx":
            _xlsx(temporary, title, header, rows, units, notes, notes_title)
        else:
            text = csv_text(header, rows, units) if suffix == ".csv" else json_text(header, rows)
            Path(temporary).write_text(text, encoding="utf-8-sig" if bom and suffix == ".csv" else "utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise InputError.of("output_write", path=str(path), reason=error.strerror) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def _keep_text(cell):
    """Text is text: openpyxl writes a string opening with "=" as a formula."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def _xlsx(path, title, header, rows, units, notes=(), notes_title="notes"):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        _keep_text(cell)
    for row, unit in zip(rows, units):
        sheet.append([value if _number(value) is not None or not isinstance(value, float) else None for value in row])
        for cell in sheet[sheet.max_row]:
            if _number(cell.value) is not None and unit in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[unit]
            _keep_text(cell)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:  # wide enough for the longest text, CJK counted double
        width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8) + 2, 60)
    if notes:  # the table's notes, which the table alone lost (an n/a without its reason)
        sheet = book.create_sheet("".join(ch for ch in notes_title if ch not in "[]:*?/\\")[:31] or "notes")
        for note in notes:
            sheet.append([note])
            _keep_text(sheet.cell(row=sheet.max_row, column=1))
        sheet.column_dimensions["A"].width = 120
    book.save(path)
