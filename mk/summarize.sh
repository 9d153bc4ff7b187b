#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Read every log of a `make check` run and print one line per test, the
# problems found, and a closing line "N passed, M failed, K skipped".
#
# LOGS holds:
#   host-*.tap         host test programs (TAP between BEGIN/END markers)
#   boot*.status       how each boot ended (see mk/boot.sh)
#   boot*.console      its serial console: kernel messages and KUnit KTAP
#   boot*.out          its guest test programs (TAP between BEGIN/END markers)
#
# Usage: mk/summarize.sh LOGS
# Exit codes: 0 every test passed and nothing went wrong, 1 otherwise,
# 2 usage error.

set -uo pipefail
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: ${0##*/} LOGS (a directory)" >&2
	exit 2
fi
logs=$1
pass=0 fail=0 skip=0
failed_boots=

# tap_results NAME FILE: parse the TAP of programs framed by
# "### BEGIN prog" / "### END prog rc=N"; print "PASS|FAIL|SKIP name" lines.
tap_results() {
	awk -v where="$1" '
	function finish(   ok) {
		if (prog == "")
			return
		if (!ended)
			printf "FAIL %s/%s: ended without finishing (crash or hang)\n", where, prog
		else if (plan < 0)
			printf "FAIL %s/%s: printed no TAP plan\n", where, prog
		else if (seen != plan)
			printf "FAIL %s/%s: plan of %d tests, %d reported\n", where, prog, plan, seen
		else if (rc != 0 && nfail == 0)
			printf "FAIL %s/%s: exited %d with no failed test\n", where, prog, rc
		prog = ""
	}
	/^### BEGIN / { finish(); prog = $3; plan = -1; seen = 0; nfail = 0; ended = 0; rc = -1; next }
	/^### END / { ended = 1; rc = substr($4, 4) + 0; finish(); next }
	prog != "" && /^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; next }
	prog != "" && /^(not )?ok [0-9]+ / {
		seen++
		line = $0
		status = (line ~ /^not ok/) ? "FAIL" : "PASS"
		sub(/^(not )?ok [0-9]+ /, "", line)
		if (line ~ /# SKIP/) status = "SKIP"
		if (status == "FAIL") nfail++
		printf "%s %s/%s: %s\n", status, where, prog, line
	}
	END { finish() }
	' "$2"
}

# kunit_results NAME FILE: the KUnit cases of a console log.  Parametrised
# cases count once per parameter.
kunit_results() {
	sed -e 's/^\[[ 0-9.]*\] //' "$2" | awk -v where="$1" '
	/^        # Subtest: / { suite_case = $3; next }
	/^    # Subtest: / { suite = $3; children = 0; next }
	/^        (not )?ok [0-9]+ / {
		line = $0; sub(/^ *(not )?ok [0-9]+ /, "", line)
		status = ($0 ~ /not ok/) ? "FAIL" : "PASS"
		if (line ~ /# SKIP/) status = "SKIP"
		printf "%s %s/kunit/%s.%s: %s\n", status, where, suite, suite_case, line
		children = 1
		next
	}
	/^    (not )?ok [0-9]+ / {
		if (children) { children = 0; next }
		line = $0; sub(/^ *(not )?ok [0-9]+ /, "", line)
		status = ($0 ~ /not ok/) ? "FAIL" : "PASS"
		if (line ~ /# SKIP/) status = "SKIP"
		printf "%s %s/kunit/%s: %s\n", status, where, suite, line
		next
	}
	/^(not )?ok [0-9]+ / { suites_done++ }
	/^1\.\.[0-9]+$/ && !plan_seen { plan = substr($0, 4) + 0; plan_seen = 1 }
	END {
		if (plan_seen && suites_done != plan)
			printf "FAIL %s/kunit: plan of %d suites, %d finished\n", where, plan, suites_done
	}
	'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT

for f in "$logs"/host-*.tap; do
	[ -e "$f" ] || continue
	tap_results host "$f" >>"$results"
done

for st in "$logs"/boot*.status; do
	[ -e "$st" ] || continue
	b=$(basename "$st" .status)
	console=$logs/$b.console out=$logs/$b.out
	bad=0
	status=$(cat "$st")
	if [ "$status" != ok ]; then
		echo "FAIL $b: the guest did not shut down cleanly ($status)" >>"$results"
		bad=1
	fi
	if ! grep -q '^### uringaudit-guest-done' "$out" 2>/dev/null; then
		echo "FAIL $b: the guest never reached the end of its test run" >>"$results"
		bad=1
	fi
	splat=$(grep -E 'Kernel panic|BUG:|WARNING:|Oops|Call Trace:|UBSAN:|KASAN:|kmemleak:.*(suspected|unreferenced)|^unreferenced object|possible (recursive|circular) locking|suspicious RCU usage|INFO: task .* blocked' "$console" 2>/dev/null | head -n 3)
	if [ -n "$splat" ]; then
		while read -r l; do
			echo "FAIL $b: kernel splat: $l" >>"$results"
		done <<<"$splat"
		bad=1
	fi
	if grep -q 'ua.kmemleak=1' "$console" 2>/dev/null &&
		! grep -q '^### kmemleak report end' "$console"; then
		echo "FAIL $b: the kmemleak scan did not run" >>"$results"
		bad=1
	fi
	if grep -q 'KTAP version' "$console" 2>/dev/null; then
		kunit_results "$b" "$console" >>"$results"
	elif ! grep -q 'kunit.enable=0' "$console" 2>/dev/null; then
		echo "FAIL $b: KUnit did not run" >>"$results"
		bad=1
	fi
	[ -e "$out" ] && tap_results "$b" "$out" >>"$results"
	if grep -q "^FAIL $b" "$results"; then
		bad=1
	fi
	[ "$bad" -eq 1 ] && failed_boots="$failed_boots $b"
done

while read -r status rest; do
	case $status in
	PASS) pass=$((pass + 1)) ;;
	FAIL) fail=$((fail + 1)) ;;
	SKIP) skip=$((skip + 1)) ;;
	esac
	printf '  %-4s  %s\n' "$status" "$rest"
done <"$results"

for b in $failed_boots; do
	echo
	echo "---- last 40 lines of the console of $b ($logs/$b.console) ----"
	tail -n 40 "$logs/$b.console" 2>/dev/null
	echo "---- last 20 lines of its test output ($logs/$b.out) ----"
	tail -n 20 "$logs/$b.out" 2>/dev/null
done

if [ $((pass + fail)) -eq 0 ]; then
	echo "summarize: no test ran" >&2
	fail=1
fi
echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
