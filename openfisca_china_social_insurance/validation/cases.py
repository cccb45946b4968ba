"""The collector's cases of approval forms (养老待遇核定表), read into one shape.

Each case file under `<shared>/reference/peer-pension-calculator/cases/<province>/` names its
fields in one of several ways (camelCase or not, dates as text or numbers, cities by name or
by the collector's code) and leaves some facts in the prose of its notes (a provisional
assessment, a one-child parent, a cadre). `read_case` turns a file into a `Case` with the
fields normalised and lists in `case.read` what it took from the prose or derived, with the
words that gave it. Nothing here uses the model: approval_forms.py completes a case with
the model's own figures where the case gives none.
"""

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.regions import BY_KEY, REGIONS, chain
from .case_facts import NO_FACTS, CaseFacts

_EXPECTED_KEYS = {
    "basic": ("basic_pension", "basicPension"),
    "account": ("personal_pension", "personalPension"),
    "transitional": ("transitional_pension", "transitionalPension"),
    "total": ("total",),
}

#: Notes that say the form was assessed provisionally (a fact `provisional` overrides them).
_PROVISIONAL = re.compile(
    r"预发|临时待遇|尚未公布|未公布|预核定|预核算|预核表|暂按|暂用|暂发|退休上年度|待.{0,10}公布|公布后.{0,4}(重新核|重算|补发|补差)"
)
#: Notes that show the form's addition for parents of an only child (Guizhou 独生子女加发 or
#: 奖励, Yunnan 补贴, Chongqing 增发, 独子补贴, 独子待遇, 独子 128.36; Sichuan's 增发 = indexed
#: wage x 0.1% x years, which the collector calls 独子费), with a few words between (独生子女父母
#: 退休加发, 独生女父母奖励), not a negated one (非独子费, 无独生子女).
_ONE_CHILD = re.compile(
    r"(独生子女|独生子|独生女|独子)[^，。；,;:：\s\d]{0,6}?(加发|奖励|补贴|补助|增发|待遇|费)|独子\s*\d|[×x*]\s*0\.1%\s*[×x*]"
)
#: Notes that give the amount of Zhengzhou's 过渡性补贴 ("核定表另有'过渡性补贴'453.51元"), and
#: notes that say the case's total leaves it out ("此案例total不含补贴"): the total is then not the form's.
_TRANSITIONAL_SUBSIDY = re.compile(r"过渡性补贴\W{0,2}(\d+(?:\.\d+)?)\s*元")
_TOTAL_WITHOUT_SUBSIDY = re.compile(r"(total|合计|总额)\s*不含(过渡性)?补贴")
#: A 调节金 the form lists with its amount ("调整额1096.34/调节金150/地方补助171.19"), not Zhejiang's
#: 过渡(性)调节金 (encoded) nor a year ("调节金2006年150元递减").
_ADJUSTMENT_LISTED = re.compile(r"(?<!过渡)(?<!过渡性)调节金\s*[=:：]?\s*(\d+(?:\.\d+)?)(?![\d.年])")
#: Case fields of additions printed on the form whose rule the model does not encode.
_ADDITIONS_AS_PRINTED = ("extra_fixed_amount", "current_year_increase")
_CADRE = re.compile("干部")
_INTELLECTUAL = re.compile("知识分子")
#: Words that negate a wording just before it (非独子费, 无独生子女, 没有独生子女补贴, 未领独生子女费).
_NEGATION = re.compile(r"(非|无|不是|没有|未领|未享受|不享受)$")


def _unnegated(pattern, text):
    """The first match of `pattern` in `text` that no negation precedes (非干部, 无独生子女), or None."""
    for found in pattern.finditer(text):
        if not _NEGATION.search(text[max(0, found.start() - 3) : found.start()]):
            return found
    return None


