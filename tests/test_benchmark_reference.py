"""The speed benchmark's plain-numpy reference must agree with the model to the fen.

benchmarks/pension_population.py times the model against `numpy_reference`, the same
arithmetic written without OpenFisca. If a rule changes in the model and not in the
reference (or the other way round), this test fails, so the benchmark cannot drift
into comparing two different computations. No timing is asserted here.
"""

import importlib.util
from pathlib import Path

import numpy
import pytest

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.api.population import simulate_population

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "pension_population.py"
PERSONS = 1_000


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("pension_population", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def benchmark():
    return _load_benchmark()


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


@pytest.fixture(scope="module")
def inputs(benchmark):
    return benchmark.make_population(PERSONS, seed=7)


@pytest.fixture(scope="module")
def model(benchmark, inputs, system):
    return benchmark.openfisca_outputs(inputs, system)


def _pre_account_months(benchmark, inputs):
    """Months given as yearly inputs before the account started (1986-1995)."""
    years = range(benchmark.FIRST_YEAR, benchmark.ACCOUNT_YEAR)
    return numpy.sum([inputs["contribution_months"][str(year)] for year in years], axis=0, dtype=numpy.int64)


def test_population_covers_the_cases(benchmark, inputs, model):
    """The synthetic population exercises every branch the comparison relies on."""
    assert len(inputs["contribution_wage"]) == len(inputs["contribution_months"]) == 40  # 40 yearly inputs each
    flexible = numpy.any([array == 1 for array in inputs["employment_type"].values()], axis=0)
    assert flexible.any() and not flexible.all()
    deemed = inputs["deemed_contribution_years"] > 0
    pre_account = _pre_account_months(benchmark, inputs) > 0
    assert deemed.any() and not deemed.all()  # the oldest: deemed years before 1986
    assert pre_account.mean() > 0.5  # pre-account service as yearly inputs
    assert (model["transitional_pension"][pre_account & ~deemed] > 0).any()  # from yearly inputs alone
    assert (model["transitional_pension"][deemed] > 0).any()
    assert (model["lump_sum_refund"] > 0).any()  # persons short of 15 years
    assert (model["monthly_pension"] > 0).mean() > 0.9
    assert (model["payout_months"] % 1 > 0).any()  # month-by-month divisors (2025 retirements)
    assert len(numpy.unique(model["pension_calculation_base"])) == 3  # 2023, 2024, 2025


def test_numpy_reference_agrees_to_the_fen(benchmark, inputs, system, model):
    reference = benchmark.numpy_reference(inputs, system.parameters)
    assert set(reference) == set(benchmark.VARIABLES) == set(model)
    for name in benchmark.VARIABLES:
        difference = numpy.max(numpy.abs(model[name] - reference[name]))
        assert difference < 0.005, f"{name}: model and numpy reference differ by {difference}"


def test_comparison_catches_a_reference_without_pre_account_years(benchmark, inputs, system, model):
    """Drift in the pre-account arithmetic shows: dropping those months must break the agreement."""
    months = {year: array * (int(year) >= benchmark.ACCOUNT_YEAR) for year, array in inputs["contribution_months"].items()}
    assert (_pre_account_months(benchmark, dict(inputs, contribution_months=months)) == 0).all()
    reference = benchmark.numpy_reference(dict(inputs, contribution_months=months), system.parameters)
    for name in ("contribution_years", "transitional_pension", "monthly_pension"):
        assert numpy.max(numpy.abs(model[name] - reference[name])) >= 0.005, name


def test_chunks_give_the_same_results(benchmark, inputs, system, model):
    chunked = benchmark.openfisca_outputs(inputs, system, chunk_size=300)  # 300, 300, 300, 100
    reference = benchmark.numpy_reference(inputs, system.parameters, chunk_size=300)
    for name in benchmark.VARIABLES:
        numpy.testing.assert_array_equal(chunked[name], model[name], err_msg=name)
        assert numpy.max(numpy.abs(reference[name] - model[name])) < 0.005, name


def test_simulate_population_refuses_ragged_inputs(system):
    inputs = {"birth_date": numpy.array(["1965-01-01"], dtype="datetime64[D]"), "insured_region": numpy.array([1, 2])}
    with pytest.raises(InputError, match="inputs: arrays of different lengths"):
        simulate_population(inputs, {"retirement_date": "2025-01"}, tax_benefit_system=system)


def test_simulate_population_refuses_unknown_variables_and_enum_indices(system):
    inputs = {"birth_date": numpy.array(["1965-01-01"], dtype="datetime64[D]"), "sex": numpy.array([5], dtype=numpy.int8)}
    with pytest.raises(InputError, match="sex .*enum index out of range.*0 to 1"):
        simulate_population(inputs, {"retirement_date": "2025-01"}, tax_benefit_system=system)
    with pytest.raises(InputError, match="variables: unknown variable 'pension'"):
        simulate_population({"sex": numpy.array([0])}, {"pension": "2025-01"}, tax_benefit_system=system)
