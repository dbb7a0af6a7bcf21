#!/usr/bin/env bash
# Set up and run the whole test suite: lint, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-browser.sh
bash scripts/setup-ftm.sh
bash scripts/setup-ocr.sh
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest "$@"
