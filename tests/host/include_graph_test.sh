#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The files of security/uringaudit/ depend on each other top-down: no file
# reaches, through the headers it includes, a file that reaches it back.
# setup.c is the root (it registers every other file's hooks) and setup.h
# a leaf (blob sizes, the LSM id), so both are left out.  One TAP line per
# file, naming the cycle when there is one.  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

cd "$top/security/uringaudit" || exit 1
perl -e '
	use strict;
	my (%inc, %dep);
	for my $f (glob("*.[ch]")) {
		next if $f =~ /_test\.c$/;
		open(my $fh, "<", $f) or die "Failed to read \"$f\": $!\n";
		$inc{$f} = [ map { /#include "([^"]+)"/ ? $1 : () } <$fh> ];
	}
	# What each .c reaches through its headers, as .c files.
	for my $f (sort grep { /\.c$/ && $_ ne "setup.c" } keys %inc) {
		my (%seen, @todo);
		@todo = @{$inc{$f}};
		while (defined(my $h = shift @todo)) {
			next if $seen{$h}++;
			push @todo, @{$inc{$h} // []};
		}
		(my $m = $f) =~ s/\.c$//;
		$dep{$m} = [ grep { $_ ne $m && $_ ne "setup" && -e "$_.c" }
			     map { (my $x = $_) =~ s/\.h$//; $x } keys %seen ];
	}
	my $n = 0;
	for my $m (sort keys %dep) {
		# A path from a file $m depends on back to $m.
		my ($cycle, %seen);
		my @todo = map { [$_, "$m -> $_"] } @{$dep{$m}};
		while (my $t = shift @todo) {
			my ($x, $path) = @$t;
			if ($x eq $m) { $cycle = $path; last; }
			next if $seen{$x}++;
			push @todo, map { [$_, "$path -> $_"] } @{$dep{$x} // []};
		}
		$n++;
		print $cycle ? "not ok $n $m.c is in no cycle\n# $cycle\n"
			     : "ok $n $m.c is in no cycle\n";
	}
	print "1..$n\n";
'
