#!/usr/bin/env bash
# Installs the Debian packages the interop peers and the test run need, once.
#
# Idempotent and fast when everything is present: one dpkg-query, no network. When something
# is missing it runs `apt-get update` once and installs only what is missing (as root, else
# through sudo). Usage: bash testvectors/peers/install.sh
set -euo pipefail

# Peers (DESIGN.md "Real peers, not mocks" and "C test peers"), the C toolchain for the
# native test peers, tshark for the pcap checks, Xvfb for the UI tests (xauth is what
# xvfb-run needs to run a server) and openssl for the peers' certificates. Recommended
# packages are installed too: gcc needs libc6-dev, Prosody wants lua-unbound and lua-event.
PACKAGES=(
  prosody
  gcc libc6-dev make pkg-config
  libotr5-dev libotr5-bin
  libsrtp2-dev
  libbzrtp-dev
  tshark
  xvfb xauth
  libv4l-0
  openssl
)

missing=()
# One dpkg-query for all packages. Unknown packages print nothing on stdout, and packages left
# with only their config files ("deinstall ok config-files") count as missing.
installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)"
for pkg in "${PACKAGES[@]}"; do
  if ! grep -qx "${pkg} install ok installed" <<<"${installed}"; then
    missing+=("${pkg}")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install.sh: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if ((EUID == 0)); then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install.sh: missing packages: ${missing[*]}" >&2
  echo "install.sh: not root and no sudo: install them as root with apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "install.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; we only read pcap files (tshark -r).
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${SUDO[@]}" debconf-set-selections
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"

# Verify, so a half-done install fails here rather than as a confusing test failure later.
still_missing=()
for pkg in "${missing[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null || true)" != "install ok installed" ]]; then
    still_missing+=("${pkg}")
  fi
done
if ((${#still_missing[@]} > 0)); then
  echo "install.sh: still missing after apt-get install: ${still_missing[*]}" >&2
  exit 1
fi
echo "install.sh: installed ${missing[*]}"
