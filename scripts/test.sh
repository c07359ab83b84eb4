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
step "cdk synth with a region and an account, cdk-nag included (what a deploy synthesizes)"
synth_out="$(mktemp -d)"
trap 'rm -rf "$synth_out"' EXIT
# The CLI picks its region from AWS_REGION (else us-east-1) and passes it on as CDK_DEFAULT_REGION.
AWS_REGION=eu-west-1 CDK_DEFAULT_REGION=eu-west-1 CDK_DEFAULT_ACCOUNT=123456789012 npx cdk synth -q -o "$synth_out"
step "browser journeys (Playwright in Chromium)"
npx vitest run --project browser
