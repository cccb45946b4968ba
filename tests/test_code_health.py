"""Code health: metadata of every parameter, labels and references of every variable,
a test for every variable, and no pension quantity that can come back as a silent default."""

import ast
import inspect
import re
import textwrap
from pathlib import Path

import numpy
import pytest
import yaml
from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale
from openfisca_core.periods import DateUnit
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation

from openfisca_china_social_insurance import CountryTaxBenefitSystem

TESTS = Path(__file__).parent
STATUSES = {"official", "estimated", "unverified", "projected"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


# ---------------------------------------------------------------- parameters


def _leaves(node):
    """Every Parameter and ParameterScale of the tree (scales are checked as a whole)."""
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from _leaves(child)
        else:
            yield child


def _metadata_problems(name, metadata):
    problems = []
    has_unit = "unit" in metadata or ("threshold_unit" in metadata and ("amount_unit" in metadata or "rate_unit" in metadata))
    if not has_unit:
        problems.append(f"{name}: no metadata.unit")
    status = metadata.get("status")
    statuses = list(status.values()) if isinstance(status, dict) else [status]
    if status is None or not statuses:
        problems.append(f"{name}: no metadata.status")
    for value in statuses:
        if value not in STATUSES:
            problems.append(f"{name}: status {value!r} not in {sorted(STATUSES)}")
    reference = metadata.get("reference")
    if not reference:
        problems.append(f"{name}: no metadata.reference")
    else:
        entries = reference.values() if isinstance(reference, dict) else [reference]
        for entry in entries:
            items = entry if isinstance(entry, list) else [entry]
            if not items or not all(isinstance(item, dict) and item.get("title") for item in items):
                problems.append(f"{name}: a reference without a title")
    return problems


def test_every_parameter_has_unit_reference_and_status(system):
    problems = []
    leaves = list(_leaves(system.parameters))
    assert len(leaves) > 40
    for leaf in leaves:
        problems += _metadata_problems(leaf.name, leaf.metadata)
        if isinstance(leaf, ParameterScale):
            assert leaf.brackets, leaf.name
            for index, bracket in enumerate(leaf.brackets):
                # A bracket's threshold and amount are described by the scale's metadata;
                # a bracket that brings its own metadata must be complete too.
                for child in bracket.children.values():
                    if child.metadata:
                        problems += _metadata_problems(f"{leaf.name}[{index}].{child.name}", child.metadata)
                    assert isinstance(child, Parameter) and child.values_list, f"{leaf.name}[{index}] is empty"
    assert not problems, "\n".join(problems)


def _dated(mapping):
    return {str(day): value for day, value in mapping.items()} if isinstance(mapping, dict) else {}


def test_a_value_of_another_status_cites_its_own_source(system):
    """A reference dated before a change of status describes the earlier values, not the
    later ones (a 2002 seed figure is no source for a 2024 lead): where the status
    changes, a reference must start too."""
    problems = []
    for leaf in _leaves(system.parameters):
        statuses, references = _dated(leaf.metadata.get("status")), sorted(_dated(leaf.metadata.get("reference")))
        status_days = sorted(statuses)
        for day in status_days:
            cited = [reference for reference in references if reference <= day]
            if not cited:
                continue
            in_force_then = [status for status in status_days if status <= cited[-1]]
            if in_force_then and statuses[in_force_then[-1]] != statuses[day]:
                problems.append(f"{leaf.name} {day} ({statuses[day]}): cites the reference of {cited[-1]} ({statuses[in_force_then[-1]]})")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- variables


def test_every_variable_has_a_bilingual_label_and_a_reference(system):
    """A label is "中文 English": the Chinese term, then the English, so that a table shows the
    half of the run's language (core/i18n.half); so is each value of an Enum."""
    from openfisca_china_social_insurance.core.i18n import half

    problems = []
    for name, variable in sorted(system.variables.items()):
        label = variable.label or ""
        if not (CHINESE.search(label) and ENGLISH.search(label)):
            problems.append(f"{name}: label {label!r} lacks Chinese or English")
        texts = [label] + [item.value for item in getattr(variable, "possible_values", None) or []]
        for text in texts:
            zh, en = half(text, "zh"), half(text, "en")
            if ENGLISH.search(zh) or CHINESE.search(zh) is None or zh == en:
                problems.append(f"{name}: {text!r} is not split into its Chinese and its English (中文 English)")
        references = variable.reference or []
        if not any(str(reference).strip() for reference in references):
            problems.append(f"{name}: no reference")
    assert not problems, "\n".join(problems)


def _yaml_names(value, names):
    if isinstance(value, dict):
        for key, item in value.items():
            names.add(str(key))
            _yaml_names(item, names)
    elif isinstance(value, list):
        for item in value:
            _yaml_names(item, names)


def _names_used_in_tests():
    names = set()
    for path in TESTS.rglob("*.yaml"):
        for test in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(test, dict):
                _yaml_names(test.get("input", {}), names)
                _yaml_names(test.get("output", {}), names)
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)  # person(contribution_wage=...) helpers
    return names


