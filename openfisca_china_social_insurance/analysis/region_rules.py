"""Where a region's rule differs from the level above: value, since when, legal basis.

A regional parameter is a folder whose children are region keys of regions.yaml
(`parameters/pension/contribution/employer_rate/{nation,shandong}.yaml`). A region
without a file, or whose file says `value: null` from some date, sets nothing and
falls back to its parent (city -> province -> nation), exactly as `lookup.at` does
for millions of persons. This module reads the same tree one region and one date at
a time, for people: `diff` (every departure from the level above), `show` (every
regional value of one region and where it comes from) and `explain` (the fallback
chain of one parameter, written out).

Dates here are exact days (a value dated 1997-07-16 is in force on that day); the
vectorised lookup applies a value from the first whole month, so the two agree on
the first day of every month.
"""

import difflib
from dataclasses import dataclass, field
from datetime import date as Date

import numpy

from ..core import i18n, lookup, regions
from ..core.errors import InputError


def default_parameters():
    """The package's baseline parameter tree (loaded once per process)."""
    from .. import default_system

    return default_system().parameters


def parse_date(value, name="--date"):
    """A date (YYYY-MM-DD, YYYY-MM or YYYY) inside the model's years, as a `date`."""
    if isinstance(value, Date):
        parsed = value
    else:
        text = str(value).strip()
        padded = {4: "-01-01", 7: "-01"}.get(len(text), "")
        try:
            parsed = Date.fromisoformat(text + padded)
        except ValueError:
            raise InputError.of("rules_date", name=name, value=text, first=lookup.FIRST_YEAR, last=lookup.LAST_YEAR) from None
    if not lookup.FIRST_YEAR <= parsed.year <= lookup.LAST_YEAR:
        raise InputError.of("rules_date_outside", name=name, value=parsed.isoformat(), first=lookup.FIRST_YEAR, last=lookup.LAST_YEAR)
    return parsed


# --- the regional nodes of a parameter tree ------------------------------------------------


def regional_nodes(parameters=None):
    """{dotted path: node} of every regional node, in tree order."""
    return lookup.regional_nodes(parameters if parameters is not None else default_parameters())


def node_at(path, parameters=None):
    """The regional node at a dotted (or slashed) path; unknown -> InputError with the nearest."""
    nodes = regional_nodes(parameters)
    key = str(path).strip().strip("/").replace("/", ".")
    if key in nodes:
        return key, nodes[key]
    suffix = [name for name in nodes if name.endswith("." + key)]
    if len(suffix) == 1:
        return suffix[0], nodes[suffix[0]]
    if suffix:  # 'employer_rate' ends four paths (pension, medical, ...): it is one of them, not "not a regional parameter"
        raise InputError.of("parameter_suffix", path=path, count=len(suffix), names=", ".join(suffix), first=suffix[0])
    near = difflib.get_close_matches(key, list(nodes), n=3, cutoff=0.4)
    hint = i18n.both("did_you_mean", names=", ".join(near)) if near else ""
    raise InputError.of("not_regional_parameter", path=path, hint=hint, count=len(nodes))


# --- one region's own value at a date -------------------------------------------------------


def _dated(mapping_or_value, day):
    """(key, entry) of a date-keyed mapping for `day`, or of the latest one before it;
    a plain value (one status for every date) comes back with key None."""
    if not isinstance(mapping_or_value, dict):
        return None, mapping_or_value
    keys = sorted(str(key) for key in mapping_or_value if str(key) <= day)
    if not keys:
        return None, None
    by_text = {str(key): value for key, value in mapping_or_value.items()}
    return keys[-1], by_text[keys[-1]]


@dataclass(frozen=True)
class OwnValue:
    """What a region's own file says at a date: a value, an explicit null, or nothing."""

    region: str
    state: str  # "set" | "null" (file says no value from `since`) | "none" (no file or not yet)
    value: object = None
    since: str | None = None
    status: str | None = None
    reference: tuple = ()
    unit: str | None = None
    reference_date: str | None = None  # the reference's own date, when not `since` (older, or a later restatement's)


def own_value(node, region, day):
    """The region's own entry in force on `day` (ISO string), without any fallback."""
    parameter = node.children.get(region)
    if parameter is None:
        return OwnValue(region, "none")
    entries = sorted(
        (v for v in parameter.values_list if v.instant_str <= day), key=lambda v: v.instant_str
    )
    if not entries:  # a file whose first value comes later: `since` says when
        first = min((v.instant_str for v in parameter.values_list), default=None)
        return OwnValue(region, "none", since=first)
    entry = entries[-1]
    metadata = parameter.metadata or {}
    if entry.value is None:
        return OwnValue(region, "null", since=entry.instant_str)
    reference_date, reference = _dated(metadata.get("reference") or {}, entry.instant_str)
    reference = reference or []
    from ..core import time_axis

    since = entry.instant_str
    if node.name not in time_axis.SERIES:
        # A rule restated with a later source (Guangdong's 100 yuan from 2021, read on forms of 2024; Anhui's rounding
        # from 2006, restated 2025) has been in force since its first entry: "since 2024-01-01" read as a new rule.
        # A series' equal figures are two years' own figures, each from its year.
        for earlier in reversed(entries[:-1]):
            if earlier.value != entry.value:
                break
            since = earlier.instant_str
    return OwnValue(
        region,
        "set",
        value=entry.value,
        since=since,
        status=_dated(metadata.get("status"), entry.instant_str)[1],
        reference=tuple(reference if isinstance(reference, list) else [reference]),
        unit=metadata.get("unit"),
        reference_date=reference_date if reference_date != since else None,
    )


