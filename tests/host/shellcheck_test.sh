#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The shell scripts are shellcheck clean (Debian's shellcheck, every
# severity), one TAP line per script: mk/*.sh, the guest's scripts, the
# host tests and their TAP helpers.  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

if ! command -v shellcheck >/dev/null; then
	echo "Bail out! Failed to find \"shellcheck\": run make deps"
	exit 1
fi
for f in mk/*.sh tests/guest/* tests/host/*.sh tests/tap.sh; do
	# -x: follow the sourced tests/tap.sh, named relative to the top.
	if out=$(shellcheck -x "$f" 2>&1); then
		ok "shellcheck $f"
	else
		not_ok "shellcheck $f" "$out"
	fi
done
tap_end
