#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
#
# Turn the guest output of mk/bench.sh into docs/benchmarks.md.
#
# Three boots a seed: absent (uringaudit not in lsm=, the precise kernel),
# precise (the same kernel, uringaudit in lsm=) and compat (the kernel
# without the io_uring LSM hook series, uringaudit in lsm=).  For each
# seed, boot, configuration and workload: the median of the repeats (the
# warm-up, rep 0, is left out).  Each is compared with the absent boot's
# phase 1 seed by seed; a cell gives the median over seeds of ns per op,
# of the difference in ns and of the ratio, and the range of the ratios.
#
# Usage: mk/bench-report.pl DIR > docs/benchmarks.md
# Exit codes: 0 written, 1 the data is missing or incomplete.

use strict;
use warnings;

my $dir = shift or die "usage: $0 DIR\n";
die "usage: $0 DIR\n" if @ARGV || !-d $dir;
my (%ns, %cs, %rec, %all, %ops, %lost, %meta, %seeds, %unresolved);
my @boots = qw(absent precise compat);

for my $file (sort glob("$dir/seed*-*.out")) {
	my ($seed, $boot) = $file =~ m{seed(\d+)-(\w+)\.out$} or next;
	next unless grep { $_ eq $boot } @boots;
	open(my $fh, '<', $file) or die "Failed to open \"$file\": $!\n";
	while (<$fh>) {
		if (/^bench-meta (.*)/) {
			for (split ' ', $1) {
				my ($k, $v) = split /=/, $_, 2;
				$meta{$k} = $v unless $k eq 'mediation' || $k eq 'uringaudit';
			}
			next;
		}
		if (/^bench-policy config=(\S+) rules=(\d+) unresolved=(\S+)/) {
			$unresolved{$boot}{$1}{$3} = 1;
			next;
		}
		next unless /^bench config=(\S+) workload=(\S+) rep=(\d+) ops=(\d+) ns=(\d+) ctxsw=(\d+) records=(\d+) lost=(-?\d+) all=(\d+)/;
		my ($config, $wl, $rep, $ops, $t, $ctx, $r, $l, $a) = ($1, $2, $3, $4, $5, $6, $7, $8, $9);
		next if $rep == 0;
		$seeds{$wl}{$seed} = 1;
		push @{$ns{$boot}{$config}{$wl}{$seed}}, $t / $ops;
		push @{$cs{$boot}{$config}{$wl}{$seed}}, $ctx / $ops;
		$rec{$boot}{$config}{$wl} += $r;
		$all{$boot}{$config}{$wl} += $a;
		$ops{$boot}{$config}{$wl} += $ops;
		$lost{$boot}{$config}{$wl} += $l;
	}
	close($fh);
}
die "bench-report: no measurements of the absent boots in $dir\n"
	unless $ns{absent}{none};

