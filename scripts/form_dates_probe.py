#!/usr/bin/env python
"""Assess each verified approval form's person retiring earlier and later; print refusals and lost rules.

    .venv/bin/python scripts/form_dates_probe.py [--shared DIR] [--shifts -1,-3,-6,2] [--json PATH]

A rule dated from the first form that shows it refuses or mis-computes an earlier retiree: this
lists, by reason, the refusals of the same persons retiring 1, 3 and 6 years earlier and 2 later
(printed figures kept, the model's own base), and the regional rule files they lose
(validation/form_dates.py). tests/approval_forms/form_dates.yml explains each rule lost.
"""

import argparse
import json
import sys
from pathlib import Path

from openfisca_china_social_insurance.validation import approval_forms, form_dates

REPOSITORY = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=approval_forms.default_shared_dir(REPOSITORY))
    parser.add_argument("--shifts", default=",".join(str(shift) for shift in form_dates.SHIFTS), help="years, comma-separated")
    parser.add_argument("--json", type=Path, default=None, help="write every row as JSON")
    arguments = parser.parse_args(argv)
    if not approval_forms.cases_folder(arguments.shared).is_dir():
        print(f"no approval forms under {arguments.shared}: set SHEBAO_SHARED or pass --shared", file=sys.stderr)
        return 2
    try:
        shifts = tuple(int(shift) for shift in arguments.shifts.split(","))
    except ValueError:
        print(f"--shifts: {arguments.shifts!r} is not a list of whole years. Allowed: e.g. -1,-3,-6,2", file=sys.stderr)
        return 2
    rows = form_dates.probe(arguments.shared, shifts)
    if arguments.json:
        arguments.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    refusals, changes = form_dates.summary(rows)
    print(f"{len({row['case'] for row in rows})} verified forms, {len(rows)} persons, {sum(refusals.values())} refused")
    for (region, why, form_too), count in sorted(refusals.items()):
        print(f"  {count} {region}: {why}" + (" (the form itself too)" if form_too else ""))
    print(f"{sum(1 for row in rows if row['changes'])} persons lose a regional rule the form's month has:")
    for (parameter, at_form, at_shift, shift), count in sorted(changes.items(), key=str):
        print(f"  {count} at {shift:+d} years: {parameter} {at_form or 'no file'} -> {at_shift or 'no file'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
