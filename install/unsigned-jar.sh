#!/usr/bin/env bash
# Copies a jar without its signature: install/unsigned-jar.sh IN.jar OUT.jar (needs JAVA_HOME).
#
# Why: Conscrypt's jar (the runtime's native TLS engine) is signed. The JVM then checks the
# signature before its first class loads (0.3 s at the first HTTPS connection) and a digest per
# class after that, and a JDK AOT cache cannot hold classes from a signed jar. Maven has already
# checked the jar's checksum when it downloaded it; the copy the kernel runs keeps the classes,
# the native libraries and the manifest's main section, and drops META-INF's signature files and
# the manifest's per-entry digests.
set -euo pipefail
in="$1" out="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/x"
(cd "$tmp/x" && "$JAVA_HOME/bin/jar" xf "$in")
sed '/^\r\{0,1\}$/q' "$tmp/x/META-INF/MANIFEST.MF" > "$tmp/MANIFEST.MF"
rm -f "$tmp/x/META-INF/MANIFEST.MF" "$tmp"/x/META-INF/*.SF "$tmp"/x/META-INF/*.RSA "$tmp"/x/META-INF/*.DSA "$tmp"/x/META-INF/*.EC
"$JAVA_HOME/bin/jar" cfm "$out.tmp" "$tmp/MANIFEST.MF" -C "$tmp/x" .
mv "$out.tmp" "$out"
