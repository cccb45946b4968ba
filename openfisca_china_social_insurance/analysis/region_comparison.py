"""The same person in several regions: contributions and pension, component by component.

Each profile is moved to each region in turn (its insured_region and every career
segment's region replaced) and assessed by `api.assess`. A region whose data cannot
carry the profile (no average wage, no calculation base in force, ...) gives "no data"
cells with the model's own InputError as the reason, and the other regions still
compare. Errors of the profile itself (a missing field) stop the whole comparison.
"""

import copy
import math
import re
from dataclasses import dataclass, field

import numpy

from .. import api
from ..core import i18n, regions
from ..core.errors import InputError
from ..core.yearly_inputs import career_years
from . import charts, region_rules
from .paid_before_retirement import paid_before_retirement
from .region_rules import parse_date
from .status_marks import STATUS_OF, STATUS_VARIABLES, mark
from .status_marks import name as status_name

#: (name, label, per-year variable) of the career totals: sums of the per-year pension contributions
#: (not the monthly payroll bill, variables/contribution_bill.py).
TOTALS = (
    ("individual_contribution_total", "个人缴费合计 Individual contributions, before retirement", "individual_contribution"),
    ("employer_contribution_total", "单位缴费合计 Employer contributions, before retirement", "employer_contribution"),
)
#: The status of the totals (status_marks.STATUS_OF), computed with them.
CONTRIBUTIONS_STATUS = STATUS_OF[TOTALS[0][0]]
#: Assessment figures and pension components, in the order of an approval form.
FIGURES = (
    "retirement_date", "contribution_years", "average_contribution_index", "pension_calculation_base",
    "indexed_average_monthly_wage", "personal_account_balance",
)
PENSIONS = ("basic_pension", "account_pension", "transitional_pension", "extra_pension", "monthly_pension", "lump_sum_refund")


@dataclass(frozen=True)
class NoData:
    """A cell the region's data cannot fill; `note` numbers the footnote with the reason. `why`, where the
    comparison knows it ({lang: (cell, note)}: RateNotInForce), says it in the run's language."""

    reason: str
    note: int
    said: dict = None  # the reason in every language, {"en": ..., "zh": ...} (the model's refusal, InputError.in_language)
    why: dict = None

    def __str__(self):
        return self.text("en")

    def text(self, lang):
        """'no data: <the reason's first sentence> [n]' in `lang` (the reason is the model's)."""
        reason = self.why[lang][0] if self.why else short_reason(self.said[lang] if self.said else self.reason)
        return i18n.text("regions.no_data_cell", lang, reason=reason, note=self.note)


def short_reason(message, width=80):
    """The first sentence of an InputError message (input, what is missing, where and
    when), without the person count. The footnote keeps the whole message."""
    head = str(message).split(". ")[0].split("。")[0].rstrip(".")
    head = head.replace(" (1 person)", "").replace(" for 1 person", "").replace("（1 人）", "")
    return head if len(head) <= width else head[: width - 3] + "..."


@dataclass
class Comparison:
    persons: list
    regions: list
    components: list  # (name, label, unit)
    cells: dict = field(default_factory=dict)  # (person, region, component) -> value or NoData
    notes: list = field(default_factory=list)  # (number, person, region, {lang: message})

    def value(self, person, region, component):
        return self.cells.get((person, region, component))


def in_region(profile, region):
    """A copy of `profile` insured in `region`, every career segment moved there too."""
    moved = copy.deepcopy(profile)
    moved["insured_region"] = region
    for segment in moved.get("career") or []:
        if isinstance(segment, dict) and "region" in segment:
            segment["region"] = region
    return moved


def _structure_only(profile):
    """The profile with index wages replaced by a wage, so that validating it reads no
    regional data: what fails then is the profile itself, not a region."""
    checked = copy.deepcopy(profile)
    checked.setdefault("insured_region", "nation")
    segments = checked.get("career")
    for segment in segments if isinstance(segments, list) else []:
        index = segment.get("index") if isinstance(segment, dict) else None
        # Only a valid index: an index of 0 or "high" is the profile's error, refused by name, not a region's "no data".
        if isinstance(index, (int, float)) and not isinstance(index, bool) and 0 < index <= 10 and "wage" not in segment:
            segment.pop("index")
            segment["wage"] = 1.0
        if isinstance(segment, dict) and "region" in segment:
            segment["region"] = "nation"
    return checked


def _by_name(profiles):
    profiles = api.named_profiles(profiles)
    if not isinstance(profiles, dict) or not profiles:
        raise InputError.of("no_profiles")
    return {str(name): profile for name, profile in profiles.items()}


