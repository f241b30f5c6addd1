#!/usr/bin/env bash
# The whole test suite, as CI runs it: every module's JUnit tests (Surefire prints its
# summary), then the official MCP conformance suite against a running daemon, Baileys against
# the sandbox, and our Signal against libsignal-node. The official TypeScript SDK v2 client
# (pinned in .ci/ts-sdk) is installed first, because a JUnit test (TypeScriptSdkStatelessTest)
# drives it against a daemon whose test transport delivers an incoming message;
# WABRIDGE_TS_SDK tells that test where it is.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
echo "== JDK: $JAVA_HOME"
cd "$ROOT"
echo "== TypeScript SDK v2: installing the pinned client"
( cd "$ROOT/.ci/ts-sdk" && npm ci --no-audit --no-fund --loglevel=error )
export WABRIDGE_TS_SDK="$ROOT/.ci/ts-sdk"
./mvnw -B -ntp install "$@"
"$ROOT/.ci/conformance.sh"
"$ROOT/.ci/interop.sh"
"$ROOT/.ci/libsignal-crosscheck.sh"
"$ROOT/.ci/appstate-crosscheck.sh"
