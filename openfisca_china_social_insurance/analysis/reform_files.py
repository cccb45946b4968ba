"""Reforms as data: a YAML file of dated parameter changes, checked before use.

A reform file::

    name: higher_basic_pension_1997
    description: 基础养老金 25% of the average wage for retirements from 2002
    reference: an illustrative variant of the 2002 Shandong report
    changes:
      - path: pension.benefit.basic_pension.share_of_average_wage
        start: 2002-01-01
        stop: 2005-12-31          # optional: the last day the value is in force
        value: 0.25
      - variant: basic_pension_by_years   # a named formula variant of reforms/
        start: 2002-01-01                 # optional, the variant's own default otherwise
        options: {share_at_minimum: 0.8, step: 0.01, maximum_share: 1.0}

Every change is checked against the baseline's parameter tree before anything is
applied: an unknown path (with the nearest known paths suggested), a folder instead
of a parameter, a value of the wrong type (a bool for a rate, a number for a bool),
a value out of its unit's range (a rate /1 between 0 and 1: 18% is 0.18; above -1 where the
parameter's metadata says negative_allowed, such as wage growth), a
malformed date, an unknown variant or option. Each error names the file and line.

Loading never executes code: the file is read with yaml's safe composer only, and a
variant can only name one of the factories listed in VARIANTS. Changes apply in
order, each on the result of the previous one; the baseline is never modified
(OpenFisca's Reform.modify_parameters works on a deep copy).

Scales (a table of brackets: the payout months by age of 国发〔2005〕38号) take, instead of
`value`, the whole table from `start`::

      - path: pension.benefit.payout_months.by_age
        start: 2024-01-01
        brackets: {40: 250, 50: 210, 55: 185, 60: 160, 65: 120, 70: 80}

or a factor on every amount from `start`, rounded half up to `decimals` places if given
(`factor: 1.1`, `decimals: 0`). Thresholds are numbers (whole numbers for a single_amount
scale, read at whole ages), each once; amounts are checked by the scale's amount unit
(metadata zero_allowed: false for a divisor); the table may not start above the one in force
(ages below it would have no value); a factor's results are checked as a table's.

Regional parameters: a path may end with a region key under a regional folder
(pension.contribution.flexible_worker_rate.jinan) even where the region has no
value of its own yet: the region then gets one from `start` and falls back as before
until then.
"""

import datetime
import difflib
import importlib
import inspect
import math
import warnings
from importlib import resources
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale, ParameterScaleBracket
from openfisca_core.periods import instant
from openfisca_core.reforms import Reform

from ..core import i18n, lookup
from ..core import i18n
from ..core.errors import InputError, read_text_file
from ..core.money import round_half_up
from ..core.regions import BY_KEY

#: Built-in reforms, one module each in reforms/, with the factory that takes knobs.
BUILT_IN = {
    "flexible_worker_rate_18": "create_flexible_worker_rate_18",
    "basic_pension_by_years": "create_basic_pension_by_years",
    "continued_contribution": "create_continued_contribution",
    "flexible_worker_operations": "create_flexible_worker_operations",
}
#: The named formula variants a reform file may choose (they are the built-in reforms).
VARIANTS = BUILT_IN
TOP_KEYS = {"name", "description", "reference", "changes"}
CHANGE_KEYS = {"path", "start", "stop", "value"}
#: A scale (a table of brackets, such as the payout months by age) is changed as a whole
#: table from `start` (brackets) or by a factor on every amount (factor, decimals).
SCALE_KEYS = {"brackets", "factor", "decimals"}
VARIANT_KEYS = {"variant", "start", "options"}
#: Sane ranges by unit. A /1 parameter is a rate or share in [0, 1] unless the
#: baseline itself goes above 1 (the base cap, 3.0 = 300%).
RANGES = {"currency-CNY": (0, 1e7), "year": (0, 60), "month": (0, 1200), "decimal_places": (0, 6)}


