#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel style of the kernel-side sources: checkpatch.pl --strict clean and
# formatted by the kernel's .clang-format, one TAP line per file and check.
# Needs the unpacked tree (LINUX, for checkpatch.pl).  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
linux=${LINUX:-$top/build/linux}
checkpatch=$linux/scripts/checkpatch.pl
cd "$top" || exit 1

files=$(ls security/uringaudit/*.[ch] include/uapi/linux/uringaudit.h)
cfiles=$(ls security/uringaudit/*.[ch] include/uapi/linux/uringaudit.h tests/*.[ch] tests/host/*.c tools/uringaudit-ctl/*.[ch] 2>/dev/null)

if [ ! -f "$checkpatch" ]; then
	echo "Bail out! Failed to find \"$checkpatch\": run make source first"
	exit 1
fi
if ! command -v clang-format >/dev/null; then
	echo "Bail out! Failed to find \"clang-format\": run make deps"
	exit 1
fi

# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"
# Checked file by file (-f), checkpatch sees no patch to kernel-parameters.txt
# and so reports every __setup() as undocumented: make apply adds the entry.
for f in $files; do
	out=$(perl "$checkpatch" --no-tree --strict --terse --show-types -f "$f" 2>&1 |
		grep -v '^total:' | grep -vE 'SPDX_LICENSE_TAG.*uapi|__setup appears un-documented')
	if [ -z "$out" ]; then
		ok "checkpatch --strict $f"
	else
		not_ok "checkpatch --strict $f" "$out"
	fi
done
for f in $cfiles; do
	if out=$(clang-format --style=file "$f" | diff -u "$f" - 2>&1); then
		ok "clang-format $f"
	else
		not_ok "clang-format $f" "$(echo "$out" | head -n 20)"
	fi
done
tap_end
