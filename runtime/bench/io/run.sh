#!/usr/bin/env bash
# I/O benchmarks W4 (gather-downloads) and W5 (C10K echo): jaio vs CPython asyncio vs raw JDK.
# Usage: runtime/bench/io/run.sh [w4|w4https|w5|all|kernel|pairs|pairs-https]   (from anywhere; builds the runtime if needed)
# pairs, pairs-https: W4_PAIRS (default 5) interleaved rounds of fresh client processes, each round in a
# rotated order; prints every round and the median of the per-round ratios to asyncio (pairs.py).
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
W4_PAIRS="${W4_PAIRS:-5}"
# The kernel's JVM options that matter for speed (install/install.sh): C1 only, a small serial heap.
KERNEL_JIT=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m)
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

(cd "$root" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -pl runtime compile)
classes="$root/runtime/target/classes"
out="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
"$JAVA_HOME/bin/javac" -cp "$classes" -d "$out" "$here"/W4.java "$here"/W5Jaio.java "$here"/W5Vthreads.java
# The runtime's optional native TLS engine, as the kernel installs it (unsigned: see install/unsigned-jar.sh).
conscrypt_version=$(sed -n 's:.*<conscrypt.version>\(.*\)</conscrypt.version>.*:\1:p' "$root/pom.xml")
JAVA_HOME="$JAVA_HOME" "$root/install/unsigned-jar.sh" \
  "${MAVEN_REPO:-$HOME/.m2/repository}/org/conscrypt/conscrypt-openjdk-uber/$conscrypt_version/conscrypt-openjdk-uber-$conscrypt_version.jar" \
  "$out/conscrypt.jar"
OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)
JOPTS=("${OPENS[@]}" -cp "$classes:$out:$out/conscrypt.jar")

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

aot_cache() { # URL [JVM options...]: a JDK AOT cache from a training run of the W4 jaio client (as the kernel's install makes its own); prints its path
  local url="$1"; shift
  local dir="$out/aot$(printf '%s' "$*" | tr -c 'A-Za-z0-9' _)"
  if [ ! -f "$dir/w4.aot" ]; then
    # The AOT cache wants a class path of jars only.
    mkdir -p "$dir"; "$JAVA_HOME/bin/jar" cf "$dir/w4.jar" -C "$out" W4.class
    "$JAVA_HOME/bin/jar" cf "$dir/runtime.jar" -C "$classes" .
    "$J" "${OPENS[@]}" "$@" -cp "$dir/w4.jar:$dir/runtime.jar:$out/conscrypt.jar" -XX:AOTCacheOutput="$dir/w4.aot" W4 jaio "$url" 2 > /dev/null 2>&1
  fi
  echo "$dir"
}

jaio_aot() { # URL [JVM options...]: jaio started with an AOT cache trained with the same options
  local url="$1"; shift
  local dir; dir=$(aot_cache "$url" "$@")
  "$J" "${OPENS[@]}" "$@" -cp "$dir/w4.jar:$dir/runtime.jar:$out/conscrypt.jar" -XX:AOTCache="$dir/w4.aot" W4 jaio "$url" "$W4_ROUNDS"
}

w4_server() { # plain|https: a warmed W4 server; sets url (and W4_CAFILE for https)
  if [ "$1" = https ]; then
    start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2 --https "$out/cert.pem"
    url="https://127.0.0.1:$port/bytes/102400"
    export W4_CAFILE="$out/cert.pem"
  else
    start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2
    url="http://127.0.0.1:$port/bytes/102400"
  fi
  warm_server "$url"
}

stop_server() {
  unset W4_CAFILE
  kill $spid; wait $spid 2>/dev/null || true
}

if [ "$what" = w4 ] || [ "$what" = all ]; then
  echo "== W4: 100 concurrent downloads of 100 KB (server answers after 200 ms), then 5 sequential"
  w4_server plain
  echo "impl cold100_s best_warm100_s seq5_s cold100_cpu_s"
  for m in jaio jaio-jdk jdk; do "$J" "${JOPTS[@]}" W4 "$m" "$url" "$W4_ROUNDS"; done
  jaio_aot "$url" | sed 's/^jaio /jaio+AOT /'
  "$PY" "$here/w4_asyncio.py" "$url" "$W4_ROUNDS"
  stop_server
fi