def _factory(name):
    module = importlib.import_module(f"openfisca_china_social_insurance.reforms.{name}")
    return getattr(module, BUILT_IN[name])


def _built_in_yaml():
    folder = resources.files("openfisca_china_social_insurance.reforms")
    return {Path(entry.name).stem: entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


def known_names():
    return sorted(set(BUILT_IN) | set(_built_in_yaml()))


class FileReform:
    """A reform read from a YAML file: called on a system, returns the reformed system.

    Behaves like an OpenFisca Reform class for `compose` and `compare`: it has a
    `name` and is called with the baseline system.
    """

    def __init__(self, name, description, steps, source):
        self.name = name
        self.description = description
        self.steps = steps  # Reform classes, applied in order
        self.source = source

    def __call__(self, baseline):
        return compose(*self.steps)(baseline)

    def __repr__(self):
        return f"FileReform({self.name!r} from {self.source})"


def compose(*reforms):
    """One reform applying `reforms` in order (Reform classes, FileReforms or callables)."""

    def apply(baseline):
        system = baseline
        for reform in reforms:
            system = reform(system)
        return system

    apply.name = " + ".join(reform_name(reform) for reform in reforms) or "baseline"
    return apply


def reform_name(reform):
    return getattr(reform, "name", None) or getattr(reform, "__name__", repr(reform))


def reform_title(reform, lang):
    """A reform's name in `lang` for a table, or None where it has none: the Chinese half of a
    Python reform's `name` or of a reform file's `description` ("基础养老金与缴费年限挂钩 Basic
    pension ..."). English tables name a reform by its key, as csv and json do."""
    if lang == "en":
        return None
    text = getattr(reform, "description", None) if isinstance(reform, FileReform) else getattr(reform, "name", None)
    title = i18n.half(text, lang) if text else ""
    return title if i18n.has_chinese(title) else None


def title_of_label(label, lang):
    """A system's label in a chart (a built-in reform's name, or names joined a+b) in `lang`: the
    reforms' titles (`reform_title`) joined the same way, or None where a part is no built-in reform
    or has no title (a chart then keeps the label, as csv and json do)."""
    parts = str(label).split("+")
    if lang == "en" or not all(part in known_names() for part in parts):
        return None
    titles = [reform_title(reform_by_name(part), lang) for part in parts]
    return "+".join(titles) if all(titles) else None


def reform_by_name(name):
    """A built-in reform (Python class or reforms/*.yaml) by its name."""
    if name in BUILT_IN:
        module = importlib.import_module(f"openfisca_china_social_insurance.reforms.{name}")
        return getattr(module, name)
    files = _built_in_yaml()
    if name in files:
        return load_text(files[name].read_text(encoding="utf-8"), f"reforms/{name}.yaml")
    raise InputError.of("reform_unknown", name=name, hint=_hint("did_you_mean", difflib.get_close_matches(name, known_names(), n=3)),
                        allowed=", ".join(known_names()))


def resolve(spec):
    """A reform from a name, a YAML file path or a dotted Python path (package.module.Class)."""
    if spec.endswith((".yaml", ".yml")) or Path(spec).is_file():
        return load(spec)
    if spec in BUILT_IN or spec in _built_in_yaml() or "." not in spec:
        return reform_by_name(spec)
    module_name, _, attribute = spec.rpartition(".")
    try:
        reform = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError):
        raise InputError.of("reform_no_module", name=spec, allowed=", ".join(known_names())) from None
    if not (inspect.isclass(reform) and issubclass(reform, Reform)):
        raise InputError.of("reform_not_class", name=spec)
    return reform


def _hint(key, names):
    """A suggestion in every language (reform_file.did_you_mean, .nearest), or nothing."""
    return i18n.both(f"reform_file.{key}", names=", ".join(names)) if names else ""


def load(path, kind="reform file"):
    """A FileReform from a YAML file; every error names the file (`kind`: a reform file, an
    assumption file) and line."""
    return load_text(read_text_file(path, kind), str(path), kind=kind)


