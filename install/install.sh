#!/usr/bin/env bash
# Installs the jaio kernelspec ("Java (jaio)") so Jupyter can start the kernel.
#
#   install/install.sh [--user | --sys-prefix | --prefix DIR] [--uninstall] [--no-aot] [--full-jit]
#
# --user (default)  ~/.local/share/jupyter/kernels/jaio  ($JUPYTER_DATA_DIR wins if set)
# --sys-prefix      <sys.prefix of Jupyter's Python>/share/jupyter/kernels/jaio
# --prefix DIR      DIR/share/jupyter/kernels/jaio
# --uninstall       removes the kernelspec from that location
# --no-aot          skips the JDK AOT cache (faster install, slower kernel start)
# --full-jit        lets the JIT use C2 (faster hot loops in cells, more CPU and memory per cell)
#
# Works without Jupyter installed: it writes kernel.json, the logos and the kernel's jars itself.
# Builds the kernel with ./mvnw first if its jar is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
mode=user prefix="" uninstall=false aot=true full_jit=false
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
              mode=prefix; prefix="$2"; shift ;;
    --prefix=*) mode=prefix; prefix="${1#--prefix=}" ;;
    --uninstall) uninstall=true ;;
    --no-aot) aot=false ;;
    --full-jit) full_jit=true ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

jupyter_python() {
  # The Python that runs Jupyter, if any: sys-prefix installs go under its prefix.
  local j; j=$(command -v jupyter 2>/dev/null || true)
  if [ -n "$j" ]; then
    local shebang; shebang=$(head -n 1 "$j" | sed -n 's/^#! *//p' | awk '{print $1}')
    if [ -n "$shebang" ] && [ -x "$shebang" ]; then echo "$shebang"; return; fi
  fi
  command -v python3 || true
}

case "$mode" in
  user)
    if [ -n "${JUPYTER_DATA_DIR:-}" ]; then data="$JUPYTER_DATA_DIR"
    elif [ "$(uname)" = Darwin ]; then data="$HOME/Library/Jupyter"
    else data="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter"; fi ;;
  sys-prefix)
    py=$(jupyter_python)
    [ -n "$py" ] || { echo "install.sh: --sys-prefix needs Python (the one that runs Jupyter); none found" >&2; exit 1; }
    data="$("$py" -c 'import sys; print(sys.prefix)')/share/jupyter" ;;
  prefix)
    data="$prefix/share/jupyter" ;;
esac
dest="$data/kernels/jaio"

if $uninstall; then
  if [ -d "$dest" ]; then rm -rf "$dest"; echo "Removed the jaio kernelspec from $dest"
  else echo "No jaio kernelspec at $dest: nothing to remove"; fi
  exit 0
fi

source "$here/find-jdk.sh"
java="$JAVA_HOME/bin/java"

kernel_jar=$(ls "$repo"/kernel/target/jaio-kernel-*.jar 2>/dev/null | grep -v -- '-sources\|-tests' | head -n 1 || true)
if [ -z "$kernel_jar" ] || [ ! -d "$repo/kernel/target/lib" ]; then
  echo "Building jaio (./mvnw -q -DskipTests package)..."
  (cd "$repo" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -DskipTests package)
  kernel_jar=$(ls "$repo"/kernel/target/jaio-kernel-*.jar | grep -v -- '-sources\|-tests' | head -n 1)
fi

