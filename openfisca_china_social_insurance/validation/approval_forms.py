"""Official pension approval forms (养老待遇核定表) reproduced by the model, component by component.

The forms are the cases of the public calculator copied under
`<shared>/reference/peer-pension-calculator/cases/<province>/*.json`. Each case gives the
form's own printed figures (calculation base, average index, years, account balance,
payout months) and its printed pensions. We feed the printed figures to the model as
inputs (overriding the model's own assessment of them), compute every pension part for
the retirement month with the model's rules for the insured region, and compare each
part with the form at half a fen.

    rows = report(shared_dir)          # one dict per case
    to_markdown(rows), to_csv(rows)    # the committed report and a CSV

Nothing here knows a province's rules: they are regional parameters and variables of
the model. A case that no consistent rule explains stays failing, with its reason.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import default_system
from ..core.errors import InputError
from ..core.regions import BY_KEY, REGIONS, chain

#: Half a fen: the forms print pensions to the fen.
TOLERANCE = 0.005

COMPONENTS = ("basic", "account", "transitional", "extra", "total")

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
#: Printed additions on top of the formula, summed into the extra pension.
_EXTRA_KEYS = ("extra_pension", "extraPension", "adjustment_fund", "special_addition", "intellectual_subsidy")

#: Cases whose form prints the average indices rounded to four decimals while the agency
#: computed with more precise ones: the notes quote the form's indexed wages to five
#: decimals (Shanxi: 4338.13666 = 7111 x 0.610060, printed index 0.6101). Only these get a
#: larger tolerance, derived from the printed precision (see `tolerances`).
ROUNDED_INDEX_CASES = {
    "shanxi/1.json": "form prints 0.7604 / 0.7040; indexed wages 5514.81855 / 5105.89441 in the notes",
    "shanxi/2.json": "form prints 0.6101; indexed wage 4338.13666 = 7111 x 0.610060 in the notes",
    "shanxi/4.json": "form prints 0.8314 / 0.7617; indexed wages 5734.37271 / 5253.30696 in the notes",
}
#: Half a unit of the fourth decimal of a printed index.
INDEX_HALF_UNIT = 0.00005


def tolerances(case):
    """{component: (tolerance, why)} for a case whose form prints rounded indices, else {}.

    An index known to +/- u moves the indexed wage by base x u, the basic pension by half
    that x years x 1%, the transitional pension by base x u x years x coefficient (the
    coefficient bounded by 1.4%). The total must equal the parts: its tolerance is set
    in `check` from the parts' own differences.
    """
    why = ROUNDED_INDEX_CASES.get(case.path)
    if not why:
        return {}
    wage = case.base * INDEX_HALF_UNIT
    basic = round(TOLERANCE + wage / 2 * case.contribution_years / 100, 3)
    transitional = round(TOLERANCE + wage * case.pre_account_years * 0.014, 3)
    return {"basic": (basic, why), "transitional": (transitional, why)}


#: What the collector's data or notes say about a case that the comparison cannot see.
#: These explain failures or caveats; they never change an input or an expected value.
BEIJING_LONG_CAREERS = (
    "Beijing's transitional pension for long pre-account careers (the lead table's own formula_type) is not "
    "encoded: 1% x indexed wage x years gives far less. Unverified case."
)
KNOWN_ISSUES = {
    "beijing/2.json": BEIJING_LONG_CAREERS,
    "beijing/3.json": BEIJING_LONG_CAREERS,
    "beijing/4.json": BEIJING_LONG_CAREERS,
    "beijing/5.json": BEIJING_LONG_CAREERS,
    "beijing/6.json": BEIJING_LONG_CAREERS,
    "shandong/6.json": "The form's header total is 3314.90; its three printed parts add up to 3283.90, the "
    "case's expected total, which the model reproduces. The 31.00 gap is not explained by any printed item.",
    "tianjin/8.json": "Per the case notes the form prints an account pension of 707.45 (= 119559.06 / 169, a "
    "special-type early retirement); the case's expected 613.12 is the collector's own engine output with 195 months.",
    "anhui/3.json": "A demonstration case of the collector (round account balance 90000, 'ceil-demo'), not a form.",
    "beijing/7.json": "The transitional years (1.25, per the notes) are not in the case data; the case's own "
    "tolerance of 1 yuan on the basic pension is not applied.",
    "hunan/5.json": "Notes give an indexed wage of 5120.36 (not 7699 x 0.6655 = 5123.68); neither reproduces "
    "1249.40, and 49122.2 / 195 = 251.91, not the printed 252.13.",
    "henan/11.json": "The printed index 1.2142 x 6385 = 7752.67, but the form's indexed wage is 7752.03 "
    "(index 1.21410): the printed index is not the one used.",
    "henan/12.json": "Zhengzhou (not a region of the model): the transitional pension is on the city base, 7933 x 2.5286 "
    "x 11.58 x 1.3% = 3019.74, and the total carries a 过渡性补贴 of 11534.36 - 10890.50 = 643.86 = 8.85 x 30.92 actual "
    "years / (42.5 x 1%); but the basic 4991.65 needs an indexed wage of 16752.12 (7933 x 2.11170), not the printed "
    "index 2.1119 (as in henan/11): not encoded on one form that cannot pass.",
    "gansu/4.json": "The transitional pension 449.39 is not reproduced: 9577.74 x 1.2% x 3.92 (two decimals) = 450.54, "
    "x 3.9167 = 450.16, x 3.91 = 449.38.",
    "jiangsu/7.json": "Jiangsu's transitional pension (the case's own tolerance 0.15) is not explained by "
    "8917 x 1.0606 x 4.5833 x coefficient for a round coefficient.",
    "xizang/1.json": "Total includes the plateau allowance 11777 x 1.0 x 10% = 1177.70 (the form's line shows 1177.79; "
    "the total adds up with 1177.70) and the fixed allowances of a category-2 area (329.88), in the extra pension.",
    "xizang/3.json": "Total includes the plateau allowance 10934.06 x 10% = 1093.41 and the fixed allowances of a "
    "category-2 area (交通30 + 取暖39.88 + 福利260 = 329.88, printed as 其他待遇), in the extra pension.",
    "xizang/4.json": "Total includes the plateau allowance 7902.37 x 10% = 790.24 and the fixed allowances of a "
    "category-2 area (329.88, printed as 其他待遇), in the extra pension.",
    "guizhou/backup_guizhou.json": "A backup copy of guizhou/2.json without its pre-account years (13.25): the "
    "transitional pension falls back to the deemed years 8.17.",
    "hubei/10.json": "No calculation base in the case data (a sector-pooled employer, 行业统筹).",
    "liaoning/7.json": "The three printed parts add up to 2758.89; the printed total is 2759.00.",
    "shanghai/1.json": "Shanghai: per the notes the form prints 3629.4 / 1101.9 / 695.5 (= 194.06 + 虚账实记 60173 / 120 "
    "= 501.44), total 5426.8; the case's expected 695.63 and 5426.94 are the collector's (11396 x 1.42 x 1.2% = "
    "194.19). The form's years are not the printed ones: 3629.4 needs 26.498 years (not 26.5), 194.06 needs 1.4191 "
    "(not 1.42), as if counted in days, which the case does not give. Not encoded.",
    "shanghai/2.json": "Shanghai: per the notes the form prints a transitional pension of 940.6 (659.64 + 33716 / 120 "
    "cut to 280.96), the case expects the collector's 940.47; 5500.7 needs 30.747 years, 659.64 needs 4.4209 (not "
    "30.75, 4.42); plus a 当年增加养老金 of 325 in the total. Not encoded.",
    "shanghai/6.json": "Shanghai: 23年11个月 (23.9167) gives 3751.55; the printed 3751.1 needs 23.9135 years. The case's "
    "23.914 is the collector's back-solved 'internal' figure (cut to the jiao it would give 3751.1): one form, on a "
    "back-solved input, does not establish a rounding rule. Not encoded.",
    "guangdong/huizhou.json": "Guangdong transition period (粤府函〔2021〕294号): transitional = 208 + deemed account "
    "13615.08 / 120 = 321.46 (old method), basic blended with new-method years 4.41845: not encoded.",
    "guangdong/jiangmen.json": "Basic 965.76 by the low-index rule against 965.73: the case gives the index to three "
    "decimals (0.452) only.",
    "guangdong/shenzhen-man-2025.json": "Shenzhen: no low-index scaling, 原办法 transitional 3894.34 x 6.5% + 4 x 16 + "
    "100, 调整额 361.93 - 317.13 = 44.80 in the extra pension.",
    "guangdong/shenzhen-man.json": "Shenzhen 2023: 调整额 (2607.64 - 1041.44) x 70% = 1096.34 and 地方补助 171.19 are "
    "reproduced, and the basic 3823.29 (34.6667 years); the 调节金 150 (in the total) has no rule on the forms, and "
    "the transitional pension is transcribed 1141.41 while the printed total adds up with 8306.75 x 10.9% + 236 = "
    "1141.44.",
    "guangdong/shenzhen-woman.json": "Shenzhen: 原办法 transitional 0 + 4 x 30 + 100 = 220, 调整额 171.32 - 120 = 51.32 "
    "and 地方补助 5.6667 x 0.7183 x 18.5 + 20 = 95.30 in the extra pension.",
    "sichuan/6.json": "增发 869.95 = 5865.35 x 0.4% x 37.08 exactly (not 0.1%, the one-child rate): which category "
    "of retiree gets 0.4% is not said on the form or in a document read; not encoded on one form.",
    "sichuan/chengdu-woman-2026.json": "A fixed 增发 of 60 yuan (无子女定额补贴), not encoded; the transitional "
    "38.30 is not reproduced by 5 months (0.42 years: 38.93).",
}

#: Expected figures that the notes show are not the form's (the collector's engine output):
#: reported as "not from form" and not compared.
NOT_FROM_FORM = {"tianjin/8.json": ("account",)}

_PROVISIONAL = re.compile(r"预发|临时待遇|尚未公布|未公布|预核定|预核算|预核表")
#: Verified forms whose notes do not say so but that were assessed on the previous year's
#: base: their province publishes its base late in the year and agencies pay a provisional
#: pension until then (临时待遇 in practice). The base files stay keyed by the year the base
#: is for (parameters pension.benefit.pension_calculation_base): the practice is a fact about
#: these forms. Evidence: a form of the same province later in the same year (or an explicit
#: 预发 note) prints the year's own base, so the base of year Y is not yet the one in use.
PROVISIONAL_IN_PRACTICE = {
    # Sichuan: 2025-10 still 8321 (2024), 2025-12 (sichuan/4) 8462, the 2025 base; 2020-08 (sichuan/5) 7041,
    # the 2020 base. The 2023 and 2024 forms (Mar-Aug) print the previous year's base.
    "sichuan/1.json": "2024-04 prints 8079, the 2023 base (Sichuan publishes late in the year; sichuan/4 2025-12 prints the 2025 base)",
    "sichuan/2.json": "2025-01 prints 8321, the 2024 base (the 2025 base 8462 appears on sichuan/4, 2025-12)",
    "sichuan/3.json": "2025-10 prints 8321, the 2024 base (the 2025 base 8462 appears on sichuan/4, 2025-12)",
    "sichuan/6.json": "2024-03 prints 8079, the 2023 base",
    "sichuan/7.json": "2023-08 prints 7822, the 2022 base",
    # Jiangxi: jiangxi/4 (2025-10, '2025年基数7054') and the lead's own note (2020=6000, 赣人社字〔2020〕310号:
    # a notice of the base's own year) date the bases by retirement year; forms before the autumn print Y-1.
    "jiangxi/1.json": "2024-08 prints 6747, the 2023 base (the 2024 base 6916 not yet published)",
    "jiangxi/2.json": "2025-05 prints 6916, the 2024 base (jiangxi/4, 2025-10, prints the 2025 base 7054)",
    # Tianjin: tianjin/7 (2023-11) prints 9016, the 2023 base; tianjin/9 (2025-04) notes 预发 on 9232.
    "tianjin/4.json": "2025-02 (form of 2025-04) prints 9232, the 2024 base, like the 预发 form tianjin/9 of 2025-04",
    "tianjin/8.json": "2025-09 prints 9232, the 2024 base, like the 预发 form tianjin/9",
    # Hebei: hebei/9 (2025-06, 预发用2024年计发基数7265), hebei/8 (2024-11, 预发 on 7122), hebei/7 (2025-12: 7410,
    # the 2025 base): agencies assess on the previous base until late in the year.
    "hebei/2.json": "2023-02 (Tangshan) prints 6849, the 2022 base, like the 预发 forms hebei/8 and hebei/9",
    # Guizhou: guizhou/4 (2023-12, unverified) prints 6858, the 2023 base (the 2022 全口径 wage 6857.58 of the
    # lead's avg_salary_history); guizhou/2 (2025-10) prints the 2025 base 7324.5 (the 2024 wage).
    "guizhou/3.json": "2023-04 prints 6797.5, the 2022 base (the lead's 2021 wage); guizhou/4 of 2023-12 prints the "
    "2023 base 6858. The note's '2023年退休用2022年全口径社平6797.5' contradicts the lead's own wage table (2022: 6857.58)",
    # Guangdong: guangdong/jiangmen (2024-05) is 预发 on the 2023 base 9028; Shenzhen's 2025 base was published
    # 2025-11-17 (lead note). Guangdong's own publication date is not in a source read: see guangdong.yaml.
    "guangdong/huizhou.json": "2025-10 prints 9307, the 2024 base, as the 预发 form jiangmen (2024-05) prints the 2023 base",
    "guangdong/zhongshan.json": "2025-04 prints 9307, the 2024 base, as the 预发 form jiangmen (2024-05) prints the 2023 base",
    "guangdong/shenzhen-man-2025.json": "Shenzhen 2025-06 prints 11181, the 2024 base; the 2025 base 11293 was published "
    "2025-11-17 (lead note) and appears on shenzhen-woman (2025-10)",
}
#: Forms whose notes say 预发 / 尚未公布 but whose printed base is the retirement year's own.
NOT_PROVISIONAL = {
    "liaoning/6.json": "先用2023年全省计发基数6987预发，2024年全省计发基数公布（7201元/月）后已正式核准重算",
    "shaanxi/3.json": "2025年预发计发基数7881元: paid in advance on the 2025 base itself",
    "heilongjiang/7.json": "7705 is the base for 2026 retirements (lead _base_rate_notes: 2026年退休用2025年社平=7705元/月, "
    "黑人社函〔2025〕611号, issued before the year); the collector's note calls it 预发",
}
#: Notes that show the form's addition for parents of an only child (Guizhou 独生子女加发,
#: Sichuan's 增发 = indexed wage x 0.1% x years, which the collector calls 独子费).
_ONE_CHILD = re.compile(r"独生子女(父母|证)?加发|独子费公式|[×x*]\s*0\.1%\s*[×x*]")


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
    intellectual: bool = False
    original_indexed_wage: float = 0.0  # Shenzhen 原办法: old_index_salary
    original_ratio: float = 0.0  # Shenzhen 享受比例: enjoyment_ratio
    local_subsidy_years: float = 0.0  # Shenzhen 地方补助 years: local_pension_years
    plateau_work_years: float = 0.0  # Tibet 在藏工作年限: tibet_work_years
    area_category: int = 0  # Tibet 二类地区: region_category
    expected: dict = field(default_factory=dict)
    notes: str = ""
    missing: list = field(default_factory=list)


def _year_month(text):
    """(year, month) of '1965年10月', '1973-02-16', '1975-07'."""
    found = re.match(r"\s*(\d{4})\D+(\d{1,2})", str(text))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _number(value):
    if value is None or value == "":
        return None
    return float(value)


def _region(data, province):
    """The city of the case where regions.yaml knows it (under the case's province), else the province."""
    for key in ("city", "city_type", "cityType"):
        name = str(data.get(key) or "").strip()
        if not name:
            continue
        for info in REGIONS:
            if info.level != "province" and name in (info.key, info.name_zh, info.name_zh.rstrip("市")):
                if province in chain(info.key):
                    return info.key
    return province if province in BY_KEY else None


_CATEGORIES = {"一": 1, "二": 2, "三": 3, "四": 4}


def _area_category(text):
    """Hardship area category of '二类地区' (2), else 0."""
    found = re.match(r"\s*([一二三四1-4])类", str(text or ""))
    if not found:
        return 0
    return _CATEGORIES.get(found.group(1)) or int(found.group(1))


def load_case(path, cases_dir):
    """Read one case file into a Case (missing inputs listed in `missing`)."""
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    relative = path.relative_to(cases_dir).as_posix()
    province = str(data.get("province") or path.parent.name)
    notes = data.get("notes") or data.get("note") or ""
    if isinstance(notes, list):
        notes = "；".join(str(item) for item in notes)
    text = " ".join(str(data.get(key) or "") for key in ("data_source", "source", "name")) + " " + notes
    case = Case(path=relative, province=province, verified=data.get("verified") is True, notes=notes)
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
    case.cadre = case.sex == "female" and (kind == "fc" or "干部" in text)

    base = data.get("base_number")
    case.base = _number(base if base is not None else data.get("base_prov"))
    case.average_index = _number(data.get("avg_index"))
    case.transitional_index = _number(data.get("trans_index"))
    case.contribution_years = _number(data.get("total_years"))
    case.deemed_years = _number(data.get("sight_years")) or 0.0
    pre = _number(data.get("pre_account_years"))
    # Years counted for the transitional pension: the pre-account years where the case
    # gives them (they include the deemed years), else the deemed years.
    case.pre_account_years = pre if pre else case.deemed_years
    case.balance = _number(data.get("personal_account"))
    case.payout_months = _number(data.get("months"))
    case.provisional = relative in PROVISIONAL_IN_PRACTICE or (
        bool(_PROVISIONAL.search(text)) and relative not in NOT_PROVISIONAL
    )
    if isinstance(data.get("one_child"), bool):
        case.one_child = data["one_child"]
    else:
        case.one_child = (_number(data.get("extra_rate")) or 0) > 0 or bool(_ONE_CHILD.search(text))

    case.intellectual = data.get("intellectual") is True or "知识分子" in text
    case.original_indexed_wage = _number(data.get("old_index_salary")) or 0.0
    case.original_ratio = _number(data.get("enjoyment_ratio")) or 0.0
    case.local_subsidy_years = _number(data.get("local_pension_years")) or 0.0
    case.plateau_work_years = _number(data.get("tibet_work_years")) or 0.0
    case.area_category = _area_category(data.get("region_category"))

    printed = data.get("expected") or {}
    for component, keys in _EXPECTED_KEYS.items():
        for key in keys:
            if printed.get(key) is not None:
                case.expected[component] = float(printed[key])
                break
    extras = [float(printed[key]) for key in _EXTRA_KEYS if isinstance(printed.get(key), (int, float))]
    if extras:
        case.expected["extra"] = sum(extras)

    for name, value in (
        ("region", case.region),
        ("retirement date", case.retirement),
        ("pension calculation base", case.base),
        ("average contribution index", case.average_index),
        ("contribution years", case.contribution_years),
        ("personal account balance", case.balance),
        ("payout months", case.payout_months),
    ):
        if value is None:
            case.missing.append(name)
    return case


def load_cases(shared_dir):
    """Every case under <shared>/reference/peer-pension-calculator/cases, sorted by path."""
    cases_dir = cases_folder(shared_dir)
    return [load_case(path, cases_dir) for path in sorted(cases_dir.glob("*/*.json"))]


def cases_folder(shared_dir):
    return Path(shared_dir) / "reference" / "peer-pension-calculator" / "cases"


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
        "pre_account_contribution_years": case.pre_account_years,
        "personal_account_balance": case.balance,
        "payout_months": case.payout_months,
        "one_child_parent": case.one_child,
        "intellectual": case.intellectual,
        "transitional_original_indexed_wage": case.original_indexed_wage,
        "transitional_original_ratio": case.original_ratio,
        "local_subsidy_years": case.local_subsidy_years,
        "plateau_work_years": case.plateau_work_years,
        "hardship_area_category": case.area_category,
        # The form awards a monthly pension: eligibility is the form's (early retirements
        # such as Tibet's at 45 are outside the model's statutory-date rule).
        "pension_eligible": True,
    }
    if case.birth:
        inputs["birth_date"] = f"{case.birth[0]:04d}-{case.birth[1]:02d}-01"
    if case.transitional_index is not None:
        inputs["transitional_contribution_index"] = case.transitional_index
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
    `provisional` comes from the notes (预发, 尚未公布), a heuristic, corrected by the lists
    PROVISIONAL_IN_PRACTICE and NOT_PROVISIONAL.
    """
    from openfisca_core.simulations import SimulationBuilder

    inputs = model_inputs(case)
    del inputs["pension_calculation_base"]
    month = f"{case.retirement[0]:04d}-{case.retirement[1]:02d}"
    # A form of a year whose base the data does not have yet was necessarily assessed
    # provisionally, on the year before's base.
    for provisional in sorted({bool(case.provisional), True}):
        inputs["provisional_assessment"] = {"ETERNITY": provisional}
        simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": {"form": inputs}})
        try:
            return float(simulation.calculate("pension_calculation_base", month)[0])
        except InputError:
            continue
    return None


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
        "known_issue": KNOWN_ISSUES.get(case.path, ""),
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

    base = model_base(case)
    row["base_form"] = case.base
    row["base_model"] = base
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
        if component in NOT_FROM_FORM.get(case.path, ()):
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


def report(shared_dir):
    """One row per case of the shared folder: province, case, verified, pass/fail per component, reason."""
    return [check(case) for case in load_cases(shared_dir)]


def summary(rows):
    """Pass counts: overall, verified, and per province."""
    provinces = {}
    for row in rows:
        counts = provinces.setdefault(row["province"], {"verified": 0, "verified_passed": 0, "all": 0, "passed": 0})
        counts["all"] += 1
        counts["passed"] += row["passed"]
        counts["verified"] += row["verified"]
        counts["verified_passed"] += row["verified"] and row["passed"]
    total = {key: sum(counts[key] for counts in provinces.values()) for key in ("verified", "verified_passed", "all", "passed")}
    return {"total": total, "provinces": provinces}


def _money(value):
    return "" if value is None else f"{value:.2f}"


def to_markdown(rows):
    """The report as Markdown: counts, per-province table, then one line per case."""
    counts = summary(rows)
    total = counts["total"]
    lines = [
        "# Approval forms reproduced by the model",
        "",
        "Each case of `peer-pension-calculator/cases/` (official 养老待遇核定表 as transcribed by the",
        "collector) is run through the model with the form's own printed figures as inputs; every",
        f"printed part (basic, account, transitional, extra, total) must match at {TOLERANCE} yuan.",
        "`n/a`: not printed on the form; `not from form`: the case's figure is the collector's, not the",
        "form's (see the note). Generated by `scripts/approval_forms_report.py`.",
        "",
        f"**{total['verified_passed']} of {total['verified']} verified forms reproduced**; "
        f"{total['passed']} of {total['all']} cases in all.",
        "",
        "| province | verified forms passed | all cases passed |",
        "|---|---|---|",
    ]
    for province, item in sorted(counts["provinces"].items()):
        lines.append(f"| {province} | {item['verified_passed']} / {item['verified']} | {item['passed']} / {item['all']} |")
    checked = [row for row in rows if row["verified"] and row["base_check"]]
    same = sum(row["base_check"] == "same" for row in checked)
    differs = sum(row["base_check"] == "differs" for row in checked)
    lines += [
        "",
        "Calculation bases (informative, `base_check` in the CSV): the model's own `pension_calculation_base`",
        "(regional parameters; provisional assessment read from the notes: 预发, 尚未公布) equals the printed",
        f"base on {same} of {len(checked)} verified forms, differs on {differs} (mostly provisional assessments the",
        f"notes do not mention, or city bases) and has no value on {len(checked) - same - differs}.",
    ]
    lines += [
        "",
        "| case | verified | basic | account | transitional | extra | total | reason / note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = []
        for component in COMPONENTS:
            status = row[component]
            if status == "FAIL":
                status = f"FAIL {_money(row[component + '_model'])} vs {_money(row[component + '_form'])}"
            cells.append(status)
        note = " ".join(part for part in (row["reason"], row["tolerance"], row["known_issue"]) if part)
        note = note.replace("|", "/").replace("\n", " ")
        lines.append(f"| {row['case']} | {'yes' if row['verified'] else 'no'} | " + " | ".join(cells) + f" | {note} |")
    return "\n".join(lines) + "\n"


CSV_FIELDS = (
    ["province", "case", "verified", "region", "retirement", "passed"]
    + [f"{component}{suffix}" for component in COMPONENTS for suffix in ("", "_form", "_model")]
    + ["base_form", "base_model", "base_check", "reason", "tolerance", "known_issue"]
)


def to_csv(rows):
    """The report as CSV text, one line per case."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: ("" if row.get(key) is None else row.get(key)) for key in CSV_FIELDS})
    return buffer.getvalue()


def default_shared_dir(repository=None):
    """$SHEBAO_SHARED, else <repository>/../shared."""
    import os

    if os.environ.get("SHEBAO_SHARED"):
        return Path(os.environ["SHEBAO_SHARED"])
    repository = Path(repository) if repository else Path(__file__).resolve().parents[2]
    return repository.parent / "shared"


__all__ = ["report", "to_markdown", "to_csv", "summary", "load_cases", "load_case", "model_inputs", "compute", "check"]
