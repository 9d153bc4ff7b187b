#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian packages the build and the tests need, when missing.
# Usage: mk/deps.sh
# Exit codes: 0 all present, 1 installation failed, 2 usage error.

set -euo pipefail

if [ $# -ne 0 ]; then
	echo "usage: ${0##*/} (no arguments)" >&2
	exit 2
fi

pkgs="linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
cpio xz-utils perl ccache qemu-system-x86 busybox-static liburing-dev
auditd libauparse-dev libaudit-dev libcap-ng-dev libjson-c-dev jq clang-format
man-db clang libclang-rt-14-dev shellcheck checkpolicy apparmor
audispd-plugins iproute2 debhelper dpkg-dev lintian"

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || {
		echo "deps: Failed to install \"$missing\": not root and no sudo" >&2
		exit 1
	}
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || {
	echo "deps: Failed to run \"apt-get update\"" >&2
	exit 1
}
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "deps: Failed to install \"$missing\" with apt-get" >&2
	exit 1
}
