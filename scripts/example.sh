#!/usr/bin/env bash
# The main job on the embedded example data: set up, then assess two Shandong
# pensions (an official approval form and a contribution career) with their
# components and legal basis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/shebao pension --example
