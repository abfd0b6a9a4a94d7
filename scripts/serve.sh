#!/usr/bin/env bash
# Installs what is missing, renders the sample documents into out/samples, and starts the service.
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
echo
exec env PORT="$PORT" npm start
