#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make profile's parts that need no guest: the TCG plugin builds with
# -Wall -Wextra -Werror and exports what QEMU looks for; the report turns
# instruction counts into instructions per op and function, largest
# difference first, and refuses bad arguments.  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
report=$top/mk/profile-report.pl

if "${CC:-cc}" -shared -fPIC -O2 -Wall -Wextra -Werror \
	-o "$tmp/insncount.so" "$top/mk/insncount.c" 2>"$tmp/cc.err"; then
	ok "mk/insncount.c builds with -Wall -Wextra -Werror"
else
	not_ok "mk/insncount.c builds with -Wall -Wextra -Werror" "$(cat "$tmp/cc.err")"
fi
syms=$(nm -D --defined-only "$tmp/insncount.so" 2>/dev/null)
if grep -q ' qemu_plugin_install$' <<<"$syms" &&
	grep -q ' qemu_plugin_version$' <<<"$syms"; then
	ok "the plugin exports qemu_plugin_install and qemu_plugin_version"
else
	not_ok "the plugin exports qemu_plugin_install and qemu_plugin_version" "$syms"
fi

# Three functions; "b" costs 30 more per op, "a" 10 fewer, "c" the same.
cat >"$tmp/syms" <<'SYMS'
ffffffff81000000 T a
ffffffff81000010 t b
ffffffff81000020 T c
ffffffff81000030 D data
SYMS
cat >"$tmp/base" <<'COUNTS'
ffffffff81000000 100
ffffffff81000004 100
ffffffff81000010 50
ffffffff81000020 70
COUNTS
cat >"$tmp/more" <<'COUNTS'
ffffffff81000000 80
ffffffff81000004 80
ffffffff81000010 200
ffffffff81000018 200
ffffffff81000020 70
COUNTS
out=$(perl "$report" "$tmp/syms" "$tmp/base" "$tmp/more" 10 5 2>&1)
want='+31.0 instructions per op in all (10 ops)
     +35.0  b
      -4.0  a
      +0.0  c'
if [ "$out" = "$want" ]; then
	ok "the report gives instructions per op and function, largest first"
else
	not_ok "the report gives instructions per op and function, largest first" "$out"
fi
out=$(perl "$report" "$tmp/syms" "$tmp/base" "$tmp/more" 10 1 2>&1)
if [ "$(wc -l <<<"$out")" -eq 2 ] && grep -q '^ *+35.0  b$' <<<"$out"; then
	ok "the report lists TOP functions"
else
	not_ok "the report lists TOP functions" "$out"
fi

expect "the report refuses a count of ops that is not a number" 2 '^usage: ' \
	perl "$report" "$tmp/syms" "$tmp/base" "$tmp/more" ten 5
expect "the report says which file it could not read" 1 \
	'Failed to open ".*/missing"' \
	perl "$report" "$tmp/syms" "$tmp/missing" "$tmp/more" 10 5
expect "make profile refuses phase 1 as a configuration" 2 \
	'"none" is phase 1' \
	"$top/mk/profile.sh" "$tmp/syms" "$tmp/syms" "$tmp/syms" read_inline none paths64 "$tmp/out"
tap_end
