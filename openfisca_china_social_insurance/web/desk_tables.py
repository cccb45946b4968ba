"""The desk's comparisons as tables: a grid (the seed's Table 2), its chart, downloads, and a
built-in population's totals.

POST /desk/grid, /desk/chart.svg and /desk/export.csv|xlsx take the body of /compare
(reforms may be empty: the baseline alone) with either `profiles` or `grid` (a built-in
grid's name: a request never names a file on the server) and `lang`. The comparison is
/compare's (web/compare.run), the chart analysis/reform_comparison's and the files
analysis/export's, as `shebao compare --grid ... --chart/--output` writes them.
"""

import tempfile
from pathlib import Path

from ..analysis import export, grids, population_impact, status_marks
from ..analysis import reform_comparison as engine
from ..analysis.reform_files import title_of_label
from ..analysis import synthetic as synthetic_populations
from ..core import i18n
from ..core.errors import InputError
from . import compare, systems
from .assess import named
from .body import choice, json_object

KEYS = compare.KEYS | {"grid", "lang"}


def _request():
    """(body, profiles, cells, grid): the request's persons, from its profiles or its grid."""
    body = json_object(KEYS)
    if ("grid" in body) == ("profiles" in body):
        raise InputError.of("profiles_or_grid").at("grid")
    choice(body.get("lang", "zh"), "lang", i18n.LANGS)
    if "profiles" in body:
        return body, named(body["profiles"]), None, None
    grid = choice(body["grid"], "grid", sorted(grids.built_in_grids()))
    spec = grids.load_grid(grid)
    return body, grids.grid_profiles(spec), grids.grid_cells(spec), spec


def grid_view(max_persons):
    """The grid's comparison as /compare answers it, with each cell's base and years and the
    source's own printed figures and errata."""
    body, profiles, cells, spec = _request()
    if spec is None:
        raise InputError.of("grid_missing", allowed=", ".join(sorted(grids.built_in_grids()))).at("grid")
    labels, rows, measures = compare.run(body, profiles, max_persons, cells, least_reforms=0)
    printed = {measure: grids.printed(spec, measure) for measure in (spec.get("printed") or {})}
    return {
        "systems": labels, "measures": measures, "results": compare.answer(rows, labels, measures),
        "grid": {key: spec.get(key) for key in ("name", "description", "reference", "bases", "years", "errata")},
        "cells": {name: {"base": base, "years": years} for name, (base, years) in cells.items()},
        "printed": printed,
        # The bilingual texts by language (the page showed both, 中文 English, in either language).
        "texts": {lang: {"description": i18n.half(spec.get("description"), lang), "reference": i18n.half(spec.get("reference"), lang),
                         "errata": [i18n.half(text, lang) for text in spec.get("errata") or []]}
                  for lang in i18n.LANGS},
    }


def chart_svg(max_persons):
    """The grid's chart (pension against years per base, baseline dashed) as SVG text."""
    body, profiles, cells, spec = _request()
    if spec is None:
        raise InputError.of("chart_grid_missing", allowed=", ".join(sorted(grids.built_in_grids()))).at("grid")
    labels, rows, _ = compare.run(body, profiles, max_persons, cells, least_reforms=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chart.svg"
        engine.chart(rows, labels, str(path), lang=body.get("lang", "zh"))
        return path.read_text(encoding="utf-8")


def export_file(max_persons, suffix):
    """(bytes, file name): the comparison as `shebao compare --output` writes it. CSV keeps
    stable English columns (a BOM for Chinese, as the command line's --lang zh); xlsx is
    in the request's language with number formats."""
    body, profiles, cells, spec = _request()
    labels, rows, measures = compare.run(body, profiles, max_persons, cells, least_reforms=0)
    lang = body.get("lang", "zh")
    rows = [row for row in rows if row["measure"] in measures]
    columns = [labels[0]] + [column for label in labels[1:] for column in (label, f"Δ {label}")]
    units = [engine.UNITS[row["measure"]] for row in rows]
    if suffix == ".xlsx":  # in the request's language, as `shebao compare --output x.xlsx`: reforms by their titles, cells 基数60%×15年
        shown = [f"Δ {_titled(column[2:], lang)}" if column.startswith("Δ ") else _titled(column, lang) for column in columns[1:]]
        header = [i18n.text(key, lang) for key in ("compare.person", "compare.measure", "compare.unit", "compare.baseline")] + shown
        table = [[_cell_name(row["person"], cells, lang), i18n.text(f"measures.{row['measure']}", lang), i18n.text(f"units.{engine.UNITS[row['measure']]}", lang),
                  *(status_marks.name(row[column], lang) if row["measure"] == engine.STATUS else row[column] for column in columns)]
                 for row in rows]
    else:
        header = ["person", "measure", "unit", *columns]
        table = [[row["person"], row["measure"], engine.UNITS[row["measure"]], *(row[column] for column in columns)] for row in rows]
    if spec is not None and spec.get("printed"):  # the source's own figures, as `shebao compare --output` has them
        header.append(i18n.text("compare.printed", lang, name=spec["name"]) if suffix == ".xlsx" else "printed")
        for line, row in zip(table, rows):
            line.append(grids.printed(spec, row["measure"]).get(row["person"]))
    name = f"{spec['name'] if spec else 'comparison'}{suffix}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        export.write(str(path), i18n.text("compare.title", lang), header, table, units, bom=lang == "zh")
        return path.read_bytes(), name


def _titled(label, lang):
    """A reform's column in a spreadsheet for people: its title in `lang` where it has one (reform_files.title_of_label)."""
    return title_of_label(label, lang) or label


def _cell_name(person, cells, lang):
    """A grid's cell as the spreadsheet names it in `lang` (基数60%×15年); any other person by its name."""
    if person in (cells or {}):
        base, years = cells[person]
        return i18n.text("compare.cell", lang, base=base, years=years)
    return person


def person_by_person_populations():
    """The built-in populations assessed person by person (a fund spec is run by `shebao
    population --fund`: years of a projection, not one assessment)."""
    return sorted(name for name in synthetic_populations.built_in() if not synthetic_populations.is_fund_spec(synthetic_populations.load(name)))


def population_view():
    """Baseline against reforms over a built-in population, as `shebao population --synthetic`
    totals it: {systems, measures, names, totals: {system: {measure: value}}, counts}."""
    body = json_object({"population", "reforms", "assumptions", "lang"}, required=("population",))
    name = choice(body["population"], "population", person_by_person_populations())
    choice(body.get("lang", "zh"), "lang", i18n.LANGS)  # taken as the other desk endpoints take it (the answer has both languages)
    assumptions = body.get("assumptions")
    reforms = compare.reform_systems(body.get("reforms", []), assumptions, least=0)
    rows = synthetic_populations.rows(synthetic_populations.load(name))
    labels, _, totals = population_impact.run(rows, systems.system(assumptions), reforms)
    return {
        "population": name, "rows": len(rows), "systems": labels, "measures": list(population_impact.MEASURES),
        "names": {measure: {"zh": population_impact.NAMES_ZH[measure], "en": measure.replace("_", " ")} for measure in population_impact.MEASURES},
        "counts": list(population_impact.COUNTS),
        "totals": {label: {measure: totals[label].get(measure) for measure in population_impact.MEASURES} for label in labels},
    }
