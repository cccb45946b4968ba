#!/usr/bin/env bash
# Set-up on a fresh machine: a virtual environment in .venv with the package
# (editable) and its test tools, a CJK font so charts render Chinese, and Chromium
# for the browser test of the web page.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, each installed only where missing (sudo only when not root; package lists
# refreshed only if the first try fails); without apt, a warning saying what is lost.
apt_install() {  # apt_install "what is lost without them" PACKAGE...
  local lost="$1"; shift
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: no apt-get here: install $* yourself, or $lost" >&2
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } \
    || echo "warning: could not install $*: $lost" >&2
}

# Noto Sans CJK (fonts-noto-cjk, OFL): charts with Chinese labels (analysis/charts.py).
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" && [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  apt_install "charts keep their English labels" fonts-noto-cjk
fi

# Chromium and its WebDriver (chromium, chromium-driver): the browser test of the desk
# (tests/test_desk_browser.py) drives the system browser with Selenium; nothing downloads a
# browser of its own.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt_install "the desk's browser test fails, naming this script" chromium chromium-driver
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
