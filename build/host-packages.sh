#!/usr/bin/env bash
# Checks (and, as root, installs) the Debian packages Canopy needs. --for-tests adds what the test suite uses.
# Fedora: dnf install gjs ostree-libs ostree (runtime); rpm-build sqlite gnupg2 polkit dbus-daemon chromium appstream
# desktop-file-utils (tests).
set -euo pipefail
runtime=(gjs gir1.2-ostree-1.0 ostree)
tests=(ostree-tests gnupg e2fsprogs rpm dpkg-dev sqlite3 polkitd pkexec dbus chromium appstream desktop-file-utils)
wanted=("${runtime[@]}")
[ "${1:-}" = "--for-tests" ] && wanted+=("${tests[@]}")

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null | grep -q '^ii' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || echo "apt-get update reported a problem; trying the install anyway" >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
