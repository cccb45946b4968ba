"""`shebao forms`: reproduce the official approval forms (养老待遇核定表) and report."""

from pathlib import Path

import typer

from ..core.errors import InputError
from ..validation import approval_forms, forms_report

FORMATS = ("markdown", "csv")


def forms(
    shared: str = typer.Option(None, "--shared", help="The shared folder (default: $SHEBAO_SHARED, else ../shared beside the repository)."),
    facts: str = typer.Option(
        None, "--facts", help="The facts file about individual forms (default: tests/approval_forms/case_facts.yml in the repository)."
    ),
    fmt: str = typer.Option("markdown", "--format", help="markdown or csv."),
):
    """Every approval form of the peer calculator's cases, pass or fail per component, with the reason."""
    if fmt not in FORMATS:
        raise InputError.of("format", value=fmt, allowed=", ".join(FORMATS))
    folder = Path(shared) if shared else approval_forms.default_shared_dir()
    if not approval_forms.cases_folder(folder).is_dir():
        raise InputError.of("forms_shared", folder=approval_forms.cases_folder(folder))
    facts_path = Path(facts) if facts else approval_forms.default_facts_path()
    if not facts_path.is_file():
        raise InputError.of("forms_facts", path=facts_path)
    rows = approval_forms.report(folder, facts_path)
    text = forms_report.to_markdown(rows) if fmt == "markdown" else forms_report.to_csv(rows)
    typer.echo(text, nl=False)