def _resolve_regions(names):
    if isinstance(names, str):  # a Chinese list separates by ， or 、 ("山东，济南" was one unknown region)
        names = re.split(r"[,，、]", names)
    keys = [regions.resolve(name) for name in names if str(name).strip()]
    if not keys:
        raise InputError.of("no_regions")
    return list(dict.fromkeys(keys))


def _robust(batch, evaluate):
    """Evaluate all variants at once; if the batch fails, each variant alone, so one
    region's missing data only empties its own cells. Returns {name: row or InputError}."""
    try:
        return evaluate(batch)
    except InputError:
        pass
    results = {}
    for name, profile in batch.items():
        try:
            results.update(evaluate({name: profile}))
        except InputError as error:
            results[name] = error
    return results


def _assessments(batch, system, variables):
    rows = api.assess(batch, system, variables)
    return {row["name"]: row for row in rows}


def _totals(batch, system):
    """Contributions summed over the career years before retirement, one vectorised step per year. A total
    the model refuses (no rate in force for a year and region) carries the model's
    InputError as its reason instead of a number. A profile without a career (an approval
    form's figures as overrides) has no contributions to sum: NaN, shown n/a, not 0."""
    # The careers as assessed: with the months a person keeps contributing (api.assess does the same).
    extended = api.continuations(batch, system)
    batch = {name: extended[name][0] if name in extended else profile for name, profile in batch.items()}
    simulation = api.build_simulation(batch, system)
    names = list(simulation.persons.ids)
    years = career_years(simulation.persons)
    sums, refused = {}, {}
    for _, _, variable in TOTALS:
        total, year = numpy.zeros(len(names)), None
        try:
            for year in years:
                total = total + paid_before_retirement(simulation, variable, year)[0]
            sums[variable] = total
        except InputError as error:
            if len(names) > 1:  # find whose year is refused: each person alone
                rows = {}
                for name in names:
                    rows.update(_totals({name: batch[name]}, system))
                return rows
            refused[variable] = _why_refused(api.naming_persons(error, names), variable, year, simulation, system)
    # The totals' status from the totals' own years: the assessment's is "no data" where the pension is
    # refused (a 1998 retirement without a transitional coefficient), and the totals then read official.
    statuses = simulation.calculate(CONTRIBUTIONS_STATUS, str(years[0])).decode_to_str() if years else ["official"] * len(names)
    return {
        name: {
            **{total: refused[variable] if variable in refused else (round(float(sums[variable][i]), 2) if batch[name].get("career") else math.nan)
               for total, _, variable in TOTALS},
            CONTRIBUTIONS_STATUS: str(statuses[i]),
        }
        for i, name in enumerate(names)
    }


#: The rate a year's contribution of TOTALS reads, and the employment types it applies to (the flexible-worker
#: rate only to a flexible worker's years).
RATES = {
    "employer_contribution": ("pension.contribution.employer_rate", ("employee",)),
    "individual_contribution": ("pension.contribution.flexible_worker_rate", ("flexible_worker",)),
}


class RateNotInForce(InputError):
    """A total refused because no level sets the rate on the day the model reads a year's rates (January 1st):
    the model's refusal, with `why` ({lang: (the cell's reason, the note's explanation)}) from the rate's
    fallback chain (the 1997 employer total: the national ceiling starts on 1997-07-16)."""

    def __init__(self, error, why):
        super().__init__(f"{why['en'][1]} {error}", error.code, error.values, error.field, error.persons, variable=error.variable, period=error.period)
        self.why, self.refused = why, error

    def in_language(self, lang):
        """The explanation, then the model's own message, in `lang`."""
        return self.why[lang][1] + ("" if lang == "zh" else " ") + self.refused.in_language(lang)


def _why_refused(error, variable, year, simulation, system):
    """`error` (one person's total refused in `year`) as a RateNotInForce where the year's rate is in force
    at no level of the region on January 1st; the model's error as it is otherwise (an average wage missing)."""
    if variable not in RATES or year is None:
        return error
    path, types = RATES[variable]
    employment = simulation.calculate("employment_type", str(year)).decode_to_str()[0]
    region = regions.REGIONS[int(simulation.calculate("contribution_region", str(year))[0])].key
    day = f"{year}-01-01"
    _, node = region_rules.node_at(path, system.parameters)
    found, walked = region_rules.effective(node, region, day)
    if found is not None or employment not in types:
        return error
    later = [own for own in walked if own.state == "none" and own.since]
    first = min(later, key=lambda own: own.since) if later else None
    why = {}
    for lang in i18n.LANGS:
        rate = i18n.text(f"regions.rate_not_in_force.rates.{variable}", lang)
        since = i18n.text("regions.rate_not_in_force.first", lang, since=first.since, region=first.region,
                          reference=region_rules.reference_titles(region_rules.own_value(node, first.region, first.since).reference, lang=lang)
                          ) if first else ""
        cell = i18n.text("regions.rate_not_in_force.cell", lang, rate=rate, day=day, first=since)
        note = i18n.text("regions.rate_not_in_force.note", lang, rate=rate, day=day,
                         chain=region_rules.explain(path, region, day, system.parameters, lang))
        why[lang] = (cell, note)
    return RateNotInForce(error, why)


