#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
#
# Fill the cover letter git format-patch wrote (its "*** SUBJECT HERE ***"
# and "*** BLURB HERE ***") from TEMPLATE: its first line is the subject,
# the rest the blurb, where @KVERSION@ becomes the kernel version and
# @BENCHMARKS@ the measurements of BENCHMARKS.md (docs/benchmarks.md, as
# make bench wrote it): how it was measured, each table as text, and the
# targets as judged there.  The shortlog and diffstat git wrote stay.
#
# Usage: mk/patches-cover.pl COVER TEMPLATE BENCHMARKS.md KVERSION [KEY=VALUE...]
#   each KEY=VALUE replaces @KEY@ in TEMPLATE.
# Exit codes: 0 written, 1 failed (the reason on stderr), 2 usage error.

use strict;
use warnings;

if (@ARGV < 4 || grep { !/^[A-Z]+=/ } @ARGV[4 .. $#ARGV]) {
	print STDERR "usage: patches-cover.pl COVER TEMPLATE BENCHMARKS.md KVERSION [KEY=VALUE...]\n";
	exit 2;
}
my ($cover, $template, $bench, $kversion, @vars) = @ARGV;

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "patches-cover.pl: Failed to open \"$f\": $!\n";
	local $/;
	return <$fh>;
}

sub cells {
	my ($row) = @_;
	$row =~ s/^\s*\|//;
	$row =~ s/\|\s*$//;
	return map { s/^\s+|\s+$//gr } split(/\|/, $row);
}

# A cell as text: no Markdown emphasis or code, no range in parentheses.
sub plain {
	my ($c) = @_;
	$c =~ s/\*\*//g;
	$c =~ s/`//g;
	$c =~ s/\s*\([^()]*…[^()]*\)//g;
	return $c;
}

# The measurements, from the Markdown make bench writes.
sub benchmarks {
	my ($md) = @_;
	my @out;
	my @lines = split(/\n/, $md);
	# How and where it was measured: the bullets before the first section.
	my @how;
	for my $l (@lines) {
		last if $l =~ /^## /;
		if ($l =~ /^- (.*)/) {
			push(@how, $1);
		} elsif (@how && $l =~ /^\s+(\S.*)/) {
			$how[-1] .= " $1";
		}
	}
	die "patches-cover.pl: Failed to read \"$bench\": no \"- Commit:\" line\n"
	    unless @how && $how[0] =~ /^Commit:/;
	push(@out, "Measured by the project's benchmark (QEMU instruction counting:", "a nanosecond is one guest instruction; medians over seeds):");
	for my $h (@how[0 .. 1]) {
		push(@out, wrap('  - ', '    ', plain($h)));
	}
	my $section = '';
	my $i = 0;
	my $tables = 0;
	while ($i < @lines) {
		my $l = $lines[$i];
		if ($l =~ /^## (.*)/) {
			$section = $1;
			$i++;
			next;
		}
		if ($l =~ /^\|/ && $i + 1 < @lines && $lines[$i + 1] =~ /^\|[-|: ]+\|$/) {
			my @head = cells($l);
			$i += 2;
			push(@out, '', "$section:");
			$tables++;
			while ($i < @lines && $lines[$i] =~ /^\|/) {
				my @row = cells($lines[$i]);
				push(@out, '', "  $row[0]");
				for my $c (1 .. $#head) {
					next if $head[$c] =~ /^(?:Seeds|Repeat spread)$/;
					next if !defined($row[$c]) || $row[$c] eq '–';
					push(@out, sprintf('    %-46s %s', plain($head[$c]) . ':', plain($row[$c])));
				}
				$i++;
			}
			next;
		}
		if ($section =~ /^The targets/ && $l =~ /^- (.*)/) {
			push(@out, '', "$section:") if $out[-1] !~ /^  - / && $out[-1] ne "$section:";
			push(@out, wrap('  - ', '    ', plain($1)));
		}
		$i++;
	}
	die "patches-cover.pl: Failed to read \"$bench\": no table\n" unless $tables;
	return join("\n", @out);
}

sub wrap {
	my ($first, $rest, $words) = @_;
	my @lines;
	my $line = $first;
	my $bare = 1;
	for my $w (split(/\s+/, $words)) {
		if (!$bare && length($line) + 1 + length($w) > 72) {
			push(@lines, $line);
			$line = $rest . $w;
		} else {
			$line .= ($bare ? '' : ' ') . $w;
		}
		$bare = 0;
	}
	push(@lines, $line);
	return @lines;
}

my $t = slurp($template);
my ($subject, $blurb) = $t =~ /\A([^\n]+)\n\n(.*)\z/s
    or die "patches-cover.pl: Failed to read \"$template\": not a subject line, a blank line and a blurb\n";
$blurb =~ s/\@KVERSION\@/$kversion/g;
for my $v (@vars) {
	my ($k, $val) = split(/=/, $v, 2);
	$blurb =~ s/\@$k\@/$val/g;
}
my $b = benchmarks(slurp($bench));
$blurb =~ s/\@BENCHMARKS\@/$b/ or die "patches-cover.pl: Failed to find \@BENCHMARKS\@ in \"$template\"\n";
$blurb =~ s/\n+\z//;
die "patches-cover.pl: Failed to fill \"$template\": $1 has no value\n" if $blurb =~ /(\@[A-Z]+\@)/;

my $c = slurp($cover);
$c =~ s/\*\*\* SUBJECT HERE \*\*\*/$subject/ or die "patches-cover.pl: Failed to find the subject of \"$cover\"\n";
$c =~ s/\*\*\* BLURB HERE \*\*\*/$blurb/ or die "patches-cover.pl: Failed to find the blurb of \"$cover\"\n";
open(my $o, '>', $cover) or die "patches-cover.pl: Failed to write \"$cover\": $!\n";
print $o $c;
