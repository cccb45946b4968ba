"""`shebao forms` prints the approval-form report; a wrong folder is one clear line."""

import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_china_social_insurance.validation import approval_forms

SHEBAO = Path(sys.executable).parent / "shebao"
SHARED = approval_forms.default_shared_dir()


@pytest.mark.skipif(not approval_forms.cases_folder(SHARED).is_dir(), reason=f"no shared folder at {SHARED}")
def test_forms_report_counts_the_verified_forms():
    result = subprocess.run([str(SHEBAO), "forms", "--format", "csv"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = approval_forms.report(SHARED)
    assert len(lines) == len(rows) + 1  # header + one line per case
    assert any("shandong" in line and "5.json" in line for line in lines)


def test_forms_with_a_wrong_folder_is_one_line_exit_2(tmp_path):
    result = subprocess.run([str(SHEBAO), "forms", "--shared", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--shared" in result.stderr
