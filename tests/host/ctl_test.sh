#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of uringaudit-ctl against a fake securityfs directory: every
# subcommand and its error paths.  Kernel refusals are injected with
# fail-writes (a seccomp filter that fails writes to files with an errno).
# Needs CTL (the binary) and FAIL_WRITES.  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=${CTL:-$top/build/ctl/uringaudit-ctl}
fail_writes=${FAIL_WRITES:-$top/build/ctl/fail-writes}

if [ ! -x "$ctl" ] || [ ! -x "$fail_writes" ]; then
	echo "Bail out! Failed to find \"$ctl\" or \"$fail_writes\": run make ctl"
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sec=$work/security
root=$sec/uringaudit
unset URINGAUDIT_ROOT

# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

fake() {
	rm -rf "$sec"
	mkdir -p "$root"
	echo "capability,landlock,uringaudit" >"$sec/lsm"
	: >"$root/policy"
	echo enforce >"$root/mode"
	echo 0 >"$root/lock"
	sed -n "s/^#define URINGAUDIT_ABI_VERSION //p" "$top/include/uapi/linux/uringaudit.h" >"$root/abi_version"
	cat >"$root/stats" <<-STATS
	# op ctx allow audit deny
	open inline 3 1 0
	open iowq 0 0 0
	connect sqpoll 0 0 2
	records 3
	records_lost 1
	unrecorded_denied 1
	STATS
	printf 'abi 2\nmediation precise\nmode enforce\nlocked 0\npolicy loaded\nrules 2\nunresolved 1\ndefault audit\nunrecorded allow\ndigest sha256:00ff\nloaded 1764340000\n' >"$root/status"
}

good=$work/good.policy
printf '# good\ndefault audit\ndeny op=sqpoll exe=/usr/bin/curing\naudit op=open path=/etc\n' >"$good"
bad=$work/bad.policy
printf 'default audit\nbogus line\ndeny op=open uid=x\naudit op=connect path=/tmp\n' >"$bad"