def effective(node, region, day):
    """The value in force for `region` on `day` after fallback: (OwnValue of the region
    that sets it, or None when no level sets one) and the chain walked, nearest first."""
    walked = []
    for key in regions.chain(region):
        own = own_value(node, key, day)
        walked.append(own)
        if own.state == "set":
            return own, walked
        if not lookup.inherits_from_parent(node, regions.Region[key].index):
            break  # `inherits: false`, or a province in a statistical series: the same rule as the tables
    return None, walked


# --- formatting --------------------------------------------------------------------------------


def format_value(value, unit=None, lang="en"):
    """A value as the parameter file writes it, money to the fen; "not set" and yes or no in `lang`."""
    if value is None:
        return i18n.text("regions.not_set", lang)
    if isinstance(value, bool):
        return ("true" if value else "false") if lang == "en" else i18n.text("yes" if value else "no", lang)
    if unit and unit.startswith("currency") and isinstance(value, (int, float)):
        return f"{value:,.2f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def reference_titles(reference, reference_date=None, lang="en"):
    """Titles of a reference list (as the parameter file writes them); one dated before the value it backs says so."""
    text = "; ".join(str(item.get("title", "")) if isinstance(item, dict) else str(item) for item in reference)
    if reference is TIME_AXIS_REFERENCE:
        text = i18n.text("regions.time_axis_reference", lang)
    if text and reference_date:
        text += i18n.text("regions.reference_of", lang, date=reference_date)
    return text


def reference_links(reference):
    return " ".join(item["href"] for item in reference if isinstance(item, dict) and item.get("href"))


def describe_own(own, unit=None, lang="en"):
    """One link of a fallback chain: 'jinan: not set', 'nation: 20% since 2006-01-01 (official), 国发…'."""
    if own.state == "none":
        return i18n.text("regions.chain.not_set_before" if own.since else "regions.chain.not_set", lang, region=own.region, since=own.since)
    if own.state == "null":
        return i18n.text("regions.chain.no_value_since", lang, region=own.region, since=own.since)
    value = format_value(own.value, own.unit or unit, lang)
    if own.status:
        text = i18n.text("regions.chain.value_status", lang, region=own.region, value=value, since=own.since,
                         status=i18n.text(f"statuses.{own.status}", lang) if lang != "en" else own.status)
    else:
        text = i18n.text("regions.chain.value", lang, region=own.region, value=value, since=own.since)
    titles = reference_titles(own.reference, own.reference_date, lang)
    return i18n.text("regions.chain.with_reference", lang, text=text, titles=titles) if titles else text


# --- the three questions -------------------------------------------------------------------------


@dataclass
class Departure:
    """A region with its own value at a date, next to the level above."""

    path: str
    label: str
    region: str
    parent: str
    value: object
    parent_value: object  # after fallback; None when no level above sets one
    parent_source: str | None  # the region whose value the level above uses
    since: str
    status: str | None
    reference: tuple
    unit: str | None
    differs: bool = field(default=True)
    reference_date: str | None = None


def _label(node):
    return (node.description or "").strip()


def _unit(node):
    for parameter in node.children.values():
        unit = (parameter.metadata or {}).get("unit")
        if unit:
            return unit
    return None


def diff(day, parameters=None, region=None, include_equal=False):
    """Every regional value in force on `day` that departs from the level above.

    `region` limits the result to one region (key or code) and `include_equal` keeps
    regions that restate their parent's value.
    """
    day = parse_date(day).isoformat()
    only = regions.resolve(region) if region is not None else None
    rows = []
    for path, node in regional_nodes(parameters).items():
        for info in regions.REGIONS:
            if info.parent is None or (only is not None and info.key != only):
                continue
            own = own_value(node, info.key, day)
            if own.state != "set":
                filled = _series_departure(path, node, info, day, parameters, include_equal)
                if filled is not None:
                    rows.append(filled)
                continue
            above, _ = effective(node, info.parent, day)
            parent_value = above.value if above else None
            differs = parent_value is None or parent_value != own.value
            if differs or include_equal:
                rows.append(
                    Departure(
                        path, _label(node), info.key, info.parent, own.value, parent_value,
                        above.region if above else None, own.since, own.status, own.reference,
                        own.unit or _unit(node), differs, own.reference_date,
                    )
                )
    return rows


