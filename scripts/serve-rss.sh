#!/usr/bin/env bash
# Resident memory of `serve` started as the README starts it: `mvn -q compile exec:java -Dexec.args="serve ..."`,
# which runs it in Maven's own JVM, sized by .mvn/jvm.config. Samples VmRSS of that JVM and of its descendants
# (jsii's two node processes, while a cold synthesis cache makes serve synthesize) every 0.25 s from launch to
# ready, then every 0.25 s through a burst of --duration seconds under wrk at the highest rate it sustains (-t2
# -c16, closed loop, one counter), and reads VmHWM (the JVM's peak as the kernel saw it) at the end.
#
#   scripts/serve-rss.sh                 # warm cache (the project's target/synth-cache), 20 s burst
#   scripts/serve-rss.sh --cold          # an empty cache: jsii's node process is started, and counted
#   scripts/serve-rss.sh --java          # plain `java -cp` (as .ci/run starts serve), with JAVA_OPTS
# SERVE_JAVA_OPTS (with --java) or MAVEN_OPTS (otherwise) adds JVM options, e.g. a JFR recording.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20
COLD=0
PLAIN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --cold) COLD=1; shift ;;
    --java) PLAIN=1; shift ;;
    *) echo "usage: scripts/serve-rss.sh [--duration S] [--cold] [--java]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 2; }
mvn -B -q compile
CACHE=()
if [ "$COLD" = 1 ]; then
  rm -rf target/serve-rss-cold-cache
  CACHE=(-Datomiccounters.synthesisCache=target/serve-rss-cold-cache)
fi
ARGS="serve --port 0 --no-auth --quiet -c throttleRate=100000 -c throttleBurst=100000"
LOG=$(mktemp)
if [ "$PLAIN" = 1 ]; then
  if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
    mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  fi
  # shellcheck disable=SC2086
  java ${SERVE_JAVA_OPTS:-} "${CACHE[@]}" -cp "target/classes:$(cat target/cp.txt)" io.github.atomiccounters.cli.Main \
    $ARGS >"$LOG" 2>&1 &
else
  # the README's command; Maven's launcher execs its JVM, so $! is the JVM that serves
  mvn -q "${CACHE[@]}" compile exec:java -Dexec.args="$ARGS" >"$LOG" 2>&1 &
fi
SERVE=$!
kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
children() {  # resident KiB of the JVM's descendants: jsii's node runtime is a node process that starts another
  local sum=0 c
  for c in $(descendants $SERVE); do
    sum=$((sum + $(kib "$c" VmRSS) + 0))
  done
  echo $sum
}
sample() { while true; do echo "$(kib $SERVE VmRSS) $(children)"; sleep 0.25; done; }
# from launch: on a cold cache the synthesis's node processes live during start-up only
sample >"$LOG.start" 2>/dev/null &
SAMPLER=$!
trap 'kill $SERVE 2>/dev/null || true; [ -n "$SAMPLER" ] && kill $SAMPLER 2>/dev/null; rm -f "$LOG" "$LOG.rss" "$LOG.start"' EXIT
URL=""
for _ in $(seq 1 600); do
  URL=$(grep -Eo '^http://[^ ]+' "$LOG" | head -1 || true)
  [[ -n "$URL" ]] && break
  kill -0 $SERVE 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.5
done
[[ -n "$URL" ]] || { echo "serve did not print its URL"; cat "$LOG"; exit 1; }
kill $SAMPLER; SAMPLER=""
peak() { awk 'BEGIN {j = 0; t = 0} {if ($1 > j) j = $1; if ($1 + $2 > t) {t = $1 + $2; c = $2; tj = $1}} END {print j, c, tj}' "$1"; }
read -r SJ SC STJ <<<"$(peak "$LOG.start")"
R0=$(kib $SERVE VmRSS); C0=$(children)
echo "[serve-rss] $([ "$PLAIN" = 1 ] && echo "java -cp" || echo "mvn exec:java (Maven's JVM)"), cache" \
  "$([ "$COLD" = 1 ] && echo cold || echo warm): $(grep -m1 '^synthesis cache' "$LOG" | cut -c1-60)..."
echo "[serve-rss] JVM options: $(jcmd $SERVE VM.command_line 2>/dev/null | sed -n 's/^jvm_args: //p')"
echo "[serve-rss] start-up (sampled every 0.25 s from launch): JVM peak $((SJ / 1024)) MiB; JVM + node processes" \
  "peak $(((STJ + SC) / 1024)) MiB ($((SC / 1024)) MiB of it node)"
echo "[serve-rss] ready: JVM VmRSS $((R0 / 1024)) MiB, children $((C0 / 1024)) MiB, total $(((R0 + C0) / 1024)) MiB"
sample >"$LOG.rss" 2>/dev/null &
SAMPLER=$!
printf 'wrk.method="POST"\nwrk.headers["Content-Type"]="application/json"\nwrk.body="{\\"by\\":1}"\n' >"$LOG.lua"
wrk -t2 -c16 -d"$DURATION"s -s "$LOG.lua" "$URL/counters/rss/increment" | grep -E 'Requests/sec|Non-2xx' || true
rm -f "$LOG.lua"
kill $SAMPLER; SAMPLER=""
read -r PJ PC _ <<<"$(peak "$LOG.rss")"
H=$(kib $SERVE VmHWM)
echo "[serve-rss] burst of ${DURATION}s: JVM VmRSS peak $((PJ / 1024)) MiB (VmHWM $((H / 1024)) MiB)," \
  "children $((PC / 1024)) MiB; JVM + children peak $(((PJ + PC) / 1024)) MiB (target <= 400)"
echo "[serve-rss] load average: $(cut -d' ' -f1-3 /proc/loadavg)"