fake
expect "check: a valid policy" 0 "valid: 2 rules, default audit" "$ctl" --root "$root" check "$good"
out=$("$ctl" check "$bad" 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$(grep -c "^$bad:[0-9]*:[0-9]*: " <<<"$out")" = 3 ] &&
	grep -q "^$bad:2:1: " <<<"$out" && grep -q "^$bad:3:18: " <<<"$out" &&
	grep -q "^$bad:4:1: " <<<"$out"; then
	ok "check: three errors, three FILE:LINE:COL lines, exit 1"
else
	not_ok "check: three errors, three FILE:LINE:COL lines, exit 1" "rc=$rc" "$out"
fi
expect "check: standard input" 0 "<stdin>: valid" sh -c "'$ctl' check - <'$good'"
expect "check: missing file" 1 "Failed to open \"$work/nope\": No such file or directory" "$ctl" check "$work/nope"
expect "check: unreadable file" 1 "Failed to read \"$work\": Is a directory" "$ctl" check "$work"
printf 'default audit\0deny\n' >"$work/nul.policy"
expect "check: NUL byte" 1 "nul.policy:1:14: NUL byte" "$ctl" check "$work/nul.policy"
expect "check: usage" 2 "expected one FILE" "$ctl" check

fake
expect "load: writes the policy" 0 "Loaded" "$ctl" --root "$root" load "$good"
if cmp -s "$good" "$root/policy"; then ok "load: the file holds the text as given"; else not_ok "load: the file holds the text as given" "$(cat "$root/policy")"; fi
fake
echo "default deny" >"$root/policy"
expect "load: an invalid policy is not written" 1 "policy is invalid; the active policy is unchanged" "$ctl" --root "$root" load "$bad"
if [ "$(cat "$root/policy")" = "default deny" ]; then ok "load: the active policy is unchanged"; else not_ok "load: the active policy is unchanged"; fi
echo 1 >"$root/lock"
expect "load: locked" 1 "uringaudit is locked until reboot" "$ctl" --root "$root" load "$good"
fake
expect "load: EPERM from the kernel" 1 "Failed to load \"$good\": Operation not permitted" "$fail_writes" 1 "$ctl" --root "$root" load "$good"
expect "load: EPERM hint" 1 "Hint: writing needs root with CAP_MAC_ADMIN" "$fail_writes" 1 "$ctl" --root "$root" load "$good"
expect "load: EBADMSG from the kernel" 1 "Hint: the kernel rejected the policy; its log names the line" "$fail_writes" 74 "$ctl" --root "$root" load "$good"
expect "load: uringaudit absent" 1 "in lsm=" "$ctl" --root "$work/absent" load "$good"
expect "load: URINGAUDIT_ROOT" 0 "Loaded" env URINGAUDIT_ROOT="$root" "$ctl" load "$good"

# <linux/uringaudit.h>: refuse to write to a kernel of another ABI.
fake
echo 999 >"$root/abi_version"
expect "load: refuses a kernel of another ABI" 1 "Failed to load \"$good\": the kernel's uringaudit ABI is 999, this uringaudit-ctl was built for ABI [0-9]+" "$ctl" --root "$root" load "$good"
if [ ! -s "$root/policy" ]; then ok "load: nothing written to a kernel of another ABI"; else not_ok "load: nothing written to a kernel of another ABI" "$(cat "$root/policy")"; fi
expect "mode: refuses a kernel of another ABI" 1 "Failed to set mode \"permissive\": the kernel's uringaudit ABI is 999" "$ctl" --root "$root" mode permissive
expect "lock: refuses a kernel of another ABI" 1 "Failed to lock \"$root\": the kernel's uringaudit ABI is 999" "$ctl" --root "$root" lock --yes
if [ "$(cat "$root/mode") $(cat "$root/lock")" = "enforce 0" ]; then ok "mode and lock: nothing written to a kernel of another ABI"; else not_ok "mode and lock: nothing written to a kernel of another ABI"; fi
rm "$root/abi_version"
expect "load: refuses a kernel without abi_version" 1 "Failed to load \"$good\": cannot open \"$root/abi_version\": No such file or directory" "$ctl" --root "$root" load "$good"

fake
printf 'default audit\n' >"$root/policy"
expect "show: the active policy" 0 "^default audit$" "$ctl" --root "$root" show
: >"$root/policy"
expect "show: none loaded" 0 "no policy loaded" "$ctl" --root "$root" show
expect "show: uringaudit absent" 1 "Failed to open \"$work/absent/policy\": No such file or directory" "$ctl" --root "$work/absent" show

expect "status: position, mode, rules, digest" 0 "active, LSM 3 of 3" "$ctl" --root "$root" status
expect "status: digest and load time" 0 "digest: +sha256:00ff" "$ctl" --root "$root" status
expect "status: precise or compat mediation" 0 "mediation: +precise" "$ctl" --root "$root" status
expect "status: rules whose path or program was not found" 0 "unresolved: +1 " "$ctl" --root "$root" status
echo "capability,landlock" >"$sec/lsm"
expect "status: not in the LSM order" 1 "not active" "$ctl" --root "$root" status

fake
expect "mode: switch to permissive" 0 "Mode: permissive" "$ctl" --root "$root" mode permissive
if [ "$(cat "$root/mode")" = permissive ]; then ok "mode: written"; else not_ok "mode: written" "$(cat "$root/mode")"; fi
expect "mode: bad value" 2 "expected enforce or permissive" "$ctl" --root "$root" mode enforcing
expect "mode: EPERM" 1 "Failed to set mode \"enforce\": Operation not permitted" "$fail_writes" 1 "$ctl" --root "$root" mode enforce

fake
expect "lock: refuses without a terminal or --yes" 2 "pass --yes" sh -c "'$ctl' --root '$root' lock </dev/null"
if [ "$(cat "$root/lock")" = 0 ]; then ok "lock: not locked when refused"; else not_ok "lock: not locked when refused"; fi
expect "lock: --yes" 0 "Locked until reboot" "$ctl" --root "$root" lock --yes

fake
out=$("$ctl" --root "$root" stats 2>&1)
if grep -qE '^OP +CTX +ALLOW +AUDIT +DENY$' <<<"$out" &&
	grep -qE '^open +inline +3 +1 +0$' <<<"$out" &&
	grep -qE '^connect +sqpoll +0 +0 +2$' <<<"$out" &&
	! grep -q '^open +iowq' <<<"$out" &&
	grep -q 'records written: 3, lost: 1; ops denied unrecorded: 1' <<<"$out" &&
	[ "$(awk '/^open/ {print index($0, "3")}' <<<"$out")" = "$(awk '/^OP/ {print index($0, "ALLOW") + 4}' <<<"$out")" ]; then
	ok "stats: an aligned table of the rows with counts"
else
	not_ok "stats: an aligned table of the rows with counts" "$out"
fi
out=$("$ctl" --root "$root" stats --json 2>&1)
want='{"decisions":[{"op":"open","ctx":"inline","allow":3,"audit":1,"deny":0},{"op":"connect","ctx":"sqpoll","allow":0,"audit":0,"deny":2}],"records":3,"records_lost":1,"unrecorded_denied":1}'
if [ "$(jq -cS . <<<"$out" 2>&1)" = "$(jq -cS . <<<"$want")" ] && [ "$(wc -l <<<"$out")" = 1 ]; then
	ok "stats --json: one JSON object, the rows with counts as numbers"
else
	not_ok "stats --json: one JSON object, the rows with counts as numbers" "$out"
fi

expect "explain: an exe= that does not exist matches no program" 0 "does not match: exe=/usr/bin/curing did not exist when the policy was read: the rule matches no program" "$ctl" explain sqpoll exe=/bin/x --policy "$good"
# exe= and path= name files, as the kernel matches them: by identity.
cp /bin/true "$work/true-copy"
ln -s /bin/true "$work/true-link"
mkdir "$work/dir"
: >"$work/dir/f"
ln -s "$work/dir" "$work/dirlink"
idpol=$work/id.policy
printf 'deny op=sqpoll exe=/bin/true\ndeny op=open path=%s/dir\naudit op=connect port=443\n' "$work" >"$idpol"
expect "explain: the rule that decides, and why" 0 "does not match: exe is $work/true-copy, not /bin/true" "$ctl" explain sqpoll exe="$work/true-copy" --policy "$idpol"
expect "explain: exe= through a symlink is the program itself" 0 "decision: deny \(rule at line 1\)" "$ctl" explain sqpoll exe="$work/true-link" --policy "$idpol"
expect "explain: path= below a directory named through a symlink" 0 "decision: deny \(rule at line 2\)" "$ctl" explain open path="$work/dirlink/f" --policy "$idpol"
expect "explain: path= not below the directory" 0 "does not match: path $work/true-copy is not $work/dir or below it" "$ctl" explain open path="$work/true-copy" --policy "$idpol"
expect "explain: an opcode stands for its class" 0 "^op=open opcode=openat2 " "$ctl" explain openat2 --policy "$idpol"
expect "explain: a port outside the rule's" 0 "does not match: port 80 is not in 443-443" "$ctl" explain connect family=inet addr=127.0.0.1 port=80 --policy "$idpol"
# A rule on a file names the file: a hard link is the file itself.
: >"$work/dir/db"
filepol=$work/file.policy
printf 'deny op=write path=%s/dir/db\n' "$work" >"$filepol"
ln "$work/dir/db" "$work/db-link"
expect "explain: a rule on a file names its hard links" 0 "decision: deny \(rule at line 1\)" "$ctl" explain write path="$work/db-link" --policy "$filepol"
expect "explain: not another file of its directory" 0 "decision: allow \(no rule matches" "$ctl" explain write path="$work/dir/f" --policy "$filepol"
expect "explain: a bad key is a usage error" 2 "explain: bad argument \"colour=red\"" "$ctl" explain open colour=red --policy "$idpol"
# ctx= decides which rules name the op: each context here has its own answer.
ctxpol=$work/ctx.policy
printf 'deny op=open ctx=sqpoll\naudit op=open ctx=iowq\ndefault allow\n' >"$ctxpol"
expect "explain: ctx=sqpoll meets the sqpoll rule" 0 "decision: deny \(rule at line 1\)" "$ctl" explain open ctx=sqpoll --policy "$ctxpol"
expect "explain: ctx=iowq meets the iowq rule" 0 "decision: audit \(rule at line 2\)" "$ctl" explain open ctx=iowq --policy "$ctxpol"
expect "explain: no ctx= is inline, left to the default" 0 "decision: allow \(no rule matches" "$ctl" explain open --policy "$ctxpol"

# apply: load only when the loaded policy's digest differs.  The fake's
# status gets the digest the kernel would give (the SHA-256 of the normal
# form, here computed by sha256sum), as after a load.
norm=$work/norm.policy
printf 'default audit\naudit op=open path=/etc\n' >"$norm"
same=$work/same.policy
printf '# the same policy, not in normal form\ndefault   audit\n\naudit  op=open path=/etc/\n' >"$same"
loaded_as() {
	sed -i "s/^digest .*/digest sha256:$(sha256sum <"$1" | cut -d' ' -f1)/" "$root/status"
}
fake
expect "apply: a policy not loaded yet is loaded" 0 "^loaded$" "$ctl" --root "$root" apply "$norm"
if cmp -s "$norm" "$root/policy"; then ok "apply: it is written"; else not_ok "apply: it is written" "$(cat "$root/policy")"; fi
loaded_as "$norm"
: >"$root/policy"
expect "apply: a second apply of the same file says unchanged" 0 "^unchanged$" "$ctl" --root "$root" apply "$norm"
if [ ! -s "$root/policy" ]; then ok "apply: and writes nothing"; else not_ok "apply: and writes nothing" "$(cat "$root/policy")"; fi
expect "apply: the same policy written otherwise is unchanged (its normal form)" 0 "^unchanged$" "$ctl" --root "$root" apply "$same"
expect "apply: another policy is loaded" 0 "^loaded$" "$ctl" --root "$root" apply "$good"
sed -i 's/^policy loaded$/policy none/' "$root/status"
: >"$root/policy"
expect "apply: with no policy loaded, it loads" 0 "^loaded$" "$ctl" --root "$root" apply "$norm"
fake
loaded_as "$norm"
printf 'default audit\n' >"$root/policy"
expect "apply: a refused policy exits 1, the active one stays" 1 "Failed to apply \"$bad\": the policy is invalid; the active policy is unchanged" "$ctl" --root "$root" apply "$bad"
if [ "$(cat "$root/policy")" = "default audit" ]; then ok "apply: nothing written of a refused policy"; else not_ok "apply: nothing written of a refused policy"; fi
expect "apply: the kernel's refusal exits 1" 1 "Failed to apply \"$good\": Bad message" "$fail_writes" 74 "$ctl" --root "$root" apply "$good"
echo 1 >"$root/lock"
expect "apply: locked, the same policy is unchanged" 0 "^unchanged$" "$ctl" --root "$root" apply "$norm"
expect "apply: locked, another policy fails" 1 "Failed to apply \"$good\": uringaudit is locked until reboot" "$ctl" --root "$root" apply "$good"
fake
echo 999 >"$root/abi_version"
expect "apply: refuses a kernel of another ABI" 1 "Failed to apply \"$norm\": the kernel's uringaudit ABI is 999" "$ctl" --root "$root" apply "$norm"
expect "apply: usage" 2 "apply: expected one FILE" "$ctl" --root "$root" apply

# status --json: the status file as one JSON object.
fake
out=$("$ctl" --root "$root" status --json 2>&1)
want='{"active":true,"lsm":"capability,landlock,uringaudit","lsm_position":3,"lsm_count":3,"abi":2,"mediation":"precise","mode":"enforce","locked":false,"policy":true,"rules":2,"unresolved":1,"default":"audit","unrecorded":"allow","digest":"sha256:00ff","loaded":1764340000}'
if [ "$(jq -cS . <<<"$out" 2>&1)" = "$(jq -cS . <<<"$want")" ] && [ "$(wc -l <<<"$out")" = 1 ]; then
	ok "status --json: digest, mode, lock, rules as one JSON object"
else
	not_ok "status --json: digest, mode, lock, rules as one JSON object" "$out"
fi
sed -i 's/^locked 0$/locked 1/; s/^policy loaded$/policy none/' "$root/status"
out=$("$ctl" --root "$root" status --json 2>&1)
check_json() { [ "$(jq -c "$1" <<<"$out" 2>&1)" = "$2" ]; }
if check_json '[.locked, .policy, .digest, .rules]' '[true,false,null,null]'; then
	ok "status --json: locked, and no policy: null digest"
else
	not_ok "status --json: locked, and no policy: null digest" "$out"
fi
echo "capability,landlock" >"$sec/lsm"
out=$("$ctl" --root "$root" status --json 2>/dev/null)
rc=$?
if [ $rc -eq 1 ] && check_json '.active' 'false'; then
	ok "status --json: not active, exit 1"
else
	not_ok "status --json: not active, exit 1" "rc=$rc" "$out"
fi

tap_end