def test_every_variable_is_exercised_by_a_test(system):
    used = _names_used_in_tests()
    untested = sorted(set(system.variables) - used)
    assert not untested, f"variables no YAML test or pytest names: {untested}"


# ---------------------------------------------------------------- self-reference


def _formula_calls(variable):
    """(called name, period source) of every population("name", ...) call in the formulas."""
    calls = []
    for formula in variable.formulas.values():
        tree = ast.parse(textwrap.dedent(inspect.getsource(formula)))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                if isinstance(node.args[0].value, str) and isinstance(node.func, ast.Name):
                    calls.append(node.args[0].value)
    return calls


def test_no_formula_requests_its_own_variable(system):
    """OpenFisca answers a variable that needs itself (at another period) with its default."""
    offenders = [name for name, variable in system.variables.items() if name in _formula_calls(variable)]
    assert not offenders, f"formulas that request their own variable: {offenders}"


class SpiralReached(AssertionError):
    pass


@pytest.fixture
def spirals_raise(monkeypatch):
    """Make every spiral an error: OpenFisca would otherwise return the default silently."""

    def refuse(self, variable):
        raise SpiralReached(f"spiral on {variable}: {[frame['name'] for frame in self.tracer.stack]}")

    monkeypatch.setattr(Simulation, "invalidate_spiral_variables", refuse)


def _career(first, last, wage, **extra):
    return {str(year): wage for year in range(first, last + 1)} | {str(year): value for year, value in extra.items()}


POPULATION = {
    # Shandong 2023-2025 retirements (bases 7,468 / 7,678 / 7,831), varied careers.
    "man_long_career": {
        "birth_date": "1963-06-15", "sex": "male", "insured_region": "shandong",
        "contribution_wage": _career(1990, 2022, 6000), "deemed_contribution_years": 3,
    },
    "woman_worker_flexible": {
        "birth_date": "1974-05-20", "sex": "female", "insured_region": "jinan", "provisional_assessment": True,
        "contribution_wage": _career(2006, 2024, 4000), "employment_type": {str(y): "flexible_worker" for y in range(2010, 2025)},
    },
    "woman_cadre_mover": {
        "birth_date": "1969-03-05", "sex": "female", "worker_category": "cadre", "insured_region": "weifang",
        "contribution_wage": _career(1998, 2023, 99999), "contribution_region": {"2001": "dezhou", "2002": "jinan"},
        "contribution_months": {"2001": 6},
    },
    "continued_contributions": {
        "birth_date": "1963-01-20", "sex": "male", "insured_region": "shandong",
        "contribution_wage": _career(2010, 2025, 99999), "contribution_months": {"2022": 6, "2025": 6},
    },
    "short_refund": {
        "birth_date": "1964-02-01", "sex": "male", "insured_region": "dongying",
        "contribution_wage": _career(2015, 2023, 5000), "shortfall_choice": "refund_on_request",
    },
    "short_transfer": {
        "birth_date": "1964-02-01", "sex": "male", "insured_region": "dongying",
        "contribution_wage": _career(2015, 2023, 5000), "shortfall_choice": "transfer_to_residents_scheme",
    },
    "special_type": {
        "birth_date": "1968-09-01", "sex": "male", "special_type_work_years": 12, "insured_region": "dezhou",
        "contribution_wage": _career(1996, 2023, 3000),
    },
    # The 1997 rule: Shandong 2002 (base 750). Six years since the 1996 account: a refund
    # (deemed years would need Shandong's 2002 transitional coefficient, not sourced).
    "retired_2002": {
        "birth_date": "1942-05-10", "sex": "male", "insured_region": "shandong",
        "contribution_wage": _career(1996, 2002, 700),
    },
}


