#!/usr/bin/env bash
# What gogoscope's Spring Boot starter adds to start-up: starts the example service N times with
# the starter's auto-configuration and N times without it (spring.autoconfigure.exclude, with the
# same runtime, stores and Scoped beans wired by hand: HandWiring), alternating, and prints the
# median of Spring's own figures, "Started ... in X seconds (process running for Y)".
#
#   mvn -q -B -pl examples/spring-boot -am -DskipTests package
#   examples/spring-boot/startup-cost.sh [N]          # N = 9 by default
#
# Each run gets a fresh SQLite file, a free port and no scheduled job; one discarded run of each
# kind warms the file cache first. The machine's load moves the absolute figures: compare the two
# columns of one run of this script.
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-9}
if [ ! -f target/classpath.txt ] || [ ! -d target/classes ]; then
  echo "startup-cost: build first: mvn -q -B -pl examples/spring-boot -am -DskipTests package" >&2
  exit 1
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
classpath="target/classes:$(cat target/classpath.txt)"
exclude=io.gogoscope.spring.boot.GogoscopeAutoConfiguration,io.gogoscope.spring.boot.GogoscopeActuatorAutoConfiguration
work=$(mktemp -d /tmp/gogoscope-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One start: prints "<started in> <process running for>" in seconds.
start_once() { # kind (starter | by-hand), index
  local log="$work/$1-$2.log" extra=()
  if [ "$1" = by-hand ]; then extra=(--spring.autoconfigure.exclude="$exclude" --example.hand-wired=true); fi
  "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.gogoscope.examples.boot.QuoteApplication \
    --server.port=0 --example.db="$work/$1-$2.db" --example.report.initial-delay=1h \
    --spring.main.banner-mode=off "${extra[@]}" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1200); do
    grep -q "Started QuoteApplication" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local figures
  figures=$(sed -nE 's/.*Started QuoteApplication in ([0-9.]+) seconds \(process running for ([0-9.]+)\).*/\1 \2/p' "$log")
  if [ -z "$figures" ]; then
    echo "startup-cost: the $1 run did not start; its log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  echo "$figures"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start_once starter warmup >/dev/null
start_once by-hand warmup >/dev/null
for i in $(seq 1 "$n"); do
  start_once starter "$i" >>"$work/starter.txt"
  start_once by-hand "$i" >>"$work/by-hand.txt"
done

s_ctx=$(cut -d' ' -f1 "$work/starter.txt" | median); s_all=$(cut -d' ' -f2 "$work/starter.txt" | median)
h_ctx=$(cut -d' ' -f1 "$work/by-hand.txt" | median); h_all=$(cut -d' ' -f2 "$work/by-hand.txt" | median)
echo "| median of $n starts (load: $(cut -d' ' -f1-3 /proc/loadavg)) | context started in | process running for |"
echo "| --- | --- | --- |"
echo "| with the starter's auto-configuration | ${s_ctx} s | ${s_all} s |"
echo "| without it, the same beans wired by hand | ${h_ctx} s | ${h_all} s |"
awk -v s="$s_ctx" -v h="$h_ctx" -v sa="$s_all" -v ha="$h_all" \
  'BEGIN { printf "| the starter adds | %+.3f s (%+.0f%%) | %+.3f s (%+.0f%%) |\n", s - h, (s - h) / h * 100, sa - ha, (sa - ha) / ha * 100 }'
