#!/usr/bin/env bash
# Short fuzzing bursts for every Jazzer @FuzzTest in the repository (DESIGN.md, CI budget: 10 s per
# target from one script). Plain `mvn verify` only replays each target's committed corpus; this script
# really fuzzes each target once, in its own JVM (Jazzer fuzzes one @FuzzTest per run).
#
#   bash testvectors/fuzz/fuzz-bursts.sh [seconds per target, default 10]
#
# Each target is one Maven/Surefire run with JAZZER_FUZZ=1 (Jazzer fuzzes one @FuzzTest per JVM); the
# build is already compiled by the test command, so a run costs Maven's start-up plus the burst.
# A finding fails the script (Jazzer writes the crashing input under the module's test resources).
set -uo pipefail

SECONDS_PER_TARGET="${1:-10}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}" || exit 1
WORK="${ROOT}/testvectors/target/fuzz"
mkdir -p "${WORK}"

failed=0
targets=0
total_start=$(date +%s)
while IFS= read -r file; do
  module="${file%%/src/test/java/*}"
  class="${file#*/src/test/java/}"; class="${class%.java}"; class="${class//\//.}"
  # Every method annotated @FuzzTest (the next method declaration after the annotation).
  mapfile -t methods < <(awk '/@FuzzTest/{f=1;next} f && /void [A-Za-z0-9_]+\(/{match($0,/void [A-Za-z0-9_]+\(/); print substr($0,RSTART+5,RLENGTH-6); f=0}' "${file}")
  for m in "${methods[@]}"; do
    targets=$((targets + 1))
    t0=$(date +%s)
    log="${WORK}/${class}.${m}.log"
    JAZZER_FUZZ=1 mvn -B -o -pl "${module}" -am test -Dtest="${class}#${m}" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${SECONDS_PER_TARGET}s" -Denforcer.skip=true > "${log}" 2>&1
    rc=$?
    runs=$(grep -oE 'Done [0-9]+ runs' "${log}" | tail -1)
    if [[ ${rc} -ne 0 || -z "${runs}" ]]; then
      failed=$((failed + 1))
      echo "FAIL ${class}#${m} ($(($(date +%s) - t0)) s): see ${log}"
      grep -E "ERROR|==|Exception|DEDUP" "${log}" | head -20
    else
      echo "ok   ${class}#${m} ($(($(date +%s) - t0)) s, ${runs})"
    fi
  done
done < <(grep -rl --include='*.java' '@FuzzTest' -- */src/test/java | sort)

echo "== fuzz bursts: ${targets} targets in $(($(date +%s) - total_start)) s"
echo "fuzz: $((targets - failed)) passed, ${failed} failed"
[[ ${targets} -gt 0 && ${failed} -eq 0 ]]
