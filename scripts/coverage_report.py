#!/usr/bin/env python
"""Write docs/coverage.md: which years of each province's series are official, estimated,
unverified or projected.

    .venv/bin/python scripts/coverage_report.py

Rerun after any change to parameters/ (tests/provinces/test_time_axis.py fails while the
committed file is out of date).
"""

import sys
from pathlib import Path

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import coverage

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"


def main():
    OUTPUT.write_text(coverage.to_markdown(default_system().parameters), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
