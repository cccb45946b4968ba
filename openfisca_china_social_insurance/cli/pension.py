"""`shebao pension`: one or more persons' pensions, component by component, with the law."""

from pathlib import Path

import typer
import yaml

from .. import api, default_system
from ..core.errors import InputError
from .output import check_format, render


def load_profiles(path):
    """Profiles {name: profile} from a YAML file; errors name the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"profile file {path}: cannot be read ({error.strerror}). Allowed: a readable YAML file.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(f"profile file {path}: not valid YAML ({error}).") from None
    if not isinstance(data, dict) or not data:
        raise InputError(f"profile file {path}: expected a mapping of person names to profiles.")
    return data


def cell(value, unit=None):
    """Money to the fen; other numbers with up to four decimals."""
    if isinstance(value, float):
        if unit == "currency-CNY":
            return f"{value:,.2f}"
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def reference_text(definition):
    reference = definition.reference or []
    return "; ".join(reference) if isinstance(reference, list) else str(reference)


def pension(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py for the fields)."),
    example: bool = typer.Option(False, "--example", help="Use the embedded Shandong example persons."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
):
    """Assess pensions at retirement: each component with its Chinese and English name and its legal basis."""
    check_format(fmt)
    if example == (profile_file is not None):
        raise InputError("pension: give a profile file or --example (exactly one).")
    profiles = api.example_profiles() if example else load_profiles(profile_file)
    system = default_system()
    results = api.assess(profiles, system)
    header = ["component 项目", *[row["name"] for row in results], "legal basis 依据"]
    rows = []
    for variable in api.BREAKDOWN:
        if variable not in system.variables:
            continue
        definition = system.variables[variable]
        rows.append(
            [definition.label, *[cell(row[variable], definition.unit) for row in results], reference_text(definition)]
        )
    typer.echo(render("养老待遇核定 Pension assessment", header, rows, fmt), nl=False)
