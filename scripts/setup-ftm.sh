#!/usr/bin/env bash
# Install the `ftm` extra (FollowTheMoney export) into .venv. followthemoney needs PyICU,
# which pip builds from source against Debian's ICU: libicu-dev, pkg-config and g++ are
# installed first when missing (as root, as on CI). The build takes about a minute, once.
# Idempotent: a second run only checks the stamp.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for pkg in libicu-dev pkg-config g++; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-ftm: missing ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
stamp=.venv/.sijill-ftm-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,ftm]'
  touch "$stamp"
fi
