# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0-only
#
# TAP helpers of the shell tests, host and guest (POSIX sh).  A test calls
# tap_no_args "$@", then ok/not_ok/expect, then tap_end, which prints the
# plan and sets the exit status.

tap_n=0
tap_failed=0

# tap_no_args ARG...: the tests take no arguments; given any, print the
# usage and exit 2.
tap_no_args() {
	if [ $# -ne 0 ]; then
		echo "usage: ${0##*/} (no arguments; prints TAP)" >&2
		exit 2
	fi
}

# ok NAME
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n $1"
}

# not_ok NAME [DETAIL...]: each DETAIL line is printed as a TAP comment.
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n $1"
	shift
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

# expect NAME WANT_RC PATTERN COMMAND...: COMMAND exits WANT_RC and its
# output (stdout and stderr) matches the extended regex PATTERN.
expect() {
	tap_name=$1 tap_want=$2 tap_pattern=$3
	shift 3
	tap_out=$("$@" 2>&1)
	tap_rc=$?
	if [ "$tap_rc" -eq "$tap_want" ] &&
		printf '%s\n' "$tap_out" | grep -qE -- "$tap_pattern"; then
		ok "$tap_name"
	else
		not_ok "$tap_name" "rc=$tap_rc (want $tap_want), want /$tap_pattern/ in:" "$tap_out"
	fi
}

# tap_end: the plan, and the exit status of the test.
tap_end() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