def _situation(population):
    persons = {}
    for name, fields in population.items():
        person = {}
        for variable, value in fields.items():
            person[variable] = value if isinstance(value, dict) else {"ETERNITY": value}
        persons[name] = person
    return {"persons": persons}


def test_every_pension_quantity_is_computed_without_a_spiral(system, spirals_raise):
    sim = SimulationBuilder().build_from_entities(system, _situation(POPULATION))
    folders = {"pension", "retirement"}  # everything under variables/pension/ and variables/retirement/
    names = sorted(
        name
        for name, variable in system.variables.items()
        if variable.formulas and folders & set(Path(inspect.getsourcefile(type(variable))).parts)
    )
    assert {"monthly_pension", "personal_account_balance", "retirement_date", "lump_sum_refund"} <= set(names)

    retirement = sim.calculate("retirement_date", "2025-01")
    months = sorted({str(date)[:7] for date in retirement})
    for month in months:  # the payroll's pension rows (variables/pension/contributions.py) need the month's wage: none paid
        sim.set_input("wage", month, numpy.zeros(sim.persons.count))
    for name in names:
        variable = system.variables[name]
        if variable.definition_period == DateUnit.ETERNITY:
            values = sim.calculate(name, "2025-01")
            if numpy.issubdtype(numpy.asarray(values).dtype, numpy.floating):
                assert not numpy.isnan(values).any(), f"{name}: NaN {values}"
        elif variable.definition_period == DateUnit.YEAR:
            for year in ("2001", "2020"):
                values = sim.calculate(name, year)
                if numpy.issubdtype(numpy.asarray(values).dtype, numpy.floating):
                    assert not numpy.isnan(values).any(), f"{name}@{year}: NaN {values}"
        else:
            for month in months:
                values = sim.calculate(name, month)
                if numpy.issubdtype(numpy.asarray(values).dtype, numpy.floating):
                    assert not numpy.isnan(values).any(), f"{name}@{month}: NaN {values}"

    # Every eligible person is paid in the own retirement month; everyone else is refunded
    # or has the account moved to the residents' scheme, as chosen.
    eligible = sim.calculate("pension_eligible", "2025-01")
    assert eligible.sum() >= 5 and not eligible.all()
    for index, date in enumerate(retirement):
        month = str(date)[:7]
        paid = sim.calculate("monthly_pension", month)[index]
        refund = sim.calculate("lump_sum_refund", month)[index]
        if eligible[index]:
            assert paid > 0 and sim.calculate("basic_pension", month)[index] > 0
            assert sim.calculate("account_pension", month)[index] > 0
            assert refund == 0
        else:
            moved = sim.calculate("residents_scheme_transfer", month)[index]
            assert paid == 0 and (refund > 0) != (moved > 0)
    assert (sim.calculate("personal_account_balance", "2025-01") > 0).all()
    # Every person's retirement month is paid from the retirement date on, never before.
    assert set(months) >= {"2002-05", "2023-06", "2025-07"}
    assert (sim.calculate("contribution_years", "2025-01") > 0).all()


def test_the_spiral_guard_is_armed(system, spirals_raise):
    """The patched guard really fires: a variable that asks for its own previous year."""
    from openfisca_core.variables import Variable

    from openfisca_china_social_insurance.entities import Person

    class looping_balance(Variable):
        value_type = float
        entity = Person
        definition_period = DateUnit.YEAR
        label = "测试 test"

        def formula(person, period, parameters):
            return person("looping_balance", period.last_year) + 1

    local = CountryTaxBenefitSystem()
    local.add_variable(looping_balance)
    sim = SimulationBuilder().build_from_entities(local, {"persons": {"a": {}}})
    with pytest.raises(SpiralReached):
        sim.calculate("looping_balance", "2020")
