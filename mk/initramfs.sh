#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guest's initramfs: static busybox, the guest scripts and
# the static test programs.
#
# Usage: mk/initramfs.sh OUT.cpio.gz PROGRAM...

set -euo pipefail

out=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
busybox=/bin/busybox
[ -x "$busybox" ] && file_is_static=$(ldd "$busybox" 2>&1 | grep -c 'not a dynamic') || true
if [ "${file_is_static:-0}" = 0 ]; then
	echo "initramfs: Failed to find a static busybox at \"$busybox\": install busybox-static" >&2
	exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,tests,etc,root}
cp "$busybox" "$root/bin/busybox"
cp "$top/tests/guest/init" "$root/init"
cp "$top/tests/guest/run-tests" "$root/run-tests"
cp "$top/tests/guest/demo" "$root/demo"
for p in "$@"; do
	cp "$p" "$root/tests/"
done
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
