"""Shared output of tables: terminal (rich), CSV, Markdown, JSON."""

import csv
import io
import json

FORMATS = ("table", "csv", "markdown", "json")


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
    Console(file=buffer, width=200, force_terminal=False).print(table)
    return buffer.getvalue()


def check_format(fmt):
    from ..core.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} is not allowed. Allowed: {', '.join(FORMATS)}.")
    return fmt


def check_chart_path(path, option="--chart"):
    """A .png path in a folder that exists (an InputError naming the option otherwise)."""
    from pathlib import Path

    from ..core.errors import InputError

    if path is None:
        return None
    if not str(path).lower().endswith(".png"):
        raise InputError(f"{option}: {path!r} is not a .png path. Allowed: a file name ending in .png.")
    if not Path(path).resolve().parent.is_dir():
        raise InputError(f"{option}: the folder of {path!r} does not exist. Allowed: a .png path in an existing folder.")
    return path
