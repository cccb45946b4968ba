"""The region hierarchy: nation, provinces, cities and counties, with explicit fallback.

Every region is one member of the `Region` enum, in the order of `regions.yaml`, so a
person's region is a small integer and regional parameters can be looked up for
millions of persons with one numpy indexing operation (see `lookup.py`).
"""

import difflib
from dataclasses import dataclass
from importlib import resources

import yaml
from openfisca_core.indexed_enums import Enum

from .errors import InputError


@dataclass(frozen=True)
class RegionInfo:
    key: str
    code: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None


def _load():
    text = resources.files(__package__).joinpath("regions.yaml").read_text(encoding="utf-8")
    infos = [RegionInfo(**entry) for entry in yaml.safe_load(text)]
    seen = set()
    for info in infos:
        if info.parent is not None and info.parent not in seen:
            raise ValueError(f"regions.yaml: {info.key} is listed before its parent {info.parent}")
        seen.add(info.key)
    return infos


REGIONS = _load()
BY_KEY = {info.key: info for info in REGIONS}
BY_CODE = {info.code: info for info in REGIONS}

Region = Enum("Region", [(info.key, f"{info.name_zh} {info.name_en}") for info in REGIONS])
Region.__doc__ = "A region of the hierarchy in regions.yaml (行政区划)."

#: For each region index, the index of its parent (the nation points to itself).
PARENT_INDEX = [Region[info.parent].index if info.parent else 0 for info in REGIONS]


def _province_index(info):
    keys = chain(info.key)
    provinces = [key for key in keys if BY_KEY[key].level == "province"]
    return Region[provinces[0]].index if provinces else Region[keys[0]].index


def chain(key):
    """The region and the levels above it, nearest first: jinan -> shandong -> nation."""
    keys = []
    while key is not None:
        keys.append(key)
        key = BY_KEY[key].parent
    return keys


#: For each region index, the index of the province it lies in (a province: itself; the nation: itself).
PROVINCE_INDEX = [_province_index(info) for info in REGIONS]


def _city_index(info):
    cities = [key for key in chain(info.key) if BY_KEY[key].level == "city"]
    return Region[cities[0] if cities else info.key].index


#: For each region index, the index of the city it lies in (a city: itself; a county: its city;
#: a province or the nation, which lie in no city: itself).
CITY_INDEX = [_city_index(info) for info in REGIONS]


def resolve(name_or_code):
    """Return the region key for a pinyin key or a six-digit GB/T 2260 code.

    An unknown value raises InputError naming the nearest valid keys.
    """
    text = str(name_or_code).strip()
    if text in BY_KEY:
        return text
    if text in BY_CODE:
        return BY_CODE[text].key
    lowered = text.lower()
    if lowered in BY_KEY:
        return lowered
    for info in REGIONS:
        if text in (info.name_zh, info.name_en):
            return info.key
    candidates = list(BY_KEY) + list(BY_CODE)
    near = difflib.get_close_matches(lowered, candidates, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise InputError(
        f"region: unknown region {text!r}.{hint} Allowed: a pinyin key or a GB/T 2260 code "
        f"from regions.yaml ({len(REGIONS)} regions, e.g. shandong / 370000, jinan / 370100)."
    )
