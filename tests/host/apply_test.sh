#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of mk/apply.sh (`make apply`): it wires a 6.12 tree with the
# io_uring LSM hook series (precise mode) or without it (--compat), a
# second run changes nothing, and it refuses trees it cannot handle without
# touching them.  Works on the files it edits, taken fresh from Debian's
# linux-source-6.12 tarball.  Prints TAP.

set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
apply=$top/mk/apply.sh
tarball=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
files="Makefile security/security.c security/Kconfig security/Makefile
include/uapi/linux/lsm.h include/uapi/linux/audit.h include/linux/lsm_count.h
tools/testing/selftests/lsm/lsm_list_modules_test.c
Documentation/admin-guide/kernel-parameters.txt
$(sed -n 's|^+++ b/||p' "$top"/patches/io_uring-lsm/0[0-9][0-9][1-9]-*.patch | LC_ALL=C sort -u | tr '\n' ' ')"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"

# snapshot DIR: content and mtime of every file, to compare trees.
snapshot() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | LC_ALL=C sort && find . -type f -exec md5sum {} + | LC_ALL=C sort); }


pristine=$work/pristine
mkdir -p "$pristine"
prefix=$(tar -tJf "$tarball" 2>/dev/null | head -n1 | cut -d/ -f1)
members=$(for f in $files; do printf '%s/%s\n' "$prefix" "$f"; done | LC_ALL=C sort -u | tr '\n' ' ')
# shellcheck disable=SC2086
if ! tar -xJf "$tarball" -C "$pristine" --strip-components=1 $members 2>"$work/tar.err"; then
	echo "Bail out! Failed to extract the files to test from \"$tarball\": $(head -n1 "$work/tar.err")"
	exit 1
fi

fresh() {
	rm -rf "$work/t"
	cp -a "$pristine" "$work/t"
}

# 1
fresh
if out=$("$apply" "$work/t" 2>&1) &&
	grep -q 'precise mode' <<<"$out" &&
	grep -qx 'source "security/uringaudit/Kconfig"' "$work/t/security/Kconfig" &&
	grep -q "^obj-\$(CONFIG_SECURITY_URINGAUDIT)[[:space:]]*+= uringaudit/\$" "$work/t/security/Makefile" &&
	grep -Eq '^#define LSM_ID_URINGAUDIT[[:space:]]+114$' "$work/t/include/uapi/linux/lsm.h" &&
	grep -q 'URINGAUDIT_ENABLED)$' "$work/t/include/linux/lsm_count.h" &&
	grep -q '^#define URINGAUDIT_ENABLED 1,$' "$work/t/include/linux/lsm_count.h" &&
	grep -q 'case LSM_ID_URINGAUDIT:' "$work/t/tools/testing/selftests/lsm/lsm_list_modules_test.c" &&
	grep -qx '	uringaudit.default=' "$work/t/Documentation/admin-guide/kernel-parameters.txt" &&
	grep -Eq '^#define AUDIT_URINGAUDIT[[:space:]]+1440[[:space:]]' "$work/t/include/uapi/linux/audit.h" &&
	grep -q 'uring_issue,' "$work/t/include/linux/lsm_hook_defs.h" &&
	cmp -s "$top/security/uringaudit/setup.c" "$work/t/security/uringaudit/setup.c" &&
	cmp -s "$top/include/uapi/linux/uringaudit.h" "$work/t/include/uapi/linux/uringaudit.h"; then
	ok "wires a fresh 6.12 tree"
else
	not_ok "wires a fresh 6.12 tree" "$out"
fi

# 2: every default of config LSM names uringaudit, right before bpf.
defaults=$(sed -n '/^config LSM$/,/^\thelp$/p' "$work/t/security/Kconfig" | grep -c '^	default "')
ours=$(sed -n '/^config LSM$/,/^\thelp$/p' "$work/t/security/Kconfig" | grep -c '^	default ".*,uringaudit,bpf"')
if [ "$defaults" -gt 0 ] && [ "$defaults" = "$ours" ]; then
	ok "adds uringaudit to all $defaults default LSM orders"
else
	not_ok "adds uringaudit to every default LSM order" "$ours of $defaults defaults"
fi

# 3
before=$(snapshot "$work/t")
out=$("$apply" "$work/t" 2>&1)
rc=$?
after=$(snapshot "$work/t")
if [ $rc -eq 0 ] && [ "$before" = "$after" ] && grep -q 'nothing changed' <<<"$out"; then
	ok "a second run changes nothing"