# -- reading with line numbers ------------------------------------------------


class _Reader:
    """Composes the YAML (no object construction beyond safe scalars) and keeps marks."""

    def __init__(self, text, source, kind="reform file"):
        self.source = source
        self.kind = kind
        try:
            self.loader = yaml.SafeLoader(text)  # refuses control characters already
            self.root = self.loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = self.where(mark.line + 1) if mark else self.where()
            raise InputError.of("reform_yaml", where=where, problem=error.problem) from None
        except yaml.YAMLError as error:
            raise InputError.of("reform_yaml", where=self.where(), problem=str(error)) from None

    def where(self, line=None):
        """The file (and line) in every language: "reform file bad.yaml:3", "改革文件 bad.yaml 第 3 行"."""
        kind_zh = i18n.text(f"reform_file.kind.{self.kind}", "zh")
        if line is None:
            return i18n.both("reform_file.where_file", kind=self.kind, kind_zh=kind_zh, source=self.source)
        return i18n.both("reform_file.where", kind=self.kind, kind_zh=kind_zh, source=self.source, line=line)

    def error(self, node, code, **values):
        """The catalogue's error `code` at `node`'s line (its values filled in both languages)."""
        return InputError.of(code, where=self.where(node.start_mark.line + 1), **values)

    def mapping(self, node, what, allowed):
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, "reform_not_mapping", what=what, allowed=", ".join(sorted(allowed)))
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in allowed:
                hint = _hint("did_you_mean", [repr(close) for close in difflib.get_close_matches(key, allowed, n=1)])
                raise self.error(key_node, "reform_unknown_key", what=what, key=key, hint=hint, allowed=", ".join(sorted(allowed)))
            if key in result:
                raise self.error(key_node, "reform_key_twice", what=what, key=key)
            result[key] = value_node
        return result

    def scalar(self, node, what):
        if not isinstance(node, yaml.ScalarNode):
            shape = i18n.both("reform_file.list" if isinstance(node, yaml.SequenceNode) else "reform_file.mapping")
            raise self.error(node, "reform_not_single", what=what, shape=shape)
        try:
            return self.loader.construct_object(node)
        except (ValueError, yaml.YAMLError) as error:
            raise self.error(node, "reform_unreadable", what=what, value=node.value, reason=str(error)) from None

    def text(self, node, what):
        value = self.scalar(node, what)
        if not isinstance(value, str) or not value.strip():
            raise self.error(node, "reform_not_text", what=what, value=value)
        return value

    def date(self, node, what):
        value = self.scalar(node, what)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, datetime.date):
            raise self.error(node, "reform_not_date", what=what, value=node.value)
        return value


def _all_paths(node, prefix=""):
    for key, child in node.children.items():
        path = f"{prefix}{key}"
        if isinstance(child, ParameterNode):
            yield from _all_paths(child, path + ".")
        elif isinstance(child, (Parameter, ParameterScale)):
            yield path


#: Parameter folders moved by the 0.2 layout (what several branches share went to
#: common/). Reform files naming the old paths keep working for one release, with a
#: deprecation message naming the new path.
MOVED_PATHS = {
    "pension.contribution.average_wage": "common.average_wage",
    "pension.contribution.base_floor": "common.contribution_base_band.floor",
    "pension.contribution.base_cap": "common.contribution_base_band.cap",
    "pension.retirement_age": "common.retirement_age",
}


def _current_path(path, where):
    """The path after the layout's moves; an old path warns with the new one."""
    for old, new in MOVED_PATHS.items():
        if path == old or path.startswith(old + "."):
            moved = new + path[len(old):]
            warnings.warn(f"{where}: parameter path {path!r} moved to {moved!r}; the old path is accepted until the next release.", DeprecationWarning, stacklevel=3)
            return moved
    return path


