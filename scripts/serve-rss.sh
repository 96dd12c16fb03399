#!/usr/bin/env bash
# Resident memory of a real 'serve' process (JVM + the jsii node child it keeps after the in-process synthesis)
# while the bench drives it: starts serve, waits for its URL, runs the bench's sweep against it with
# --product-url, then reads VmRSS / VmHWM from /proc for serve and its children, and stops serve.
#   scripts/serve-rss.sh [bench options, e.g. --concurrency 1,16,64 --duration 5s]
# SERVE_JAVA_OPTS is passed to the serve JVM, e.g. SERVE_JAVA_OPTS=-XX:StartFlightRecording=filename=target/serve.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
CP="target/classes:$(cat target/cp.txt)"
LOG=$(mktemp)
java ${SERVE_JAVA_OPTS:-} -cp "$CP" io.github.atomiccounters.cli.Main serve --port 0 --no-auth --quiet \
  -c throttleRate=10000 -c throttleBurst=5000 >"$LOG" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true; rm -f "$LOG"' EXIT
URL=""
for _ in $(seq 1 300); do
  URL=$(grep -Eo '^http://[^ ]+' "$LOG" | head -1 || true)
  [[ -n "$URL" ]] && break
  kill -0 $SERVE 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.5
done
[[ -n "$URL" ]] || { echo "serve did not print its URL"; cat "$LOG"; exit 1; }
rss() {  # pid -> "VmRSS VmHWM" in MiB
  awk '/^VmRSS:/{r=$2} /^VmHWM:/{h=$2} END{printf "%.0f %.0f", r/1024, h/1024}' "/proc/$1/status"
}
children_rss() {
  local sum=0
  for c in $(cat /proc/$SERVE/task/*/children 2>/dev/null); do
    sum=$((sum + $(awk '/^VmRSS:/{print $2}' "/proc/$c/status" 2>/dev/null || echo 0)))
  done
  echo $((sum / 1024))
}
read -r R0 H0 <<<"$(rss $SERVE)"
echo "[serve-rss] serve at $URL (pid $SERVE): idle after start-up: JVM VmRSS ${R0} MiB, children $(children_rss) MiB"
java -cp "$CP" io.github.atomiccounters.bench.BenchCommand --product-url "$URL" "$@"
read -r R1 H1 <<<"$(rss $SERVE)"
C1=$(children_rss)
echo "[serve-rss] after the sweep: JVM VmRSS ${R1} MiB, peak VmHWM ${H1} MiB; children (jsii node) ${C1} MiB;" \
  "total peak <= $((H1 + C1)) MiB (target 512)"
