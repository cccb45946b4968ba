"""Shared output of tables: terminal (rich), CSV, Markdown, JSON."""

import csv
import io
import json
import shutil

FORMATS = ("table", "csv", "markdown", "json")
OUTPUT_HELP = "Write the result to this file instead, in the format of its suffix: .xlsx (numbers with number formats), .csv or .json."
BOM_HELP = "Start a CSV file with a UTF-8 BOM, which Excel on Chinese Windows needs (default: with --lang zh yes, else no)."


def render(title, header, rows, fmt):
    """Render rows (lists of cells) under a header in one of FORMATS, as text."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":
        lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "json":
        return json.dumps([dict(zip(header, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in header:
        table.add_column(str(column), overflow="fold")  # paths and codes never cut
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    buffer = io.StringIO()
    # As wide as the terminal; into a file or a pipe, 200 columns (nothing to fit).
    Console(file=buffer, width=shutil.get_terminal_size((200, 24)).columns, force_terminal=False).print(table)
    return buffer.getvalue()


def progress():
    """A transient progress bar on stderr: stdout holds only the tables (csv and json parse)."""
    from rich.console import Console
    from rich.progress import Progress

    return Progress(transient=True, console=Console(stderr=True))


def check_format(fmt):
    from ..core.errors import InputError

    if fmt not in FORMATS:
        raise InputError.of("format", value=fmt, allowed=", ".join(FORMATS))
    return fmt