def _find(parameters, path):
    """The Parameter at `path`, or (regional folder, region key) for a region without a file; None if unknown."""
    node = parameters
    parts = path.split(".")
    for position, part in enumerate(parts):
        children = getattr(node, "children", None)
        if children is None:
            return None
        if part not in children:
            last = position == len(parts) - 1
            if last and lookup.is_regional(node) and part in BY_KEY:
                return (node, part)
            return None
        node = children[part]
    return node


def _check_value(reader, node, path, parameter, value):
    if value is None:
        return None  # removes the value: nothing in force
    metadata = _metadata(parameter)
    existing = [v.value for v in _values(parameter)]
    return _check_number(reader, node, path, value, metadata.get("unit"), existing, metadata)


def _check_number(reader, node, what, value, unit, existing, metadata):
    """`value` checked against its unit: a bool for unit bool, else a number in the unit's
    range (a rate /1 in 0-1, or up to 10 where the baseline goes above 1; above -1 where
    metadata says negative_allowed; more than 0 where it says zero_allowed: false)."""
    if unit == "bool":
        if not isinstance(value, bool):
            raise reader.error(node, "reform_not_bool", what=what, value=value)
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise reader.error(node, "reform_not_number", what=what, value=value, unit=unit or "none")
    positive = metadata.get("zero_allowed") is False  # a divisor (payout months): 0 would pay an infinite pension
    if unit == "/1":
        numbers = [v for v in existing if isinstance(v, (int, float)) and not isinstance(v, bool)]
        high = 1 if all(v <= 1 for v in numbers) else 10
        # A rate that may fall (metadata negative_allowed: a fall in wages, a loss of the fund) stays above -100%.
        falls = bool(metadata.get("negative_allowed"))
        if not (-1 < value if falls else 0 <= value) or value > high:
            written = 1 < abs(value) <= 100 and high == 1 and (falls or value > 0)
            hint = i18n.both("reform_file.write_as", value=value, share=f"{value / 100:g}") if written else ""
            allowed = i18n.both("reform_file.rate_falls_allowed" if falls else "reform_file.rate_allowed", high=high)
            raise reader.error(node, "reform_rate_range", what=what, value=value, hint=hint, allowed=allowed)
    elif unit in RANGES:
        low, high = RANGES[unit]
        if not low <= value <= high or (positive and value <= low):
            allowed = i18n.both("reform_file.positive_range_allowed" if positive else "reform_file.range_allowed", low=f"{low:g}", high=f"{high:g}")
            raise reader.error(node, "reform_unit_range", what=what, value=value, unit=unit, allowed=allowed)
    if positive and value <= 0:
        raise reader.error(node, "reform_not_positive", what=what, value=value)
    return value


def _metadata(target):
    """The metadata of a parameter, or of a regional folder's first file (a region without one)."""
    if isinstance(target, Parameter):
        return target.metadata or {}
    folder, _ = target
    return next((child.metadata or {} for child in folder.children.values() if isinstance(child, Parameter)), {})


def _values(target):
    if isinstance(target, Parameter):
        return target.values_list
    folder, _ = target
    return [value for child in folder.children.values() if isinstance(child, Parameter) for value in child.values_list]


def _parameter_step(name, changes):
    """A Reform class applying checked parameter changes [(path, start, stop, change)] in order;
    `change` is ("value", v), ("brackets", [(threshold, amount)...]) or ("factor", f, decimals)."""

    def modify(parameters):
        for path, start, stop, change in changes:
            target = _find(parameters, path)
            if isinstance(target, tuple):  # a region with no value of its own yet
                folder, key = target
                folder.add_child(key, Parameter(f"{folder.name}.{key}", data={"values": {"1950-01-01": {"value": None}}}))
                target = folder.children[key]
            _apply(target, start, stop, change)
        return parameters

    class file_parameters(Reform):
        def apply(self):
            self.modify_parameters(modify)

    file_parameters.name = name
    file_parameters.paths = tuple(path for path, _, _, _ in changes)  # what it changes, for checks
    return file_parameters