@dataclass
class Case:
    """One approval form, with field names normalised."""

    path: str  # "<province>/<file>.json"
    province: str
    verified: bool
    region: str | None = None
    birth: tuple | None = None
    retirement: tuple | None = None
    sex: str = "male"
    cadre: bool = False
    base: float | None = None
    province_base: float | None = None  # 全省计发基数 where the form prints it beside a city's own: base_prov
    average_index: float | None = None
    transitional_index: float | None = None
    contribution_years: float | None = None
    pre_account_years: float = 0.0
    deemed_years: float = 0.0
    balance: float | None = None
    payout_months: float | None = None
    provisional: bool = False
    one_child: bool = False
    extra_rate: float | None = None  # 增发比例 the form applies to the indexed wage per year (Sichuan): extra_rate
    recognised_intellectual: bool = False
    original_indexed_wage: float = 0.0  # Shenzhen 原办法: old_index_salary
    original_ratio: float = 0.0  # Shenzhen 享受比例: enjoyment_ratio
    local_subsidy_years: float = 0.0  # Shenzhen 地方补助 years: local_pension_years
    deemed_account: float = 0.0  # Guangdong 视同缴费账户储存额: xuzhang
    indexed_years: float = 0.0  # Guangdong new method's index x pre-account years: new_method_years
    plateau_work_years: float = 0.0  # Tibet 在藏工作年限: tibet_work_years
    area_category: int = 0  # Tibet 二类地区: region_category
    transitional_subsidy: float | None = None  # Zhengzhou 过渡性补贴 printed on the form (a field or the notes)
    extra_as_printed: float = 0.0  # additions printed whose rule the model does not encode (fields, a 调节金 listed)
    not_from_form: list = field(default_factory=list)  # printed parts whose case figure is not the form's
    expected: dict = field(default_factory=dict)
    notes: str = ""
    missing: list = field(default_factory=list)
    invalid: list = field(default_factory=list)  # fields the case gives that cannot be read, and why
    facts: CaseFacts = NO_FACTS  # what the facts file says about this form
    read: list = field(default_factory=list)  # what was read from the prose of the notes, and the words
    pre_account_given: bool = False  # the case data give pre-account years (else the deemed years stand in)
    base_printed: bool = True  # False: the case gives no base and the model's own is used


class _Fields(dict):
    """A case's fields, each also found under its camelCase name (avgIndex for avg_index), as
    some of the collector's files spell them."""

    def __missing__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        camel = re.sub(r"_([a-z0-9])", lambda found: found.group(1).upper(), key)
        if camel != key and camel in self:
            return self[camel]
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def number(self, key):
        """The field as a number (a unit after it is allowed: '6738元'), None where absent; a
        value that is no number is listed in `invalid` as (key, value) and read as absent."""
        value = self.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        found = _NUMBER.match(value) if isinstance(value, str) else None
        if found:
            return float(found.group(1))
        if (key, value) not in self.invalid:
            self.invalid.append((key, value))
        return None

    @property
    def invalid(self):
        return self.__dict__.setdefault("_invalid", [])


#: What is wrong with an unreadable field, by the end of its name (else: not a number).
_WHAT_IS_WRONG = {"month": "is no month (1-12)", "year": "is no whole year", "expected": "is not an object of printed amounts"}


def _what_is_wrong(key):
    return _WHAT_IS_WRONG.get(re.split(r"[_.]", key)[-1], "is not a number")

#: A number as a case may write it: 6738, "6738", "6738元", "9.25年", "139个月".
_NUMBER = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(元|年|个月|月)?\s*$")


def _month_of(data, prefix, text_keys=()):
    """(year, month) of the fields <prefix>_year and <prefix>_month (year and month: prefix ""),
    else of the first text field that holds a date; None where neither does. A month outside
    1-12 is listed in data.invalid."""
    year_key, month_key = (f"{prefix}_year", f"{prefix}_month") if prefix else ("year", "month")
    if data.get(year_key) not in (None, "") and data.get(month_key) not in (None, ""):
        year, month = data.number(year_key), data.number(month_key)
        if year is None or month is None:
            return None
        if year != int(year):
            data.invalid.append((year_key, data.get(year_key)))
            return None
        if not 1 <= month <= 12 or month != int(month):
            data.invalid.append((month_key, data.get(month_key)))
            return None
        return (int(year), int(month))
    for key in text_keys:
        if data.get(key):
            return _year_month(data[key])
    return None


def _year_month(text):
    """(year, month) of '1965年10月', '1973-02-16', '1975-07'."""
    found = re.match(r"\s*(\d{4})\D+(\d{1,2})", str(text))
    return (int(found.group(1)), int(found.group(2))) if found and 1 <= int(found.group(2)) <= 12 else None


