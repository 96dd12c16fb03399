#!/usr/bin/env bash
# Start-up of the local API (see StartupBench): `serve` as a process of its own on a cold, then a warm synthesis
# cache (JVM uptime when it is ready, launch to first answer, resident memory), and the JUnit fixture's runtime per
# test class in one fresh JVM.
#   scripts/startup-bench.sh                       # 1 cold + 5 warm serve starts, 5 test classes
#   scripts/startup-bench.sh --runs 3 --classes 8
# JAVA_OPTS is passed to the JVMs it starts (default: the heap of .mvn/jvm.config, as the README's serve runs).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile
if [[ ! -s target/cp.txt || pom.xml -nt target/cp.txt ]]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java ${JAVA_OPTS:-} -cp "target/classes:$(cat target/cp.txt)" io.github.atomiccounters.bench.StartupBench "$@"
