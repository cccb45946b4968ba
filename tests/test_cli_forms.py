"""`shebao forms` prints the approval-form report; a wrong folder or facts file is one clear line."""

import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_china_social_insurance.validation import approval_forms

SHEBAO = Path(sys.executable).parent / "shebao"
SHARED = approval_forms.default_shared_dir()
HAS_FORMS = approval_forms.cases_folder(SHARED).is_dir()


@pytest.mark.skipif(not HAS_FORMS, reason=f"no shared folder at {SHARED}")
def test_forms_report_counts_the_verified_forms():
    result = subprocess.run([str(SHEBAO), "forms", "--format", "csv"], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = approval_forms.report(SHARED)
    assert len(lines) == len(rows) + 1  # header + one line per case
    assert any("shandong" in line and "5.json" in line for line in lines)


def test_forms_with_a_wrong_folder_is_one_line_exit_2(tmp_path):
    result = subprocess.run([str(SHEBAO), "forms", "--shared", str(tmp_path)], check=False, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--shared" in result.stderr


@pytest.mark.skipif(not HAS_FORMS, reason=f"no shared folder at {SHARED}")
def test_forms_with_a_missing_facts_file_is_one_line_exit_2(tmp_path):
    missing = tmp_path / "facts.yaml"
    result = subprocess.run([str(SHEBAO), "forms", "--facts", str(missing)], check=False, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--facts" in result.stderr and str(missing) in result.stderr


@pytest.mark.skipif(not HAS_FORMS, reason=f"no shared folder at {SHARED}")
def test_forms_reads_the_facts_file_given(tmp_path):
    """--facts replaces the default facts: a fact for a case file that does not exist is refused by name."""
    facts = tmp_path / "facts.yaml"
    facts.write_text("sichuan/1.json:\n  known_issue: given on the command line\n", encoding="utf-8")
    result = subprocess.run([str(SHEBAO), "forms", "--format", "csv", "--facts", str(facts)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "given on the command line" in result.stdout
    assert "Beijing's transitional pension for long pre-account careers" not in result.stdout  # the default's facts
    facts.write_text("sichuan/999.json:\n  known_issue: no such form\n", encoding="utf-8")
    result = subprocess.run([str(SHEBAO), "forms", "--facts", str(facts)], check=False, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(facts) in result.stderr and "sichuan/999.json" in result.stderr