#: The collector's own city codes (field city_type) for cities with a base of their own.
_CITY_CODES = {"sz": "shenzhen", "cc": "changchun", "dl": "dalian", "sy": "shenyang", "wh": "wuhan", "zz": "zhengzhou"}


def _region(data, province):
    """The city of the case where regions.yaml knows it (under the case's province), else the province.

    A case without a city field may name its city where its text opens (`_city_opening`).
    """
    cities = [info for info in REGIONS if info.level != "province" and province in chain(info.key)]
    named = [str(data.get(key) or "").strip() for key in ("city", "city_type")]
    if not any(named):
        opening = _city_opening(data, province, cities)
        return opening.key if opening else (province if province in BY_KEY else None)
    for name in named:
        name = _CITY_CODES.get(name, name)
        if not name:
            continue
        for info in cities:
            if name in (info.key, info.name_zh, info.name_zh.rstrip("市")):
                return info.key
        # A short name of a prefecture or forest district (恩施 for 恩施土家族苗族自治州, 神农架).
        for info in cities:
            if len(name) >= 2 and info.name_zh.startswith(name):
                return info.key
        # A district or a longer place name: 武汉市青山区, 湖北省黄石市 (the longest city name it holds).
        inside = [info for info in cities if info.name_zh.endswith("市") and info.name_zh in name]
        if inside:
            return max(inside, key=lambda info: len(info.name_zh)).key
    return province if province in BY_KEY else None


def _city_opening(data, province, cities):
    """The city a case without a city field names where its id, source or notes open, or None.

    The collector opens them with the place: "hubei-wuhan-2022", "平顶山市2024-12企业退休官方核定表",
    "湖北武汉（一档），男性1964年生". Only the opening counts, after the province's name: later
    words compare places ("与郑州相反", "无郑州式过渡性补贴" on a Pingdingshan form).
    """
    case_id = str(data.get("case_id") or "").lower()
    by_key = [info for info in cities if info.level == "city" and info.key in re.split(r"[^a-z]+", case_id)[:3]]
    if by_key:
        return by_key[0]
    names = [name for info in REGIONS if info.key == province for name in (info.name_zh, info.name_zh[:2], info.name_zh[:3])]
    for key in ("source", "name", "data_source", "notes", "note"):
        text = str(data.get(key) or "").strip()
        for name in sorted(names, key=len, reverse=True):
            if text.startswith(name):
                text = re.sub(r"^[省市自治区壮族回族维吾尔\s]+", "", text[len(name):])  # 省, 自治区 and the like
                break
        found = [info for info in cities if info.level == "city" and text.startswith(info.name_zh.rstrip("市"))]
        if found:
            return max(found, key=lambda info: len(info.name_zh))
    return None


def _province(value, folder):
    """The province key of a case: its field as a key (henan) or a Chinese name (河南, 河南省),
    else the folder it sits in."""
    provinces = [info for info in REGIONS if info.level == "province"]
    name = str(value or "").strip()
    for info in provinces:
        if name and (name == info.key or info.name_zh.startswith(name[:2]) and info.name_zh[:2] in name):
            return info.key
    return folder


_CATEGORIES = {"一": 1, "二": 2, "三": 3, "四": 4}


def _area_category(text):
    """Hardship area category of '二类地区' (2), else 0."""
    found = re.match(r"\s*([一二三四1-4])类", str(text or ""))
    if not found:
        return 0
    return _CATEGORIES.get(found.group(1)) or int(found.group(1))


