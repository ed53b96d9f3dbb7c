#!/usr/bin/env bash
# I/O benchmarks W4 (gather-downloads) and W5 (C10K echo): jaio vs CPython asyncio vs raw JDK.
# Usage: runtime/bench/io/run.sh [w4|w4https|w5|all|kernel]   (from anywhere; builds the runtime if needed)
# kernel: W4's first batch in a fresh jaio kernel (plain and https) next to asyncio's cold batch; needs an
# installed kernelspec (JUPYTER_PATH for a private prefix) and jupyter_client in KERNEL_PYTHON (/usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
what="${1:-all}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
J="$JAVA_HOME/bin/java"
PY="${PYTHON:-/usr/bin/python3}"
CONNS="${CONNS:-10000}"
MSGS="${MSGS:-10}"
W4_ROUNDS="${W4_ROUNDS:-6}"  # batches per W4 client process: the first is cold, the best of the rest is "warm"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

(cd "$root" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -pl runtime compile)
classes="$root/runtime/target/classes"
out="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
"$JAVA_HOME/bin/javac" -cp "$classes" -d "$out" "$here"/W4.java "$here"/W5Jaio.java "$here"/W5Vthreads.java
JOPTS=(--add-opens=java.base/java.lang=ALL-UNNAMED -cp "$classes:$out")

start_server() { # command... ; starts it in the background, sets spid and port (the first line it prints)
  rm -f "$out/port"
  "$@" > "$out/port" &
  spid=$!
  for _ in $(seq 100); do [ -s "$out/port" ] && break; sleep 0.1; done
  port=$(head -1 "$out/port")
}

warm_server() { # URL: a throw-away client run, so that no measured client pays for the server's JIT warm-up
  "$J" "${JOPTS[@]}" W4 jdk "$1" 3 > /dev/null
}

jaio_aot() { # URL: jaio with a JDK AOT cache from a training run of the same program (as the kernel's install does)
  # The AOT cache wants a class path of jars only.
  [ -f "$out/aot/w4.jar" ] || { mkdir -p "$out/aot"; "$JAVA_HOME/bin/jar" cf "$out/aot/w4.jar" -C "$out" W4.class;
    "$JAVA_HOME/bin/jar" cf "$out/aot/runtime.jar" -C "$classes" .; }
  local cp="$out/aot/w4.jar:$out/aot/runtime.jar" opens=--add-opens=java.base/java.lang=ALL-UNNAMED
  "$J" "$opens" -cp "$cp" -XX:AOTCacheOutput="$out/aot/w4.aot" W4 jaio "$1" 2 > /dev/null 2>&1
  "$J" "$opens" -cp "$cp" -XX:AOTCache="$out/aot/w4.aot" W4 jaio "$1" "$W4_ROUNDS" | sed 's/^jaio /jaio+AOT /'
}

if [ "$what" = w4 ] || [ "$what" = all ]; then
  echo "== W4: 100 concurrent downloads of 100 KB (server answers after 200 ms), then 5 sequential"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2
  url="http://127.0.0.1:$port/bytes/102400"
  warm_server "$url"
  echo "impl cold100_s best_warm100_s seq5_s"
  for m in jaio jaio-jdk jdk; do "$J" "${JOPTS[@]}" W4 "$m" "$url" "$W4_ROUNDS"; done
  jaio_aot "$url"
  "$PY" "$here/w4_asyncio.py" "$url" "$W4_ROUNDS"
  kill $spid; wait $spid 2>/dev/null || true
fi

if [ "$what" = w4https ] || [ "$what" = all ]; then
  echo "== W4 over HTTPS: the same, TLS 1.3 with a self-signed certificate every client is told to trust"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2 --https "$out/cert.pem"
  url="https://127.0.0.1:$port/bytes/102400"
  export W4_CAFILE="$out/cert.pem"
  warm_server "$url"
  echo "impl cold100_s best_warm100_s seq5_s"
  for m in jaio jdk; do "$J" "${JOPTS[@]}" W4 "$m" "$url" "$W4_ROUNDS"; done
  jaio_aot "$url"
  "$PY" "$here/w4_asyncio.py" "$url" "$W4_ROUNDS"
  unset W4_CAFILE
  kill $spid; wait $spid 2>/dev/null || true
fi

if [ "$what" = kernel ]; then
  echo "== W4 in a fresh kernel: a cell gathers 100 downloads (then 2 more batches); asyncio cold in the same run"
  kpy="${KERNEL_PYTHON:-/usr/bin/python3}"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2; plain_pid=$spid
  plain="http://127.0.0.1:$port/bytes/102400"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2 --https "$out/cert.pem"; https_pid=$spid
  https="https://127.0.0.1:$port/bytes/102400"
  warm_server "$plain"; W4_CAFILE="$out/cert.pem" warm_server "$https"
  echo "impl first_batch_s best_later_s (kernel: then cell first, best later: execute_request to idle)"
  echo "plain $("$kpy" "$here/kernel_first_batch.py" "$plain" 3)"
  echo "plain $("$PY" "$here/w4_asyncio.py" "$plain" 3 | cut -d' ' -f1-3)"
  echo "https $(W4_CAFILE="$out/cert.pem" "$kpy" "$here/kernel_first_batch.py" "$https" 3)"
  echo "https $(W4_CAFILE="$out/cert.pem" "$PY" "$here/w4_asyncio.py" "$https" 3 | cut -d' ' -f1-3)"
  kill $plain_pid $https_pid; wait $plain_pid $https_pid 2>/dev/null || true
fi

if [ "$what" = w5 ] || [ "$what" = all ]; then
  echo "== W5: $CONNS connections x $MSGS echoed 64-byte messages; messages/s (server and client in separate processes)"
  start_server "$J" "${JOPTS[@]}" W5Jaio server
  "$J" "${JOPTS[@]}" W5Jaio client "$port" "$CONNS" "$MSGS"; kill $spid; wait $spid 2>/dev/null || true
  start_server "$PY" "$here/w5_asyncio.py" server
  "$PY" "$here/w5_asyncio.py" client "$port" "$CONNS" "$MSGS"; kill $spid; wait $spid 2>/dev/null || true
  start_server "$J" "${JOPTS[@]}" W5Vthreads server
  "$J" "${JOPTS[@]}" W5Vthreads client "$port" "$CONNS" "$MSGS"; kill $spid; wait $spid 2>/dev/null || true
fi
