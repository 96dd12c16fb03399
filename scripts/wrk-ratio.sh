#!/usr/bin/env bash
# The local runtime against its floor under wrk, in one run, and where the runtime's CPU goes per request.
#
#   floor:    a bare DynamoDB Local process (bench.FloorServer), POSTed the UpdateItem JSON that the increment
#             template renders for {"by":1}, with X-Amz-Target, as API Gateway's AWS integration sends it;
#   product:  `serve --no-auth --quiet` (stage throttle raised to 100000/s), POSTed /counters/wrk/increment {"by":1}.
# Both are separate JVMs driven by wrk (-t2 -c16 by default) on one counter each; both are warmed (--warmup s each),
# then --rounds rounds of floor, product (and baseline) --duration s each, back to back. The ratio is the median
# product req/s over the median floor req/s. CPU per request is each server process's user+sys time over the
# measured window (/proc/<pid>/stat), divided by its requests.
#
# The breakdown: a JFR recording (settings=profile) of one more --duration window of the product, its CPU samples
# split by pipeline stage (scripts/jfr-breakdown.py), scaled to the process's user CPU per request.
#
# --baseline DIR runs a second product from another checkout (compiled there) in the same rounds, e.g. the code
# before a change: `BEFORE=$(mktemp -d); git archive <commit> | tar -x -C "$BEFORE"`, then `--baseline "$BEFORE"`.
#
#   scripts/wrk-ratio.sh                                  # 30 s warm-up, 2 rounds of 20 s
#   scripts/wrk-ratio.sh --duration 15 --rounds 3 --baseline "$BEFORE"
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20
WARMUP=30
ROUNDS=2
CONNECTIONS=16
THREADS=2
BASELINE=""
BREAKDOWN=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --no-breakdown) BREAKDOWN=0; shift ;;
    *) echo "usage: scripts/wrk-ratio.sh [--duration S] [--warmup S] [--rounds N] [--connections C]" \
         "[--threads T] [--baseline DIR] [--no-breakdown]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 2; }

classpath() {  # $1: a checkout; compiles it and prints its runtime class path
  (cd "$1" && mvn -B -q compile && if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
     mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt; fi) >&2
  echo "$(cd "$1" && pwd)/target/classes:$(cat "$1/target/cp.txt")"
}
CP=$(classpath .)
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

await() {  # $1: log file, $2: line regex, $3: pid -> prints the first match
  for _ in $(seq 1 600); do
    local line; line=$(grep -m1 -E "$2" "$1" || true)
    if [ -n "$line" ]; then echo "$line"; return 0; fi
    kill -0 "$3" 2>/dev/null || { cat "$1" >&2; echo "the server exited" >&2; return 1; }
    sleep 0.5
  done
  cat "$1" >&2; echo "the server did not start" >&2; return 1
}

CONTEXT=(-c throttleRate=100000 -c throttleBurst=100000)
java ${JAVA_OPTS:-} -cp "$CP" io.github.atomiccounters.bench.FloorServer --body "$WORK/floor.json" \
  --counter wrk-floor "${CONTEXT[@]}" >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!; PIDS+=("$FLOOR_PID")
FLOOR_URL=$(await "$WORK/floor.log" '^floor http://' "$FLOOR_PID" | awk '{print $2}')

start_serve() {  # $1: checkout, $2: class path, $3: name; sets SERVE_PID (not in a subshell: cleanup must see it)
  (cd "$1" && exec java ${JAVA_OPTS:-} -cp "$2" io.github.atomiccounters.cli.Main serve --port 0 --no-auth --quiet \
     "${CONTEXT[@]}") >"$WORK/$3.log" 2>&1 &
  SERVE_PID=$!
  PIDS+=("$SERVE_PID")
}
start_serve . "$CP" product
PRODUCT_PID=$SERVE_PID
PRODUCT_URL=$(await "$WORK/product.log" '^http://[0-9.]+:[0-9]+/[^ ]+$' "$PRODUCT_PID")
SIDES=(floor product)
if [ -n "$BASELINE" ]; then
  BASE_CP=$(classpath "$BASELINE")
  start_serve "$BASELINE" "$BASE_CP" baseline
  BASELINE_PID=$SERVE_PID
  BASELINE_URL=$(await "$WORK/baseline.log" '^http://[0-9.]+:[0-9]+/[^ ]+$' "$BASELINE_PID")
  SIDES+=(baseline)
fi

