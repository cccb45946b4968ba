"""The package as users get it: a wheel that carries every YAML file, and OpenFisca's
own tools (`openfisca test`, `openfisca serve`) finding the country package."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import shutil

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the sources: a stale build/ folder in the checkout would
    # otherwise put files into the wheel that the repository no longer has.
    source = tmp_path_factory.mktemp("source") / "repo"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "out"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)],
        check=True,
        cwd=out,
    )
    (path,) = out.glob("openfisca_china_social_insurance-*.whl")
    return path


def test_wheel_carries_every_yaml_and_python_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = "openfisca_china_social_insurance/"
    expected = {prefix + "parameters/" + str(p.relative_to(REPO / "parameters")) for p in (REPO / "parameters").rglob("*.yaml")}
    expected |= {prefix + "variables/" + str(p.relative_to(REPO / "variables")) for p in (REPO / "variables").rglob("*.py")}
    expected |= {prefix + "reforms/" + str(p.relative_to(REPO / "reforms")) for p in (REPO / "reforms").rglob("*.py")}
    package = REPO / "openfisca_china_social_insurance"
    expected |= {prefix + str(p.relative_to(package)) for p in package.rglob("*.py")}  # core, api, analysis, validation, cli
    # and every data file of the package: regions, the example, grids, assumption sets
    expected |= {prefix + str(p.relative_to(package)) for p in package.rglob("*.yaml")}
    # and the desk's page (web/desk/: HTML, CSS, JavaScript, its strings)
    expected |= {prefix + str(p.relative_to(package)) for p in (package / "web" / "desk").iterdir()}
    assert expected - names == set()


def test_wheel_computes_a_pension_outside_the_repository(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    script = (
        "import openfisca_china_social_insurance as p, yaml\n"
        "assert 'site' in p.__file__, p.__file__\n"
        "from openfisca_china_social_insurance import api\n"
        "from openfisca_china_social_insurance.api import example_profiles\n"
        "print(api.assess(example_profiles())[0]['monthly_pension'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); exec({script!r})"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) == pytest.approx(2647.45 + 689.85 + 958.47, abs=0.005)  # Weifang form 2025-09


def test_openfisca_test_runs_the_yaml_tests():
    result = subprocess.run(
        [str(BIN / "openfisca"), "test", "-c", "openfisca_china_social_insurance", str(REPO / "tests/pension/approval_form_weifang_2025_09.yaml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_openfisca_serve_calculates_a_pension():
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "openfisca"), "serve", "-c", "openfisca_china_social_insurance", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        situation = {"persons": {"weifang": {
            "birth_date": {"ETERNITY": "1965-07-01"}, "sex": {"ETERNITY": "male"},
            "insured_region": {"ETERNITY": "weifang"}, "provisional_assessment": {"ETERNITY": True},
            "average_contribution_index": {"ETERNITY": 0.682}, "contribution_years": {"ETERNITY": 41},
            "pre_account_contribution_years": {"ETERNITY": 14.0833},
            "personal_account_balance": {"ETERNITY": 95061.63},
            "monthly_pension": {"2025-09": None},
        }}}
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/calculate", data=json.dumps(situation).encode(),
            headers={"Content-Type": "application/json"},
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answer = json.load(response)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        assert answer["persons"]["weifang"]["monthly_pension"]["2025-09"] == pytest.approx(4295.77, abs=0.005)
    finally:
        server.terminate()
        server.wait(timeout=30)
