#!/usr/bin/env bash
# Prints "N passed, N failed, N skipped" summed over the JUnit XML files in a folder (the <testsuite> totals).
set -euo pipefail
folder="${1:?usage: count-junit.sh FOLDER}"
shopt -s nullglob globstar
files=("$folder"/**/*.xml)
if [ ${#files[@]} -eq 0 ]; then
  echo "error: no JUnit result files in $folder" >&2
  echo "0 passed, 1 failed"
  exit 0
fi
python3 - "${files[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
print(f"{tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