def read_case(path, cases_dir, facts=None):
    """Read one case file into a Case (missing inputs listed in `missing`), as the collector wrote it.

    `facts`: {case path: CaseFacts} (`load_case_facts`); the case takes its own, if any.
    """
    path = Path(path)
    relative = path.relative_to(cases_dir).as_posix()
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Case(path=relative, province=path.parent.name, verified=False, invalid=[f"the file is not JSON in UTF-8 ({error})"])
    if not isinstance(data, dict):
        return Case(path=relative, province=path.parent.name, verified=False, invalid=["the file holds no case: a JSON object was expected"])
    data = _Fields(data)
    province = _province(data.get("province"), path.parent.name)
    notes = data.get("notes") or data.get("note") or ""
    notes = "；".join(str(item) for item in notes) if isinstance(notes, list) else str(notes)
    text = " ".join(str(data.get(key) or "") for key in ("data_source", "source", "name")) + " " + notes
    case = Case(path=relative, province=province, verified=data.get("verified") is True, notes=notes)
    case.facts = (facts or {}).get(relative, NO_FACTS)
    case.region = _region(data, province)
    if case.region not in (province, None) and not (data.get("city") or data.get("city_type")):
        case.read.append(f"city {BY_KEY[case.region].name_zh} (where the case's text opens)")

    case.birth = _month_of(data, "birth", ("birth", "birth_date"))
    case.retirement = _month_of(data, "retire", ("retire_date",))

    gender = str(data.get("gender") or "").lower()
    kind = str(data.get("gender_type") or "").lower()
    case.sex = "female" if gender in ("女", "female") or kind.startswith("f") else "male"
    case.cadre = case.sex == "female" and (kind == "fc" or _unnegated(_CADRE, text) is not None)
    if case.cadre and kind != "fc":
        case.read.append("cadre (干部)")

    case.base = data.number("base_number") if data.get("base_number") is not None else data.number("base_prov")
    case.province_base = data.number("base_prov")
    case.average_index = data.number("avg_index")
    case.transitional_index = data.number("trans_index")
    case.contribution_years = data.number("total_years")
    case.deemed_years = data.number("sight_years") or 0.0
    pre = data.number("pre_account_years")
    if pre is None and data.number("pre_account_months") is not None:
        pre = round(data.number("pre_account_months") / 12, 4)
    if pre is None:  # Jiangsu's cases: the years before the 1996 account start
        pre = data.number("pre_1996_years")
    # Years counted for the transitional pension: the pre-account years where the case
    # gives them (they include the deemed years), else the deemed years.
    case.pre_account_years = pre if pre else case.deemed_years
    case.pre_account_given = bool(pre)
    if pre is None and data.get("sight_years") is None:
        _read_pre_account_years_from_dates(case, data)
    if case.facts.pre_account_years is not None:  # printed on the form, left in the notes by the case data
        case.pre_account_years = case.facts.pre_account_years
    case.balance = data.number("personal_account")
    case.payout_months = data.number("months")
    if case.facts.provisional is None:
        found = _PROVISIONAL.search(text)
        case.provisional = bool(found)
        if found:
            case.read.append(f"provisional ({found.group(0)})")
    else:
        case.provisional = case.facts.provisional
    if isinstance(data.get("one_child"), bool):
        case.one_child = data["one_child"]
    else:
        found = _unnegated(_ONE_CHILD, text)
        case.one_child = (data.number("extra_rate") or 0) > 0 or bool(found)
        if found and not (data.number("extra_rate") or 0) > 0:
            case.read.append(f"one-child parent ({found.group(0)})")

    # The rate the agency assessed (Sichuan 增发: the sum of the retiree's categories), a printed
    # figure of the form; without it the model gives the one-child rate or 0.
    case.extra_rate = data.number("extra_rate")
    case.recognised_intellectual = data.get("intellectual") is True or _unnegated(_INTELLECTUAL, text) is not None
    if case.recognised_intellectual and data.get("intellectual") is not True:
        case.read.append("recognised intellectual (知识分子)")
    case.original_indexed_wage = data.number("old_index_salary") or 0.0
    case.original_ratio = data.number("enjoyment_ratio") or 0.0
    case.local_subsidy_years = data.number("local_pension_years") or 0.0
    case.plateau_work_years = data.number("tibet_work_years") or 0.0
    # Printed figures of an original transitional method (Guangdong's 视同缴费账户 and new-method
    # years); the model uses them only where the region pays that method (Shanghai's xuzhang,
    # its 虚账实记, is another figure, not encoded: Shanghai pays no original method).
    case.deemed_account = data.number("xuzhang") or 0.0
    case.indexed_years = data.number("new_method_years") or 0.0
    case.area_category = _area_category(data.get("region_category"))
    _read_transitional_subsidy(case, data, notes)
    _read_additions_as_printed(case, data, text)

    printed = data.get("expected") or {}
    if not isinstance(printed, dict):
        data.invalid.append(("expected", printed))
        printed = {}
    printed = _Fields(printed)
    for component, keys in _EXPECTED_KEYS.items():
        for key in keys:
            if printed.get(key) is not None:
                case.expected[component] = printed.number(key)
                break
    # Every other printed amount is an addition on top of the formula (the collector's names vary);
    # an entry that is no amount (a remark) is not one.
    formula_keys = {key for keys in _EXPECTED_KEYS.values() for key in keys}
    extras = [printed.number(key) for key, value in printed.items()
              if key not in formula_keys and (isinstance(value, (int, float)) and not isinstance(value, bool) or _NUMBER.match(str(value)))]
    if any(value is not None for value in extras):
        case.expected["extra"] = sum(value for value in extras if value is not None)
    for key, value in data.invalid + printed.invalid:
        message = f"{key} {value!r} {_what_is_wrong(key)}"
        if message not in case.invalid:
            case.invalid.append(message)

    for name, value in (
        ("region", case.region),
        ("retirement date", case.retirement),
        ("pension calculation base", case.base),
        ("average contribution index", case.average_index),
        ("contribution years", case.contribution_years),
        ("personal account balance", case.balance),
        # Without printed payout months the model's own, by the age at retirement, need the birth date.
        ("payout months", case.payout_months if case.payout_months is not None or not case.birth else "model"),
    ):
        if value is None:
            case.missing.append(name)
    if case.payout_months is None and case.birth:
        case.read.append("no printed payout months: the model's, by the age at retirement (born on the 1st: the case gives no day)")
    return case


