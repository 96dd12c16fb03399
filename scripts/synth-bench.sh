#!/usr/bin/env bash
# Synthesis time of the project's app vs a one-resource CDK Java app, each in a fresh JVM (see SynthBench).
#   scripts/synth-bench.sh              # 3 rounds (+ one discarded warm-up run)
#   scripts/synth-bench.sh --runs 5 --no-nag
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java -cp "target/classes:$(cat target/cp.txt)" io.github.atomiccounters.bench.SynthBench "$@"
