#!/usr/bin/env bash
# Installs the privileged helper the way the distribution packages do: the gjs engine bundle and a wrapper,
# root-owned at fixed paths, the polkit policy, and the config naming the sysroots besides / it may act on.
#   build/install-helper.sh [--prefix P] [--allow-sysroot DIR]... [--destdir D] [--uninstall]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=/usr
destdir=
uninstall=0
allowed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --allow-sysroot) allowed+=("$(realpath -m "$2")"); shift 2 ;;
    --destdir) destdir=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "install-helper.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
# Canopy looks for its helper only under these two, at fixed paths: a helper elsewhere would never be found.
case "$prefix" in /usr | /usr/local) ;; *) echo "install-helper.sh: --prefix must be /usr or /usr/local" >&2; exit 2 ;; esac
if [ "$prefix" = /usr ]; then sysconf=/etc; else sysconf=$prefix/etc; fi
libexec=$prefix/libexec/canopy
library=$prefix/lib/canopy
policy=/usr/share/polkit-1/actions/org.canopy.helper.policy

helper=$libexec/canopy-helper
# The policy file is one for every install: it names the helper polkit authorizes, and only that install owns it.
names_other_helper() { [ -f "$destdir$policy" ] && ! grep -q ">$helper<" "$destdir$policy"; }

if [ "$uninstall" = 1 ]; then
  names_other_helper || rm -f "$destdir$policy"
  rm -f "$destdir$helper" "$destdir$library/engine.js" "$destdir$sysconf/canopy/helper.conf"
  rmdir "$destdir$libexec" "$destdir$library" "$destdir$sysconf/canopy" 2>/dev/null || true
  exit 0
fi
[ -f dist/helper/engine.js ] || node build/bundle.mjs
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then echo "install-helper.sh: run as root" >&2; exit 1; fi
if names_other_helper; then
  echo "install-helper.sh: $policy names another helper ($(grep -o -m1 '>/[^<]*canopy-helper<' "$destdir$policy" | tr -d '<>')); uninstall that one first" >&2
  exit 1
fi
if [ -z "$destdir" ]; then
  # Everything on the way to what runs as root must be root's alone (/usr/local is group-writable on some systems).
  for dir in / /usr "$prefix" "$prefix/libexec" "$prefix/lib" "$(dirname "$sysconf")" "$sysconf"; do
    [ -d "$dir" ] || continue
    if [ "$(stat -c %u "$dir")" != 0 ] || [ $(( 0$(stat -c %a "$dir") & 022 )) -ne 0 ]; then
      echo "install-helper.sh: $dir must be owned by root and writable only by root" >&2
      exit 1
    fi
  done
fi

install -d -m 0755 "$destdir$libexec" "$destdir$library" "$destdir$sysconf/canopy" "$destdir$(dirname "$policy")"
install -m 0644 dist/helper/engine.js "$destdir$library/engine.js"
cat > "$destdir$helper.tmp" <<WRAPPER
#!/bin/sh
# Canopy's privileged helper, started by pkexec for one verb. Only root-owned files are loaded.
exec /usr/bin/gjs -m $library/engine.js --privileged --config $sysconf/canopy/helper.conf "\$1"
WRAPPER
install -m 0755 "$destdir$helper.tmp" "$destdir$helper"
rm -f "$destdir$helper.tmp"
sed "s|@HELPER@|$helper|" build/polkit/org.canopy.helper.policy.in > "$destdir$policy.tmp"
install -m 0644 "$destdir$policy.tmp" "$destdir$policy"
rm -f "$destdir$policy.tmp"
{
  echo "# Sysroots other than / that the Canopy helper may change. Only root may edit this file."
  echo "[helper]"
  echo "allowed-sysroots=$(IFS=';'; echo "${allowed[*]}")"
} > "$destdir$sysconf/canopy/helper.conf.tmp"
install -m 0644 "$destdir$sysconf/canopy/helper.conf.tmp" "$destdir$sysconf/canopy/helper.conf"
rm -f "$destdir$sysconf/canopy/helper.conf.tmp"
if [ -z "$destdir" ]; then chown -R root:root "$libexec" "$library" "$sysconf/canopy" "$policy"; fi
