#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make install of uringaudit-ctl into a DESTDIR: binary, man pages that
# render, systemd unit, bash completion, example policies that check.
# Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/root
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

out=$(make -s -C "$top/tools/uringaudit-ctl" O="$work" install DESTDIR="$dest" PREFIX=/usr 2>&1)
check "make install DESTDIR=... PREFIX=/usr succeeds" "[ $? -eq 0 ]" "$out"
check "installs the binary" "[ -x $dest/usr/sbin/uringaudit-ctl ]"
check "the installed binary runs" "grep -q '^uringaudit-ctl ' <<<\"\$($dest/usr/sbin/uringaudit-ctl --version)\""
for page in man8/uringaudit-ctl.8 man8/uringaudit-ctl-report.8 man8/uringaudit-ctl-learn.8 \
	man8/uringaudit-ctl-watch.8 man5/uringaudit.policy.5; do
	f=$dest/usr/share/man/$page
	if [ -f "$f" ] && out=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null) && [ -z "$out" ] &&
		grep -q '^NAME' <<<"$(MANWIDTH=80 man -l "$f" 2>/dev/null)"; then
		ok "man page $page renders without warnings"
	else
		not_ok "man page $page renders without warnings" "$out"
	fi
done
unit=$dest/usr/lib/systemd/system/uringaudit.service
check "installs the systemd unit" "[ -f $unit ]"
check "the unit loads /etc/uringaudit/policy with the installed binary" \
	"grep -qx 'ExecStart=/usr/sbin/uringaudit-ctl load /etc/uringaudit/policy' $unit"
comp=$dest/usr/share/bash-completion/completions/uringaudit-ctl
check "installs bash completion" "[ -f $comp ]"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl mo); COMP_CWORD=1; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes commands" "[ \"$out\" = mode ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl explain sq); COMP_CWORD=2; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes op classes" "[ \"$out\" = sqpoll ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl le); COMP_CWORD=1; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes the log commands" "[ \"$out\" = learn ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl learn --me); COMP_CWORD=2; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes learn's options" "[ \"$out\" = --merge ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl report --decision d); COMP_CWORD=3; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes a log option's value" "[ \"$out\" = deny ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl ap); COMP_CWORD=1; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes apply" "[ \"$out\" = apply ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl learn --per); COMP_CWORD=2; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes learn --per-node" "[ \"$out\" = --per-node ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl report --no); COMP_CWORD=2; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes the log commands' --node" "[ \"$out\" = --node ]" "$out"
out=$(bash -c "source $comp; COMP_WORDS=(uringaudit-ctl status --j); COMP_CWORD=2; _uringaudit_ctl; echo \${COMPREPLY[*]}" 2>&1)
check "completion completes status --json" "[ \"$out\" = --json ]" "$out"
for cmd in report learn watch; do
	out=$("$dest/usr/sbin/uringaudit-ctl" $cmd --help 2>&1)
	check "$cmd --help: its exit codes and man page" "grep -q '^Exit codes:' <<<\"\$out\" && grep -q 'uringaudit-ctl-$cmd(8)' <<<\"\$out\"" "$out"
done
for p in "$dest"/usr/share/doc/uringaudit/examples/*.policy; do
	out=$("$dest/usr/sbin/uringaudit-ctl" check "$p" 2>&1)
	check "example $(basename "$p") checks" "[ $? -eq 0 ]" "$out"
done
check "four example policies" "[ \$(ls $dest/usr/share/doc/uringaudit/examples/*.policy | wc -l) -eq 4 ]"
tap_end
