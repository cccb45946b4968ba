#!/usr/bin/env python
"""Write docs/approval_forms_report.md (and optionally a CSV) from the shared approval forms.

    .venv/bin/python scripts/approval_forms_report.py [--shared DIR] [--facts PATH] [--csv PATH]

The shared folder is $SHEBAO_SHARED, else <repo>/../shared; the facts about individual
forms are tests/approval_forms/case_facts.yml. The Markdown report is committed; rerun
after any change to the pension rules or to the facts.
"""

import argparse
import sys
from pathlib import Path

from openfisca_china_social_insurance.validation import approval_forms, forms_report, years_evidence

REPOSITORY = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=approval_forms.default_shared_dir(REPOSITORY))
    parser.add_argument("--facts", type=Path, default=approval_forms.default_facts_path(REPOSITORY))
    parser.add_argument("--output", type=Path, default=REPOSITORY / "docs" / "approval_forms_report.md")
    parser.add_argument("--csv", type=Path, default=None)
    arguments = parser.parse_args(argv)
    if not approval_forms.cases_folder(arguments.shared).is_dir():
        print(f"no approval forms under {arguments.shared}: set SHEBAO_SHARED or pass --shared", file=sys.stderr)
        return 2
    rows = approval_forms.report(arguments.shared, arguments.facts)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    parameters = approval_forms.default_system().parameters
    years_told = years_evidence.told_by_forms(approval_forms.load_cases(arguments.shared, arguments.facts))
    arguments.output.write_text(forms_report.to_markdown(rows, parameters, years_told), encoding="utf-8")
    if arguments.csv:
        arguments.csv.write_text(forms_report.to_csv(rows), encoding="utf-8")
    total = forms_report.summary(rows)["total"]
    print(f"{total['verified_passed']} of {total['verified']} verified forms reproduced; {total['passed']} of {total['all']} cases in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
