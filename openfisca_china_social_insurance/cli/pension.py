"""`shebao pension`: one or more persons' pensions, component by component, with the law."""

from pathlib import Path

import typer
import yaml

from .. import api, default_system
from ..analysis import status_marks
from ..analysis.reform_files import assumptions as assumption_set
from ..core import i18n, user_yaml
from ..core.errors import InputError, decoded_text
from . import language
from .language import t
from .output import check_format, render

ASSUMPTIONS_HELP = "Projection assumptions for years after the last published one: low, central, high, or an assumption file (.yaml)."


def system_with(assumptions):
    """The country's system, under a projection assumption set (central: as published)."""
    system = default_system()
    return system if assumptions in (None, "", "central") else assumption_set(assumptions)(system)


def load_profiles(path):
    """Profiles {name: profile} from a YAML file; errors name the file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError.of("profile_read", path=path, reason=error.strerror) from None
    text = decoded_text(data, path, "profile file")
    try:
        data = user_yaml.load(text)
    except yaml.YAMLError as error:
        raise InputError.of("profile_yaml", path=path, reason=error) from None
    if isinstance(data, list) and data:  # a list of profiles, named by 'name' or position, as api.assess takes it
        return api.named_profiles(data)
    if not isinstance(data, dict) or not data:
        raise InputError.of("profile_mapping", path=path)
    return data


def cell(value, unit=None):
    """Money to the fen; other numbers with up to four decimals."""
    if isinstance(value, float):
        if unit == "currency-CNY":
            return f"{value:,.2f}"
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def data_cell(fmt):
    """A cell for csv and json: JSON numbers as numbers, CSV money to the fen without a
    thousands separator (what a spreadsheet or a program reads)."""

    def plain(value, unit=None):
        if fmt == "json" or not isinstance(value, float):
            return value
        return f"{value:.2f}" if unit == "currency-CNY" else cell(value, unit)

    return plain


def reference_text(definition, lang="en"):
    """A variable's legal basis: as its file writes it, or in Chinese where the catalogue
    has it (core/messages.yaml, references)."""
    return i18n.reference_text(definition.name, definition.reference, lang)


def pension(
    profile_file: str = typer.Argument(None, help="YAML file of {name: profile} (see api.py for the fields)."),
    example: bool = typer.Option(False, "--example", help="Use the embedded Shandong example persons."),
    fmt: str = typer.Option("table", "--format", help="table, csv, markdown or json."),
    assumptions: str = typer.Option("central", "--assumptions", help=ASSUMPTIONS_HELP),
):
    """Assess pensions at retirement: each component with its Chinese and English name and its legal basis."""
    check_format(fmt)
    if example == (profile_file is not None):
        raise InputError.of("pension_inputs")
    profiles = api.example_profiles() if example else load_profiles(profile_file)
    system = system_with(assumptions)
    assessed, profiles, refused = assessed_apart(profiles, system)
    results = [assessed[str(name)] for name in profiles]
    marked = fmt in ("table", "markdown")  # csv/json carry the statuses as rows of their own, and keys as names
    lang = language.current()
    names = [row["name"] for row in results]
    header = [t("pension.component"), *names, t("pension.legal_basis")] if marked else ["component", *names, "legal_basis"]
    rows = []
    for variable in api.BREAKDOWN:
        if variable not in system.variables:
            continue
        definition = system.variables[variable]
        if not marked:
            rows.append([variable, *(data_cell(fmt)(row[variable], definition.unit) for row in results), reference_text(definition)])
            continue
        cells = [shown(row[variable], definition, lang) for row in results]
        if variable == "shortfall_choice":  # the choice of a person short of the minimum years: none to show for the others
            cells = [text if was_short(row) else "—" for text, row in zip(cells, results)]
        if variable in status_marks.STATUS_OF:
            cells = [status_marks.mark(text, row[status_marks.STATUS_OF[variable]]) for text, row in zip(cells, results)]
        rows.append([i18n.half(definition.label, lang), *cells, reference_text(definition, lang)])
    continued = [row["continued_contribution_months"] for row in results]
    if marked:
        rows.append([t("measures.continued_contribution_months"), *map(str, continued), t("pension.continued_basis")])
    else:
        rows.append(["continued_contribution_months", *continued, "社会保险法 art.16; 人社部令第13号 art.2"])
    notes = [status_marks.legend(lang)] + shortfall_notes(profiles, system) + after_retirement_notes(results)
    if not marked:  # csv/json: the shortfall notes as rows of their own
        rows += [["note", note] + [""] * (len(header) - 2) for note in notes[1:]]
    text = render(t("pension.title"), header, rows, fmt)
    if marked:
        text += "\n" + "\n".join(("- " if fmt == "markdown" else "") + note for note in notes) + "\n"
    typer.echo(text, nl=False)
    name_the_refused(refused)


def shown(value, definition, lang):
    """A figure as a table shows it in `lang`: money to the fen, yes or no, a status or a
    choice by its name (an Enum's "中文 English" half)."""
    if definition.name in status_marks.STATUS_VARIABLES:
        return status_marks.name(value, lang)
    if isinstance(value, bool):
        return i18n.text("yes" if value else "no", lang)
    possible = getattr(definition, "possible_values", None)
    if possible is not None and isinstance(value, str) and value in possible.__members__:
        return i18n.half(possible[value].value, lang)
    return cell(value, definition.unit)


def assessed_apart(profiles, system, variables=api.BREAKDOWN):
    """({name: row}, the profiles assessed, {name: InputError}): each person assessed or refused on
    their own, as /assess answers, so that one person the model refuses (a 1999 retirement without
    a transitional coefficient) does not lose every other person's table; everyone refused: the
    batch's own refusal, naming every person."""
    profiles = api.named_profiles(profiles)
    assessed, refused = api.assess_each(profiles, system, variables)
    if not assessed:
        api.assess(profiles, system, variables)
        raise next(iter(refused.values()))
    return assessed, {name: profile for name, profile in profiles.items() if str(name) in assessed}, refused


def name_the_refused(refused):
    """Each refused person's error on standard error, after the table of the others (exit code 2)."""
    for error in refused.values():
        typer.echo(f"{t('error')}{error.in_language(language.current())} [{error.code}]", err=True)
    if refused:
        raise typer.Exit(2)


def was_short(row):
    """Whether the person was short of the minimum years at retirement (an api.assess row): the
    choice of 社会保险法 art.16 is theirs to make, and it shaped the row."""
    return bool(row["continued_contribution_months"] or row["months_short_of_minimum"] or row["lump_sum_refund"]
                or row["residents_scheme_transfer"])


def after_retirement_notes(results):
    """One line per person whose career runs past the retirement date: the months left out."""
    return [
        t("pension.after_retirement", name=row["name"], months=row["contribution_months_after_retirement"], date=row["retirement_date"][:7])
        for row in results
        if row["contribution_months_after_retirement"] > 0
    ]


def shortfall_notes(profiles, system):
    """One line per person short of the minimum years: what each choice gives."""
    lines = []
    for name, outcomes in api.shortfall_outcomes(profiles, system).items():
        go_on = outcomes["continue_contributing"]
        moved = outcomes["transfer_to_residents_scheme"]["residents_scheme_transfer"]
        refund = outcomes["refund_on_request"]["lump_sum_refund"]
        short = outcomes["refund_on_request"]["months_short_of_minimum"]
        if go_on["pension_eligible"]:
            first = t("pension.keep_contributing", months=go_on["continued_contribution_months"], pension=go_on["monthly_pension"],
                      month=go_on["retirement_date"][:7])
        else:  # the reason an api.assess row gives is in English (its field continuation_not_written)
            first = t("pension.not_computed", reason=go_on["continuation_not_written"] or t("pension.not_reaching"))
        lines.append(t("pension.shortfall", name=name, short=short, first=first, moved=moved, refund=refund))
    return lines
