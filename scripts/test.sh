#!/usr/bin/env bash
# `npm test`: every check, layer by layer, stopping at the first that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

step() { printf '\n== %s\n' "$1"; }

step "type check (TypeScript strict + svelte-check)"
npm run -s typecheck
step "lint (eslint + prettier)"
npm run -s lint
step "unit tests"
npx vitest run --project unit
step "integration tests (DynamoDB Local)"
npx vitest run --project integration
step "CDK assertions + cdk-nag"
npx vitest run --project cdk
step "browser journeys (Playwright in Chromium)"
npx vitest run --project browser