def _apply(target, start, stop, change):
    first, last = instant(start.isoformat()), instant(stop.isoformat()) if stop else None
    kind = change[0]
    if kind == "value":
        target.update(start=first, stop=last, value=change[1])
    elif kind == "brackets":
        _set_brackets(target, first, last, change[1])
    else:
        _scale_by(target, first, last, *change[1:])


def _value_key(scale):
    """What a scale's brackets hold beside the threshold: amount, rate or average_rate."""
    for bracket in scale.brackets:
        for key in ("amount", "rate", "average_rate"):
            if key in bracket.children:
                return key
    return "amount"


def _set_brackets(scale, start, stop, table):
    """The whole table [(threshold, amount)] in force from `start` (to `stop`), OpenFisca's way:
    bracket i's threshold and amount updated (ParameterScaleBracket children are Parameters);
    brackets beyond the baseline's added (no value before `start`), the baseline's brackets
    beyond the table given no value from `start` (so they count for no key). The brackets stay
    in increasing order of threshold, which lookup.scale_at relies on."""
    key = _value_key(scale)
    for index in range(len(scale.brackets), len(table)):
        empty = {"values": {"1950-01-01": {"value": None}}}
        scale.brackets.append(ParameterScaleBracket(f"{scale.name}[{index}]", data={"threshold": dict(empty), key: dict(empty)}))
    for index, bracket in enumerate(scale.brackets):
        threshold, amount = table[index] if index < len(table) else (None, None)
        bracket.children["threshold"].update(start=start, stop=stop, value=threshold)
        bracket.children[key].update(start=start, stop=stop, value=amount)


def _scale_by(scale, start, stop, factor, decimals):
    """Every amount in force from `start` (to `stop`) multiplied by `factor`, each of its dated
    values in that window, rounded half up to `decimals` places (None: as multiplied)."""
    key = _value_key(scale)
    for bracket in scale.brackets:
        parameter = bracket.children[key]
        for first, last, value in _segments(parameter, start, stop):
            if value is not None:
                parameter.update(start=first, stop=last, value=_scaled(value, factor, decimals))


def _segments(parameter, start, stop):
    """[(first, last, value in force)] of `parameter` between `start` and `stop` (None: open),
    cut at each of its own dates: the pieces a factor multiplies."""
    cuts = sorted({start} | {instant(v.instant_str) for v in parameter.values_list if start < instant(v.instant_str) and (stop is None or instant(v.instant_str) <= stop)})
    pieces = []
    for position, first in enumerate(cuts):
        last = cuts[position + 1].offset(-1, "day") if position + 1 < len(cuts) else stop
        pieces.append((first, last, parameter(first)))
    return pieces


def _scaled(value, factor, decimals):
    if decimals is None:
        return round(value * factor, 10)  # float noise only (139 x 1.1 = 152.9, not 152.90000000000003)
    return float(round_half_up(value * factor, decimals))


def _variant_step(reader, node, fields):
    name = reader.text(fields["variant"], "variant")
    if name not in VARIANTS:
        hint = _hint("did_you_mean", [repr(close) for close in difflib.get_close_matches(name, VARIANTS, n=1)])
        raise reader.error(fields["variant"], "reform_unknown_variant", name=name, hint=hint, allowed=", ".join(sorted(VARIANTS)))
    factory = _factory(name)
    signature = inspect.signature(factory)
    options = {}
    if "options" in fields:
        allowed = set(signature.parameters) - {"start"}
        for key, value_node in reader.mapping(fields["options"], i18n.both("reform_file.variant_options", name=name), allowed).items():
            default = signature.parameters[key].default
            value = reader.scalar(value_node, f"{name}.{key}")
            kind = bool if isinstance(default, bool) else (float if isinstance(default, (int, float)) or default is None else type(default))
            ok = value is None and default is None or (
                isinstance(value, bool) if kind is bool else (isinstance(value, (int, float)) and not isinstance(value, bool))
            )
            if not ok:
                expected = i18n.both("reform_file.a_bool" if kind is bool else "reform_file.a_number")
                raise reader.error(value_node, "reform_option_type", what=f"{name}.{key}", value=value, kind=expected, default=default)
            options[key] = value
    if "start" in fields:
        options["start"] = reader.date(fields["start"], f"variant {name} start").isoformat()
    try:
        return factory(**options)
    except InputError as error:
        raise reader.error(node, "reform_variant_refused", detail={lang: error.in_language(lang) for lang in i18n.LANGS}) from None