if [ "$what" = w4https ] || [ "$what" = all ]; then
  echo "== W4 over HTTPS: the same, TLS 1.3 with a self-signed certificate every client is told to trust"
  w4_server https
  echo "impl cold100_s best_warm100_s seq5_s cold100_cpu_s"
  for m in jaio jdk; do "$J" "${JOPTS[@]}" W4 "$m" "$url" "$W4_ROUNDS"; done
  "$J" "${JOPTS[@]}" -Djaio.tls=jdk W4 jaio "$url" "$W4_ROUNDS" | sed 's/^jaio /jaio-jdk-tls /'
  jaio_aot "$url" | sed 's/^jaio /jaio+AOT /'
  "$PY" "$here/w4_asyncio.py" "$url" "$W4_ROUNDS"
  stop_server
fi

if [ "$what" = kernel ]; then
  echo "== W4 in a fresh kernel: a cell gathers 100 downloads (then 2 more batches); the same cells in a fresh ipykernel (Debian's python3 kernel); asyncio cold in the same run"
  kpy="${KERNEL_PYTHON:-/usr/bin/python3}"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2; plain_pid=$spid
  plain="http://127.0.0.1:$port/bytes/102400"
  start_server "$J" -cp "$classes" jaio.http.LocalHttpServer 0 0.2 --https "$out/cert.pem"; https_pid=$spid
  https="https://127.0.0.1:$port/bytes/102400"
  warm_server "$plain"; W4_CAFILE="$out/cert.pem" warm_server "$https"
  echo "impl first_batch_s best_later_s (kernel: then cell first, best later: execute_request to idle; then the process CPU of the first batch)"
  echo "plain $("$kpy" "$here/kernel_first_batch.py" "$plain" 3)"
  echo "plain $("$kpy" "$here/kernel_first_batch.py" "$plain" 3 --kernel python3 | sed 's/^kernel/ipykernel/')"
  echo "plain $("$PY" "$here/w4_asyncio.py" "$plain" 3 | cut -d' ' -f1,2,3,5)"
  echo "https $(W4_CAFILE="$out/cert.pem" "$kpy" "$here/kernel_first_batch.py" "$https" 3)"
  echo "https $(W4_CAFILE="$out/cert.pem" "$kpy" "$here/kernel_first_batch.py" "$https" 3 --kernel python3 | sed 's/^kernel/ipykernel/')"
  echo "https $(W4_CAFILE="$out/cert.pem" "$PY" "$here/w4_asyncio.py" "$https" 3 | cut -d' ' -f1,2,3,5)"
  kill $plain_pid $https_pid; wait $plain_pid $https_pid 2>/dev/null || true
fi

pairs() { # URL KIND: W4_PAIRS rounds of fresh clients in a rotated order (the list below), each round's ratios to asyncio
  local impls=(jaio jaio-kernel-jit jaio-kernel jdk asyncio)
  [ "$2" = https ] && impls+=(jaio-jdk-tls-kernel-jit)
  local n=${#impls[@]}
  aot_cache "$1" "${KERNEL_JIT[@]}" > /dev/null
  for ((p = 0; p < W4_PAIRS; p++)); do
    for ((i = 0; i < n; i++)); do
      local impl="${impls[(p + i) % n]}"
      case "$impl" in
        jaio) "$J" "${JOPTS[@]}" W4 jaio "$1" "$W4_ROUNDS" ;;
        jaio-kernel-jit) "$J" "${JOPTS[@]}" "${KERNEL_JIT[@]}" W4 jaio "$1" "$W4_ROUNDS" ;;
        jaio-kernel) jaio_aot "$1" "${KERNEL_JIT[@]}" ;;
        jaio-jdk-tls-kernel-jit) "$J" "${JOPTS[@]}" "${KERNEL_JIT[@]}" -Djaio.tls=jdk W4 jaio "$1" "$W4_ROUNDS" ;;
        jdk) "$J" "${JOPTS[@]}" W4 jdk "$1" "$W4_ROUNDS" ;;
        asyncio) "$PY" "$here/w4_asyncio.py" "$1" "$W4_ROUNDS" ;;
      esac | sed "s/^[a-z-]* /round $p $impl /"
    done
  done | tee "$out/pairs.txt"
  "$PY" "$here/pairs.py" < "$out/pairs.txt"
}

if [ "$what" = pairs ] || [ "$what" = pairs-https ]; then
  kind=plain; [ "$what" = pairs-https ] && kind=https
  echo "== W4 $kind, $W4_PAIRS interleaved rounds of $W4_ROUNDS batches (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  w4_server $kind
  pairs "$url" $kind
  stop_server
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
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
