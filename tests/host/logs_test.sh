#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of uringaudit-ctl report, learn and watch on the audit logs
# of tests/host/fixtures/ (written by auditd in the test guest): what
# report finds in a rotated pair, --json field by field against the
# records (parsed here by Perl's JSON::PP and a Perl reading of the raw
# lines), learn's rules and --merge, the review on a terminal, and bad
# input: a truncated log, a log without uringaudit records, lines that are
# no audit records, an unreadable file, unknown options.  Needs CTL.
# Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=${CTL:-$top/build/ctl/uringaudit-ctl}
fixtures=$top/tests/host/fixtures

if [ ! -x "$ctl" ]; then
	echo "Bail out! Failed to find \"$ctl\": run make ctl"
	exit 1
fi
for tool in jq perl script setpriv; do
	command -v $tool >/dev/null || { echo "Bail out! Failed to find \"$tool\": run make deps"; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
. "$top/tests/tap.sh"
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

# auditd's files, as its configuration names them.
cp "$fixtures/audit.log.1" "$fixtures/audit.log" "$work/"
printf '# test\nlog_file = %s/audit.log\nnum_logs = 5\n' "$work" >"$work/auditd.conf"
export URINGAUDIT_AUDITD_CONF=$work/auditd.conf
export TZ=UTC
both=("$work/audit.log.1" "$work/audit.log")
nrec=$(cat "$work/audit.log.1" "$work/audit.log" | grep -c '^type=UNKNOWN\[1440\]')
# What the fixtures hold, found in them rather than written here: the
# uringaudit records as "EPOCH SERIAL TEXT", and facts of a few of them.
records() {
	cat "${both[@]}" | sed -n 's/^type=UNKNOWN\[1440\] msg=audit(\([0-9]*\)\.[0-9]*:\([0-9]*\)): /\1 \2 /p'
}
when() { date -u -d "@$1" '+%Y-%m-%d %H:%M:%S'; }
first=$(records | head -n1 | cut -d' ' -f1)
ndeny=$(records | grep -c ' decision=deny ')
# The open curing-demo was denied: its serial, line, count and time.
deny_serial=$(records | grep ' decision=deny ' | grep -m1 'other-secret' | cut -d' ' -f2)
deny_line=$(grep -n "msg=audit([0-9.]*:$deny_serial): " "$work/audit.log" | head -n1 | cut -d: -f1)
ndeny_open=$(records | grep ' decision=deny ' | grep -c 'other-secret')
last_deny=$(records | grep ' decision=deny ' | grep 'other-secret' | tail -n1 | cut -d' ' -f1)
setup_serial=$(records | grep ' op=setup ' | grep -m1 'origin_exe="/tests/minidb"' | cut -d' ' -f2)

# report: the rotated pair, found through auditd.conf.
out=$("$ctl" report 2>&1); rc=$?
check "report reads log_file of auditd.conf and its rotated copy, oldest first" \
	"[ $rc -eq 0 ] && grep -qx 'Logs:    $work/audit.log.1, $work/audit.log' <<<\"\$out\"" "$out"
check "report counts every uringaudit record of both files" "grep -q '^Records: $nrec, from $(when "$first") to ' <<<\"\$out\"" "$out"
check "report: denials first, with executable, pid, op, context, object, rule" \
	"[ \"\$(sed -n 4p <<<\"\$out\")\" = 'Denials: 2' ] && grep -Eq '^ +$ndeny_open  $(when "$last_deny")  /tests/curing-demo\[[0-9]+\] +open/openat +sqpoll +/etc/other-secret +default$' <<<\"\$out\"" "$out"
want=$(cat "${both[@]}" | grep '^type=UNKNOWN\[1440\]' | grep 'op=open ctx=iowq' | grep -c 'origin_exe="/tests/minidb"')
check "report: counts per executable, op, context and decision" \
	"grep -Eq '^  /tests/minidb +open/openat +iowq +audit +$want$' <<<\"\$out\"" "$out"
check "report: a hex-encoded path decoded among the top objects" \
	"grep -q '^ *[0-9]*  /tmp/minidb/etc/my conf.ini$' <<<\"\$out\" || grep -q '  /tmp/minidb/etc/my conf.ini$' <<<\"\$(\"$ctl\" report --top 20)\"" "$out"
# The burst under a rate limit: the serials between the last record before
# the gap and the first after it, none of them in the log.
lost_line=$(grep '^Records lost: ' <<<"$out")
lost_n=$(sed -n 's/^Records lost: \([0-9]*\) (serial numbers missing from the log: \([0-9]*\)-\([0-9]*\))$/\1 \2 \3/p' <<<"$lost_line")
read -r ln la lb <<<"$lost_n"
check "report: records lost, as serial numbers missing from the log" \
	"[ -n '$lost_n' ] && [ $((${lb:-0} - ${la:-0} + 1)) = '${ln:-x}' ] && ! grep -Eq 'msg=audit\([0-9.]+:(${la:-x}|${lb:-x})\)' ${both[*]} && grep -q 'msg=audit([0-9.]*:$((${la:-0} - 1)))' ${both[*]} && grep -q 'msg=audit([0-9.]*:$((${lb:-0} + 1)))' ${both[*]}" "$out"
check "report --file of both files says the same" "[ \"\$(\"$ctl\" report -f $work/audit.log.1 --file $work/audit.log)\" = \"\$out\" ]"
check "report --file - reads standard input" \
	"grep -q '^Records: $nrec,' <<<\"\$(cat $work/audit.log.1 $work/audit.log | \"$ctl\" report --file -)\""

# Filters.
n=$(grep -c 'origin_exe="/tests/curing-demo"' <(cat "${both[@]}" | grep '^type=UNKNOWN\[1440\]'))
expect "report --exe: the records of one executable" 0 "^Records: $n," "$ctl" report --exe /tests/curing-demo
n=$(cat "${both[@]}" | grep '^type=UNKNOWN\[1440\]' | grep -c ' op=connect ')
expect "report --op: the records of one op" 0 "^Records: $n," "$ctl" report --op connect
expect "report --decision deny: the denials" 0 "^Records: $ndeny," "$ctl" report --decision deny
# A window of whole seconds: from the second of the first denial to that of
# the last record.
since=$(records | grep ' decision=deny ' | head -n1 | cut -d' ' -f1)
until=$(records | tail -n1 | cut -d' ' -f1)
nwin=$(records | awk -v a="$since" -v b="$until" '$1 >= a && $1 <= b' | wc -l)
expect "report --since and --until: a window" 0 "^Records: $nwin, from $(when "$since") to $(when "$until")" "$ctl" report --since "$(when "$since")" --until "@$((until + 1))"
expect "report: a filter that matches nothing: exit 3" 3 "No uringaudit record matches" "$ctl" report --exe /bin/none

# --json: a line of JSON per record, field by field as the records say.
"$ctl" report --json >"$work/json" 2>"$work/json.err"; rc=$?
check "report --json: exit 0, one line per record" "[ $rc -eq 0 ] && [ \$(wc -l <$work/json) -eq $nrec ]" "$(head -c 600 "$work/json.err")"
check "report --json: every line parses as JSON (jq)" "jq -e . <$work/json >/dev/null"
check "report --json: numbers are numbers, strings strings" \
	"jq -s -e 'map(select(.serial == $deny_serial))[0] | (.pid|type) == \"number\" and .auid == 4294967295 and .path == \"/etc/other-secret\" and .decision == \"deny\" and .opcode == \"openat\" and .result == -13 and .event.uringop.uring_op == 18' <$work/json >/dev/null"
cat >"$work/compare.pl" <<'PERL'
use strict;
use warnings;
use JSON::PP;
# Every uringaudit record of the logs, read here without auparse; then
# the JSON of report --json: the same records, field by field.
my %str = map { $_ => 1 } qw(rule path task_path addr cgroup reason comm
	origin_comm origin_exe);
my (%want, %seen, @errors);
my ($json, @logs) = @ARGV;
for my $log (@logs) {
	open(my $f, '<', $log) or die "$log: $!";
	while (my $line = <$f>) {
		next unless $line =~ /^type=UNKNOWN\[1440\] msg=audit\((\d+)\.(\d+):(\d+)\): (.*)$/;
		my ($sec, $ms, $serial, $text) = ($1, $2, $3, $4);
		$text =~ s/\x1d.*//;
		my %r = (serial => $serial, epoch => "$sec.$ms");
		while ($text =~ /(\w+)=("[^"]*"|\S+)/g) {
			my ($k, $v) = ($1, $2);
			if ($v =~ /^"(.*)"$/) { $v = $1; }
			elsif ($v eq '?') { $v = undef; }
			elsif ($str{$k} && $v =~ /^(?:[0-9A-F]{2})+$/) { $v = pack('H*', $v); }
			elsif ($v =~ /^-?\d+$/) { $v = $v + 0; }
			$r{$k} = $v unless exists $r{$k};
		}
		my $n = $seen{$serial}++;
		$want{"$serial/$n"} = \%r;
	}
}
%seen = ();
open(my $j, '<', $json) or die "$json: $!";
my $count = 0;
while (my $line = <$j>) {
	my $o = decode_json($line);
	my $key = $o->{serial} . '/' . $seen{$o->{serial}}++;
	my $r = delete $want{$key} or do { push @errors, "no record for $key"; next };
	for my $k (sort keys %$r) {
		my ($a, $b) = ($r->{$k}, $o->{$k});
		next if !defined $a && !defined $b;
		my $num = defined $a && defined $b && $a =~ /^-?[\d.]+$/ && $b =~ /^-?[\d.]+$/;
		push @errors, "$key $k: record " . ($a // 'null') . ", JSON " . ($b // 'null')
			if !defined $a || !defined $b || ($num ? $a != $b : "$a" ne "$b");
	}
	$count++;
}
push @errors, "no JSON for $_" for sort keys %want;
print "$_\n" for @errors[0 .. ($#errors < 9 ? $#errors : 9)];
print "$count records compared\n";
exit(@errors ? 1 : 0);
PERL
out=$(perl "$work/compare.pl" "$work/json" "${both[@]}" 2>&1); rc=$?
check "report --json: every field of every record, with serial and time" "[ $rc -eq 0 ] && grep -q '^$nrec records compared' <<<\"\$out\"" "$out"
check "report --json: numbers are JSON numbers (not quoted)" \
	"! grep -Eq '\"(pid|tid|uid|euid|auid|ses|ino|port|family|origin_pid|res|permissive|serial)\":\"' $work/json"
check "report --json: the event's SYSCALL, with its name" \
	"jq -s -e 'map(select(.serial == $setup_serial and .op == \"setup\"))[0] | .event.syscall.syscall == 425 and .event.syscall.syscall_name == \"io_uring_setup\" and .event.syscall.success == true and .event.proctitle == \"/tests/minidb /tmp/minidb 5432\"' <$work/json >/dev/null"

# A rule has blanks: the kernel writes it in hex, as audit writes every
# untrusted string with blanks; report decodes it (the record is the
# fixture's denial, its rule="default" replaced with a rule's hex).
rule_hex=$(printf 'deny op=open ctx=sqpoll path=/etc' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
sed -n "${deny_line}p" "$work/audit.log" | sed "s| rule=\"default\" | rule=$rule_hex |" >"$work/quoted.log"
check "report --json: a rule in hex (it has blanks), decoded; the fields after it intact" \
	"\"$ctl\" report --json --file $work/quoted.log | jq -e '.rule == \"deny op=open ctx=sqpoll path=/etc\" and .op == \"open\" and .ctx == \"sqpoll\" and .path == \"/etc/other-secret\" and .origin_exe == \"/tests/curing-demo\"' >/dev/null" \
	"$("$ctl" report --json --file "$work/quoted.log" 2>&1)"
expect "report: the denial names that rule" 0 "/etc/other-secret +deny op=open ctx=sqpoll path=/etc$" "$ctl" report --file "$work/quoted.log"

# learn: the rules of what ran, and nothing else.
pol=$work/learned.policy
# minidb's ops on its tables on io-wq, as the rule's comment counts them.
data() { records | grep ' res=1 ' | grep ' ctx=iowq ' | grep 'origin_exe="/tests/minidb"' | grep 'path="/tmp/minidb/data/'; }
nopen=$(data | grep -c ' op=open ')
nread=$(data | grep -c ' op=read ')
nwrite=$(data | grep -c ' op=write ')
ndata=$((nopen + nread + nwrite))
dfirst=$(data | head -n1 | cut -d' ' -f1)
dlast=$(data | tail -n1 | cut -d' ' -f1)
out=$("$ctl" learn --batch -o "$pol" 2>&1); rc=$?
check "learn: exit 0, the policy written" "[ $rc -eq 0 ] && grep -Eq '^Learned [0-9]+ rules from $nrec records to $pol.$' <<<\"\$out\"" "$out"
expect "learn: the policy passes check" 0 "valid: [0-9]+ rules, default deny" "$ctl" check "$pol"
check "learn: six tables of one op collapse to their directory (--collapse 5)" \
	"grep -qx 'allow op=open,read,write ctx=iowq exe=/tests/minidb path=/tmp/minidb/data' $pol"
check "learn: a hex path the grammar cannot hold becomes its directory" \
	"grep -qx 'allow op=open,read ctx=sqpoll exe=/tests/minidb path=/tmp/minidb/etc' $pol"
check "learn: a rule per object, with its ops" \
	"grep -qx 'allow op=open,write,truncate ctx=iowq exe=/tests/curing-demo path=/tmp/.implant' $pol"
check "learn: a connect by its address and port" \
	"grep -qx 'allow op=connect ctx=sqpoll exe=/tests/curing-demo family=inet addr=127.0.0.1 port=4444' $pol"
check "learn: a server's sends and receives by family: its peers' ports are anyone's" \
	"grep -qx 'allow op=send,recv ctx=sqpoll exe=/tests/minidb family=inet' $pol && grep -qx 'allow op=accept ctx=sqpoll exe=/tests/minidb family=inet addr=127.0.0.1 port=5432' $pol"
check "learn: each rule has a comment: ops, paths, first and last seen" \
	"grep -B1 -x 'allow op=open,read,write ctx=iowq exe=/tests/minidb path=/tmp/minidb/data' $pol >$work/b1 && grep -Eq '^# $ndata ops \(open $nopen, read $nread, write $nwrite\) on 6 paths, e.g. /tmp/minidb/data/t0.dat; opcodes openat,read,write; first $(when "$dfirst"), last $(when "$dlast")$' $work/b1"
check "learn: denied ops that did not run are not learned" \
	"grep -qx '# Not learned: $ndeny denied ops that did not run.' $pol && ! grep -q 'other-secret' $pol && ! grep -q 'port=4445' $pol"
check "learn: default deny" "grep -qx 'default deny' $pol"
out=$("$ctl" learn --batch --collapse 0 2>/dev/null)
check "learn --collapse 0: a rule per table" \
	"[ \$(grep -c '^allow op=open,read,write ctx=iowq exe=/tests/minidb path=/tmp/minidb/data/t[0-5].dat$' <<<\"\$out\") -eq 6 ]" "$out"
expect "learn --default audit --action audit" 0 "^audit op=setup,sqpoll ctx=inline exe=/tests/minidb$" \
	sh -c "'$ctl' learn --batch --default audit --action audit | grep -x -e 'default audit' -e 'audit op=setup,sqpoll ctx=inline exe=/tests/minidb'"

# learn --merge: only what the policy does not decide yet; nothing twice.
cp "$pol" "$work/merged.policy"
expect "learn --merge into its own policy adds nothing" 0 "Added 0 rules" "$ctl" learn --batch --merge "$work/merged.policy" -o "$work/merged.policy"
check "learn --merge: the file is unchanged, byte for byte" "cmp -s $pol $work/merged.policy"
printf '# mine\ndeny op=connect exe=/tests/curing-demo\nallow exe=/tests/minidb\ndefault audit\n' >"$work/mine.policy"
out=$("$ctl" learn --batch --merge "$work/mine.policy" --default deny -o "$work/mine2.policy" 2>&1)
check "learn --merge: the policy's own rules kept, its default replaced" \
	"[ \"\$(head -n 3 $work/mine2.policy | tr '\n' '|')\" = '# mine|deny op=connect exe=/tests/curing-demo|allow exe=/tests/minidb|' ] && grep -qx 'default deny' $work/mine2.policy && ! grep -qx 'default audit' $work/mine2.policy" "$(cat "$work/mine2.policy")"
check "learn --merge: nothing for what its rules decide (minidb; a denied connect)" \
	"! grep -q '^allow.*exe=/tests/minidb' <(sed 1,4d $work/mine2.policy) && ! grep -q 'connect' <(sed 1,4d $work/mine2.policy) && grep -q 'Not learned: 4 ops a rule of the merged policy denies' <<<\"\$out\"" "$out $(cat "$work/mine2.policy")"
check "learn --merge: curing-demo's other ops added" "grep -qx 'allow op=open,read ctx=sqpoll exe=/tests/curing-demo path=/etc/demo-secret' $work/mine2.policy"
expect "learn --merge: the result passes check" 0 "valid" "$ctl" check "$work/mine2.policy"
expect "learn --merge twice adds nothing" 0 "Added 0 rules" "$ctl" learn --batch --merge "$work/mine2.policy"
expect "learn --merge of an invalid policy" 1 "Failed to merge into \"$work/bad.policy\": the policy is invalid" \
	sh -c "printf 'bogus\n' >'$work/bad.policy'; '$ctl' learn --batch --merge '$work/bad.policy'"

# The review, on a terminal: one question a rule.  The answers: audit the
# first rule, skip the second, allow the third (Enter), allow the rest.
nrules=$(grep -c '^allow ' "$pol")
printf 'u\ns\n\nr\n' >"$work/answers"
script -qec "'$ctl' learn -o '$work/reviewed.policy'" /dev/null <"$work/answers" >"$work/review.out" 2>&1
check "learn on a terminal: asks about each rule" \
	"grep -q '^\[1/$nrules\] /tests/curing-demo' $work/review.out && grep -q '(a)llow, a(u)dit, (s)kip, allow the (r)est, (q)uit? \[a\]' $work/review.out" "$(tail -n 20 "$work/review.out")"
check "learn on a terminal: audit, skip, allow and allow the rest, as answered" \
	"grep -qx 'audit op=setup,sqpoll ctx=inline exe=/tests/curing-demo' $work/reviewed.policy && ! grep -q '^allow op=read ctx=iowq exe=/tests/curing-demo' $work/reviewed.policy && [ \$(grep -c '^allow' $work/reviewed.policy) -eq $((nrules - 2)) ]" "$(cat "$work/reviewed.policy")"
printf 'q\n' >"$work/answers"
rm -f "$work/quit.policy"
script -qec "'$ctl' learn -o '$work/quit.policy'" /dev/null <"$work/answers" >"$work/review.out" 2>&1
check "learn on a terminal: q quits and writes nothing" \
	"[ ! -e $work/quit.policy ] && grep -q 'Failed to learn: the review stopped at rule 1 of $nrules; nothing written' $work/review.out" "$(tail -n 5 "$work/review.out")"

# Bad input.
# Cut in the middle of the first denial's record, as a crash,
# or a copy of a log being written, would.
{ head -n $((deny_line - 1)) "$work/audit.log"; sed -n "${deny_line}p" "$work/audit.log" | head -c 150; } >"$work/truncated.log"
expect "a truncated log: its incomplete last line ignored, exit 4" 4 "Failed to parse \"$work/truncated.log\": its last line \($deny_line\) is incomplete, as in a truncated log; ignored" "$ctl" report --file "$work/truncated.log"
expect "a truncated log: the rest is reported, without the cut record" 4 "Records: $(head -n $((deny_line - 1)) "$work/audit.log" | grep -c '^type=UNKNOWN\[1440\]'),.*Denials: 0" \
	sh -c "'$ctl' report --file '$work/truncated.log' >'$work/t.out' 2>&1; rc=\$?; tr '\n' ' ' <'$work/t.out'; exit \$rc"
expect "a truncated log: learn writes the policy from the rest, exit 4" 4 "Learned [0-9]+ rules" "$ctl" learn --batch --file "$work/truncated.log"
grep -v '^type=UNKNOWN\[1440\]' "$work/audit.log" >"$work/other.log"
expect "a log without uringaudit records: report exits 3" 3 "No uringaudit record in \"$work/other.log\"" "$ctl" report --file "$work/other.log"
expect "a log without uringaudit records: learn writes nothing, exit 3" 3 "nothing written" "$ctl" learn --batch --file "$work/other.log" -o "$work/none.policy"
check "and no file" "[ ! -e $work/none.policy ]"
{ head -n 3 "$work/audit.log"; echo 'not an audit record'; echo 'neither'; tail -n +4 "$work/audit.log"; } >"$work/damaged.log"
expect "lines that are no audit records: named, ignored, exit 4" 4 "Failed to parse \"$work/damaged.log\": lines 4-5 are not audit records; ignored" "$ctl" report --file "$work/damaged.log"
chmod 0600 "$work/audit.log.1"
expect "an unreadable file: exit 1" 1 "Failed to open \"$work/audit.log.1\": Permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups "$ctl" report
expect "a directory: exit 1" 1 "Failed to read \"$work\": Is a directory" "$ctl" report --file "$work"
expect "a missing file: exit 1" 1 "Failed to open \"$work/nope\": No such file or directory" "$ctl" report --file "$work/nope"
printf 'log_file = %s/gone.log\n' "$work" >"$work/gone.conf"
expect "no log where auditd.conf says: exit 1, with a hint" 1 "Failed to open \"$work/gone.log\": No such file or directory" env URINGAUDIT_AUDITD_CONF="$work/gone.conf" "$ctl" report
for cmd in report learn watch; do
	expect "$cmd: an unknown option: exit 2" 2 "Failed to run \"$cmd\": unknown option \"--bogus\"" "$ctl" $cmd --bogus
done
expect "report: a bad time: exit 2" 2 "Failed to run \"report\": expected a time" "$ctl" report --since yesterdayish
expect "report: a bad decision: exit 2" 2 "Failed to run \"report\": expected audit or deny" "$ctl" report --decision allowed
expect "report: an option without its value: exit 2" 2 "Failed to run \"report\": option \"--exe\" needs a value" "$ctl" report --exe
expect "learn: a bad default: exit 2" 2 "Failed to run \"learn\": --default expects deny or audit" "$ctl" learn --default allow

# watch: the group it cannot join, a clean stop.
expect "watch without CAP_AUDIT_READ: the reason, exit 1" 1 "Failed to join \"the audit multicast group \(AUDIT_NLGRP_READLOG\)\": Operation not permitted" \
	setpriv --bounding-set=-audit_read "$ctl" watch
expect "watch --file twice: exit 2" 2 "Failed to run \"watch\": --file follows one log" "$ctl" watch --file x --file y
"$ctl" watch >/dev/null 2>"$work/watch.err" &
pid=$!
for _ in $(seq 50); do grep -q -e Watching -e Failed "$work/watch.err" && break; sleep 0.1; done
if grep -q Watching "$work/watch.err"; then
	kill -INT $pid
	wait $pid
	rc=$?
	check "watch stops cleanly on SIGINT" "[ $rc -eq 0 ]" "rc=$rc $(cat "$work/watch.err")"
else
	wait $pid
	ok "watch stops cleanly on SIGINT # SKIP this host cannot join the group: $(head -n 1 "$work/watch.err")"
fi
tap_end
