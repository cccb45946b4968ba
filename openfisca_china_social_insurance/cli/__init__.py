"""The `shebao` command line: pensions, regions, reforms, approval forms.

Every command catches the model's InputError and prints it as one line naming the
input and what is allowed, with exit code 2; never a traceback.
"""

import sys

import typer
from openfisca_core.errors import ParameterParsingError

from ..core.errors import InputError
from . import compare, contributions, forms, medical, pension, population, regions, serve

app = typer.Typer(
    help="社保 shebao: Chinese social insurance rules as code (OpenFisca).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("pension")(pension.pension)
app.command("compare")(compare.compare)
app.command("forms")(forms.forms)
app.command("contributions")(contributions.contributions)
app.command("medical")(medical.medical)
app.command("population")(population.population)
app.command("serve")(serve.serve)
app.add_typer(regions.app, name="regions")


@app.callback()
def _group():
    """Keeps `shebao` a group of commands even while it has only a few."""


def main():
    try:
        app()
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    except ParameterParsingError as error:
        # A parameter file that does not load: name the file, not the stack.
        lines = [line for line in str(error).splitlines() if line.strip()]
        print(f"error: a parameter file does not load. {lines[-2] if len(lines) > 1 else ''} {lines[-1]}", file=sys.stderr)
        sys.exit(3)
