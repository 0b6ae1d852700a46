#!/usr/bin/env bash
# Everything `./dev test` checks, in order; prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
status=0
echo "== lint (oxlint + layer check)"
pnpm run -s lint || status=1
echo "== typecheck"
pnpm exec turbo run typecheck --output-logs=errors-only || status=1
echo "== protocol JSON Schema is fresh"
pnpm --filter @rusty-claw/protocol run -s schema:check || status=1
echo "== test servers and browsers"
# Everything the tests need that does not come from the npm registry: Debian's Chromium for the browser tests.
sh tooling/scripts/ensure-chromium.sh || status=1
echo "== tests"
mkdir -p .ci
rm -f .ci/vitest-report.json
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.ci/vitest-report.json "$@" || status=1
node tooling/scripts/vitest-summary.ts .ci/vitest-report.json || status=1
exit $status