sub median {
	my @v = sort { $a <=> $b } @_;
	return undef unless @v;
	return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

# Per-seed medians of a boot, configuration and workload, by seed.
sub per_seed {
	my ($h, $boot, $config, $wl) = @_;
	my %m;
	for my $seed (keys %{$h->{$boot}{$config}{$wl} || {}}) {
		$m{$seed} = median(@{$h->{$boot}{$config}{$wl}{$seed}});
	}
	return \%m;
}

# Against the absent boot's phase 1, seed by seed: ns/op, the difference
# in ns, the ratio (medians over seeds), the range of the ratios.
sub compare {
	my ($boot, $config, $wl) = @_;
	my $base = per_seed(\%ns, 'absent', 'none', $wl);
	my $m = per_seed(\%ns, $boot, $config, $wl);
	my (@ratio, @val, @diff);
	for my $seed (sort keys %$m) {
		next unless $base->{$seed};
		push @ratio, $m->{$seed} / $base->{$seed};
		push @val, $m->{$seed};
		push @diff, $m->{$seed} - $base->{$seed};
	}
	return undef unless @ratio;
	my @r = sort { $a <=> $b } @ratio;
	my @d = sort { $a <=> $b } @diff;
	return { ns => median(@val), diff => median(@diff), ratio => median(@ratio),
		 min => $r[0], max => $r[-1], dmax => $d[-1], seeds => scalar @ratio };
}

sub pct { my $v = shift; return sprintf('%+.2f', ($v - 1) * 100) }

sub cell {
	my ($boot, $config, $wl) = @_;
	my $c = compare($boot, $config, $wl) or return '–';
	if ($c->{ratio} >= 1.5) {
		return sprintf('%.0f (%+.0f), %.2f× (%.2f … %.2f)', $c->{ns},
			       $c->{diff}, $c->{ratio}, $c->{min}, $c->{max});
	}
	return sprintf('%.0f (%+.0f), **%s %%** (%s … %s)', $c->{ns}, $c->{diff},
		       pct($c->{ratio}), pct($c->{min}), pct($c->{max}));
}

# Spread of the repeats of the baseline: the noise floor.
sub noise {
	my ($wl) = @_;
	my @s;
	for my $v (values %{$ns{absent}{none}{$wl}}) {
		my @x = sort { $a <=> $b } @$v;
		push @s, ($x[-1] - $x[0]) / median(@x) * 100;
	}
	return @s ? sprintf('%.3f %%', median(@s)) : '–';
}

my @order = qw(nop read_inline read_sqpoll pread write_iowq pwrite
	       open_inline open_syscall open_iowq);
my @workloads = grep { $ns{absent}{none}{$_} } @order;
my %what = (
	nop => 'NOP, batches of 32',
	read_inline => '4 KiB read, tmpfs, inline, batches of 32',
	read_sqpoll => '4 KiB read, tmpfs, SQPOLL, batches of 32',
	pread => '4 KiB pread(2), tmpfs',
	write_iowq => '4 KiB write, tmpfs, batches of 32 (inline attempt, then io-wq)',
	pwrite => '4 KiB pwrite(2), tmpfs',
	open_inline => 'openat+close through io_uring, inline, batches of 32',
	open_syscall => 'openat(2)+close(2)',
	open_iowq => 'openat+close, openat on io-wq (IOSQE_ASYNC)',
);
my $nseeds = sub { scalar keys %{$seeds{$_[0]}} };
my $reps = $meta{reps} // '?';
my $wall = $ENV{BENCH_WALL} // '?';
my $seedlist = $ENV{BENCH_SEEDS} // '?';
my $iowqlist = $ENV{BENCH_IOWQ_SEEDS} // '';
my $iowqnote = $iowqlist =~ /\S/
	? "seeds $iowqlist run only the two io-wq workloads, whose scheduling needs more seeds"
	: 'no extra seeds for the io-wq workloads';
my $commit = $ENV{BENCH_COMMIT} // 'unknown';
my $qemu = $ENV{BENCH_QEMU} // 'QEMU';
my $kernel = $meta{kernel} // '?';
my $clock = $meta{clocksource} // '?';

# The unresolved path= and exe= rules of each configuration's policy.
sub unresolved {
	my ($config) = @_;
	my %u;
	for my $boot (qw(precise compat)) {
		$u{$_} = 1 for keys %{$unresolved{$boot}{$config} || {}};
	}
	return %u ? join('/', sort keys %u) : '–';
}

print <<"EOF";
# uringaudit benchmarks

Generated by `make bench` (mk/bench.sh, mk/bench-report.pl,
tests/uring-bench.c); do not edit: run it again when the code changes.

- Commit: `$commit`; guest kernel `$kernel`; $qemu.
- QEMU `-smp 1 -icount shift=0,sleep=off -rtc base=DATE,clock=vm -nic none`,
  kernel `tsc=reliable audit=1 audit_backlog_limit=8192`; clocksource `$clock`.
  Seed N is the date 2024-01-01 plus N - 1 days; a boot with a given seed
  runs the same instructions whatever the host does. Seeds $seedlist run every
  workload; $iowqnote.
  Wall time of the boots: $wall s.
- Three boots per seed, one after the other:
  **absent**: the precise kernel (with the io_uring LSM hook series), `lsm=landlock`;
  **precise**: the same kernel, `lsm=landlock,uringaudit` (every io_uring
  issue meets uringaudit's `uring_issue` hook, `mediation precise`);
  **compat**: the kernel built without the series, `lsm=landlock,uringaudit`
  (uringaudit sees io_uring only through the file and socket hooks,
  `mediation compat`).
- In each boot, per configuration and workload: a warm-up, then $reps repeats
  (`BENCH_REPS`; 3 by default, down from 5: under `-icount` the repeats of
  a boot differ by less than the spread column shows, and a full run must
  fit in about 30 minutes),
  interleaved with the other configurations of the same boot; the median
  of the repeats. Phase 1 of each boot measures every workload with no
  policy loaded; phase 2 the configurations (the absent boot: the
  kernel's URINGOP rule only).
- A cell is: ns per op (its difference from **absent**, in ns), the
  difference in % (bold) and its range over the seeds, or, from 1.5× up,
  the ratio and its range. Each figure is the median over the seeds of
  the per-seed values, each seed compared with the absent boot of the same seed.
- Under `-icount` a nanosecond is one guest instruction: cache misses,
  atomics and lock contention cost nothing here. The figures count
  instructions, not cycles.
- The baseline is another boot, and kernel state that differs between
  boots (which slab an allocation comes from, whether it takes the slow
  path) moves instruction counts by itself: an earlier version of this
  report saw `pread(2)` 1.8 % below the absent boot with a file_permission
  hook that returned at once, and one 4 KiB allocation more, once, make every
  later `openat(2)` about 930 instructions dearer (this run shows that
  step too: see the openat rows). The system-call workloads (`pread(2)`,
  `pwrite(2)`, `openat(2)`) never reach a decision in precise mode (their
  hooks return after a look at the task's frame), so what they show there
  is what hooks that return at once cost (see "Where the cost comes
  from") plus that state; the compat kernel is a different build and
  differs from the absent boot by more than its hooks.

## What uringaudit costs when nothing is audited (issue 10)

Targets: NOP in precise mode with no policy, at most 8 instructions more
per op than absent; every other workload at most +1 % with no policy and
with 64 rules naming other ops.

| Workload | Seeds | absent | precise: no policy | compat: no policy | precise: empty policy | compat: empty policy | precise: 64 rules naming other ops | compat: 64 rules naming other ops | Repeat spread |
|---|---|---|---|---|---|---|---|---|---|
EOF
for my $wl (@workloads) {
	my $base = compare('absent', 'none', $wl);
	printf "| %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %s |\n", $what{$wl},
		$nseeds->($wl), $base->{ns},
		map({ (cell('precise', $_, $wl), cell('compat', $_, $wl)) } qw(none empty others64)),
		noise($wl);
}

print <<"EOF";

"No policy" is phase 1 of the boot, before any policy is loaded. "Empty
policy" is `default allow` and nothing else. "Naming other ops": 64 rules
(the kinds of the next table) that name unlink, mkdir, rename and symlink,
as most rules of a real policy name something else than a given op. In
precise mode an opcode no rule can reach leaves the `uring_issue` hook
after one test of a bitmap; the read, write and open hooks then find no
issue in the task's frame. In compat mode the file hooks decide
io_uring work by the task's context and find the op class quiet. "Repeat
spread" is the median, over seeds, of (max - min) / median of the repeats
of the absent boot.

## Policies that name the op (issue 12)

Targets: with 64 path/exe rules naming the op, reads and writes at most
+2 %, opens at most +10 %; the no-policy and 64-other-ops columns above
unchanged.

| Workload | precise: 64 path/exe rules naming the op | compat: 64 path/exe rules naming the op | precise: 64 uid/auid/gid rules naming the op | compat: 64 uid/auid/gid rules naming the op |
|---|---|---|---|---|
EOF
for my $wl (@workloads) {
	next unless $ns{precise}{paths64}{$wl} || $ns{compat}{paths64}{$wl};
	printf "| %s | %s | %s | %s | %s |\n", $what{$wl},
		cell('precise', 'paths64', $wl), cell('compat', 'paths64', $wl),
		cell('precise', 'ids64', $wl), cell('compat', 'ids64', $wl);
}

my $unres = unresolved('paths64');
print <<"EOF";

Every rule names `op=open,read,write` and matches none of the ops. "Path/exe
rules": rule 0 matches on uid, executable and path, the others on one key
each, in turn uid, auid, executable, path; the paths are directories
and the executables files the guest creates under /tmp/bench, which no
workload touches, so that the rules name file identities when the policy
loads (unresolved rules: $unres). Each op then has its subject (and, for
path rules, its file's identity and those of the directories above it)
looked up in the policy's index; a decision on an open file is
remembered by the file (per-file decision cache), so that its later reads and
writes are decided once. "uid/auid/gid rules": one key each, in turn; a
task remembers what it was allowed (per-task cache). `pread(2)`,
`pwrite(2)` and `openat(2)` are not io_uring work: no decision.

## An audited op against the kernel's own audit

Target: an op audited by uringaudit no dearer than the same op audited by
the kernel's io_uring filter (`AUDIT_FILTER_URING_EXIT`, an audit rule on
IORING_OP_OPENAT that writes a URINGOP record per op), in instructions and
in records per op. uringaudit's policy is `audit op=open,read,write`; the
URINGOP rule is measured in each boot (with uringaudit under an empty policy in
the precise and compat boots). Records are read by an audit daemon in the
guest (a process registered as auditd, which counts what it reads by
type), and the time until it has read them all is part of the cost. The
kernel does not audit reads and writes (their opcodes are `audit_skip`).
These two configurations run an eighth of each workload's ops (a record
costs ten times the op), to keep `make bench` within its half hour.

| Workload | absent | URINGOP, absent boot | URINGOP, precise boot | precise: audit | URINGOP, compat boot | compat: audit | own records per op: URINGOP / precise / compat | audit records of any type per op: URINGOP / precise / compat | lost |
|---|---|---|---|---|---|---|---|---|---|
EOF
my $per_op = sub {
	my ($h, $boot, $c, $wl) = @_;
	return $ops{$boot}{$c}{$wl} ? sprintf('%.2f', $h->{$boot}{$c}{$wl} / $ops{$boot}{$c}{$wl}) : '–';
};
for my $wl (@workloads) {
	next unless $ns{precise}{audit}{$wl} || $ns{compat}{audit}{$wl};
	my $base = compare('absent', 'none', $wl);
	my $lost = 0;
	for my $b (@boots) {
		$lost += $lost{$b}{$_}{$wl} // 0 for qw(audit uringop);
	}
	printf "| %s | %.0f | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s | %d |\n",
		$what{$wl}, $base->{ns},
		cell('absent', 'uringop', $wl), cell('precise', 'uringop', $wl),
		cell('precise', 'audit', $wl), cell('compat', 'uringop', $wl),
		cell('compat', 'audit', $wl),
		$per_op->(\%rec, 'absent', 'uringop', $wl),
		$per_op->(\%rec, 'precise', 'audit', $wl),
		$per_op->(\%rec, 'compat', 'audit', $wl),
		$per_op->(\%all, 'absent', 'uringop', $wl),
		$per_op->(\%all, 'precise', 'audit', $wl),
		$per_op->(\%all, 'compat', 'audit', $wl), $lost;
}

print <<"EOF";

"Own records": uringaudit's (type 1440) for uringaudit, URINGOP (1336) for
the kernel's rule. "Audit records of any type" counts everything the
daemon read during the measurement, per op: a record written inside
`io_uring_enter(2)` joins the system call's event, so the kernel writes
that event too (SYSCALL, PROCTITLE, EOE, and for opens a CWD and a PATH
record per file); an op on io-wq has an event of its own. In precise mode
uringaudit writes one record per issue attempt: a tmpfs write, tried
inline (-EAGAIN) and again on io-wq, has two. "lost": records the kernel
lost or the daemon did not read, over both configurations and every boot.

## Growth with the number of rules

The cost of an op that no rule matches, with 1, 16, 256 and 4096 rules of
the path/exe kinds above (the 1-rule policy is rule 0: uid, executable
and path). Target: no growth from 16 to 4096. Reads look the same index
up as opens do; where they do not grow and openat steps by about 930
instructions, the step is the allocator state of the caveat above (a
policy of 4096 rules is a large allocation), not a cost per rule. The io-wq
rows move with the scheduling (see their repeat spread).

| Workload | mode | 1 rule | 16 rules | 256 rules | 4096 rules |
|---|---|---|---|---|---|
EOF
for my $wl (@workloads) {
	for my $boot (qw(precise compat)) {
		next unless $ns{$boot}{rules1}{$wl};
		printf "| %s | %s | %s |\n", $what{$wl}, $boot,
			join(' | ', map { cell($boot, "rules$_", $wl) } (1, 16, 256, 4096));
	}
}

print <<"EOF";

## Context switches per op on io-wq and SQPOLL

io-wq does not resolve a 1 % cost: the scheduler absorbs it, and the
context switches per op move instead. These rows are a gross-regression
check (medians over seeds).

| Workload | boot | no policy | 64 rules naming other ops | 64 path/exe rules naming the op | 4096 rules | audit | URINGOP |
|---|---|---|---|---|---|---|---|
EOF
for my $wl (grep { /iowq|sqpoll/ } @workloads) {
	for my $boot (@boots) {
		my @c = map {
			my $m = per_seed(\%cs, $boot, $_, $wl);
			%$m ? sprintf('%.2f', median(values %$m)) : '–'
		} qw(none others64 paths64 rules4096 audit uringop);
		printf "| %s | %s | %s |\n", $what{$wl}, $boot, join(' | ', @c);
	}
}
print "\n";

# The targets, judged from the numbers above (medians over seeds).
sub over {
	my ($boot, $config, $limit, @wls) = @_;
	my (@bad, @good, @state);
	for my $wl (@wls) {
		my $c = compare($boot, $config, $wl) or next;
		my $s = sprintf('%s %s %%', $wl, pct($c->{ratio}));
		if ($c->{ratio} < 0.99) {
			# Below the absent boot: kernel state, not a saving.
			push @state, $s;
		} elsif (($c->{ratio} - 1) * 100 > $limit) {
			push @bad, $s;
		} else {
			push @good, $s;
		}
	}
	return 'not measured' unless @bad || @good || @state;
	my @out;
	push @out, 'missed: ' . join(', ', @bad) if @bad;
	push @out, 'met: ' . join(', ', @good) if @good;
	push @out, 'not judged (state): ' . join(', ', @state) if @state;
	return join('; ', @out);
}

my @reads = grep { /read|write/ } @workloads;
my @opens = grep { /open/ } @workloads;
my @others = grep { $_ ne 'nop' } @workloads;
print <<"EOF";
## The targets, judged from these numbers

Medians over seeds of the per-seed differences from the absent boot.
"Not judged (state)": a workload measured more than 1 % below the absent
boot. No hook makes an op cheaper; that is the kernel state the caveat
above describes (for openat, the ~930-instruction step), and it can as well
hide a cost of the same size.

EOF
if (my $c = compare('precise', 'none', 'nop')) {
	printf "- NOP, precise mode, no policy, at most 8 instructions more per op: %s (%+.3f ns per op, median over seeds; at most %+.3f; the hook and its dispatch are 8 instructions, counted per function; what is over 8 was not traced).\n",
		$c->{diff} <= 8 ? 'met' : 'missed', $c->{diff}, $c->{dmax};
}
for my $boot (qw(precise compat)) {
	printf "- %s mode, at most +1 %% with no policy: %s.\n", ucfirst $boot,
		over($boot, 'none', 1, @others);
	printf "- %s mode, at most +1 %% with 64 rules naming other ops: %s.\n",
		ucfirst $boot, over($boot, 'others64', 1, @others);
}
for my $boot (qw(precise compat)) {
	printf "- %s mode, 64 path/exe rules naming the op, reads and writes at most +2 %%: %s.\n",
		ucfirst $boot, over($boot, 'paths64', 2, @reads);
	printf "- %s mode, 64 path/exe rules naming the op, opens at most +10 %%: %s.\n",
		ucfirst $boot, over($boot, 'paths64', 10, @opens);
}
for my $boot (qw(precise compat)) {
	for my $wl (grep { $ns{$boot}{rules16}{$_} && $ns{$boot}{rules4096}{$_} } @workloads) {
		my ($a, $b) = (compare($boot, 'rules16', $wl), compare($boot, 'rules4096', $wl));
		printf "- No growth from 16 to 4096 rules, %s mode, %s: %s (%.0f → %.0f ns, %s %%).\n",
			$boot, $wl, abs($b->{ns} / $a->{ns} - 1) <= 0.01 ? 'met' : 'missed',
			$a->{ns}, $b->{ns}, pct($b->{ns} / $a->{ns});
	}
}
for my $boot (qw(precise compat)) {
	for my $wl (grep { $ns{$boot}{uringop}{$_} && $ns{$boot}{audit}{$_} } @workloads) {
		my ($a, $u, $n) = (compare($boot, 'audit', $wl), compare($boot, 'uringop', $wl),
				   compare($boot, 'none', $wl));
		my $ra = $rec{$boot}{audit}{$wl} / $ops{$boot}{audit}{$wl};
		my $ru = $rec{$boot}{uringop}{$wl} / $ops{$boot}{uringop}{$wl};
		my $aa = $all{$boot}{audit}{$wl} / $ops{$boot}{audit}{$wl};
		my $au = $all{$boot}{uringop}{$wl} / $ops{$boot}{uringop}{$wl};
		printf "- An op audited by uringaudit no dearer than URINGOP, %s mode, %s: instructions %s (%.0f against %.0f ns per op over the %.0f ns of the op without either, same boot); own records per op %s (%.2f against %.2f); audit records of any type per op %s (%.2f against %.2f).\n",
			$boot, $wl, $a->{ns} <= $u->{ns} ? 'met' : 'missed',
			$a->{ns} - $n->{ns}, $u->{ns} - $n->{ns}, $n->{ns},
			$ra <= $ru + 0.005 ? 'met' : 'missed', $ra, $ru,
			$aa <= $au + 0.005 ? 'met' : 'missed', $aa, $au;
	}
}
print "\n";

# Where the cost comes from: read off a profile, once, by hand; not part
# of the run, so it names the commit it was taken at.
print <<'EOF';
## Where the cost comes from

Not measured by this run: instruction counts per kernel function, taken
by hand at commit `f6b4e9b` (the code these targets were first judged on)
with a small QEMU TCG plugin that counts the instructions of each
translation block, under the same `-icount` guest: a boot with N more ops
of one configuration against a boot with N more ops of another, same
seed, divided by N. Figures are instructions per op, precise mode.
`make profile` (mk/profile.sh, mk/insncount.c) takes them again for any
workload and pair of configurations.

- **The series itself (87 per issue, no LSM on the hook).** The absent
  boot's NOP costs 87 more than the compat kernel's, which has no series
  and where NOP meets no uringaudit hook: `io_security_issue()` (51: it
  builds the `struct io_uring_issue` and works out the issuer on every
  issue) and `security_uring_issue()` (21: the walk over the hook's static
  call slots), from patches/io_uring-lsm/0002. The absent column includes
  them: the NOP target is measured on top of them.
- **NOP, no policy (+81 then; +8 now).** All of it in `hook_uring_issue()`
  (security/uringaudit/issue.c, 78) and the now live static call of
  `security_uring_issue()` (3). The hook declares its query, object and
  decision with initialisers, so the compiler zeroes them (39 `rep stos`
  iterations, each an instruction here) and saves six registers before it
  tests `uringaudit_opcode_interest`. The test alone is about five
  instructions: a fast path that tests the bitmap before anything is
  built (a small inline check calling an out-of-line slow path) would meet
  the 8-instruction target. It does now: the interest mask is a bitmap
  tested with `test_bit()` (one `bt` on memory), five instructions in the
  hook before it returns, with no policy and with rules naming other
  opcodes alike.
- **Any file op, no policy (+55 per `file_permission`).**
  `hook_file_permission()` (hooks.c) builds its object (`FILE_OBJ()`, a
  compound literal: 15 `rep stos` iterations) and calls
  `uringaudit_hook_decide()` (issue.c), which returns at its first or
  second test (no frame, or no issue in it). That is the +57 of `pread(2)` and
  `pwrite(2)` in precise mode, and with the 81 of `uring_issue`, the +138
  of a read through io_uring: these are the hooks, not boot state. Testing
  for an issue in the frame before building the object would leave a
  few instructions. In compat mode the same hook goes to
  `compat_decide()`, whose context test reads the system call number
  from the task's registers; the compat column also carries the
  difference between the two builds (for NOP, the series' 87 fewer).
- **Reads with 64 path/exe rules (+2,206).** The per-file cache is never
  filled for them: `uringaudit_decide()` (decide.c) clears `remember` when
  the candidate rules need the object (`needs & URINGAUDIT_MATCH_OBJECT`,
  which path rules do), and `finish()` then skips
  `uringaudit_file_remember()` too, so every read is matched again:
  `uringaudit_policy_match()`, `uringaudit_policy_slot()`, `match_group()`
  (638), the walk up the file's directories in `uringaudit_object_keys()`
  and `uringaudit_key_of()` (142), the program's identity through
  `get_task_exe_file()` (about 50), on top of what a cache hit costs.
  Compat mode pays the same decision in `file_permission` (+1,786 per
  read), without the result round trip of the next item.
- **What a cache hit costs (+1,226 per read, with the uid/auid/gid rules,
  whose reads the file cache does remember).** `uringaudit_subject_hash()`
  (cache.c): a SipHash of the subject on every op, before the cache is
  looked at (358); `uringaudit_decide()` itself (199) and `from_kuid()` /
  `from_kgid()` of euid, egid and auid on every decision (`map_id_up`, 92);
  the result round trip: `hook_uring_issue()` sets `issue->follow` on every
  op it decides, silent allows included, so io_uring calls
  `security_uring_result()` after each and `hook_uring_result()` settles,
  writes (nothing) and closes the frame (about 230); `stash_find()`, a
  global spinlock and hash lookup on every issue (22); the file hook's look
  at the frame (`uringaudit_hook_decide()`, 64). The +2 % target for reads
  (about 46 instructions on a 2,300-instruction read) is out of reach of a
  hit that costs this much; it needs a hit that costs a compare or two
  (a per-file entry checked against the policy generation and the task's
  own cached values, no hash, no result hook for silent allows).
- **Reads with 64 rules naming them, after the fast paths (+845 per read
  with the path/exe rules, +817 with the uid/auid/gid rules).** Measured
  by hand at commit `ed45fc2`, when the per-file cache is filled for path
  rules, the subject hash is memoised per task and silent allows are no
  longer followed to their result: one `read_inline` boot (seed 1) per
  kernel, each kernel cutting the decision short at one more step, in
  instructions per read over the empty policy. The `uring_issue` hook's
  interest test passing and the file hook (85); the frame: finding it,
  `stash_find()`, the submitter and the class (140); entering and leaving
  `uringaudit_decide()` and `uringaudit_decide_note()`: the zeroing of the
  subject, values and decision (65 `rep stos` iterations), `from_kuid()`
  and `from_kgid()`, the decision's release, `others_quiet()` and closing
  the frame (303); the values a cache entry is checked against: the
  policy's generation, the submitter's login user ID, the program's
  identity (119); the subject hash, the per-file entry and `finish()`
  (198). No single step holds the cost: the +2 % target (about 45
  instructions) needs a fast path that does none of these steps for a
  read or write of a file already allowed: an entry on the file checked
  in `hook_uring_issue()`, before any frame, against the policy generation
  and the subject's values compared as the kernel stores them (no
  mapping, no hash). A first step of that is in: a read or write of a
  file that remembers allowing it now takes a short way
  (`issue_remembered()` in issue.c, `uringaudit_decide_remembered()` in
  decide.c: no frame, no full decision, the subject's memoised hash
  checked field by field, not with `memcmp()`): +539 and +501 per read,
  measured the same way.
- **Reads with 64 rules naming them, now (+212 per read over the empty policy with the
  path/exe rules, seed 1).** Counted per function with the plugin at
  commit `9f84871`: the short way is tried in `hook_uring_issue()` before
  `issue_slow()` builds its query; the task's subject memo holds the IDs
  as the kernel does (`uid_eq()`, `gid_eq()`: no `from_kuid()` unless
  they changed), and the program is not compared (it is the task's until
  execve(2), which empties the memo). What is left: the hook's tests (the
  opcode's bit, the quiet opcodes, the class, the file, the frame, the
  stash: 70), `uringaudit_decide_remembered()` (77: the file entry's
  context and class, the policy's generation, the subject), `subject_of()`
  (58: the login user ID, the memo's compares) and the file entry's
  sequence-checked read (26). The +2 % target (about 45) would need the
  per-file entry checked in the hook itself against a per-task stamp of
  the subject that every change of credentials, login or cgroup replaces,
  which means hooks on each of those changes (cred_prepare, the loginuid
  write, cgroup attach): not done.
- **Opens with 64 path/exe rules (+2,481).** Two decisions per open (at
  the issue, with the file still to come, and in `file_open`), each a full
  match (`uringaudit_policy_match()` 458, `uringaudit_rule_eval()` 344,
  `uringaudit_policy_slot()` 235, `match_group()` 150,
  `uringaudit_rule_names()` 136), `uringaudit_decide()` 529, `map_id_up`
  184, and the subject hash (358), computed for a file cache that, as
  above, is then not written.  Since commit `6e44d78` an open that
  creates nothing is decided once, at file_open (one that creates or
  truncates is still decided at its issue first, so that a refusal
  leaves nothing behind), and since `cd19fef` settling an issue with
  nothing left to decide builds no query and the matcher looks only at
  the keys the op's rules have: an inline openat+close under these rules
  went from 8367 to 7192 instructions (seed 1). What remains (about 900)
  is one full decision: entering `uringaudit_decide()` (its zeroed
  subject and the policy's generation read twice, about 330), the index
  (a probe per key value: the user, login user, program, the file and
  each directory above it, about 500 with the groups), the file's and its
  directories' identities (about 150), and following the issue to its
  result (the issue's frame, the `uring_result` round trip, about 300).
- **An audited read (+52,178).** Formatting: `vsnprintf()` and its
  helpers (`format_decode`, `string_nocheck`, `number`, ...) take about
  34,000. `uringaudit_text_printf()` (record.c) formats each field twice
  (`vsnprintf(NULL, 0, ...)` to size it, then `vscnprintf()`), and
  `uringaudit_record_emit()` formats the assembled text a third time into
  the audit buffer (`audit_log_format()` with `%s`); the rest is the
  text buffer's allocations, `d_path` of the file and the audit machinery
  every record pays. The kernel's URINGOP record, a handful of integer
  fields formatted once, costs about 15,000 for a whole open.
EOF