def _read_additions_as_printed(case, data, text):
    """Additions the form prints whose rule the model does not encode: the case's fields
    (extra_fixed_amount, current_year_increase) and a 调节金 its text lists with an amount."""
    for key in _ADDITIONS_AS_PRINTED:
        if data.number(key):
            case.extra_as_printed += data.number(key)
            case.read.append(f"an addition as printed, rule not encoded: {data.number(key):g} (field {key})")
    for found in _ADJUSTMENT_LISTED.finditer(text):
        if float(found.group(1)):
            case.extra_as_printed += float(found.group(1))
            case.read.append(f"an addition as printed, rule not encoded: {found.group(1)} ({found.group(0)})")


def _read_transitional_subsidy(case, data, notes):
    """Zhengzhou's 过渡性补贴 where the case gives it, as a field or in the notes; a case total
    said to leave it out is not the form's total (not compared)."""
    if data.get("transitional_subsidy") is not None:
        case.transitional_subsidy = data.number("transitional_subsidy")
        return
    found = _TRANSITIONAL_SUBSIDY.search(notes)
    if not found:
        return
    case.transitional_subsidy = float(found.group(1))
    case.read.append(f"transitional subsidy {found.group(1)} ({found.group(0)})")
    left_out = _TOTAL_WITHOUT_SUBSIDY.search(notes)
    if left_out:
        case.not_from_form.append("total")
        case.read.append(f"the case's total leaves the subsidy out ({left_out.group(0)}): not the form's total, not compared")


def _read_pre_account_years_from_dates(case, data):
    """Years before the personal account from the work start and the account start, where the
    case gives neither deemed nor pre-account years but both dates (a sector-pooled employer's
    account starting late: hubei/10, 1984-10 to 1998-12 = 14年2个月)."""
    start = _month_of(data, "work", ("work_start", "work_date"))
    account = data.get("account_start")
    if isinstance(account, dict):
        fields = _Fields(account)
        account = _month_of(fields, "")
        data.invalid.extend((f"account_start.{key}", value) for key, value in fields.invalid)
    else:
        account = _year_month(account or "")
    if not (start and account) or account <= start:
        return
    months = (account[0] - start[0]) * 12 + account[1] - start[1]
    case.pre_account_years = round(months / 12, 4)
    case.pre_account_given = True
    case.read.append(
        f"pre-account years {case.pre_account_years:g} = {months} months from the work start "
        f"{start[0]}-{start[1]:02d} to the account start {account[0]}-{account[1]:02d}"
    )


def cases_folder(shared_dir):
    return Path(shared_dir) / "reference" / "peer-pension-calculator" / "cases"
