#!/usr/bin/env bash
# The whole test suite, as CI runs it: every module's JUnit tests (Surefire prints its
# summary), then the official MCP conformance suite against a running daemon, Baileys against
# the sandbox, and our Signal against libsignal-node.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
echo "== JDK: $JAVA_HOME"
cd "$ROOT"
./mvnw -B -ntp install "$@"
"$ROOT/.ci/conformance.sh"
"$ROOT/.ci/interop.sh"
"$ROOT/.ci/libsignal-crosscheck.sh"
