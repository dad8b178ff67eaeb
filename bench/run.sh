#!/usr/bin/env bash
# Runs the JMH benchmark suite and writes bench/RESULTS.md (about 40 minutes on 2 cores; run it on a
# quiet machine: nothing else compiling or testing, load average below 0.5).
#
#   bench/run.sh             the full suite -> bench/RESULTS.md
#   bench/run.sh --smoke     one short iteration each, a few minutes -> bench/target/jmh/RESULTS.md
#   bench/run.sh REGEX...    only the benchmarks REGEX matches    -> bench/target/jmh/RESULTS.md
#
# BENCH_JAVA_OPTS adds options to the runner's JVM, e.g. BENCH_JAVA_OPTS=-Djmh.ignoreLock=true when
# another JMH run on the machine holds JMH's lock file (/tmp/jmh.lock) and the figures need not count.
#
# Needs JDK 25+ (the suite uses the JDK's StructuredTaskScope preview API), Maven, and for the lock
# and rate-limit benchmarks Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (db test, user
# postgres); without them those benchmarks are left out with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*/; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME=${candidate%/}
      break
    fi
  done
  [ -n "$JAVA_HOME" ] || { echo "bench/run.sh needs a JDK 25+; set JAVA_HOME to one" >&2; exit 1; }
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

report=bench/RESULTS.md
if [ $# -gt 0 ]; then
  report=bench/target/jmh/RESULTS.md # a smoke or partial run never replaces the committed results
fi

echo "bench: building with JDK $(java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"
mvn -B -q -DskipTests -pl bench -am package

# The forks inherit these JVM arguments: preview features on, a fixed 1 GiB heap, and no warnings
# about sqlite-jdbc loading its native library or JMH reading fields through sun.misc.Unsafe.
exec "$JAVA_HOME/bin/java" --enable-preview -Xms1g -Xmx1g \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${BENCH_JAVA_OPTS:-} \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.gogoscope.bench.run.SuiteRunner --out bench/target/jmh --report "$report" "$@"
