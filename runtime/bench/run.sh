#!/usr/bin/env bash
# jaio runtime benchmarks: each workload in jaio, CPython asyncio and raw JDK virtual threads,
# side by side. Not part of `./mvnw verify`. Usage: runtime/bench/run.sh [--quick]
#   --quick   tiny sizes, one or two rounds: a smoke check that everything builds and runs.
# Environment: PYTHON (default: the first Python 3.12+ on PATH or under ~/.pyenv, else /usr/bin/python3), JVM_OPTS (extra JVM flags),
#   ONLY="W1 W3" to run a subset, W2_REPEAT (default 3) runs of W2 per side for the wall time.
set -euo pipefail

QUICK=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a (expected --quick)" >&2; exit 2 ;;
  esac
done

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
cd "$ROOT"
# shellcheck source=/dev/null
source install/find-jdk.sh
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

# CPython 3.13 is the version jaio follows, and W1e needs 3.12's eager tasks: PYTHON if set, else the
# first Python 3.12+ found (PATH, then pyenv), else /usr/bin/python3 without the W1e row.
if [ -z "${PYTHON:-}" ]; then
  for p in python3.14 python3.13 python3.12 "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/bin/python3 python3; do
    command -v "$p" >/dev/null 2>&1 || continue
    PYTHON=$(command -v "$p")
    "$PYTHON" -c 'import asyncio, sys; sys.exit(0 if hasattr(asyncio, "eager_task_factory") else 1)' && break
  done
fi
if ! "$PYTHON" -c 'import asyncio, sys; sys.exit(0 if hasattr(asyncio, "eager_task_factory") else 1)'; then
  echo "run.sh: $PYTHON has no eager tasks (Python 3.12+): W1e is left out; set PYTHON to a newer one" >&2
  ONLY=${ONLY:-"W1 W2 W3"}
fi

OUT="$BENCH_DIR/target"
RESULTS="$OUT/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT/classes/jaio" "$OUT/classes/jdk" "$RESULTS"