def compare(profiles, region_names, date=None, system=None):
    """Each profile assessed in each region: a Comparison of figures side by side.

    `profiles` is {name: profile} or a list of profiles (a grid); `date`, when given,
    is the retirement date every variant is assessed at.
    """
    from .. import default_system

    system = system or default_system()
    profiles = _by_name(profiles)
    keys = _resolve_regions(region_names)
    retirement = parse_date(date).isoformat() if date is not None else None
    for name, profile in profiles.items():
        if isinstance(profile, dict) and retirement:
            profile = {**profile, "retirement_date": retirement}
        api.situation({name: _structure_only(profile) if isinstance(profile, dict) else profile}, system)

    variants, where = {}, {}
    for name, profile in profiles.items():
        for key in keys:
            moved = in_region(profile, key)
            if retirement:
                moved["retirement_date"] = retirement
            variants[f"{name}@{key}"] = moved
            where[f"{name}@{key}"] = (name, key)

    figures = [v for v in FIGURES if v in system.variables]
    pensions = [v for v in PENSIONS if v in system.variables]  # extra_pension once it exists
    pension_variables = figures + pensions + list(STATUS_VARIABLES)
    components = [(v, system.variables[v].label, system.variables[v].unit) for v in figures]
    components += [(total, label, "currency-CNY") for total, label, _ in TOTALS]
    components += [(v, system.variables[v].label, system.variables[v].unit) for v in pensions + list(STATUS_VARIABLES)]

    result = Comparison(list(profiles), keys, components)
    parts = (
        (_robust(variants, lambda batch: _assessments(batch, system, pension_variables)), pension_variables),
        (_robust(variants, lambda batch: _totals(batch, system)), [total for total, _, _ in TOTALS] + [CONTRIBUTIONS_STATUS]),
    )
    notes = {}

    def no_data(error, person, key, variant):
        said = {lang: error.in_language(lang).replace(variant, person) for lang in i18n.LANGS}
        message = said["en"]
        if (person, key, message) not in notes:
            notes[(person, key, message)] = len(notes) + 1
            result.notes.append((notes[(person, key, message)], person, key, said))
        return NoData(message, notes[(person, key, message)], said, getattr(error, "why", None))

    for outcome, names in parts:
        for variant, row in outcome.items():
            person, key = where[variant]
            for component in names:
                value = row if isinstance(row, InputError) else row[component]
                result.cells[(person, key, component)] = (
                    no_data(value, person, key, variant) if isinstance(value, InputError) else value
                )
    totals_status = CONTRIBUTIONS_STATUS
    for name, profile in profiles.items():  # totals of a form without a career are n/a: so is their status
        if isinstance(profile, dict) and not profile.get("career"):
            for key in keys:
                if (name, key, totals_status) in result.cells:
                    result.cells[(name, key, totals_status)] = math.nan
    return result


def status(comparison, person, key, component):
    """The data status behind a figure of the comparison (None if it has none)."""
    found = comparison.value(person, key, STATUS_OF.get(component, ""))
    return found if isinstance(found, str) else None


def table_rows(comparison, money, marks=False, lang=None):
    """Header and rows: one row per (person,) component, one column per region.

    `money(value, unit)` formats a number; NoData cells print their reason; with
    `marks`, a figure resting on data that is not official carries its status mark.
    With `lang` (tables for people) the header, the components, the statuses and the regions
    are named in that language; without it (csv, json) by their keys."""
    several = len(comparison.persons) > 1
    if lang is None:
        header = (["person"] if several else []) + ["component"] + list(comparison.regions)
    else:
        header = ([i18n.text("regions.person", lang)] if several else []) + [i18n.text("regions.component", lang)]
        header += [regions.BY_KEY[key].name_zh if lang == "zh" else regions.BY_KEY[key].name_en for key in comparison.regions]
    rows = []
    for person in comparison.persons:
        for name, label, unit in comparison.components:
            cells = []
            for key in comparison.regions:
                value = comparison.value(person, key, name)
                text = value.text(lang or "en") if isinstance(value, NoData) else money(value, unit)
                if lang is not None and name in STATUS_VARIABLES and not isinstance(value, NoData):
                    text = status_name(text, lang)
                cells.append(mark(text, status(comparison, person, key, name)) if marks and not isinstance(value, NoData) else text)
            rows.append(([person] if several else []) + [name if lang is None else i18n.half(label, lang)] + cells)
    return header, rows


