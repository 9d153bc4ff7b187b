#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The fleet boot: two sending nodes and a collecting auditd, three QEMU
# guests of the test kernel, records carried by auditd's own remote
# logging (audisp-remote to a collecting auditd), as docs/admin-guide.rst
# "Many machines" describes.  The guests' links are QEMU socket netdevs
# on 127.0.0.1 (an Ethernet cable between two QEMUs over the loopback):
# nothing reaches any other network.  Each guest runs
# tests/guest/fleet_node, which does what this script asks on its second
# serial port; this script checks, against each sender's own counters
# (uringaudit-ctl stats), that the collector's log holds every uringaudit
# record of both:
#
#   1. both senders work; the collector holds every record, with node=
#   2. the collector is stopped while they work, then started again:
#      audisp-remote (mode = forward) queued the records; nothing is lost
#   3. fleet-b's queue (queue_depth = QUEUE) overflows while the
#      collector is stopped: what the collector lacks is what
#      audisp-remote said it dropped, record for record, and its
#      uringaudit records are what fleet-b's stats counted less those
#   4. fleet-a is rebooted mid-run while the collector is stopped: its
#      queue waits on its disk, and after the reboot every record it
#      wrote before is there
#   5. uringaudit-ctl on the collector's log: report by node, --node,
#      learn --per-node
#
# Files, for mk/summarize.sh: PREFIX-NAME.{console,out,status} of each
# guest (NAME: collector, a, b, a2, fleet-a's second boot); the checks of
# this script are appended to the collector's .out as "fleet_check".
# PREFIX-collector.log is the collector's log (the fixture of
# tests/host/fleet_test.sh came from there).
#
# Usage: mk/fleet.sh BZIMAGE INITRAMFS PREFIX TIMEOUT CTL
# TIMEOUT: seconds the whole run may take before its guests count as hung.
# Exit codes: 0 every guest shut down and every check passed, 1 not,
# 2 usage error.

set -uo pipefail

if [ $# -ne 5 ]; then
	echo "usage: ${0##*/} BZIMAGE INITRAMFS PREFIX TIMEOUT CTL" >&2
	exit 2
fi
kernel=$1 initrd=$2 prefix=$3 limit=$4 ctl=$5
qemu=${QEMU:-qemu-system-x86_64}
# fleet-b's queue_depth, in records: small, so that phase 3 overflows it.
QUEUE=${FLEET_QUEUE:-200}
args="audit=1 audit_backlog_limit=8192 kunit.enable=0 lsm=landlock,uringaudit ua.mode=test ua.tests=fleet_node"
started=$(date +%s)
work=$(mktemp -d)
declare -A pid num
guests=()

# shellcheck disable=SC2317 # run by the trap
cleanup() {
	local g
	for g in "${guests[@]}"; do
		[ -n "${pid[$g]:-}" ] && kill -KILL "${pid[$g]}" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A free TCP port of the loopback.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 30000))
		[ -z "$(ss -Hltn "sport = :$p" 2>/dev/null)" ] && echo "$p" && return
	done
}

# boot NAME "KERNEL ARGS" QEMU-OPTION...: start guest NAME.
boot() {
	local g=$1 a=$2
	shift 2
	rm -f "$prefix-$g".console "$prefix-$g".out "$prefix-$g".status
	mkfifo "$work/$g.in" "$work/$g.out"
	# The second port both ways: the guest's output, and the commands.
	cat "$work/$g.out" >"$prefix-$g".out &
	echo "  BOOT    ${prefix##*/}-$g: $a"
	"$qemu" -nodefaults -display none -monitor none -no-reboot \
		-m 512 -smp 1 -kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 $args $a" \
		-serial file:"$prefix-$g".console -serial pipe:"$work/$g" "$@" \
		</dev/null >"$prefix-$g".qemu 2>&1 &
	pid[$g]=$!
	num[$g]=0
	guests+=("$g")
}

# nic ID PORT listen|connect MAC: a virtio NIC on a socket netdev.
nic() {
	echo "-netdev socket,id=$1,$3=127.0.0.1:$2 -device virtio-net-pci,netdev=$1,mac=$4"
}

