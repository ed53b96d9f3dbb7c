# Sourced by jaio's scripts: sets JAVA_HOME to a JDK 25 or newer, or fails with one line.
# Order: $JAVA_HOME if it is 25+, then the newest JDK 25+ under /usr/lib/jvm.
jaio_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
jaio_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local m; m=$(jaio_java_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    m=$(jaio_java_major "$d")
    [ -n "$m" ] || continue
    if [ "$m" -ge 25 ] && [ "$m" -gt "$best_major" ]; then best="$d"; best_major="$m"; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}
if ! JAVA_HOME=$(jaio_find_jdk); then
  echo "jaio needs a JDK 25 or newer: none found in \$JAVA_HOME or under /usr/lib/jvm (install e.g. temurin-25-jdk)." >&2
  exit 1
fi
