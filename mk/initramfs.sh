#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guest's initramfs: static busybox, the guest scripts and
# the static test programs (and any other file given, such as the
# policies of the stacking tests), which go to /tests.
#
# Usage: mk/initramfs.sh OUT.cpio.gz FILE...
# Exit codes: 0 written, 1 failed, 2 usage error.

set -euo pipefail

if [ $# -lt 1 ]; then
	echo "usage: ${0##*/} OUT.cpio.gz FILE..." >&2
	exit 2
fi
out=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
busybox=/bin/busybox
# ldd fails on a static binary, and says so.
linkage=$(ldd "$busybox" 2>&1) || true
if [ ! -x "$busybox" ] || [[ $linkage != *"not a dynamic"* ]]; then
	echo "initramfs: Failed to find a static busybox at \"$busybox\": install busybox-static" >&2
	exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,tests,etc,root}
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
cp "$top/tests/guest/init" "$root/init"
cp "$top/tests/guest/run-tests" "$root/run-tests"
cp "$top/tests/guest/demo" "$root/demo"
for p in "$@"; do
	cp "$p" "$root/tests/"
done
# Shell tests of the guest, and their TAP helpers.
for t in auditd_test ctl_test ctl_lock_test learn_test fleet_node; do
	cp "$top/tests/guest/$t" "$root/tests/"
done
# The fleet boot's configuration: the examples an administrator installs.
mkdir -p "$root/tests/fleet"
cp "$top"/examples/fleet/*.conf "$top"/examples/ansible/fleet.policy "$root/tests/fleet/"
cp "$top/tests/tap.sh" "$root/tests/"

# Debian's audit userspace, with the libraries it links, for auditd_test;
# audisp-remote (audispd-plugins) for the fleet boot.
for bin in /sbin/auditd /sbin/auditctl /sbin/ausearch /sbin/audisp-remote; do
	[ -x "$bin" ] || continue
	for f in "$bin" $(ldd "$bin" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$f")"
		cp -L "$f" "$root$f"
	done
done
if [ -f /etc/audit/auditd.conf ]; then
	mkdir -p "$root/etc/audit/plugins.d" "$root/var/log/audit"
	# Debian's configuration, less what a test guest has no use for.
	sed -e 's/^\(space_left_action\|admin_space_left_action\|disk_full_action\|disk_error_action\) *=.*/\1 = ignore/' \
		-e 's/^log_group *=.*/log_group = root/' -e 's/^flush *=.*/flush = incremental_async/' -e 's/^freq *=.*/freq = 1/' \
		/etc/audit/auditd.conf >"$root/etc/audit/auditd.conf"
	chmod 0640 "$root/etc/audit/auditd.conf"
fi
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
