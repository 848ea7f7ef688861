#!/usr/bin/env bash
# Runs one action for every interop peer: each directory testvectors/peers/<name>/ that has a
# <name>.sh script is a peer (see prosody/prosody.sh for the contract).
#
#   bash testvectors/peers/peers.sh {install|start|stop|restart|status}
#
# install  installs the Debian packages (install.sh), then runs each peer's install step
# start    starts every peer; an instance already running with the same configuration is reused
# stop     stops every peer (in reverse order); a no-op for peers that are not running
# restart  stop, then start (fresh data)
# status   prints each peer's state; exit 3 when at least one is not running
#
# The peers write their ports and facts to testvectors/target/peers/peers.properties, which the
# test helper dev.sotto.vectors.peers.Peers reads (Maven passes its path as sotto.peers.file).
set -uo pipefail

PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

peer_scripts=()
for dir in "${PEERS_DIR}"/*/; do
  name="$(basename "${dir}")"
  [[ -f "${dir}${name}.sh" ]] && peer_scripts+=("${dir}${name}.sh")
done

run_all() {
  local action="$1" script rc=0
  shift
  for script in "$@"; do
    bash "${script}" "${action}" || rc=$?
    if ((rc != 0)) && [[ "${action}" == start ]]; then
      echo "peers.sh: $(basename "${script}") ${action} failed (exit ${rc})" >&2
      return "${rc}"
    fi
  done
  return "${rc}"
}

reversed() {
  local i
  for ((i = ${#peer_scripts[@]} - 1; i >= 0; i--)); do echo "${peer_scripts[i]}"; done
}

action="${1:-}"
case "${action}" in
  install)
    bash "${PEERS_DIR}/install.sh" || exit $?
    run_all install "${peer_scripts[@]}"
    ;;
  start)
    run_all start "${peer_scripts[@]}"
    ;;
  stop)
    mapfile -t backwards < <(reversed)
    rc=0
    # Keep going on failure: every peer gets its stop.
    for script in "${backwards[@]}"; do
      bash "${script}" stop || { rc=$?; echo "peers.sh: $(basename "${script}") stop failed (exit ${rc})" >&2; }
    done
    exit "${rc}"
    ;;
  restart)
    "${BASH}" "${BASH_SOURCE[0]}" stop
    run_all start "${peer_scripts[@]}"
    ;;
  status)
    rc=0
    for script in "${peer_scripts[@]}"; do
      bash "${script}" status || rc=$?
    done
    exit "${rc}"
    ;;
  *)
    echo "usage: $0 {install|start|stop|restart|status}" >&2
    exit 2
    ;;
esac