def load_text(text, source="<text>", baseline_parameters=None, kind="reform file"):
    """A FileReform from YAML text, checked against the baseline parameter tree; errors
    name it as `kind` (a reform file, an assumption file)."""
    if baseline_parameters is None:
        from .. import default_system

        baseline_parameters = default_system().parameters  # read only: checks never modify it
    reader = _Reader(text, source, kind)
    if reader.root is None:
        raise InputError.of("reform_empty", where=reader.where())
    top = reader.mapping(reader.root, "reform", TOP_KEYS)
    for required in ("name", "changes"):
        if required not in top:
            raise reader.error(reader.root, "reform_required", key=required)
    name = reader.text(top["name"], "name")
    description = reader.text(top["description"], "description") if "description" in top else ""
    if "reference" in top:
        reader.text(top["reference"], "reference")
    changes = top["changes"]
    if not isinstance(changes, yaml.SequenceNode) or not changes.value:
        raise reader.error(changes, "reform_no_changes")
    steps, pending, scales = [], [], {}
    for number, node in enumerate(changes.value):
        what = f"changes[{number}]"
        if isinstance(node, yaml.MappingNode) and any(key.value == "variant" for key, _ in node.value):
            fields = reader.mapping(node, what, VARIANT_KEYS)
            if pending:
                steps.append(_parameter_step(name, pending))
                pending = []
            steps.append(_variant_step(reader, node, fields))
            continue
        fields = reader.mapping(node, what, CHANGE_KEYS | SCALE_KEYS | {"variant"})
        for required in ("path", "start"):
            if required not in fields:
                raise reader.error(node, "reform_change_incomplete", what=what, key=required)
        path = _current_path(reader.text(fields["path"], f"{what}.path"), f"{source}, line {fields['path'].start_mark.line + 1}")
        target = _find(baseline_parameters, path)
        if target is None:
            example = "projection.average_wage_growth" if kind == ASSUMPTION_FILE else "pension.benefit.basic_pension.share_of_average_wage"
            hint = _hint("nearest", difflib.get_close_matches(path, list(_all_paths(baseline_parameters)), n=3, cutoff=0.5))
            raise reader.error(fields["path"], "reform_not_parameter", what=what, path=path, hint=hint, example=example)
        if isinstance(target, ParameterNode):
            children = ", ".join(sorted(target.children)[:8])
            raise reader.error(fields["path"], "reform_folder", what=what, path=path, children=children)
        start = reader.date(fields["start"], f"{what}.start")
        stop = reader.date(fields["stop"], f"{what}.stop") if "stop" in fields else None
        if stop is not None and stop < start:
            raise reader.error(fields["stop"], "reform_stop_before_start", what=what, stop=stop, start=start)
        if isinstance(target, ParameterScale):
            working = scales.setdefault(path, target.clone())  # the scale as this file's earlier changes leave it
            change = _scale_change(reader, node, what, path, fields, working, start, stop)
            _apply(working, start, stop, change)
            pending.append((path, start, stop, change))
            continue
        if not isinstance(target, (Parameter, tuple)):
            raise reader.error(fields["path"], "reform_cannot_change", what=what, path=path, type=type(target).__name__,
                               kind=i18n.both(f"reform_file.kind.{kind}"))
        extra = sorted(set(fields) & SCALE_KEYS)
        if extra:
            raise reader.error(fields[extra[0]], "reform_not_a_scale", what=what, key=extra[0], path=path)
        if "value" not in fields:
            raise reader.error(node, "reform_no_value", what=what)
        value = _check_value(reader, fields["value"], path, target, reader.scalar(fields["value"], f"{what}.value"))
        pending.append((path, start, stop, ("value", value)))
    if pending:
        steps.append(_parameter_step(name, pending))
    return FileReform(name, description, steps, source)