def footnotes(comparison, lang="en"):
    """The reasons behind "no data" cells, one line each (the reason is the model's message)."""
    def where(key):  # as the Chinese table's header names it, with the key the messages quote
        return f"{regions.BY_KEY[key].name_zh}（{key}）" if lang == "zh" else key

    return [i18n.text("regions.no_data_note", lang, number=number, person=person, region=where(key), message=i18n.in_lang(message, lang))
            for number, person, key, message in comparison.notes]


#: The chart's panels: (title, components).
CHART_GROUPS = (
    ("月养老金 Monthly pension (yuan a month)", ("basic_pension", "account_pension", "transitional_pension", "extra_pension", "monthly_pension")),
    ("缴费与账户 Contributions and account (yuan)", ("individual_contribution_total", "employer_contribution_total", "personal_account_balance")),
)


def chart(comparison, path, lang="en"):
    """The regions' chart (`draw`) written to `path` in the format its suffix names."""
    return charts.save(draw(comparison, lang), path, dpi=110)


def draw(comparison, lang="en"):
    """The matplotlib Figure: per person, one panel per group; one bar group per component,
    one bar per region (its colour in every panel). A bar is hatched by the status of its
    figure (analysis/charts.area_style, one legend key per status); "no data" bars are left
    out and marked under the axis."""
    from matplotlib.patches import Patch

    plt = charts.pyplot()
    lang = charts.chart_lang(lang)  # English where no CJK font can draw Chinese
    labels = {name: label for name, label, _ in comparison.components}
    persons = comparison.persons
    size = (7 * len(CHART_GROUPS) + 2, 4.8 * len(persons) + 0.4)
    figure, axes = plt.subplots(len(persons), len(CHART_GROUPS), figsize=size, squeeze=False, layout="constrained")
    width = 0.8 / max(len(comparison.regions), 1)
    colours = {key: f"C{index % 10}" for index, key in enumerate(comparison.regions)}
    infos = {key: regions.BY_KEY[key] for key in comparison.regions}
    # In the chart's language alone, as the table (was "成都市 Chengdu", "月养老金 Monthly pension" in both languages).
    names = {key: info.name_zh if lang == "zh" else info.name_en for key, info in infos.items()}
    missing_any, present = False, set()
    for row, person in enumerate(persons):
        for column, (title, group) in enumerate(CHART_GROUPS):
            group = [name for name in group if name in labels]
            axis = axes[row][column]
            for index, key in enumerate(comparison.regions):
                heights, missing, statuses = [], [], []
                for position, name in enumerate(group):
                    value = comparison.value(person, key, name)
                    statuses.append(status(comparison, person, key, name) or "official")
                    if isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(value):
                        heights.append(float(value))
                    else:
                        heights.append(0.0)
                        missing.append(position)
                offsets = numpy.arange(len(group)) + (index - (len(comparison.regions) - 1) / 2) * width
                for position, (bar, figure_status) in enumerate(zip(axis.bar(offsets, heights, width, color=colours[key]), statuses)):
                    if position not in missing:
                        bar.set_hatch(charts.area_style(figure_status)["hatch"])
                        bar.set_gid(f"{key}:{group[position]}:{figure_status}")
                        present.add(figure_status)
                for position in missing:
                    missing_any = True
                    axis.text(offsets[position], 0, charts.label("regions.not_available", lang), ha="center", va="bottom", fontsize=7,
                              rotation=90)
            axis.set_xticks(numpy.arange(len(group)))
            axis.set_xticklabels([_short(i18n.half(labels[name], lang)) for name in group], rotation=20, ha="right", fontsize=8)
            axis.set_title(f"{person}: {i18n.half(title, lang)}", fontsize=10)
            charts.amount_axis(axis)
    # The regions by their colour alone (hatching is a status, keyed apart), once for every panel.
    figure.legend([Patch(facecolor=colours[key]) for key in comparison.regions], [names[key] for key in comparison.regions],
                  fontsize=8, loc="outside right upper")
    charts.status_legend(figure, present, "area", lang, fontsize=8, loc="outside right lower")
    if missing_any:
        figure.supxlabel(charts.label("regions.no_data", lang), fontsize=8, x=0.01, ha="left")
    return figure


def _short(label):
    """A component's label as a tick shows it: before any explanation ("Basic pension", not "...: ...")."""
    return label.split(":")[0].split("：")[0].split(" (")[0]
