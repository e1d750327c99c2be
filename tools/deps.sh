#!/usr/bin/env bash
# Installs the Debian 12 packages aidcsim needs, only those missing. Sourced by tools/quickstart and
# tools/test. Needs root (or sudo) only when something is missing.
AIDC_PACKAGES=(
  cmake g++ make pkg-config
  libboost-graph-dev libeigen3-dev libtbb-dev libyaml-cpp-dev
  libhdf5-dev hdf5-tools libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-h5py python3-numpy python3-yaml
  libopenmpi-dev openmpi-bin
  chromium
  clang-14 libclang-rt-14-dev
  jupyter-nbconvert python3-nbconvert python3-ipykernel python3-matplotlib
)

aidc_install_deps() {
  local missing=()
  local p
  for p in "${AIDC_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "aidcsim: installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || true
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
