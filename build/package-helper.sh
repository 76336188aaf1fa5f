#!/usr/bin/env bash
# Builds the canopy-helper system package as a .deb (dpkg-deb) and an .rpm (rpmbuild) from one staged install.
#   build/package-helper.sh [--out DIR]    (default: dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist
[ "${1:-}" = "--out" ] && out=$2
mkdir -p "$out"
out=$(realpath "$out")
version=$(node -p "require('./package.json').version")
[ -f dist/helper/engine.js ] || node build/bundle.mjs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/stage
bash build/install-helper.sh --prefix /usr --destdir "$stage"

deb=$work/deb
cp -a "$stage" "$deb"
mkdir -p "$deb/DEBIAN"
sed "s/@VERSION@/$version/" build/packaging/canopy-helper.control.in > "$deb/DEBIAN/control"
echo /etc/canopy/helper.conf > "$deb/DEBIAN/conffiles"
chmod 0644 "$deb/DEBIAN/control" "$deb/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zgzip --build "$deb" "$out/canopy-helper_${version}_all.deb" >/dev/null

rpmbuild -bb --quiet \
  --define "_topdir $work/rpm" --define "stagedir $stage" --define "version $version" \
  --define "_rpmdir $out" --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  build/packaging/canopy-helper.spec
echo "$out/canopy-helper_${version}_all.deb"
echo "$out/canopy-helper-${version}-1.noarch.rpm"
