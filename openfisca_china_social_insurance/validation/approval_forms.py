"""Official pension approval forms (养老待遇核定表) reproduced by the model, component by component.

The forms are the cases of the public calculator copied under
`<shared>/reference/peer-pension-calculator/cases/<province>/*.json`. Each case gives the
form's own printed figures (calculation base, average index, years, account balance,
payout months) and its printed pensions. We feed the printed figures to the model as
inputs (overriding the model's own assessment of them), compute every pension part for
the retirement month with the model's rules for the insured region, and compare each
part with the form at half a fen.

    rows = report(shared_dir)          # one dict per case
    forms_report.to_markdown(rows)     # the committed report (forms_report.to_csv: a CSV)

Nothing here knows a province's rules: they are regional parameters and variables of
the model. A case that no consistent rule explains stays failing, with its reason.
Nothing here knows an individual form either: what is known about a form beyond its case
data (a known issue, a rounded printed index, a figure that is not the form's, a
provisional assessment the notes do not mention) is a fact of the facts file
(tests/approval_forms/case_facts.yml, read by `case_facts.load_case_facts`), with its evidence.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from .. import default_system
from ..core import lookup
from ..core.errors import InputError
from ..core.regions import BY_KEY, REGIONS, Region, chain
from .case_facts import COMPONENTS, NO_FACTS, CaseFacts, check_case_paths, default_facts_path, load_case_facts

#: Half a fen: the forms print pensions to the fen.
TOLERANCE = 0.005

_VARIABLES = {
    "basic": "basic_pension",
    "account": "account_pension",
    "transitional": "transitional_pension",
    "extra": "extra_pension",
    "total": "monthly_pension",
}

_EXPECTED_KEYS = {
    "basic": ("basic_pension", "basicPension"),
    "account": ("personal_pension", "personalPension"),
    "transitional": ("transitional_pension", "transitionalPension"),
    "total": ("total",),
}

#: Half a unit of the fourth decimal of a printed index.
INDEX_HALF_UNIT = 0.00005


def tolerances(case):
    """{component: (tolerance, why)} for a case whose form prints rounded indices, else {}.

    Only the cases with the fact `rounded_index` (the form prints the average indices rounded
    to four decimals while the agency computed with more precise ones) get a larger tolerance,
    derived from the printed precision.

    An index known to +/- u moves the indexed wage by base x u, the basic pension by half
    that x years x 1%, the transitional pension by base x u x years x coefficient (the
    coefficient bounded by 1.4%). The total must equal the parts: its tolerance is set
    in `check` from the parts' own differences.
    """
    why = case.facts.rounded_index
    if not why:
        return {}
    wage = case.base * INDEX_HALF_UNIT
    basic = round(TOLERANCE + wage / 2 * case.contribution_years / 100, 3)
    transitional = round(TOLERANCE + wage * case.pre_account_years * 0.014, 3)
    return {"basic": (basic, why), "transitional": (transitional, why)}


#: Notes that say the form was assessed provisionally (a fact `provisional` overrides them).
_PROVISIONAL = re.compile(r"预发|临时待遇|尚未公布|未公布|预核定|预核算|预核表|暂按上年|退休上年度|公布后(进行)?重新核")
#: Notes that show the form's addition for parents of an only child (Guizhou 独生子女加发 or
#: 奖励, Yunnan 补贴, Chongqing 增发, 独子补贴, 独子待遇, 独子 128.36; Sichuan's 增发 = indexed
#: wage x 0.1% x years, which the collector calls 独子费), not a negated one (非独子费, 无独生子女).
_ONE_CHILD = re.compile(
    r"(独生子女|独子)(父母)?(光荣)?证?(加发|奖励|补贴|增发|待遇|费)|独子\s*\d|[×x*]\s*0\.1%\s*[×x*]"
)
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
    expected: dict = field(default_factory=dict)
    notes: str = ""
    missing: list = field(default_factory=list)
    facts: CaseFacts = NO_FACTS  # what the facts file says about this form
    read: list = field(default_factory=list)  # what was read from the prose of the notes, and the words
    pre_account_given: bool = False  # the case data give pre-account years (else the deemed years stand in)
    base_printed: bool = True  # False: the case gives no base and the model's own is used


def _year_month(text):
    """(year, month) of '1965年10月', '1973-02-16', '1975-07'."""
    found = re.match(r"\s*(\d{4})\D+(\d{1,2})", str(text))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _number(value):
    if value is None or value == "":
        return None
    return float(value)


#: The collector's own city codes (field city_type) for cities with a base of their own.
_CITY_CODES = {"sz": "shenzhen", "cc": "changchun"}


def _region(data, province):
    """The city of the case where regions.yaml knows it (under the case's province), else the province."""
    for key in ("city", "city_type", "cityType"):
        name = str(data.get(key) or "").strip()
        name = _CITY_CODES.get(name, name)
        if not name:
            continue
        cities = [info for info in REGIONS if info.level != "province" and province in chain(info.key)]
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


_CATEGORIES = {"一": 1, "二": 2, "三": 3, "四": 4}


def _area_category(text):
    """Hardship area category of '二类地区' (2), else 0."""
    found = re.match(r"\s*([一二三四1-4])类", str(text or ""))
    if not found:
        return 0
    return _CATEGORIES.get(found.group(1)) or int(found.group(1))


def load_case(path, cases_dir, facts=None):
    """Read one case file into a Case (missing inputs listed in `missing`).

    `facts`: {case path: CaseFacts} (`load_case_facts`); the case takes its own, if any.
    """
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    relative = path.relative_to(cases_dir).as_posix()
    province = str(data.get("province") or path.parent.name)
    notes = data.get("notes") or data.get("note") or ""
    if isinstance(notes, list):
        notes = "；".join(str(item) for item in notes)
    text = " ".join(str(data.get(key) or "") for key in ("data_source", "source", "name")) + " " + notes
    case = Case(path=relative, province=province, verified=data.get("verified") is True, notes=notes)
    case.facts = (facts or {}).get(relative, NO_FACTS)
    case.region = _region(data, province)

    if data.get("birth_year") and data.get("birth_month"):
        case.birth = (int(data["birth_year"]), int(data["birth_month"]))
    else:
        case.birth = _year_month(data.get("birth") or data.get("birth_date") or "")
    if data.get("retire_year") and data.get("retire_month"):
        case.retirement = (int(data["retire_year"]), int(data["retire_month"]))
    else:
        case.retirement = _year_month(data.get("retire_date") or "")

    gender = str(data.get("gender") or "").lower()
    kind = str(data.get("gender_type") or data.get("genderType") or "").lower()
    case.sex = "female" if gender in ("女", "female") or kind.startswith("f") else "male"
    case.cadre = case.sex == "female" and (kind == "fc" or _unnegated(_CADRE, text) is not None)
    if case.cadre and kind != "fc":
        case.read.append("cadre (干部)")

    base = data.get("base_number")
    case.base = _number(base if base is not None else data.get("base_prov"))
    case.average_index = _number(data.get("avg_index"))
    case.transitional_index = _number(data.get("trans_index"))
    case.contribution_years = _number(data.get("total_years"))
    case.deemed_years = _number(data.get("sight_years")) or 0.0
    pre = _number(data.get("pre_account_years"))
    if pre is None and _number(data.get("pre_account_months")) is not None:
        pre = round(_number(data["pre_account_months"]) / 12, 4)
    if pre is None:  # Jiangsu's cases: the years before the 1996 account start
        pre = _number(data.get("pre_1996_years"))
    # Years counted for the transitional pension: the pre-account years where the case
    # gives them (they include the deemed years), else the deemed years.
    case.pre_account_years = pre if pre else case.deemed_years
    case.pre_account_given = bool(pre)
    if pre is None and data.get("sight_years") is None:
        _read_pre_account_years_from_dates(case, data)
    if case.facts.pre_account_years is not None:  # printed on the form, left in the notes by the case data
        case.pre_account_years = case.facts.pre_account_years
    case.balance = _number(data.get("personal_account"))
    case.payout_months = _number(data.get("months"))
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
        case.one_child = (_number(data.get("extra_rate")) or 0) > 0 or bool(found)
        if found and not (_number(data.get("extra_rate")) or 0) > 0:
            case.read.append(f"one-child parent ({found.group(0)})")

    # The rate the agency assessed (Sichuan 增发: the sum of the retiree's categories), a printed
    # figure of the form; without it the model gives the one-child rate or 0.
    case.extra_rate = _number(data.get("extra_rate"))
    case.recognised_intellectual = data.get("intellectual") is True or _unnegated(_INTELLECTUAL, text) is not None
    if case.recognised_intellectual and data.get("intellectual") is not True:
        case.read.append("recognised intellectual (知识分子)")
    case.original_indexed_wage = _number(data.get("old_index_salary")) or 0.0
    case.original_ratio = _number(data.get("enjoyment_ratio")) or 0.0
    case.local_subsidy_years = _number(data.get("local_pension_years")) or 0.0
    case.plateau_work_years = _number(data.get("tibet_work_years")) or 0.0
    # Printed figures of an original transitional method (Guangdong's 视同缴费账户 and new-method
    # years); the model uses them only where the region pays that method (Shanghai's xuzhang,
    # its 虚账实记, is another figure, not encoded: Shanghai pays no original method).
    case.deemed_account = _number(data.get("xuzhang")) or 0.0
    case.indexed_years = _number(data.get("new_method_years")) or 0.0
    case.area_category = _area_category(data.get("region_category"))

    printed = data.get("expected") or {}
    for component, keys in _EXPECTED_KEYS.items():
        for key in keys:
            if printed.get(key) is not None:
                case.expected[component] = float(printed[key])
                break
    # Every other printed amount is an addition on top of the formula (the collector's names vary).
    formula_keys = {key for keys in _EXPECTED_KEYS.values() for key in keys}
    extras = [float(value) for key, value in printed.items()
              if key not in formula_keys and isinstance(value, (int, float)) and not isinstance(value, bool)]
    if extras:
        case.expected["extra"] = sum(extras)

    _read_years_as_printed(case)
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
    _take_the_model_base(case)
    return case


def _read_pre_account_years_from_dates(case, data):
    """Years before the personal account from the work start and the account start, where the
    case gives neither deemed nor pre-account years but both dates (a sector-pooled employer's
    account starting late: hubei/10, 1984-10 to 1998-12 = 14年2个月)."""
    start = _year_month(f"{data.get('work_year')}-{data.get('work_month')}") if data.get("work_year") else None
    account = data.get("account_start")
    account = (int(account["year"]), int(account["month"])) if isinstance(account, dict) else _year_month(account or "")
    if not (start and account) or account <= start:
        return
    months = (account[0] - start[0]) * 12 + account[1] - start[1]
    case.pre_account_years = round(months / 12, 4)
    case.pre_account_given = True
    case.read.append(
        f"pre-account years {case.pre_account_years:g} = {months} months from the work start "
        f"{start[0]}-{start[1]:02d} to the account start {account[0]}-{account[1]:02d}"
    )


def _read_years_as_printed(case):
    """A verified form's years at the decimals its region prints, where the case data re-rounded them.

    A region whose forms print years to four decimals (Guangdong: 17年4个月 = 17.3333) cannot
    print 27.92: the collector re-rounded 27年11个月 = 27.9167 to two decimals, so a two-decimal
    figure within half a unit of a whole number of months is read back as those months. Only
    on verified forms: the other cases are the collector's own arithmetic, done on the figure
    as the case gives it.
    """
    if not (case.verified and case.region and case.retirement):
        return
    node = default_system().parameters.pension.benefit.rounding.contribution_years_decimals
    date = numpy.datetime64(f"{case.retirement[0]:04d}-{case.retirement[1]:02d}-01")
    decimals = int(lookup.at(node, date, Region[case.region].index))
    if decimals <= 2:
        return
    for attribute in ("contribution_years", "deemed_years", "pre_account_years"):
        years = getattr(case, attribute)
        months = round(years * 12) if years is not None else None
        if months is None or abs(round(years, 2) - years) > 1e-9 or abs(years * 12 - months) < 1e-6:
            continue  # not given, more precise than two decimals, or a whole number of months already
        if abs(months / 12 - years) < 0.005:
            setattr(case, attribute, round(months / 12, decimals))
            case.read.append(
                f"{attribute.replace('_', ' ')} {years:g} read as {months} months = {getattr(case, attribute):g} "
                f"({case.region} prints years to {decimals} decimals)"
            )


def load_cases(shared_dir, facts_path=None):
    """Every case under <shared>/reference/peer-pension-calculator/cases, sorted by path, with its facts.

    `facts_path`: the facts file (default: `default_facts_path()`); InputError if a fact names
    no case file. No cases folder: no cases (and no case file to check the facts against).
    """
    cases_dir = cases_folder(shared_dir)
    facts_path = Path(facts_path) if facts_path else default_facts_path()
    facts = load_case_facts(facts_path)
    if not cases_dir.is_dir():
        return []
    cases = [load_case(path, cases_dir, facts) for path in sorted(cases_dir.glob("*/*.json"))]
    check_case_paths(facts, [case.path for case in cases], facts_path, cases_dir)
    return cases


def cases_folder(shared_dir):
    return Path(shared_dir) / "reference" / "peer-pension-calculator" / "cases"


def pre_account_years(case, retirement):
    """The model's pre-account years (deemed and actual) from the case's figures.

    A region that values deemed years apart (pension.benefit.transitional_wage.
    deemed_years_index: Beijing's G同 and G实) prints the actual pre-account years apart
    from the deemed ones, and the case copies them so: the two are added here.
    """
    node = default_system().parameters.pension.benefit.transitional_wage.deemed_years_index
    split = lookup.at(node, numpy.datetime64(retirement), Region[case.region].index)
    if numpy.isnan(split) or not (case.pre_account_given or case.facts.pre_account_years is not None):
        return case.pre_account_years
    return round(case.deemed_years + case.pre_account_years, 6)


def model_inputs(case):
    """The OpenFisca inputs of one person: who they are and the form's printed figures."""
    retirement = f"{case.retirement[0]:04d}-{case.retirement[1]:02d}-01"
    inputs = {
        "sex": case.sex,
        "worker_category": "cadre" if case.cadre else "worker",
        "insured_region": case.region,
        "retirement_date": retirement,
        "provisional_assessment": case.provisional,
        "deemed_contribution_years": case.deemed_years,
        "pension_calculation_base": case.base,
        "average_contribution_index": case.average_index,
        "contribution_years": case.contribution_years,
        "pre_account_contribution_years": pre_account_years(case, retirement),
        "personal_account_balance": case.balance,
        "one_child_parent": case.one_child,
        "recognised_intellectual": case.recognised_intellectual,
        "transitional_original_indexed_wage": case.original_indexed_wage,
        "transitional_original_ratio": case.original_ratio,
        "local_subsidy_years": case.local_subsidy_years,
        "deemed_account_balance": case.deemed_account,
        "pre_account_indexed_years": case.indexed_years,
        "plateau_work_years": case.plateau_work_years,
        "hardship_area_category": case.area_category,
        # The form awards a monthly pension: eligibility is the form's (early retirements
        # such as Tibet's at 45 are outside the model's statutory-date rule).
        "pension_eligible": True,
    }
    if case.payout_months is not None:
        inputs["payout_months"] = case.payout_months
    if case.birth:
        inputs["birth_date"] = f"{case.birth[0]:04d}-{case.birth[1]:02d}-01"
    if case.transitional_index is not None:
        inputs["transitional_contribution_index"] = case.transitional_index
    if case.extra_rate is not None:
        inputs["extra_pension_rate_of_indexed_wage"] = case.extra_rate
    inputs.update(case.facts.form_figures)  # printed on the form, left in the notes by the case data
    return {name: {"ETERNITY": value} for name, value in inputs.items()}


def compute(case):
    """The model's pension parts for one case in its retirement month: {component: yuan}."""
    from openfisca_core.simulations import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": {"form": model_inputs(case)}})
    month = f"{case.retirement[0]:04d}-{case.retirement[1]:02d}"
    return {component: float(simulation.calculate(variable, month)[0]) for component, variable in _VARIABLES.items()}


def model_base(case):
    """The model's own calculation base for the case's region and month (not an input), or None.

    Informative only: it checks the regional parameter files against the printed base;
    `provisional` comes from the notes (预发, 尚未公布), a heuristic, corrected by the facts
    `provisional: true / false` of the facts file, with their evidence.
    """
    return _model_base_and_assessment(case)[0]


def _model_base_and_assessment(case):
    """(the model's base, whether it is the previous year's: a provisional assessment), or (None, None)."""
    from openfisca_core.simulations import SimulationBuilder

    inputs = model_inputs(case)
    del inputs["pension_calculation_base"]
    month = f"{case.retirement[0]:04d}-{case.retirement[1]:02d}"
    # A form of a year whose base the data does not have yet (the model's base is
    # projected, or refused) was necessarily assessed provisionally, on the year before's base.
    choices = {case.facts.provisional} if case.facts.provisional is not None else {bool(case.provisional), True}
    for provisional in sorted(choices):
        inputs["provisional_assessment"] = {"ETERNITY": provisional}
        simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": {"form": inputs}})
        try:
            base = float(simulation.calculate("pension_calculation_base", month)[0])
        except InputError:
            continue
        if simulation.calculate("pension_calculation_base_status", month).decode()[0].name != "projected":
            return base, provisional
    return None, None


def _take_the_model_base(case):
    """A case without the printed base takes the model's own for its region and month (a stronger
    test: the regional parameter must then give the printed pensions), shown in the report."""
    if case.missing != ["pension calculation base"]:
        return
    base, provisional = _model_base_and_assessment(case)
    if base is None:
        return
    case.base, case.provisional, case.missing, case.base_printed = base, provisional, [], False
    case.read.append(f"no printed base: the model's {base:g} for {case.region}" + (" (the year before's: provisional)" if provisional else ""))


def check(case):
    """Compare one case with the model: a report row."""
    row = {
        "province": case.province,
        "case": case.path,
        "verified": case.verified,
        "region": case.region or "",
        "retirement": f"{case.retirement[0]:04d}-{case.retirement[1]:02d}" if case.retirement else "",
        "passed": False,
        "reason": "",
        "tolerance": "",
        "known_issue": case.facts.known_issue,
        "read_from_notes": "; ".join(case.read),
        "base_form": case.base,
        "base_model": None,
        "base_check": "",
    }
    for component in COMPONENTS:
        row[component] = "n/a"
        row[f"{component}_form"] = case.expected.get(component)
        row[f"{component}_model"] = None
    if case.missing:
        row["reason"] = "not computable: the case gives no " + ", ".join(case.missing)
        for component in COMPONENTS:
            row[component] = "error"
        return row
    try:
        computed = compute(case)
    except InputError as error:
        row["reason"] = f"model refused the inputs: {error}"
        for component in COMPONENTS:
            row[component] = "error"
        return row

    base = model_base(case) if case.base_printed else case.base
    row["base_form"] = case.base if case.base_printed else None
    row["base_model"] = base
    if not case.base_printed:
        row["base_check"] = "not printed"
    else:
        row["base_check"] = "no value" if base is None else ("same" if abs(base - case.base) < 0.005 else "differs")
    failures = []
    allowed = tolerances(case)
    if allowed:
        row["tolerance"] = "rounded printed index (" + next(iter(allowed.values()))[1] + "): " + ", ".join(
            f"{component} +/-{value[0]}" for component, value in allowed.items()
        )
    drift = 0.0  # how far the parts computed from rounded inputs may move the total
    for component in COMPONENTS:
        model = round(computed[component], 2)
        row[f"{component}_model"] = model
        form = case.expected.get(component)
        if component in case.facts.not_from_form:
            row[component] = "not from form"
            continue
        if form is None:
            continue  # not printed on the form: nothing to compare
        tolerance = allowed.get(component, (TOLERANCE, ""))[0]
        if component == "total":
            tolerance = TOLERANCE + drift
        elif component in allowed:
            drift += abs(model - form)
        if abs(model - form) <= tolerance + 1e-9:
            row[component] = "pass"
        else:
            row[component] = "FAIL"
            failures.append(f"{component} {model:.2f} vs form {form:.2f} ({model - form:+.2f})")
    row["passed"] = not failures
    row["reason"] = "; ".join(failures)
    return row


def report(shared_dir, facts_path=None):
    """One row per case of the shared folder: province, case, verified, pass/fail per component, reason.

    `facts_path`: the facts file (default: `default_facts_path()`).
    """
    return [check(case) for case in load_cases(shared_dir, facts_path)]


def default_shared_dir(repository=None):
    """$SHEBAO_SHARED, else <repository>/../shared."""
    import os

    if os.environ.get("SHEBAO_SHARED"):
        return Path(os.environ["SHEBAO_SHARED"])
    repository = Path(repository) if repository else Path(__file__).resolve().parents[2]
    return repository.parent / "shared"


__all__ = [
    "COMPONENTS",
    "TOLERANCE",
    "Case",
    "cases_folder",
    "check",
    "compute",
    "default_facts_path",
    "default_shared_dir",
    "load_case",
    "load_case_facts",
    "load_cases",
    "model_base",
    "model_inputs",
    "report",
    "tolerances",
]
