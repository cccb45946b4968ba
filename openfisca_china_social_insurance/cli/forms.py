"""`shebao forms`: reproduce the official approval forms (养老待遇核定表) and report."""

from pathlib import Path

import typer

from ..validation import approval_forms
from ..core.errors import InputError

FORMATS = ("markdown", "csv")


def forms(
    shared: str = typer.Option(None, "--shared", help="The shared folder (default: $SHEBAO_SHARED, else ../shared beside the repository)."),
    fmt: str = typer.Option("markdown", "--format", help="markdown or csv."),
):
    """Every approval form of the peer calculator's cases, pass or fail per component, with the reason."""
    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} is not allowed. Allowed: {', '.join(FORMATS)}.")
    folder = Path(shared) if shared else approval_forms.default_shared_dir()
    if not approval_forms.cases_folder(folder).is_dir():
        raise InputError(
            f"--shared: no cases folder at {approval_forms.cases_folder(folder)}. Allowed: the shared folder "
            f"holding reference/peer-pension-calculator/cases."
        )
    rows = approval_forms.report(folder)
    text = approval_forms.to_markdown(rows) if fmt == "markdown" else approval_forms.to_csv(rows)
    typer.echo(text, nl=False)
