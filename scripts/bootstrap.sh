#!/usr/bin/env bash
# Set-up on a fresh machine: a virtual environment in .venv with the package
# (editable) and its test tools, a CJK font so charts render Chinese, and Chromium
# for the browser test of the web page.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Noto Sans CJK from Debian (fonts-noto-cjk, OFL): charts with Chinese labels
# (analysis/charts.py). Installed only where missing; without apt, a warning and
# charts keep their English labels.
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" && [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    if ! { $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null; }; }; then
      echo "warning: could not install fonts-noto-cjk: charts will keep English labels" >&2
    fi
  else
    echo "warning: no apt-get here: install a CJK font (Noto Sans CJK SC) for charts with Chinese labels" >&2
  fi
fi

# Chromium and its WebDriver from Debian (chromium, chromium-driver): the browser test of
# the desk (tests/test_desk_browser.py) drives the system browser with Selenium; nothing
# downloads a browser of its own. Installed only where missing; without apt, a warning and
# that test fails naming this script.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    if ! { $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }; }; then
      echo "warning: could not install chromium and chromium-driver: the desk's browser test will fail" >&2
    fi
  else
    echo "warning: no apt-get here: install Chromium and its chromedriver for the desk's browser test" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
