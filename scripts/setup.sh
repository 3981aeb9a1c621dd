#!/usr/bin/env bash
# setup.sh: installs what a fresh Debian 12 machine lacks to build and test pyidl.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  cmake ninja-build g++            # the build
  antlr4 default-jre-headless      # the ANTLR 4.7.2 tool (Java) that generates the parser
  libantlr4-runtime-dev            # the ANTLR 4.9 C++ runtime the parser links against
  libfmt-dev catch2                # formatting; C++ unit tests (Catch2 v2)
  libdw-dev libelf-dev pkg-config  # elfutils, found with pkg-config: `pyidlc audit` reads ELF and DWARF
  pybind11-dev valgrind            # benchmarks: the pybind11 contender; callgrind instruction counts
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "setup: all build dependencies present"
