#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the Debian package of uringaudit-ctl with debhelper (debian/),
# outside the repository: the files it is built from are copied into
# OUT/uringaudit-VERSION/, dpkg-buildpackage writes
# OUT/uringaudit-ctl_VERSION_ARCH.deb, and lintian checks it at its
# default level (errors and warnings).
#
# Usage: mk/deb.sh OUT
# Exit codes: 0 built and lintian clean, 1 not, 2 usage error.

set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: ${0##*/} OUT" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1
version=$(cd "$top" && dpkg-parsechangelog -SVersion)
arch=$(dpkg --print-architecture)
src=$out/uringaudit-$version
deb=$out/uringaudit-ctl_${version}_$arch.deb

rm -rf "$src" "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo
mkdir -p "$src"
# What the controller is built from, and the package's own files.
(cd "$top" && tar -cf - debian tools/uringaudit-ctl security/uringaudit \
	include/uapi/linux/uringaudit.h examples) | tar -xf - -C "$src"
echo "  DEB     $deb"
if ! (cd "$src" && dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log"
	echo "deb: Failed to build \"$deb\": dpkg-buildpackage failed ($out/build.log)" >&2
	exit 1
fi
if [ ! -f "$deb" ]; then
	echo "deb: Failed to build \"$deb\": dpkg-buildpackage wrote no such file" >&2
	exit 1
fi
if ! command -v lintian >/dev/null; then
	echo "deb: Failed to check \"$deb\": no lintian (make deps)" >&2
	exit 1
fi
# Default level: errors and warnings fail the build.
rc=0
lint=$(lintian --fail-on error,warning "$out/uringaudit_${version}_$arch.changes" 2>&1) || rc=$?
lint=$(grep -v '^running with root privileges is not recommended' <<<"$lint" || true)
[ -z "$lint" ] || echo "$lint"
if [ "$rc" -ne 0 ]; then
	echo "deb: Failed to check \"$deb\": lintian (above)" >&2
	exit 1
fi
echo "  DEB     $deb: lintian clean"