else
	not_ok "a second run changes nothing" "rc=$rc" "$out" "$(diff <(echo "$before") <(echo "$after") | head -n 5)"
fi

# 4: a stale file of ours is brought up to date, and only it.
echo "/* stale */" >>"$work/t/security/uringaudit/setup.c"
out=$("$apply" "$work/t" 2>&1)
if cmp -s "$top/security/uringaudit/setup.c" "$work/t/security/uringaudit/setup.c" &&
	[ "$(grep -c UPDATE <<<"$out")" = 1 ]; then
	ok "updates a changed source file and nothing else"
else
	not_ok "updates a changed source file and nothing else" "$out"
fi

# 5: another 6.12.x works the same.
fresh
sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 999/' "$work/t/Makefile"
if "$apply" "$work/t" >/dev/null 2>&1 && grep -q uringaudit "$work/t/security/Makefile"; then
	ok "wires any 6.12.x minor version"
else
	not_ok "wires any 6.12.x minor version"
fi

# refused CASE-NAME EXPECTED-MESSAGE: apply must exit 1, say why, and leave
# the tree exactly as it was.
refused() {
	local name=$1 want=$2 before after out rc

	before=$(snapshot "$work/t")
	out=$("$apply" "$work/t" 2>&1)
	rc=$?
	after=$(snapshot "$work/t")
	if [ $rc -eq 1 ] && [ "$before" = "$after" ] && grep -q -- "$want" <<<"$out"; then
		ok "$name"
	else
		not_ok "$name" "rc=$rc (want 1)" "$out" "$(diff <(echo "$before") <(echo "$after") | head -n 5)"
	fi
}

# 6
fresh
sed -i 's/^PATCHLEVEL = .*/PATCHLEVEL = 11/' "$work/t/Makefile"
refused "refuses another kernel version, untouched" "supports 6.12 only"

# 7
fresh
sed -i '/CONFIG_SECURITY_IPE/d' "$work/t/security/Makefile"
refused "refuses a tree without its anchor line, untouched" "obj-\$(CONFIG_SECURITY_IPE)"

# 8
fresh
sed -i 's/^\(#define LSM_ID_IPE\t*113\)$/\1\n#define LSM_ID_OTHER\t114/' "$work/t/include/uapi/linux/lsm.h"
refused "refuses when another LSM holds ID 114, untouched" "LSM ID 114 is taken"

# 9
fresh
rm "$work/t/include/linux/lsm_count.h"
refused "refuses a tree without lsm_count.h, untouched" "lacks a file"

# 10: --compat takes the series out again, and leaves the rest wired.
fresh
"$apply" "$work/t" >/dev/null 2>&1
out=$("$apply" --compat "$work/t" 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q 'compat mode' <<<"$out" &&
	! grep -q 'uring_issue' "$work/t/include/linux/lsm_hook_defs.h" &&
	cmp -s "$pristine/io_uring/io_uring.c" "$work/t/io_uring/io_uring.c" &&
	grep -q LSM_ID_URINGAUDIT "$work/t/include/uapi/linux/lsm.h"; then
	ok "--compat removes the io_uring series, the LSM stays wired"
else
	not_ok "--compat removes the io_uring series, the LSM stays wired" "rc=$rc" "$out"
fi

# 11: and back: precise mode applies it again.
out=$("$apply" "$work/t" 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q 'uring_issue,' "$work/t/include/linux/lsm_hook_defs.h"; then
	ok "precise mode applies the series again after --compat"
else
	not_ok "precise mode applies the series again after --compat" "rc=$rc" "$out"
fi

# 12
fresh
sed -i 's/^\(#define AUDIT_IPE_POLICY_LOAD.*\)$/\1\n#define AUDIT_OTHER\t\t1440\t\/* taken *\//' "$work/t/include/uapi/linux/audit.h"
refused "refuses when another record type holds 1440, untouched" "record type 1440 is taken"

# 13: a tree the series does not fit.
fresh
sed -i 's/io_issue_sqe(/io_issue_sqe_renamed(/' "$work/t/io_uring/io_uring.c"
refused "refuses a tree the io_uring series does not fit, untouched" "Failed to apply"

# 14
out=$("$apply" 2>&1)
rc=$?
if [ $rc -eq 2 ] && grep -q usage <<<"$out"; then
	ok "usage error without KSRC exits 2"
else
	not_ok "usage error without KSRC exits 2" "rc=$rc" "$out"
fi

tap_end
