"""Runs the YAML tests (tests/**/*.yaml) with OpenFisca's own test runner."""

from pathlib import Path

import pytest
from openfisca_core.tools.test_runner import run_tests

from openfisca_china_social_insurance import CountryTaxBenefitSystem

HERE = Path(__file__).parent
FOLDERS = sorted({path.parent for path in HERE.rglob("*.yaml")})


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: str(folder.relative_to(HERE)))
def test_yaml_folder(system, folder):
    assert run_tests(system, [str(path) for path in sorted(folder.glob("*.yaml"))]) == 0
