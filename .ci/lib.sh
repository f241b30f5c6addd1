#!/usr/bin/env bash
# Shared by the .ci scripts (sourced): a JDK, the built daemon jar, a work folder, and a
# background wabridge process whose printed lines can be waited for.
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
[ -f "$ROOT/daemon/target/wabridge.jar" ] || "$ROOT/wabridge" build
WORK="$(mktemp -d)"
BACKGROUND=""

# start_wabridge ARGS...: runs the daemon jar in the background, output in $WORK/process.out/err
start_wabridge() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$ROOT/daemon/target/wabridge.jar" "$@" \
    > "$WORK/process.out" 2> "$WORK/process.err" &
  BACKGROUND=$!
  trap stop_wabridge EXIT
}

stop_wabridge() {
  [ -n "$BACKGROUND" ] && { kill "$BACKGROUND" 2>/dev/null || true; wait "$BACKGROUND" 2>/dev/null || true; }
  BACKGROUND=""
  rm -rf "$WORK"
  trap - EXIT
}

# printed_value PREFIX: waits (20 s) for a line starting with PREFIX and prints the rest of it
printed_value() {
  local value=""
  for _ in $(seq 1 100); do
    value=$(sed -n "s/^$1 *//p" "$WORK/process.out" | head -n1)
    [ -n "$value" ] && { echo "$value"; return 0; }
    kill -0 "$BACKGROUND" 2>/dev/null || { cat "$WORK/process.err" >&2; echo "wabridge exited early" >&2; return 1; }
    sleep 0.2
  done
  echo "wabridge printed no '$1' line" >&2
  return 1
}