# wait_line NAME REGEX SECONDS: until guest NAME prints a line matching.
wait_line() {
	local g=$1 re=$2 t=$(($3 * 5))
	while [ $t -gt 0 ]; do
		grep -Eq -- "$re" <(tr -d '\r' 2>/dev/null <"$prefix-$g".out) && return 0
		kill -0 "${pid[$g]}" 2>/dev/null || return 1
		[ $(($(date +%s) - started)) -lt "$limit" ] || return 1
		sleep 0.2
		t=$((t - 1))
	done
	return 1
}

# ask NAME COMMAND [ARG]: send a command; wait_done NAME: its answer.
ask() {
	local g=$1
	num[$g]=$((num[$g] + 1))
	# Opened for reading too: a guest that is gone blocks no one.
	echo "${num[$g]} $2 ${3:-}" 1<>"$work/$g.in"
}
wait_done() {
	wait_line "$1" "^### fleet-done ${num[$1]}\$" "${2:-240}" || {
		echo "fleet: $1 did not answer command ${num[$1]}" >&2
		return 1
	}
}
run() { ask "$@" && wait_done "$1"; }

# The last answer of kind KIND of guest NAME (after "### fleet-KIND").
answer() { tr -d '\r' <"$prefix-$1".out | grep "^### fleet-$2 " | tail -n 1 | cut -d' ' -f3-; }

# Results: TAP, appended to the collector's output at the end.
tap=$work/tap
: >"$tap"
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n $1" >>"$tap"; }
not_ok() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n $1" >>"$tap"
	shift
	printf '%s\n' "$@" | sed 's/^/# /' >>"$tap"
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

# stats NAME: its records written, from its last "stats" answer.
records_of() { answer "$1" stats | sed -n 's/.*records=\([0-9]*\).*/\1/p'; }

# count NODE: counted="grep=N report=M", the collector's count of the
# node's distinct records.  (Functions that ask must not run in a
# subshell: the numbers of the commands are counted here.)
count() {
	counted=
	run collector count "$1" || return 1
	counted=$(answer collector count | grep "^$1 " | cut -d' ' -f2-)
	[ -n "$counted" ]
}

# until_count NODE N: wait until the collector holds N records of NODE;
# if not, why in $uc.
until_count() {
	local t=60
	uc=
	while [ $t -gt 0 ]; do
		count "$1" || { uc="the collector did not answer"; return 1; }
		[ "$counted" = "grep=$2 report=$2" ] && return 0
		sleep 1
		t=$((t - 1))
	done
	uc=$counted
	return 1
}

