"""GET /desk/options: what the desk's page offers to choose from, which the Web API lacks.

The regions with their fallback chain (city -> province -> nation, core/regions.py), the
built-in reforms with their knobs and defaults (the factories' own signatures, so a new
knob shows up without touching the page), the assumption sets, the grids, the example
persons (one of them an approval form), the label and legal basis of every figure the page
shows, and the catalogue's texts it shares with the command line (core/messages.yaml).
"""

import importlib
import inspect

from .. import api
from ..analysis import grids, reform_comparison, reform_files, status_marks
from ..core import i18n, regions
from . import compare, desk_fund, desk_tables

#: The figures the page shows with their legal basis: the components and the assessment.
FIGURES = tuple(dict.fromkeys(reform_comparison.COMPONENTS + ("extra_pension",) + api.BREAKDOWN[:9]))


def _regions():
    return [
        {"key": info.key, "code": info.code, "name_zh": info.name_zh, "name_en": info.name_en, "level": info.level, "chain": regions.chain(info.key)}
        for info in regions.REGIONS
    ]


def _named(reform, name, description):
    """The reform's entry with its title {zh, en}, the name the page shows it by (it showed
    basic_pension_by_years in every column head of the Chinese page): in Chinese the command
    line's (reform_files.reform_title, as `shebao --lang zh compare` heads its columns), in English
    its name; and its description's halves {zh, en} (i18n.half)."""
    title = reform_files.reform_title(reform, "zh") or name
    return {"name": name, "title": {"zh": title, "en": name}, "description": description,
            "summary": {lang: i18n.half(description, lang) for lang in i18n.LANGS}}


def _reform(name):
    """{name, title, description, knobs: {knob: default}}: a Python reform's knobs are its factory's
    options (None where the default is no value), its description its module's first line."""
    reform = reform_files.reform_by_name(name)
    if name not in reform_files.BUILT_IN:
        return {**_named(reform, name, reform.description or ""), "knobs": {}}
    module = importlib.import_module(f"openfisca_china_social_insurance.reforms.{name}")
    factory = getattr(module, reform_files.BUILT_IN[name])
    knobs = {param.name: param.default for param in inspect.signature(factory).parameters.values()}
    return {**_named(reform, name, inspect.getdoc(module).split("\n")[0]), "knobs": knobs}


def _texts():
    """The catalogue's texts the page shows, {key: {zh, en}}: measures, units, the status legend."""
    text = i18n.catalogue()["text"]
    return {
        "measures": text["measures"],
        "units": text["units"],
        "status_legend": text["status_legend_desk"],
        "not_available": text["not_available"],
        "baseline": text["compare"]["baseline"],
    }


def options(system, lang):
    return {
        "lang": lang,
        "regions": _regions(),
        "reforms": [_reform(name) for name in reform_files.known_names()],
        "assumptions": list(reform_files.ASSUMPTION_SETS),
        "grids": sorted(grids.built_in_grids()),
        "populations": desk_tables.person_by_person_populations(),
        "funds": desk_fund.fund_specs(),  # the fund specs /desk/fund projects year by year
        "fund_years": list(desk_fund.DEFAULT_YEARS),
        "examples": api.example_profiles(),
        # The legal basis in each language: the variable's own (English articles) and the catalogue's Chinese (第N条).
        "figures": {name: {"label": system.variables[name].label, "unit": system.variables[name].unit,
                           "reference": {lang: i18n.reference_text(name, system.variables[name].reference, lang) for lang in i18n.LANGS}}
                    for name in FIGURES},
        "status_of": status_marks.STATUS_OF,
        "overrides": list(api.OVERRIDES),  # a model refusal naming one is shown beside the overrides box
        "max_reforms": compare.MAX_REFORMS,
        "marks": status_marks.MARKS,
        "status_order": list(status_marks.MARKS),  # official < estimated < unverified < projected (a JSON object's keys are sorted)
        "units": reform_comparison.UNITS,
        "texts": _texts(),
    }