rm -rf "$dest"
mkdir -p "$dest/lib"
cp "$kernel_jar" "$dest/lib/jaio-kernel.jar"
cp "$repo"/kernel/target/lib/*.jar "$dest/lib/"
for jar in "$dest"/lib/conscrypt-*.jar; do
  if [ -e "$jar" ]; then JAVA_HOME="$JAVA_HOME" "$here/unsigned-jar.sh" "$jar" "$jar"; fi
done
cp "$here"/logos/logo-32x32.png "$here"/logos/logo-64x64.png "$dest/"

# JVM options, chosen for start-up time and memory (kernel/bench/README.md has the measurements):
# the serial GC has the smallest footprint for one interactive user; a small initial heap, because
# the default (1/64 of RAM) let RSS reach 270 MB after 200 cells that use 40 MB; --add-opens lets the
# loop carry its tasks' virtual threads (see runtime/.../LoopCarriedThreads.java). A full collection
# gives the free part of the heap back at once (-ShrinkHeapInSteps), not a tenth of it and the rest
# over the next three (HotSpot's default damping): a dropped 50 MB value left RSS 52 MB up after a
# collection with the damping, 17 MB without it (PeriodicCollection collects when the heap grew).
# Native memory: the JIT's arenas (25 MB at a peak while javac's methods compile) go back to malloc,
# which keeps them; a periodic malloc_trim returns them to the system. The AOT cache is mapped at
# the address it was written for, so its pages stay clean pages of the file, read only where used,
# instead of all being copied and patched at start (ArchiveRelocationMode=1, the default since JDK 20
# for address randomization of the archive).
# The JIT stops at C1: C2 compiling javac's large methods took about one core all through the first
# hundreds of cells and its arenas peaked at 25-45 MB; with C1 alone, 200 cells measured 21.8 vs 44 ms
# of kernel CPU per cell, 25.7 vs 55.3 ms p50 and 122 vs 142 MB RSS (kernel/bench/README.md). The
# price: a cell's own hot loops run C1-compiled code (up to a few times slower on number crunching);
# --full-jit keeps C2.
# --enable-native-access: the runtime's native TLS engine (Conscrypt, jaio.TlsEngines) loads its library with
# System.load, which JDK 25 otherwise warns about on stderr.
jvm_opts=(--add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:-ShrinkHeapInSteps -Xms32m -XX:MaxHeapFreeRatio=40
          -XX:MinHeapFreeRatio=20 -XX:TrimNativeHeapInterval=2000
          -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:-UsePerfData -Xss4m)
$full_jit || jvm_opts+=(-XX:TieredStopAtLevel=1)
# The kernel's jar first: it carries a fix of one JeroMQ class (kernel/src/main/java/zmq/Signaler.java),
# which must win over JeroMQ's own; a wildcard's order is unspecified, so the jars are listed.
classpath="$dest/lib/jaio-kernel.jar"
for jar in "$dest"/lib/*.jar; do
  [ "$jar" = "$dest/lib/jaio-kernel.jar" ] || classpath+=":$jar"
done

if $aot; then
  # A JDK 25 AOT cache from a training run (start the kernel's session, evaluate a few cells) makes
  # the next starts load and link classes from the cache. The class path must be jars, as here.
  echo "Training the AOT cache (a few seconds)..."
  if "$java" "${jvm_opts[@]}" -XX:AOTCacheOutput="$dest/jaio.aot" -cp "$classpath" jaio.kernel.Main --aot-training \
       > "$dest/aot-training.log" 2>&1; then
    jvm_opts+=(-XX:AOTCache="$dest/jaio.aot")
    rm -f "$dest/aot-training.log"
  else
    echo "warning: the AOT training run failed (see $dest/aot-training.log); the kernel works, it just starts slower" >&2
    rm -f "$dest/jaio.aot"
  fi
fi

json_escape() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' <<<"$1"; }
{
  echo '{'
  echo '  "argv": ['
  printf '    "%s",\n' "$(json_escape "$java")"
  for o in "${jvm_opts[@]}"; do printf '    "%s",\n' "$(json_escape "$o")"; done
  printf '    "-cp", "%s",\n' "$(json_escape "$classpath")"
  echo '    "jaio.kernel.Main",'
  echo '    "{connection_file}"'
  echo '  ],'
  echo '  "display_name": "Java (jaio)",'
  echo '  "language": "java",'
  echo '  "interrupt_mode": "message",'
  echo '  "env": {},'
  echo '  "metadata": {"debugger": false}'
  echo '}'
} > "$dest/kernel.json"

echo "Installed the jaio kernelspec in $dest (JDK: $JAVA_HOME)"
if [ "$mode" != user ] && [ "$mode" != sys-prefix ]; then
  echo "Jupyter finds it with: export JUPYTER_PATH=\"$data\${JUPYTER_PATH:+:\$JUPYTER_PATH}\""
fi
cat <<EOT
Start it with any of:
  jupyter lab                      # then pick "Java (jaio)"
  jupyter notebook                 # New > Java (jaio)
  jupyter console --kernel jaio
EOT
