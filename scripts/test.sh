#!/usr/bin/env bash
# Run every test: lint, unit, property, widget, notebook (nbval) and browser tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" test
cd "$root"
.venv/bin/ruff check ec2sim widgets tests bench
exec .venv/bin/python -m pytest "$@"