def _series_departure(path, node, info, day, parameters, include_equal=False):
    """A statistical series the region publishes itself, where the time axis fills `day`
    (back-cast or projected) with a value other than the level above's (or the same, with
    `include_equal`), or None."""
    if info.key not in node.children:
        return None  # no series of its own: the region reads the level above's
    filled = time_axis_value(path, info.key, day, parameters)
    if filled is None:
        return None
    above, _ = effective(node, info.parent, day)
    parent = above.value if above else (time_axis_value(path, info.parent, day, parameters) or (None,))[0]
    differs = parent is None or round(parent, 2) != round(filled[0], 2)
    if not (differs or include_equal):
        return None
    return Departure(path, _label(node), info.key, info.parent, filled[0], parent, above.region if above else TIME_AXIS,
                     None, filled[1], TIME_AXIS_REFERENCE, _unit(node), differs, None)


@dataclass
class Effective:
    """One regional parameter for one region: the value in force and where it comes from."""

    path: str
    label: str
    region: str
    value: object
    source: str | None  # the region that sets it (itself or a level above), TIME_AXIS, or None
    since: str | None
    status: str | None
    reference: tuple
    unit: str | None
    chain: str
    reference_date: str | None = None

    @property
    def inherited(self):
        return self.source not in (None, self.region, TIME_AXIS)


#: The source shown for a value no file sets but the model's time axis fills (core/time_axis.py).
TIME_AXIS = "time axis"
#: What a value of the time axis rests on, where no file gives it a reference of its own.
TIME_AXIS_REFERENCE = ({"title": "time axis (core/time_axis.py): moved back from the first published value, or projected from the last"},)


def time_axis_value(path, key, day, parameters=None):
    """(value, status) the model reads for a statistical series where no file sets one (a
    back-cast before the first published value, a projection after the last), or None."""
    from ..core import time_axis

    if path not in time_axis.SERIES:
        return None
    values, status = time_axis.SERIES[path](parameters if parameters is not None else default_parameters())
    month = int(lookup.month_number(numpy.datetime64(day[:7])))
    value = values[regions.Region[key].index, month]
    if value != value:  # NaN: the model has none either
        return None
    return round(float(value), 6), lookup.STATUSES[int(status[regions.Region[key].index, month])]


def show(region, day, parameters=None, lang="en"):
    """Every regional parameter's value in force for `region` on `day`, with its source:
    a file of the region or a level above, else the model's time axis (back-cast or projected);
    the fallback chain written in `lang`."""
    key = regions.resolve(region)
    day = parse_date(day).isoformat()
    rows = []
    for path, node in regional_nodes(parameters).items():
        found, walked = effective(node, key, day)
        unit = _unit(node)
        chain = " -> ".join(describe_own(own, unit, lang) for own in walked)
        filled = None if found else time_axis_value(path, key, day, parameters)
        if filled:
            status = filled[1] if lang == "en" else i18n.text(f"statuses.{filled[1]}", lang)
            rows.append(Effective(path, _label(node), key, filled[0], TIME_AXIS, None, filled[1], TIME_AXIS_REFERENCE, unit,
                                  chain + " -> " + i18n.text("regions.chain.time_axis", lang, status=status)))
            continue
        rows.append(
            Effective(
                path, _label(node), key,
                found.value if found else None,
                found.region if found else None,
                found.since if found else None,
                found.status if found else None,
                found.reference if found else (),
                (found.unit if found else None) or unit,
                chain,
                found.reference_date if found else None,
            )
        )
    return rows


def explain(path, region, day, parameters=None, lang="en"):
    """The fallback chain of one parameter for one region, written out in `lang`:
    'jinan: not set -> shandong: not set -> nation: 20% since 2006-01-01, 国发〔2005〕38号 art.5'."""
    key = regions.resolve(region)
    day = parse_date(day).isoformat()
    path, node = node_at(path, parameters)
    _, walked = effective(node, key, day)
    unit = _unit(node)
    text = " -> ".join(describe_own(own, unit, lang) for own in walked)
    if walked[-1].state != "set":
        last = regions.chain(key)[len(walked) - 1]
        own_file = node.children.get(last)
        if last == "nation":
            text += i18n.text("regions.chain.nobody", lang)
        elif own_file is not None and (own_file.metadata or {}).get("inherits") is False:
            text += i18n.text("regions.chain.no_inherit", lang, region=last)
        else:  # a province in a statistical series (lookup.inherits_from_parent)
            text += i18n.text("regions.chain.series", lang, region=last)
        filled = time_axis_value(path, key, day, parameters)
        if filled:
            status = filled[1] if lang == "en" else i18n.text(f"statuses.{filled[1]}", lang)
            text += i18n.text("regions.chain.reads_time_axis", lang, value=format_value(filled[0], unit, lang), status=status)
    return text