# log NAME FILE: the log guest NAME prints, into FILE.
log_to() {
	run "$1" log || return 1
	# The last log it printed.
	awk '/^### fleet-log-begin / { buf = ""; on = 1; next }
		/^### fleet-log-end / { on = 0; last = buf; next }
		on { sub(/^# \| /, ""); sub(/\r$/, ""); buf = buf $0 "\n" }
		END { printf "%s", last }' "$prefix-$1".out >"$2"
}

fleet() {
	local pa pb pa2 ra rb ra1 rb0 c lost drops missing missing1440 out

	pa=$(free_port) pb=$(free_port) pa2=$(free_port)
	# Each sender's disk holds its queue (12 KiB a record).
	truncate -s 32M "$work/a.img" "$work/b.img"
	# shellcheck disable=SC2046 # the options of nic, split
	boot collector "ua.fleet=collector ua.node=collector ua.ip=192.168.101.1/24,192.168.102.1/24,192.168.103.1/24" \
		$(nic a "$pa" listen 52:54:00:00:01:01) $(nic b "$pb" listen 52:54:00:00:02:01) \
		$(nic a2 "$pa2" listen 52:54:00:00:03:01)
	wait_line collector '^### fleet-ready ' 300 || return 1
	# shellcheck disable=SC2046
	boot a "ua.fleet=sender ua.node=fleet-a ua.ip=192.168.101.2/24 ua.peer=192.168.101.1 ua.queue=1024" \
		$(nic n "$pa" connect 52:54:00:00:01:02) -drive file="$work/a.img",format=raw,if=virtio
	# shellcheck disable=SC2046
	boot b "ua.fleet=sender ua.node=fleet-b ua.ip=192.168.102.2/24 ua.peer=192.168.102.1 ua.queue=$QUEUE" \
		$(nic n "$pb" connect 52:54:00:00:02:02) -drive file="$work/b.img",format=raw,if=virtio
	wait_line a '^### fleet-ready ' 300 && wait_line b '^### fleet-ready ' 300 || return 1

	# 1. Both work; every record reaches the collector, with node=.
	ask a work 50 && ask b work 50 && wait_done a && wait_done b
	run a stats && run b stats
	ra=$(records_of a) rb=$(records_of b)
	check "1. both senders wrote records (fleet-a $ra, fleet-b $rb)" "[ \"${ra:-0}\" -gt 0 ] && [ \"${rb:-0}\" -gt 0 ]"
	until_count fleet-a "$ra"
	c=$uc
	check "1. the collector holds every uringaudit record of fleet-a ($ra), node=fleet-a" "[ -z \"$c\" ]" "$c"
	until_count fleet-b "$rb"
	c=$uc
	check "1. the collector holds every uringaudit record of fleet-b ($rb), node=fleet-b" "[ -z \"$c\" ]" "$c"

	# 2. The collector stopped while both work: forward mode queues.
	run collector stop
	ask a work 20 && ask b work 3 && wait_done a && wait_done b
	run a queue && run b queue
	check "2. with the collector stopped, fleet-a's audisp-remote queues (queued_items $(answer a queue | cut -d' ' -f2))" \
		"[ \"\$(answer a queue | cut -d' ' -f2)\" -gt 0 ] 2>/dev/null"
	run collector start
	# audisp-remote reconnects on the next record.
	ask a work 1 && ask b work 1 && wait_done a && wait_done b
	run a stats && run b stats
	ra=$(records_of a) rb=$(records_of b)
	until_count fleet-a "$ra"
	c=$uc
	check "2. collector stopped and started: nothing of fleet-a is lost ($ra records)" "[ -z \"$c\" ]" "$c"
	until_count fleet-b "$rb"
	c=$uc
	check "2. collector stopped and started: nothing of fleet-b is lost ($rb records)" "[ -z \"$c\" ]" "$c"
	run b drops
	check "2. and audisp-remote dropped nothing" "[ \"\$(answer b drops | cut -d' ' -f2)\" = 0 ]" "$(answer b drops)"

	# 3. fleet-b's queue overflows while the collector is stopped.
	rb0=$rb
	run collector stop
	run b work 50
	run collector start
	run b work 1
	run b stats
	rb=$(records_of b)
	t=60
	while [ $t -gt 0 ]; do
		run b queue
		[ "$(answer b queue | cut -d' ' -f2)" = 0 ] && break
		sleep 1
		t=$((t - 1))
	done
	run b drops
	drops=$(answer b drops | cut -d' ' -f2)
	check "3. fleet-b's queue (queue_depth $QUEUE) overflowed: audisp-remote dropped $drops records" "[ \"${drops:-0}\" -gt 0 ]"
	log_to b "$work/b.log"
	log_to collector "$work/collector.log"
	# The records fleet-b logged that the collector lacks, line for line.
	grep -v ' type=EOE ' "$work/b.log" | sort -u >"$work/b.sorted"
	grep '^node=fleet-b ' "$work/collector.log" | sort -u >"$work/c.sorted"
	missing=$(comm -23 "$work/b.sorted" "$work/c.sorted" | wc -l)
	missing1440=$(comm -23 "$work/b.sorted" "$work/c.sorted" | grep -c ' type=UNKNOWN\[1440\] ')
	check "3. what the collector lacks of fleet-b is what audisp-remote dropped ($missing records of $drops)" \
		"[ $missing -eq ${drops:-0} ] && [ \"\$(comm -13 \"$work/b.sorted\" \"$work/c.sorted\" | wc -l)\" = 0 ]" \
		"$(comm -3 "$work/b.sorted" "$work/c.sorted" | head -n 5)"
	count fleet-b
	c=$counted
	lost=$((rb - ${c##*=}))
	check "3. fleet-b's uringaudit records at the collector: its stats ($rb) less those dropped ($missing1440)" \
		"[ $lost -eq $missing1440 ] && [ \"$c\" = \"grep=$((rb - lost)) report=$((rb - lost))\" ]" \
		"stats $rb, collector $c, dropped uringaudit records $missing1440"
	check "3. (phase 3 wrote records: $((rb - rb0)))" "[ $((rb - rb0)) -gt 0 ]"

	# 4. fleet-a rebooted mid-run while the collector is stopped.
	run collector stop
	ask a work_bg 30 && wait_done a
	sleep 3
	run a shutdown
	ra1=$(records_of a)
	if wait "${pid[a]}"; then
		echo ok >"$prefix-a".status
	else
		echo "qemu-exit=$?" >"$prefix-a".status
	fi
	pid[a]=
	check "4. fleet-a shut down mid-run with $ra1 records written" "[ \"${ra1:-0}\" -gt \"$ra\" ]"
	run collector start
	# shellcheck disable=SC2046
	boot a2 "ua.fleet=sender ua.node=fleet-a ua.ip=192.168.103.2/24 ua.peer=192.168.103.1 ua.queue=1024" \
		$(nic n "$pa2" connect 52:54:00:00:03:02) -drive file="$work/a.img",format=raw,if=virtio
	wait_line a2 '^### fleet-ready ' 300 || return 1
	run a2 work 2
	run a2 stats
	ra=$(records_of a2)
	until_count fleet-a $((ra1 + ra))
	c=$uc
	check "4. after the reboot, the collector holds every record fleet-a wrote before it ($ra1) and after ($ra)" \
		"[ -z \"$c\" ]" "$c"
	check "4. its queue came back from its disk ($(answer a2 queue-at-start | cut -d' ' -f2) records)" \
		"[ \"\$(answer a2 queue-at-start | cut -d' ' -f2)\" -gt 0 ] 2>/dev/null" "$(grep -i 'queue' "$prefix-a2.out" | head -n 5)"

	# 5. uringaudit-ctl on the collector's log.
	log_to collector "$prefix-collector.log"
	out=$("$ctl" report --file "$prefix-collector.log" 2>&1)
	check "5. report groups the collector's log by node" \
		"grep -q '^Nodes: 2\$' <<<\"\$out\" && grep -q '^== Node fleet-a ==\$' <<<\"\$out\" && grep -q '^== Node fleet-b ==\$' <<<\"\$out\"" "$out"
	c=$("$ctl" report --file "$prefix-collector.log" --node fleet-a --json | jq -c 'del(.event)' | sort -u | wc -l)
	check "5. report --node fleet-a --json: its $((ra1 + ra)) records" "[ $c -eq $((ra1 + ra)) ]" "$c"
	mkdir -p "$work/policies"
	out=$("$ctl" learn --file "$prefix-collector.log" --per-node "$work/policies" --batch 2>&1)
	check "5. learn --per-node writes a policy per node that checks" \
		"[ -s '$work/policies/fleet-a.policy' ] && [ -s '$work/policies/fleet-b.policy' ] && '$ctl' check '$work/policies/fleet-a.policy' >/dev/null && '$ctl' check '$work/policies/fleet-b.policy' >/dev/null" "$out"
	return 0
}

fleet
rc=$?
[ $rc -eq 0 ] || not_ok "the fleet boot ran to its end" "$(tail -n 5 "$prefix"-*.out)"
for g in a a2 b collector; do
	[ -n "${pid[$g]:-}" ] && kill -0 "${pid[$g]}" 2>/dev/null && ask "$g" shutdown
done
for g in "${guests[@]}"; do
	[ -n "${pid[$g]:-}" ] || continue
	t=$((limit - ($(date +%s) - started)))
	while [ $t -gt 0 ] && kill -0 "${pid[$g]}" 2>/dev/null; do
		sleep 1
		t=$((t - 1))
	done
	if kill -0 "${pid[$g]}" 2>/dev/null; then
		kill -KILL "${pid[$g]}"
		wait "${pid[$g]}" 2>/dev/null
		echo timeout >"$prefix-$g".status
	elif wait "${pid[$g]}"; then
		echo ok >"$prefix-$g".status
	else
		echo "qemu-exit=$?" >"$prefix-$g".status
	fi
	pid[$g]=
done
# The readers of the guests' output end with them.
wait
{
	echo "### BEGIN fleet_check"
	cat "$tap"
	echo "1..$n"
	echo "### END fleet_check rc=$((failed > 0))"
} >>"$prefix-collector".out
echo "  BOOT    ${prefix##*/}: $n checks, $failed failed, in $(($(date +%s) - started))s"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
