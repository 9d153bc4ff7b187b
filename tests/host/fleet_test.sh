#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of report, learn and watch on a collecting auditd's log:
# tests/host/fixtures/fleet/collector.log, which the fleet boot
# (mk/fleet.sh) wrote, holds the records of two nodes, fleet-a and
# fleet-b, interleaved, each line beginning with node=.  Counts, serials
# and names are taken from the fixture here (grep, awk), not written in.
# Bad input, made from it as the test runs: two nodes whose events have
# the same serials and times, interleaved line by line; a node of another
# uringaudit ABI; a record cut mid-line with the next written on; a log
# cut at its end; an unknown --node.  Needs CTL.  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=${CTL:-$top/build/ctl/uringaudit-ctl}
fixture=$top/tests/host/fixtures/fleet/collector.log

if [ ! -x "$ctl" ]; then
	echo "Bail out! Failed to find \"$ctl\": run make ctl"
	exit 1
fi
command -v jq >/dev/null || { echo "Bail out! Failed to find \"jq\": run make deps"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
export TZ=UTC

log=$work/collector.log
cp "$fixture" "$log"
# The fixture's facts: uringaudit records per node.
nrec() { grep -c "^node=$1 type=UNKNOWN\[1440\] " "${2:-$log}"; }
na=$(nrec fleet-a) nb=$(nrec fleet-b)
# Serial numbers missing per node, apart from auditd's own records, the
# count starting again at each DAEMON_START of the node.
lost_of() {
	grep "^node=$1 " "$log" | sed -n 's/^node=[^ ]* type=\([^ ]*\) msg=audit([0-9.]*:\([0-9]*\)).*/\1 \2/p' |
		awk '$1 == "DAEMON_START" { run++ } $1 !~ /^DAEMON_/ { print run + 0, $2 }' | sort -n -k1,1 -k2,2 -u |
		awk '$1 == r && $2 > s + 1 && seen { n += $2 - s - 1 } { r = $1; s = $2; seen = 1 } END { print n + 0 }'
}

# report: the nodes, then each node's report.
out=$("$ctl" report --file "$log" 2>&1)
rc=$?
check "report of a collector's log: a table of the nodes" \
	"[ $rc -eq 0 ] && grep -q '^Nodes: 2\$' <<<\"\$out\" && grep -Eq '^  fleet-a +$na ' <<<\"\$out\" && grep -Eq '^  fleet-b +$nb ' <<<\"\$out\"" "$out"
check "report: then each node's report, with its own counts" \
	"[ \"\$(grep -A1 '^== Node fleet-a ==\$' <<<\"\$out\" | tail -n 1)\" = \"Records: $na, from \$(grep -A1 '^== Node fleet-a ==\$' <<<\"\$out\" | tail -n 1 | sed 's/.*from //')\" ] && grep -A1 '^== Node fleet-b ==\$' <<<\"\$out\" | grep -q '^Records: $nb, '" "$out"
la=$(lost_of fleet-a) lb=$(lost_of fleet-b)
check "report: serial numbers lost, counted per node (fleet-a $la, fleet-b $lb)" \
	"[ \"\$(grep '^Records lost: ' <<<\"\$out\" | cut -d' ' -f3 | tr '\n' ' ')\" = '$la $lb ' ]" \
	"$(grep '^Records lost' <<<"$out")"
out=$("$ctl" report --file "$log" --node fleet-b 2>&1)
check "report --node fleet-b: its records only, no table of nodes" \
	"grep -q '^Records: $nb, ' <<<\"\$out\" && grep -q '^Node:    fleet-b\$' <<<\"\$out\" && ! grep -q '^Nodes:' <<<\"\$out\"" "$out"
out=$("$ctl" report --file "$log" --node fleet-a --node fleet-b 2>&1)
check "report --node, twice: both nodes" "grep -q '^Nodes: 2\$' <<<\"\$out\"" "$out"
out=$("$ctl" report --file "$log" --json 2>&1)
check "report --json: node in every record, as many per node as the log holds" \
	"[ \"\$(jq -r .node <<<\"\$out\" | sort | uniq -c | awk '{print \$2\"=\"\$1}' | tr '\n' ' ')\" = 'fleet-a=$na fleet-b=$nb ' ]" \
	"$(jq -r .node <<<"$out" | sort | uniq -c)"
nodes_there=$(sed -n 's/^node=\([^ ]*\) .*/\1/p' "$log" | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')
out=$("$ctl" report --file "$log" --node fleet-z 2>&1)
check "report --node of a node the log lacks: exit 5, the nodes there" \
	"[ $? -eq 5 ] && grep -qx 'Failed to find node \"fleet-z\": no record of it in \"$log\" (nodes there: $nodes_there)' <<<\"\$out\"" "$out"
out=$("$ctl" report --file "$log" --node 'a b' 2>&1)
check "report --node with a blank: usage error" "[ $? -eq 2 ] && grep -q 'expected a node name' <<<\"\$out\"" "$out"

# Interleaved nodes: fleet-c, a copy of fleet-a (the same serials and
# times), line by line between fleet-a's lines.
grep '^node=fleet-a ' "$log" >"$work/a"
sed 's/^node=fleet-a /node=fleet-c /' "$work/a" >"$work/c"
paste -d '\n' "$work/a" "$work/c" >"$work/same.log"
out=$("$ctl" report --file "$work/same.log" 2>&1)
check "two nodes numbering their events alike, line by line: each its own records" \
	"grep -Eq '^  fleet-a +$na ' <<<\"\$out\" && grep -Eq '^  fleet-c +$na ' <<<\"\$out\"" "$out"
ja=$("$ctl" report --file "$work/same.log" --node fleet-a --json | jq -c 'del(.node)' | md5sum)
jc=$("$ctl" report --file "$work/same.log" --node fleet-c --json | jq -c 'del(.node)' | md5sum)
jo=$("$ctl" report --file "$work/a" --json | jq -c 'del(.node)' | md5sum)
check "and each record in its own node's event, as in its node's lines alone (--json)" "[ '$ja' = '$jc' ] && [ '$ja' = '$jo' ]"
check "no serial lost in either" "[ \"\$(\"$ctl\" report --file '$work/same.log' | grep -c '^Records lost: $la\$')\" = 2 ]"

# A node of another uringaudit ABI: fleet-old, fleet-a's records with
# ctx= renamed and another program.
sed -e 's/^node=fleet-a /node=fleet-old /' -e 's/ ctx=/ context=/' -e 's|origin_exe="/|origin_exe="/old/|' \
	"$work/a" >"$work/old"
cat "$log" "$work/old" >"$work/abi.log"
out=$("$ctl" report --file "$work/abi.log" 2>&1)
check "a node of another ABI: exit 4, said once, the other nodes reported" \
	"[ $? -eq 4 ] && [ \"\$(grep -c '^Failed to read the records of node \"fleet-old\": $na of its $na uringaudit records cannot be read as records of uringaudit ABI [0-9]*, .*: it has no ctx= field); ignored\$' <<<\"\$out\")\" = 1 ] && grep -q '^Nodes: 2\$' <<<\"\$out\"" "$out"
out=$("$ctl" learn --file "$work/abi.log" --batch 2>/dev/null)
check "learn: nothing learned from the other ABI's records" "[ $? -eq 4 ] && grep -q '^allow ' <<<\"\$out\" && ! grep -q '/old/' <<<\"\$out\"" "$out"

# A record cut mid-line, and the next written on after it.
n=$(grep -n '^node=fleet-b type=UNKNOWN\[1440\] ' "$log" | sed -n 3p | cut -d: -f1)
awk -v n="$n" 'NR == n { sub(/origin_exe="[^"]*"/, "origin_exe=\"/damaged/x\""); printf "%s", substr($0, 1, int(length($0) * 0.9)); next } { print }' \
	"$log" >"$work/cut.log"
out=$("$ctl" report --file "$work/cut.log" 2>&1 >/dev/null)
check "a record cut mid-line with the next written on: exit 4, named" \
	"[ \$(\"$ctl\" report --file '$work/cut.log' >/dev/null 2>&1; echo \$?) -eq 4 ] && grep -q 'node \"fleet-b\": 1 of its $nb uringaudit records .*(line $n of \"$work/cut.log\": two records run into one line, as in a log cut mid-record)' <<<\"\$out\"" "$out"
out=$("$ctl" report --file "$work/cut.log" --exe /damaged/x 2>&1)
check "report: nothing from the damaged record" "[ $? -eq 4 ] && grep -q '^No uringaudit record matches' <<<\"\$out\"" "$out"
out=$("$ctl" learn --file "$work/cut.log" --batch 2>/dev/null)
check "learn: nothing learned from the damaged record" "[ $? -eq 4 ] && grep -q '^allow ' <<<\"\$out\" && ! grep -q damaged <<<\"\$out\"" "$out"
# Cut at its end, mid-record.
last=$(grep -n '^node=fleet-[ab] type=UNKNOWN\[1440\] ' "$log" | tail -n 1 | cut -d: -f1)
head -n "$last" "$log" | head -c -40 >"$work/end.log"
lastnode=$(sed -n "${last}s/^node=\([^ ]*\) .*/\1/p" "$log")
out=$("$ctl" report --file "$work/end.log" --node "$lastnode" 2>&1)
check "a log cut mid-record at its end: exit 4, the cut record not counted" \
	"[ $? -eq 4 ] && grep -q 'its last line ($last) is incomplete' <<<\"\$out\" && grep -q \"^Records: \$(($(nrec "$lastnode") - 1)), \" <<<\"\$out\"" "$out"

# learn: one policy for the fleet, or one per node.
out=$("$ctl" learn --file "$log" --batch 2>/dev/null)
check "learn: one policy from every node, naming them" \
	"grep -qx '# Nodes: fleet-a, fleet-b.' <<<\"\$out\" && grep -q 'path=/etc/passwd\$' <<<\"\$out\" && grep -q 'path=/etc/group\$' <<<\"\$out\"" "$out"
mkdir "$work/per"
out=$("$ctl" learn --file "$log" --per-node "$work/per" --batch 2>&1)
check "learn --per-node: DIR/NODE.policy for each node" \
	"[ $? -eq 0 ] && [ \"\$(cd '$work/per' && echo *)\" = 'fleet-a.policy fleet-b.policy' ]" "$out"
check "fleet-a's policy: what fleet-a did (/etc/passwd), not fleet-b's /etc/group" \
	"grep -q 'path=/etc/passwd\$' '$work/per/fleet-a.policy' && ! grep -q 'path=/etc/group' '$work/per/fleet-a.policy' && grep -qx '# Nodes: fleet-a.' '$work/per/fleet-a.policy'" \
	"$(cat "$work/per/fleet-a.policy")"
check "fleet-b's policy: /etc/group, not /etc/passwd" \
	"grep -q 'path=/etc/group\$' '$work/per/fleet-b.policy' && ! grep -q 'path=/etc/passwd' '$work/per/fleet-b.policy'" \
	"$(cat "$work/per/fleet-b.policy")"
check "each checks" "'$ctl' check '$work/per/fleet-a.policy' >/dev/null && '$ctl' check '$work/per/fleet-b.policy' >/dev/null"
mkdir "$work/one"
"$ctl" learn --file "$log" --per-node "$work/one" --node fleet-b --batch >/dev/null 2>&1
check "learn --per-node --node fleet-b: its policy only" "[ \"\$(cd '$work/one' && echo *)\" = fleet-b.policy ]"
sed 's/^node=[^ ]* //' "$log" >"$work/nonode.log"
mkdir "$work/none"
out=$("$ctl" learn --file "$work/nonode.log" --per-node "$work/none" --batch 2>&1)
check "learn --per-node of records without node=: exit 1, said" \
	"[ $? -eq 1 ] && grep -q 'Failed to learn per node into \"$work/none\": records without node=' <<<\"\$out\"" "$out"
out=$("$ctl" learn --file "$log" --per-node "$work/nodir" 2>&1)
check "learn --per-node into a directory that is not: exit 1" \
	"[ $? -eq 1 ] && grep -qx 'Failed to learn per node into \"$work/nodir\": No such file or directory' <<<\"\$out\"" "$out"
out=$("$ctl" learn --file "$log" --per-node "$work/per" -o "$work/x" 2>&1)
check "learn --per-node with --output: usage error" "[ $? -eq 2 ] && grep -q 'exclude each other' <<<\"\$out\"" "$out"
out=$("$ctl" learn --file "$log" --node fleet-z --batch 2>&1)
check "learn --node of a node the log lacks: exit 5, nothing written" \
	"[ $? -eq 5 ] && grep -q '^Failed to find node \"fleet-z\"' <<<\"\$out\" && ! grep -q '^allow' <<<\"\$out\"" "$out"

# watch --file: a collector's log as it grows, one node.
: >"$work/live.log"
"$ctl" watch --file "$work/live.log" --node fleet-b --count 3 >"$work/watch.out" 2>"$work/watch.err" &
wpid=$!
for _ in $(seq 50); do grep -q Watching "$work/watch.err" && break; sleep 0.1; done
cat "$log" >>"$work/live.log"
for _ in $(seq 50); do kill -0 $wpid 2>/dev/null || break; sleep 0.1; done
kill $wpid 2>/dev/null
wait $wpid
rc=$?
check "watch --file --node fleet-b: its records as they are appended, named" \
	"[ $rc -eq 0 ] && [ \$(wc -l <'$work/watch.out') -eq 3 ] && [ \"\$(cut -d' ' -f3 '$work/watch.out' | sort -u)\" = fleet-b ]" \
	"rc=$rc $(cat "$work/watch.out" "$work/watch.err")"
# Across a rotation: the log renamed and a new one made, as auditd does.
: >"$work/rot.log"
grep '^node=fleet-b ' "$log" >"$work/b"
half=$(($(wc -l <"$work/b") / 2))
nb1=$(head -n "$half" "$work/b" | grep -c ' type=UNKNOWN\[1440\] ')
"$ctl" watch --file "$work/rot.log" --count "$nb" >"$work/rot.out" 2>"$work/rot.err" &
wpid=$!
for _ in $(seq 50); do grep -q Watching "$work/rot.err" && break; sleep 0.1; done
head -n "$half" "$work/b" >>"$work/rot.log"
for _ in $(seq 50); do [ "$(wc -l <"$work/rot.out")" -ge "$nb1" ] && break; sleep 0.1; done
mv "$work/rot.log" "$work/rot.log.1"
tail -n +$((half + 1)) "$work/b" >"$work/rot.log"
for _ in $(seq 100); do kill -0 $wpid 2>/dev/null || break; sleep 0.1; done
kill $wpid 2>/dev/null
wait $wpid
rc=$?
# What it prints of the same lines, one file, no rotation.
: >"$work/one.log"
"$ctl" watch --file "$work/one.log" --count "$nb" >"$work/one.out" 2>"$work/one.err" &
wpid=$!
for _ in $(seq 50); do grep -q Watching "$work/one.err" && break; sleep 0.1; done
cat "$work/b" >>"$work/one.log"
for _ in $(seq 100); do kill -0 $wpid 2>/dev/null || break; sleep 0.1; done
kill $wpid 2>/dev/null
wait $wpid
check "watch --file follows the log across a rotation: every record, once" \
	"[ $rc -eq 0 ] && [ \$(wc -l <'$work/rot.out') -eq $nb ] && [ \"\$(sort '$work/rot.out')\" = \"\$(sort '$work/one.out')\" ]" \
	"rc=$rc $(wc -l <"$work/rot.out") of $nb $(cat "$work/rot.err")"
out=$("$ctl" watch --node fleet-b 2>&1)
check "watch --node without --file: usage error" "[ $? -eq 2 ] && grep -q -- '--node needs --file' <<<\"\$out\"" "$out"
out=$("$ctl" watch --file "$work/nothere" 2>&1)
check "watch --file of a missing log: exit 1" \
	"[ $? -eq 1 ] && grep -qx 'Failed to follow \"$work/nothere\": No such file or directory' <<<\"\$out\"" "$out"
tap_end
