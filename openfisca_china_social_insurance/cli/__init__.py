"""The `shebao` command line: pensions, regions, reforms, approval forms.

Every command catches the model's InputError and prints it as one line naming the
input and what is allowed, and its code, with exit code 2; never a traceback. `--lang zh|en`
(anywhere on the line; default from the locale) chooses the language of the help, the
tables, the charts and the errors (cli/language.py).
"""

import sys

import typer
from openfisca_core.errors import ParameterParsingError

from ..core import i18n
from ..core.errors import InputError
from . import compare, contributions, forms, language, medical, pension, population, regions, serve, web

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
app.command("web")(web.web)
app.add_typer(regions.app, name="regions")


@app.callback()
def _group(lang: str = typer.Option(None, "--lang", help="zh or en: the language of help, tables, charts and errors (default: the locale's; accepted after any command too).")):
    """Keeps `shebao` a group of commands even while it has only a few."""
    if lang is not None:  # reached only through app() itself: main() has taken --lang out already
        language.use(lang)


def main():
    lang = language.use(i18n.default_lang())  # until --lang is read
    try:
        lang, args = language.take(sys.argv[1:])
        language.use(lang)
        language.use_framework_language(lang)
        command = typer.main.get_command(app)
        language.translate_help(command, lang)
        command.main(args=args, prog_name="shebao")
    except InputError as error:
        print(f"{language.t('error')}{error.in_language(lang)} [{error.code}]", file=sys.stderr)
        sys.exit(2)
    except ParameterParsingError as error:
        # A parameter file that does not load: name the file, not the stack.
        lines = [line for line in str(error).splitlines() if line.strip()]
        detail = f"{lines[-2] if len(lines) > 1 else ''} {lines[-1]}"
        print(f"{language.t('error')}{language.t('parameter_file', detail=detail)}", file=sys.stderr)
        sys.exit(3)
    finally:  # typer's own words back in English for whoever calls the app next in this process
        language.use_framework_language("en")
