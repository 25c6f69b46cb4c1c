#!/usr/bin/env bash
# Runs the whole jest suite once (all projects) and ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
npx jest --ci --json --outputFile="$report" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failedSuites = r.numFailedTestSuites + (r.numRuntimeErrorTestSuites || 0);
  if (failedSuites) console.log(`${failedSuites} test file(s) failed or could not run`);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)} failed`);
' "$report" || echo "tests: 0 passed, 1 failed"
rm -f "$report"
exit $status
