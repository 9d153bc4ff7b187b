#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The policy fuzzer's seed corpus (with every input a past find added)
# still runs clean: one TAP line per input.  FUZZ is the fuzzer binary.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fuzz=${FUZZ:-$top/build/fuzz/policy_fuzz}
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

if [ ! -x "$fuzz" ]; then
	echo "Bail out! Failed to find \"$fuzz\": run make fuzz"
	exit 1
fi
for f in "$top"/tests/fuzz/corpus/*; do
	if out=$("$fuzz" "$f" 2>&1); then
		ok "fuzz input $(basename "$f")"
	else
		not_ok "fuzz input $(basename "$f")" "$(echo "$out" | tail -n 20)"
	fi
done
tap_end