# -- scales (a table of brackets: the payout months by age) ------------------


def _scale_units(scale):
    """(threshold unit, value key, value unit) of a scale, as its metadata names them."""
    metadata = scale.metadata or {}
    key = _value_key(scale)
    unit = metadata.get("amount_unit") if key == "amount" else metadata.get("rate_unit")
    return metadata.get("threshold_unit") or "none", key, unit


def _scale_usage(scale, units=None):
    threshold_unit, key, unit = units or _scale_units(scale)
    example = ", ".join(f"{t:g}: {a:g}" for t, a in _table_at(scale, None)[:2]) or "0: 1"
    return i18n.both("reform_file.scale_usage", key=key, threshold_unit=threshold_unit, unit=unit, example=example)


def _table_at(scale, day):
    """[(threshold, value)] of a scale in force at `day` (None: its first dated table), in order."""
    key = _value_key(scale)
    if day is None:
        dates = sorted({v.instant_str for bracket in scale.brackets for v in bracket.children["threshold"].values_list})
        day = dates[0] if dates else "1950-01-01"
    at = instant(str(day))
    table = []
    for bracket in scale.brackets:
        threshold, value = bracket.children["threshold"](at), bracket.children[key](at) if key in bracket.children else None
        if threshold is not None and value is not None:
            table.append((threshold, value))
    return table


def _scale_change(reader, node, what, path, fields, scale, start, stop):
    """("brackets", table) or ("factor", f, decimals) for a change of a scale, checked."""
    threshold_unit, key, unit = units = _scale_units(scale)
    usage = _scale_usage(scale, units)
    if "value" in fields:
        raise reader.error(fields["value"], "reform_scale_value", what=what, path=path, usage=usage)
    given = [name for name in ("brackets", "factor") if name in fields]
    if len(given) != 1:
        problem = i18n.both("reform_file.both_given" if given else "reform_file.neither_given")
        raise reader.error(node, "reform_scale_choice", what=what, problem=problem, path=path, usage=usage)
    metadata = scale.metadata or {}
    existing = [v.value for bracket in scale.brackets if key in bracket.children for v in bracket.children[key].values_list]  # a rate's range: 0-1 unless one is above 1
    if "brackets" in fields:
        if "decimals" in fields:
            raise reader.error(fields["decimals"], "reform_decimals_without_factor", what=what)
        table = _bracket_table(reader, fields["brackets"], f"{what}.brackets", scale, units, usage, existing, metadata)
        in_force = _table_at(scale, start.isoformat())
        if in_force and table[0][0] > in_force[0][0]:
            raise reader.error(fields["brackets"], "reform_brackets_gap", what=what, lowest=f"{table[0][0]:g}", unit=threshold_unit,
                               first=f"{in_force[0][0]:g}", start=start)
        return ("brackets", table)
    factor = reader.scalar(fields["factor"], f"{what}.factor")
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not 0 < factor < math.inf:
        raise reader.error(fields["factor"], "reform_factor", what=what, factor=factor, key=key)
    decimals = None
    if "decimals" in fields:
        decimals = reader.scalar(fields["decimals"], f"{what}.decimals")
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
            raise reader.error(fields["decimals"], "reform_decimals", what=what, decimals=decimals, unit=unit)
    trial = scale.clone()
    first, last = instant(start.isoformat()), instant(stop.isoformat()) if stop else None
    _scale_by(trial, first, last, factor, decimals)
    for bracket, original in zip(trial.brackets, scale.brackets):
        for day, _, value in _segments(bracket.children[key], first, last):
            if value is not None:
                threshold = bracket.children["threshold"](day)
                at = f" at threshold {threshold:g} ({original.children[key](day):g} x {factor:g} = {value:g})" if threshold is not None else ""
                _check_number(reader, fields["factor"], f"{what}.factor{at}", value, unit, existing, metadata)
    return ("factor", factor, decimals)


