#!/usr/bin/env bash
# The test command (README): installs what is missing, starts every interop peer, runs the whole
# build with its tests under Xvfb, and stops every peer on exit, whatever happens.
#
#   bash testvectors/peers/test-all.sh [extra mvn arguments...]
#
# The exit code is Maven's. With SOTTO_REQUIRE_PEERS=1 (CI) a peer test that cannot reach its
# peer fails instead of being skipped. Each phase prints its wall time: "== phase install: 1 s".
set -uo pipefail

PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${PEERS_DIR}/../.." && pwd)"
cd "${ROOT}" || exit 1

for tool in java mvn; do
  if ! command -v "${tool}" >/dev/null 2>&1; then
    echo "test-all.sh: '${tool}' is not on the PATH: this build needs a JDK 17 (java) and Maven 3.8+ (mvn)" >&2
    exit 127
  fi
done

phase() { echo "== phase $1: $(($(date +%s) - $2)) s"; }

# shellcheck disable=SC2317 # called by the EXIT trap
stop_peers() {
  bash "${PEERS_DIR}/peers.sh" stop || echo "test-all.sh: stopping the peers failed" >&2
}
trap stop_peers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$(date +%s)
bash "${PEERS_DIR}/peers.sh" install || { rc=$?; echo "test-all.sh: install failed" >&2; exit "${rc}"; }
phase install "${t0}"

# Started here so every module's integration tests find them; the peers profile of testvectors
# starts them again (reusing the running instances) and stops them after its own tests.
t0=$(date +%s)
bash "${PEERS_DIR}/peers.sh" start || { rc=$?; echo "test-all.sh: starting the peers failed" >&2; exit "${rc}"; }
phase peers "${t0}"

# 24-bit screen: xvfb-run's default depth of 8 bits is not what Swing's look and feel expects.
t0=$(date +%s)
xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" mvn -B -Ppeers verify "$@"
rc=$?
echo # Maven leaves a colour reset without a newline on its last line
phase build+tests "${t0}"

# Short fuzzing bursts (DESIGN.md, CI budget): every @FuzzTest for SOTTO_FUZZ_SECONDS (default 10) each.
# The peers are not needed for them; a finding fails the run. SOTTO_FUZZ_SECONDS=0 skips the bursts.
if [[ ${rc} -eq 0 && "${SOTTO_FUZZ_SECONDS:-10}" != "0" ]]; then
  t0=$(date +%s)
  bash "${ROOT}/testvectors/fuzz/fuzz-bursts.sh" "${SOTTO_FUZZ_SECONDS:-10}"
  rc=$?
  phase fuzz "${t0}"
fi
exit "${rc}"
