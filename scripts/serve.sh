#!/usr/bin/env bash
# Installs what is missing, renders the sample documents into out/samples, and starts the service (with the
# test signing certificates: a newcomer's machine, not production).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/samples.sh
PORT="${PORT:-3000}"
echo
echo "vanban: starting on http://localhost:${PORT}"
echo "  API docs:  http://localhost:${PORT}/docs"
echo "  catalog:   curl http://localhost:${PORT}/v1/templates"
echo "  samples:   $(pwd)/out/samples/"
# A newcomer's service seals with TEST certificates of a test CA (README, "Electronic signatures"), so the whole
# signing flow can be tried at once; SIGNING_TEST_CERTS=0 to turn it off. Never set in production.
SIGNING_TEST_CERTS="${SIGNING_TEST_CERTS:-1}"
[ "$SIGNING_TEST_CERTS" = 1 ] && echo "  signing:   TEST certificates (SIGNING_TEST_CERTS=1): POST /v1/documents/:id/seal after a signature"
echo
exec env PORT="$PORT" SIGNING_TEST_CERTS="$SIGNING_TEST_CERTS" npm start