cat >"$WORK/floor.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.UpdateItem"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=$(printf '0%.0s' $(seq 1 64))"
local f = io.open("$WORK/floor.json", "r")
wrk.body = f:read("*a")
f:close()
EOF
cat >"$WORK/product.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"by":1}'
EOF

url_of() { case "$1" in floor) echo "$FLOOR_URL/" ;; product) echo "$PRODUCT_URL/counters/wrk/increment" ;;
  baseline) echo "$BASELINE_URL/counters/wrk/increment" ;; esac; }
pid_of() { case "$1" in floor) echo "$FLOOR_PID" ;; product) echo "$PRODUCT_PID" ;; baseline) echo "$BASELINE_PID" ;; esac; }
lua_of() { [ "$1" = floor ] && echo "$WORK/floor.lua" || echo "$WORK/product.lua"; }
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15, $14}' "/proc/$1/stat"; }  # user+sys, user (ticks)

run() {  # $1: side, $2: seconds -> "req/s cpu_us_per_req user_us_per_req non2xx"
  local pid; pid=$(pid_of "$1")
  read -r c0 u0 <<<"$(cpu "$pid")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$(lua_of "$1")" "$(url_of "$1")" >"$WORK/wrk.out" 2>&1
  read -r c1 u1 <<<"$(cpu "$pid")"
  local rps requests bad
  rps=$(awk '/^Requests\/sec:/{print $2}' "$WORK/wrk.out")
  requests=$(awk '/requests in/{print $1}' "$WORK/wrk.out")
  bad=$(awk '/Non-2xx or 3xx responses:/{print $5}' "$WORK/wrk.out")
  [ -n "$rps" ] || { cat "$WORK/wrk.out" >&2; return 1; }
  awk -v r="$rps" -v n="$requests" -v c=$((c1 - c0)) -v u=$((u1 - u0)) -v t="$TICKS" -v b="${bad:-0}" \
    'BEGIN { printf "%.0f %.0f %.0f %d\n", r, c / t * 1e6 / n, u / t * 1e6 / n, b }'
}

echo "[wrk] load before: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS; floor $FLOOR_URL," \
  "product $PRODUCT_URL${BASELINE:+, baseline $BASELINE_URL ($BASELINE)}"
for side in "${SIDES[@]}"; do
  run "$side" "$WARMUP" >/dev/null
  echo "[wrk] warmed $side for ${WARMUP}s"
done
declare -A RPS CPU USER
echo "| round | side | req/s | CPU us/req (user+sys) | user us/req | non-2xx |"
echo "|---:|---|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  for side in "${SIDES[@]}"; do
    read -r rps c u bad <<<"$(run "$side" "$DURATION")"
    RPS[$side]="${RPS[$side]:-} $rps"; CPU[$side]="${CPU[$side]:-} $c"; USER[$side]="${USER[$side]:-} $u"
    echo "| $round | $side | $rps | $c | $u | $bad |"
    [ "$bad" = 0 ] || { echo "$side answered $bad non-2xx responses" >&2; exit 1; }
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
F=$(echo "${RPS[floor]}" | median)
for side in "${SIDES[@]}"; do
  [ "$side" = floor ] && continue
  P=$(echo "${RPS[$side]}" | median)
  awk -v p="$P" -v f="$F" -v s="$side" -v cp="$(echo "${CPU[$side]}" | median)" \
    -v cf="$(echo "${CPU[floor]}" | median)" \
    'BEGIN { printf "[wrk] %s / floor = %.0f / %.0f req/s = %.2f (median of rounds); CPU per request %s %.0f us, floor %.0f us\n", s, p, f, p / f, s, cp, cf }'
done
echo "[wrk] load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$BREAKDOWN" = 1 ]; then
  for side in "${SIDES[@]}"; do
    [ "$side" = floor ] && continue
    pid=$(pid_of "$side")
    jcmd "$pid" JFR.start name=stages settings=profile >/dev/null
    read -r rps c u bad <<<"$(run "$side" "$DURATION")"
    jcmd "$pid" JFR.stop name=stages filename="$WORK/$side.jfr" >/dev/null
    echo
    echo "[wrk] breakdown of $side: $rps req/s under JFR, CPU $c us/req (user $u us)"
    jfr print --events jdk.ExecutionSample --stack-depth 96 "$WORK/$side.jfr" \
      | python3 scripts/jfr-breakdown.py --user-us-per-request "$u"
  done
fi
