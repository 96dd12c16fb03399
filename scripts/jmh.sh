#!/usr/bin/env bash
# JMH micro-benchmarks of the local runtime's pure stages (src/main/java/io/github/atomiccounters/bench/jmh/).
# Compiles (the JMH annotation processor generates the benchmark code), writes the runtime classpath once to
# target/cp.txt, then runs JMH with any arguments given, e.g.:
#   scripts/jmh.sh -f 1 -wi 2 -i 3                       # all benchmarks, short
#   scripts/jmh.sh TemplateRenderBenchmark -p route=increment
#   scripts/jmh.sh -l                                    # list them
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java -cp "target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main "$@"
