"""Facts about individual approval forms that their case data do not carry, read from a YAML file.

The facts live beside the tests, with their evidence (tests/approval_forms/case_facts.yml,
whose header says what each field means). Each key is a case path, "<province>/<file>.json";
each entry has structured fields:

    rounded_index  the form prints rounded indices: a larger, derived tolerance (text: why)
    known_issue    what the comparison cannot see, printed in the report's note
    not_from_form  parts whose expected figure is the collector's, not the form's: not compared
    provisional    true / false: assessed on the previous year's base or not (overrides the notes)
    pre_account_years  the pre-account years the form prints and the case data leave in prose
    form_figures   other figures the form prints that the case data leave in prose
                   ({model variable: value}, variables in FORM_FIGURES)
    evidence       required with `provisional`, `pre_account_years` or `form_figures`, and only with them

A fact explains or qualifies a comparison; it never changes an expected value, and changes
an input only where the form itself gives it: `provisional` (which base the agency used)
and `pre_account_years` and `form_figures` (figures the form prints).

    facts = load_case_facts(default_facts_path())   # {case path: CaseFacts}
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import InputError, read_text_file

#: The printed parts of an approval form, compared one by one.
COMPONENTS = ("basic", "account", "transitional", "extra", "total")

FIELDS = ("rounded_index", "known_issue", "not_from_form", "demonstration", "provisional", "pre_account_years", "form_figures", "evidence")
#: Figures a form prints that a fact may give, as the model's variables.
FORM_FIGURES = ("indexed_average_monthly_wage", "transitional_wage")

_CASE_PATH = re.compile(r"[^/\\]+/[^/\\]+\.json")


@dataclass(frozen=True)
class CaseFacts:
    """What is known about one form beyond its case data (empty: nothing)."""

    rounded_index: str = ""
    known_issue: str = ""
    not_from_form: tuple = ()
    demonstration: bool = False  # the collector's demonstration, not a form: evidence of no convention
    provisional: bool | None = None  # None: the notes decide
    pre_account_years: float | None = None  # None: the case data's own
    form_figures: tuple = ()  # ((variable, value), ...)
    evidence: str = ""


NO_FACTS = CaseFacts()


def default_facts_path(repository=None):
    """<repository>/tests/approval_forms/case_facts.yml."""
    repository = Path(repository) if repository else Path(__file__).resolve().parents[2]
    return repository / "tests" / "approval_forms" / "case_facts.yml"


def load_case_facts(path):
    """{case path: CaseFacts} from a facts file; InputError naming the file and the key if it is malformed.

    Whether each key names an existing case file is checked where the cases are loaded
    (`check_case_paths`).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"case facts: no file at {path}. Allowed: a YAML file of facts keyed by case path "
            f"(<province>/<file>.json), such as tests/approval_forms/case_facts.yml."
        )
    try:
        data = yaml.safe_load(read_text_file(path, "case facts"))
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise InputError(f"{path}: not valid YAML ({reason}). Allowed: a mapping of case path to facts.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: {type(data).__name__} at the top. Allowed: a mapping of case path to facts.")
    return {key: _entry(path, key, entry) for key, entry in data.items()}


def _entry(path, key, entry):
    where = f"{path}: {key!r}"
    if not isinstance(key, str) or not _CASE_PATH.fullmatch(key):
        raise InputError(f"{where} is not a case path. Allowed: '<province>/<file>.json', such as 'sichuan/1.json'.")
    if not isinstance(entry, dict):
        raise InputError(f"{where}: {entry!r} is not a mapping of facts. Allowed fields: {', '.join(FIELDS)}.")
    if not entry:
        raise InputError(f"{where}: no fact. Allowed fields: {', '.join(FIELDS)}.")
    unknown = [name for name in entry if name not in FIELDS]
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r}. Allowed fields: {', '.join(FIELDS)}.")
    for name in ("rounded_index", "known_issue", "evidence"):
        if name in entry and not (isinstance(entry[name], str) and entry[name].strip()):
            raise InputError(f"{where}.{name}: {entry[name]!r}. Allowed: a text that is not empty.")
    parts = entry.get("not_from_form", [])
    if "not_from_form" in entry and not (
        isinstance(parts, list) and parts and all(part in COMPONENTS for part in parts)
    ):
        raise InputError(f"{where}.not_from_form: {parts!r}. Allowed: a list of {', '.join(COMPONENTS)}.")
    for name in ("demonstration", "provisional"):
        if name in entry and not isinstance(entry[name], bool):
            raise InputError(f"{where}.{name}: {entry[name]!r}. Allowed: true or false.")
    provisional = entry.get("provisional")
    years = entry.get("pre_account_years")
    if "pre_account_years" in entry and (isinstance(years, bool) or not isinstance(years, (int, float)) or not 0 <= years <= 60):
        raise InputError(f"{where}.pre_account_years: {years!r}. Allowed: a number of years from 0 to 60.")
    figures = entry.get("form_figures", {})
    if "form_figures" in entry and not (
        isinstance(figures, dict) and figures and all(
            name in FORM_FIGURES and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
            for name, value in figures.items()
        )
    ):
        raise InputError(f"{where}.form_figures: {figures!r}. Allowed: {{figure: value > 0}} with figures {', '.join(FORM_FIGURES)}.")
    needs_evidence = any(name in entry for name in ("provisional", "pre_account_years", "form_figures"))
    if needs_evidence != ("evidence" in entry):
        raise InputError(
            f"{where}: 'provisional', 'pre_account_years' or 'form_figures' without 'evidence', or 'evidence' without "
            f"any of them. Allowed: each with its evidence (what on the form shows it)."
        )
    return CaseFacts(
        rounded_index=entry.get("rounded_index", ""),
        known_issue=entry.get("known_issue", ""),
        not_from_form=tuple(parts),
        demonstration=entry.get("demonstration", False),
        provisional=provisional,
        pre_account_years=None if years is None else float(years),
        form_figures=tuple((name, float(value)) for name, value in figures.items()),
        evidence=entry.get("evidence", ""),
    )


def check_case_paths(facts, case_paths, facts_path, cases_dir):
    """InputError naming the facts file and the key if a fact names no case file."""
    unknown = sorted(set(facts) - set(case_paths))
    if unknown:
        raise InputError(
            f"{facts_path}: {unknown[0]!r} names no case file (no {Path(cases_dir) / unknown[0]}). "
            f"Allowed: the path of a case under {cases_dir}, such as {min(case_paths, default='sichuan/1.json')!r}."
        )


__all__ = ["COMPONENTS", "FIELDS", "FORM_FIGURES", "NO_FACTS", "CaseFacts", "check_case_paths", "default_facts_path", "load_case_facts"]
