#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
#
# make profile's report: instructions per op, per kernel function, of one
# boot's configuration over another's.
#
# Usage: mk/profile-report.pl SYMS BASE_COUNTS COUNTS OPS TOP
#   SYMS: `nm -n vmlinux`; *_COUNTS: insncount's "ADDRESS COUNT" lines;
#   OPS: the ops both configurations ran; TOP: how many functions to list.
# Exit codes: 0 printed, 1 a file could not be read, 2 usage error.

use strict;
use warnings;
no warnings qw(portable);	# 64-bit kernel addresses in hex()

if (@ARGV != 5 || $ARGV[3] !~ /^[1-9][0-9]*$/ || $ARGV[4] !~ /^[1-9][0-9]*$/) {
	print STDERR "usage: profile-report.pl SYMS BASE_COUNTS COUNTS OPS TOP\n";
	exit 2;
}
my ($syms, $base, $counts, $ops, $top) = @ARGV;

# fail MESSAGE: say it and exit 1 (die would exit with errno).
sub fail {
	print STDERR "profile-report: $_[0]\n";
	exit 1;
}

my (@addr, @name);
open(my $fh, '<', $syms) or fail("Failed to open \"$syms\": $!");
while (<$fh>) {
	my ($at, $t, $n) = split;
	next unless defined $n && $t =~ /^[tTwW]$/;
	push @addr, hex($at);
	push @name, $n;
}
close($fh);
fail("No text symbols in \"$syms\"") unless @addr;

# The function an address is in: the last symbol at or below it.
sub function_of {
	my ($at) = @_;
	my ($lo, $hi) = (0, $#addr);
	return '?' if $at < $addr[0];
	while ($lo < $hi) {
		my $mid = int(($lo + $hi + 1) / 2);
		if ($addr[$mid] <= $at) { $lo = $mid } else { $hi = $mid - 1 }
	}
	return $name[$lo];
}

sub load {
	my ($path) = @_;
	my %by;
	open(my $in, '<', $path) or fail("Failed to open \"$path\": $!");
	while (<$in>) {
		my ($at, $n) = split;
		$by{function_of(hex($at))} += $n;
	}
	close($in);
	return \%by;
}

my ($before, $after) = (load($base), load($counts));
my %diff;
$diff{$_} = (($after->{$_} // 0) - ($before->{$_} // 0)) / $ops
	for keys %$before, keys %$after;
my $total = 0;
$total += $_ for values %diff;
printf "%+.1f instructions per op in all (%d ops)\n", $total, $ops;
my @sorted = sort { abs($diff{$b}) <=> abs($diff{$a}) || $a cmp $b } keys %diff;
splice(@sorted, $top) if @sorted > $top;
printf "%+10.1f  %s\n", $diff{$_}, $_ for @sorted;
