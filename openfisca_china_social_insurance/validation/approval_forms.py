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
Reading a case file is cases.py's job; here a case is completed with the model's own
figures where it gives none, run, and compared.
Nothing here knows an individual form either: what is known about a form beyond its case
data (a known issue, a rounded printed index, a figure that is not the form's, a
provisional assessment the notes do not mention) is a fact of the facts file
(tests/approval_forms/case_facts.yml, read by `case_facts.load_case_facts`), with its evidence.
"""

from pathlib import Path

import numpy

from .. import default_system
from ..core import lookup
from ..core.errors import InputError
from ..core.regions import Region
from .case_facts import COMPONENTS, check_case_paths, default_facts_path, load_case_facts
from .cases import Case, cases_folder, read_case

#: Half a fen: the forms print pensions to the fen.
TOLERANCE = 0.005

_VARIABLES = {
    "basic": "basic_pension",
    "account": "account_pension",
    "transitional": "transitional_pension",
    "extra": "extra_pension",
    "total": "monthly_pension",
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


def load_case(path, cases_dir, facts=None):
    """One case (cases.read_case), completed with the model where the case gives no figure:
    years read as the region prints them, the model's own base."""
    case = read_case(path, cases_dir, facts)
    if case.invalid:
        return case  # reported as not computable, with why
    try:
        _read_years_as_printed(case)
        _take_the_model_base(case)
    except InputError as error:  # a date outside the model's range, say
        case.invalid.append(f"the model cannot complete the case: {error}")
    return case


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
    decimals = lookup.at(node, date, Region[case.region].index)
    if numpy.isnan(decimals) or decimals <= 2:  # no convention then (before 1997): the model refuses the date
        return
    decimals = int(decimals)
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
    if case.province_base is not None:  # used only where the region indexes on the province's base (Jilin)
        inputs["province_pension_calculation_base"] = case.province_base
    if case.extra_rate is not None:
        inputs["extra_pension_rate_of_indexed_wage"] = case.extra_rate
    if case.extra_as_printed:
        inputs["extra_pension_as_printed"] = case.extra_as_printed
    if case.transitional_subsidy is not None:  # else the model refuses where the region pays one
        inputs["transitional_subsidy_amount"] = case.transitional_subsidy
    inputs.update(case.facts.form_figures)  # printed on the form, left in the notes by the case data
    return {name: {"ETERNITY": value} for name, value in inputs.items()}


def compute(case, system=None):
    """The model's pension parts for one case in its retirement month: {component: yuan}
    (under `system`, a reform of the baseline, where given)."""
    from openfisca_core.simulations import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(system or default_system(), {"persons": {"form": model_inputs(case)}})
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
    if case.missing or case.invalid:
        problems = case.invalid + (["the case gives no " + ", ".join(case.missing)] if case.missing else [])
        row["reason"] = "not computable: " + "; ".join(problems)
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
        if component in case.facts.not_from_form or component in case.not_from_form:
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
    "read_case",
    "model_inputs",
    "report",
    "tolerances",
]
