#!/usr/bin/env bash
# Renders every fixture to out/samples/<type>/<fixture>.{pdf,docx} through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in fixtures/*/; do
  type=$(basename "$dir")
  [ "$type" = fidelity ] && continue # real documents with their text: npm run fidelity
  mkdir -p "out/samples/$type"
  for f in "$dir"*.json; do
    name=$(basename "$f" .json)
    for fmt in pdf docx; do
      node bin/vanban.js render "$type" "$f" -o "out/samples/$type/$name.$fmt" >/dev/null
    done
  done
done
echo "vanban: sample documents in out/samples/"
