#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, then typecheck and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
npm test
