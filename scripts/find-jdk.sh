#!/usr/bin/env bash
# Sourced by ./wabridge and .ci scripts: sets JAVA_HOME to a JDK >= 21 and exports it.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install folders.

wabridge_java_major() { # $1 = a JDK home; prints its major version or nothing
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  echo "$v"
}

wabridge_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(wabridge_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  cat >&2 <<'MSG'
wabridge needs a JDK 21 or newer (with javac), and none was found in $JAVA_HOME, on PATH,
or under /usr/lib/jvm, /opt/java, ~/.sdkman or ~/.jdks.
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk-headless   (or Temurin 21/25 from adoptium.net)
  Fedora/RHEL:    sudo dnf install java-21-openjdk-devel
  macOS:          brew install --cask temurin
then run the command again (or set JAVA_HOME to the JDK's folder).
MSG
  return 1
}

wabridge_find_jdk
