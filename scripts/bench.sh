#!/usr/bin/env bash
# The 'bench' command without the CLI jar: floor (bare DynamoDB Local) vs product (local runtime) in one run.
#   scripts/bench.sh --concurrency 1,4,16,64 --duration 10s --warmup 3s --json target/bench.json --chart target/bench.png
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java -cp "target/classes:$(cat target/cp.txt)" io.github.atomiccounters.bench.BenchCommand "$@"
