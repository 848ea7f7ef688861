#!/usr/bin/env bash
# Short fuzzing bursts for every Jazzer @FuzzTest in the repository (DESIGN.md, CI budget: 10 s per
# target from one script, fuzz phase ≤ 5 min). Plain `mvn verify` only replays each target's committed
# corpus; this script really fuzzes each target once, in its own JVM (Jazzer fuzzes one @FuzzTest per JVM).
#
#   bash testvectors/fuzz/fuzz-bursts.sh [seconds per target, default 10] [parallel JVMs, default 2]
#
# One Maven run computes each module's test classpath (after test-compile, reactor siblings resolve to
# their target/classes); then every target is a plain `java ... FuzzBurst.java CLASS METHOD` with
# JAZZER_FUZZ=1, run from its module's directory so that Jazzer writes a crashing input under that
# module's test resources, as under Surefire. A finding fails the script.
set -uo pipefail

SECONDS_PER_TARGET="${1:-${SOTTO_FUZZ_SECONDS:-10}}"
PARALLEL="${2:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}" || exit 1
WORK="${ROOT}/testvectors/target/fuzz"
mkdir -p "${WORK}"
total_start=$(date +%s)

mapfile -t files < <(grep -rl --include='*.java' '@FuzzTest' -- */src/test/java | sort)
mapfile -t modules < <(printf '%s\n' "${files[@]}" | sed 's#/src/test/java/.*##' | sort -u)
modules_csv=$(IFS=,; echo "${modules[*]}")

if ! mvn -B -q -pl "${modules_csv}" -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt -Denforcer.skip=true \
    > "${WORK}/classpath.log" 2>&1; then
  echo "FAIL could not compute the test classpaths: see ${WORK}/classpath.log"
  tail -20 "${WORK}/classpath.log"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi

# The JVM flags every launch needs (Chronicle on 17, no analytics), as Surefire's argLine.
JVM_FLAGS=$(sed -n 's#.*<sotto.jvm.flags>\(.*\)</sotto.jvm.flags>.*#\1#p' pom.xml)

# One line per target: module class method
list="${WORK}/targets.txt"
: > "${list}"
for file in "${files[@]}"; do
  module="${file%%/src/test/java/*}"
  class="${file#*/src/test/java/}"; class="${class%.java}"; class="${class//\//.}"
  # Every method annotated @FuzzTest (the next method declaration after the annotation).
  awk -v mod="${module}" -v cls="${class}" '/@FuzzTest/{f=1;next} f && /void [A-Za-z0-9_]+\(/{match($0,/void [A-Za-z0-9_]+\(/); print mod, cls, substr($0,RSTART+5,RLENGTH-6); f=0}' "${file}" >> "${list}"
done

run_one() {
  local module="$1" class="$2" m="$3"
  local log="${WORK}/${class}.${m}.log" t0 rc runs cp
  t0=$(date +%s)
  cp="${ROOT}/${module}/target/test-classes:${ROOT}/${module}/target/classes:$(cat "${ROOT}/${module}/target/fuzz-classpath.txt")"
  # shellcheck disable=SC2086
  (cd "${ROOT}/${module}" && JAZZER_FUZZ=1 timeout $((SECONDS_PER_TARGET + 300)) \
      java ${JVM_FLAGS} -Djazzer.max_duration="${SECONDS_PER_TARGET}s" -cp "${cp}" \
      "${ROOT}/testvectors/fuzz/FuzzBurst.java" "${class}" "${m}") > "${log}" 2>&1
  rc=$?
  runs=$(grep -oE 'Done [0-9]+ runs' "${log}" | tail -1)
  if [[ ${rc} -ne 0 || -z "${runs}" ]]; then
    echo "FAIL ${class}#${m} ($(($(date +%s) - t0)) s, exit ${rc}): see ${log}"
    grep -E "==|Exception|DEDUP|Base64|MethodSource|=>" "${log}" | head -20
  else
    echo "ok   ${class}#${m} ($(($(date +%s) - t0)) s, ${runs})"
  fi
}
export -f run_one
export ROOT WORK SECONDS_PER_TARGET JVM_FLAGS

results="${WORK}/results.txt"
xargs -P "${PARALLEL}" -L 1 bash -c 'run_one "$@"' _ < "${list}" | tee "${results}"

targets=$(wc -l < "${list}")
failed=$(grep -c '^FAIL' "${results}")
echo "== fuzz bursts: ${targets} targets in $(($(date +%s) - total_start)) s (${PARALLEL} at a time)"
echo "fuzz: $((targets - failed)) passed, ${failed} failed"
[[ ${targets} -gt 0 && ${failed} -eq 0 ]]