# ---- build ------------------------------------------------------------------------------------
echo "building the runtime jar (JAVA_HOME=$JAVA_HOME)..." >&2
./mvnw -q -pl runtime package -DskipTests
JAR=$(ls runtime/target/jaio-runtime-*.jar | grep -v -e sources -e javadoc | head -n 1)
SOURCES=("$BENCH_DIR"/src/jaio-bench/*.java)
if "$JAVA_HOME/bin/jar" tf "$JAR" | grep -qx 'jaio/Queue.class'; then
  SOURCES+=("$BENCH_DIR"/src/jaio-queue/*.java)   # W3 over jaio.Queue
fi
rm -rf "$OUT/classes/jaio"/* "$OUT/classes/jdk"/*
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes/jaio" -cp "$JAR" "${SOURCES[@]}"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes/jdk" "$BENCH_DIR"/src/jdk/*.java

# ---- sizes ------------------------------------------------------------------------------------
if [ "$QUICK" = 1 ]; then
  W1_ARGS="n=1000 warmup=1 rounds=3"; W2_ARGS="n=10000"; W3_ARGS="n=10000 warmup=1 rounds=3"
else
  W1_ARGS="n=100000 warmup=5 rounds=10"; W2_ARGS="n=1000000"; W3_ARGS="n=1000000 warmup=2 rounds=5"
fi
W2_REPEAT=${W2_REPEAT:-3}
ONLY=${ONLY:-"W1 W1e W2 W3"}

# One heap and collector for every JVM, so the figures compare: the throughput collector on a
# fixed, pre-touched 4 GB heap (G1 and a growing heap made W1's rounds swing 0.5-7 us on 2 cores:
# the live tasks of a round are copied at every young pause). JVM_OPTS adds or overrides flags.
JVM_BASE=(-Xms4g -Xmx4g -XX:+UseParallelGC -XX:+AlwaysPreTouch ${JVM_OPTS:-})
ONE_CARRIER=(-Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1)

run() { # name, command...: runs it, keeps its output, echoes the RESULT lines
  local name=$1; shift
  echo "== $name: $*" >&2
  "$@" >"$RESULTS/$name.out" 2>"$RESULTS/$name.err" || { echo "FAILED: $name (see $RESULTS/$name.err)" >&2; cat "$RESULTS/$name.err" >&2; exit 1; }
  grep -v '^RESULT' "$RESULTS/$name.out" >&2 || true
}
get() { # name, key -> value or "-"
  awk -v k="$2" '$1=="RESULT" && $3==k {print $4; found=1} END {if (!found) print "-"}' "$RESULTS/$1.out" 2>/dev/null || echo "-"
}
ratio() { # a / b with 2 decimals, "-" if either is missing
  awk -v a="$1" -v b="$2" 'BEGIN { if (a=="-" || b=="-" || b+0==0) print "-"; else printf "%.2f", a/b }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $("$JAVA" -version 2>&1 | head -n 1); $("$PYTHON" --version)" >&2
JAIO_CP="$OUT/classes/jaio:$JAR"
JDK_CP="$OUT/classes/jdk"
for w in $ONLY; do
  case $w in
    W1|W1e) A=$W1_ARGS ;; W2) A=$W2_ARGS ;; W3) A=$W3_ARGS ;; *) echo "unknown workload $w" >&2; exit 2 ;;
  esac
  if [ "$w" = W2 ]; then
    # W2 runs in separate processes per side: W2_REPEAT times without sampling for the wall time
    # (the best is kept: one run is one long measurement, and other jobs on a shared machine
    # only ever add to it), then once with mem=1 for the memory sample.
    for r in $(seq 1 "$W2_REPEAT"); do
      # shellcheck disable=SC2086
      run "W2-asyncio-m0-r$r" "$PYTHON" "$BENCH_DIR/asyncio_bench.py" W2 $A mem=0
      # shellcheck disable=SC2086
      run "W2-jaio-m0-r$r" "$JAVA" "${JVM_BASE[@]}" --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$JAIO_CP" JaioBench W2 $A mem=0
      # shellcheck disable=SC2086
      run "W2-jdk1-m0-r$r" "$JAVA" "${JVM_BASE[@]}" "${ONE_CARRIER[@]}" -cp "$JDK_CP" RawJdkBench W2 $A mem=0
    done
    # shellcheck disable=SC2086
    run "W2-asyncio-m1" "$PYTHON" "$BENCH_DIR/asyncio_bench.py" W2 $A mem=1
    # shellcheck disable=SC2086
    run "W2-jaio-m1" "$JAVA" "${JVM_BASE[@]}" --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$JAIO_CP" JaioBench W2 $A mem=1
    # shellcheck disable=SC2086
    run "W2-jdk1-m1" "$JAVA" "${JVM_BASE[@]}" "${ONE_CARRIER[@]}" -cp "$JDK_CP" RawJdkBench W2 $A mem=1
    for side in asyncio jaio jdk1; do
      walls=$(cat "$RESULTS"/W2-$side-m0-r*.out | awk '$1=="RESULT" && $3=="wall_s" {print $4}' | tr '\n' ' ')
      echo "# W2 $side wall runs (s): $walls" >&2
      { echo "$walls" | tr ' ' '\n' | awk 'NF {if (min=="" || $1+0 < min+0) min=$1} END {print "RESULT W2 wall_s " min}'
        cat "$RESULTS/W2-$side-m1.out"; } >"$RESULTS/W2-$side.out"
    done
    continue
  fi
  # shellcheck disable=SC2086
  run "$w-asyncio" "$PYTHON" "$BENCH_DIR/asyncio_bench.py" "$w" $A
  # shellcheck disable=SC2086
  run "$w-jaio" "$JAVA" "${JVM_BASE[@]}" --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$JAIO_CP" JaioBench "$w" $A
  # W1e (eager tasks) has no raw JDK side: a virtual thread has no "eager" start.
  [ "$w" = W1e ] && continue
  # shellcheck disable=SC2086
  run "$w-jdk1" "$JAVA" "${JVM_BASE[@]}" "${ONE_CARRIER[@]}" -cp "$JDK_CP" RawJdkBench "$w" $A
  if [ "$w" = W1 ]; then
    # shellcheck disable=SC2086
    run "$w-jdkN" "$JAVA" "${JVM_BASE[@]}" -cp "$JDK_CP" RawJdkBench "$w" $A
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# ---- table ------------------------------------------------------------------------------------
row() { # workload-id label metric key min-speedup max-jaio/JDK target-text
  local w=$1 label=$2 metric=$3 key=$4 minsp=$5 maxjdk=$6 target=$7 a j d1 dn jdk sp vj met
  a=$(get "$w-asyncio" "$key"); j=$(get "$w-jaio" "$key"); d1=$(get "$w-jdk1" "$key"); dn=$(get "$w-jdkN" "$key")
  jdk=$d1; [ "$jdk" = "-" ] && jdk=$dn
  sp=$(ratio "$a" "$j"); vj=$(ratio "$j" "$jdk")
  met=$(awk -v sp="$sp" -v vj="$vj" -v minsp="$minsp" -v maxjdk="$maxjdk" 'BEGIN {
    ok = 1
    if (minsp != "-") { if (sp == "-" || sp + 0 < minsp + 0) ok = 0 }
    if (maxjdk != "-") { if (vj == "-" || vj + 0 > maxjdk + 0) ok = 0 }
    print ok ? "met" : "MISSED" }')
  [ "$QUICK" = 1 ] && met="-"
  printf '| %-18s | %-16s | %10s | %10s | %11s | %11s | %12s | %10s | %-30s | %-7s |\n' \
    "$label" "$metric" "$a" "$j" "$d1" "$dn" "$sp" "$vj" "$target" "$met"
}
echo
[ "$QUICK" = 1 ] && echo "(--quick: tiny sizes, the figures mean nothing)"
printf '| %-18s | %-16s | %10s | %10s | %11s | %11s | %12s | %10s | %-30s | %-7s |\n' \
  workload metric asyncio jaio "JDK 1 carr." "JDK default" asyncio/jaio jaio/JDK target verdict
echo "|--------------------|------------------|------------|------------|-------------|-------------|--------------|------------|--------------------------------|---------|"
for w in $ONLY; do
  case $w in
    W1) row W1 "W1 spawn+gather" "us/task (median)" us_per_task 10 2 "asyncio/jaio>=10, jaio/JDK<=2" ;;
    W1e) row W1e "W1e eager tasks" "us/task (median)" us_per_task - - "(eagerTaskFactory on both)" ;;
    W2) row W2 "W2 many sleepers" "wall s (best)" wall_s 2 - "asyncio/jaio>=2"
        row W2 "W2 many sleepers" "bytes/task" bytes_per_task 1 - "asyncio/jaio>=1" ;;
    W3) row W3 "W3 ping-pong" "us/trip (median)" us_per_round_trip 5 - "asyncio/jaio>=5" ;;
  esac
done
echo
echo "asyncio/jaio: how many times jaio is better (higher is better). jaio/JDK: jaio over the raw JDK with"
echo "one carrier thread (lower is better). JVMs: ${JVM_BASE[*]}"
echo "raw outputs: $RESULTS"