def _number_key(reader, key_node, what):
    """A threshold written as a mapping key: 60 in YAML, "60" in a JSON document."""
    value = reader.scalar(key_node, what)
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return int(value) if float(value).is_integer() else value


def _bracket_table(reader, node, what, scale, units, usage, existing, metadata):
    """[(threshold, value)] from {threshold: value}, thresholds increasing, each value checked."""
    threshold_unit, key, unit = units
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise reader.error(node, "reform_brackets_not_mapping", what=what, usage=usage)
    whole = (scale.metadata or {}).get("type") == "single_amount"  # read at whole keys (ages, years, grades)
    table = {}
    for key_node, value_node in node.value:
        threshold = _number_key(reader, key_node, what)
        if threshold is None:
            example = next((i18n.both("reform_file.example", value=f"{t:g}") for t, _ in _table_at(scale, None)), "")
            raise reader.error(key_node, "reform_threshold_not_number", what=what, threshold=key_node.value, unit=threshold_unit, example=example)
        if threshold < 0 or threshold > lookup.MAX_KEY or (whole and not float(threshold).is_integer()):
            kind = i18n.both("reform_file.a_whole_number" if whole else "reform_file.a_number")
            raise reader.error(key_node, "reform_threshold_range", what=what, threshold=threshold, kind=kind, max=lookup.MAX_KEY, unit=threshold_unit)
        if threshold in table:
            raise reader.error(key_node, "reform_threshold_twice", what=what, threshold=f"{threshold:g}")
        value = reader.scalar(value_node, f"{what}.{threshold:g}")
        if value is None:
            raise reader.error(value_node, "reform_threshold_null", what=f"{what}.{threshold:g}", key=key, unit=unit)
        table[threshold] = _check_number(reader, value_node, f"{what}.{threshold:g}", value, unit, existing, metadata)
    return sorted(table.items())


# -- projection assumptions ----------------------------------------------------

ASSUMPTION_SETS = ("low", "central", "high")
ASSUMPTION_FILE = "assumption file"


def assumptions(spec="central"):
    """A projection assumption set as a reform: `central` (the parameters as they are),
    `low`, `high` (analysis/assumptions/), or a user's file in the reform-file format
    whose changes touch only projection.* parameters."""
    if spec == "central":
        return compose()
    if spec in ASSUMPTION_SETS:
        source = resources.files(__package__).joinpath(f"assumptions/{spec}.yaml")
        reform = load_text(source.read_text(encoding="utf-8"), f"assumptions/{spec}.yaml", kind=ASSUMPTION_FILE)
    elif str(spec).endswith((".yaml", ".yml")) or Path(spec).is_file():
        reform = load(spec, ASSUMPTION_FILE)
    else:
        raise InputError.of("assumptions_unknown", spec=spec, allowed=", ".join(ASSUMPTION_SETS))
    return projection_only(reform)


def assumptions_from_text(text, source):
    """An assumption set written in the reform-file format (a request's own), checked as
    `assumptions` checks a file: projection.* parameter changes only."""
    return projection_only(load_text(text, source, kind=ASSUMPTION_FILE))


def projection_only(reform):
    """The reform, if it changes projection.* parameters only (an assumption set); else InputError."""
    for step in reform.steps:
        if not hasattr(step, "paths"):  # a formula variant
            raise InputError.of("assumptions_variant", source=reform.source)
        for path in step.paths:
            if not path.startswith("projection."):
                raise InputError.of("assumptions_rules", source=reform.source, path=path)
    return reform
