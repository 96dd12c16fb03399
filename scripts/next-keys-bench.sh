#!/usr/bin/env bash
# What remembering Idempotency-Keys costs next: keyed vs plain next latency and write units, for sequences that
# already remember 0..4,000 keys (see NextKeysBench).
#   scripts/next-keys-bench.sh                       # 300 calls of each per row
#   scripts/next-keys-bench.sh --calls 500 --keys 0,1000,4000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java -cp "target/classes:$(cat target/cp.txt)" io.github.atomiccounters.bench.NextKeysBench "$@"
