#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
#
# Make Documentation/admin-guide/LSM/uringaudit.rst of the upstream posting
# from docs/admin-guide.rst: what only makes sense in this repository (make
# targets, docs/, tests/, tools/uringaudit-ctl/ paths) goes by the rules
# below, and the "Tests" section becomes TESTS (the kernel's KUnit and
# selftests).  Any such reference the rules leave stops it, with the line,
# so that a new one in the guide is not posted unnoticed.
#
# Usage: mk/patches-doc.pl ADMIN-GUIDE.rst TESTS.rst >uringaudit.rst
# Exit codes: 0 written, 1 a reference no rule handles (named on stderr),
# 2 usage error.

use strict;
use warnings;

if (@ARGV != 2) {
	print STDERR "usage: patches-doc.pl ADMIN-GUIDE.rst TESTS.rst\n";
	exit 2;
}
my ($src, $tests) = @ARGV;

# Blocks (paragraphs, list items) that go whole.
my @drop_blocks = (
	qr/``make\s+bench``/,
	qr/^``make\s+check``\s+shows\s+this/,
);
# Sentences that go.
my @drop_sentences = (
	qr/``make\s+apply\s+KSRC=/,
	qr/``docs\/benchmarks\.md``/,
	qr/``tests\/guest\//,
);
# Phrases rewritten.
my @subst = (
	[qr/,\s+with\s+``tools\/uringaudit-ctl\/kcompat\.h``:/, ':'],
	[qr/\(``tools\/uringaudit-ctl\/``;\s+/, '('],
	[qr/where\s+``make\s+apply``\s+puts\s+it/, 'where this series puts it'],
);
# What must not be left.
my $repo_only = qr/make\s+(?:apply|bench|check|demo|patches|install)\b|(?<![\w\/])docs\/|(?<![\w\/])tests\/|README\.md|KSRC|\bmk\/|\.ci\//;

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "patches-doc.pl: Failed to open \"$f\": $!\n";
	local $/;
	return <$fh>;
}

my $text = slurp($src);
my $tests_text = slurp($tests);

# Repository fields of the header.
$text =~ s/^:Target:[^\n]*\n\n?//m;

# The Tests section: up to the next title of its level, or the end.
if ($text =~ s/^Tests\n=====\n.*?(?=^[^\n]+\n=+\n|\z)/$tests_text/ms) {
	$text =~ s/\n*\z/\n/;
} else {
	$text =~ s/\n*\z/\n\n$tests_text/;
}

sub is_title_or_table {
	my ($block) = @_;
	return $block =~ /^[=\-~^"'`#*+]{2,}(?:\s|$)/m;
}

sub wrap {
	my ($first, $rest, $words) = @_;
	my @lines;
	my $line = $first;
	my $bare = 1;
	# Words and the blanks between them: two after a sentence, kept.
	my @parts = split(/( +)/, $words);
	while (@parts) {
		my $w = shift(@parts);
		my $sep = @parts ? shift(@parts) : '';
		if (!$bare && length($line) + length($w) > 76) {
			$line =~ s/ +$//;
			push(@lines, $line);
			$line = $rest;
		}
		$line .= $w . $sep;
		$bare = 0;
	}
	$line =~ s/ +$//;
	push(@lines, $line);
	return join("\n", @lines);
}

# edit TEXT: the rules on one paragraph or list item; undef when it goes.
sub edit {
	my ($t) = @_;
	for my $re (@drop_blocks) {
		return undef if $t =~ $re;
	}
	my $orig = $t;
	for my $s (@subst) {
		$t =~ s/$s->[0]/$s->[1]/g;
	}
	my @sentences = split(/(?<=[.!?])  (?=\S)/, $t);
	@sentences = grep {
		my $s = $_;
		!grep { $s =~ $_ } @drop_sentences;
	} @sentences;
	return undef unless @sentences;
	$t = join('  ', @sentences);
	return ($t eq $orig) ? $orig : $t;
}

my @out;
for my $block (split(/\n\n/, $text, -1)) {
	my @lines = split(/\n/, $block);
	if (!@lines || is_title_or_table($block) || $lines[0] =~ /^(?:\.\.|\s)/) {
		push(@out, $block);
		next;
	}
	my ($marker) = $lines[0] =~ /^([-*] |\d+\. )/;
	my $indent = defined($marker) ? ' ' x length($marker) : '';
	# Paragraphs and list items only: every line at the margin, or (in
	# an item) indented to its text.
	if (grep { !/^(?:\Q$indent\E\S|[-*] |\d+\. )/ || ($indent eq '' && /^\s/) } @lines) {
		push(@out, $block);
		next;
	}
	my (@items, @kept);
	for my $l (@lines) {
		if (defined($marker) && $l =~ /^([-*] |\d+\. )(.*)/) {
			push(@items, [$1, $2]);
		} elsif (@items) {
			(my $c = $l) =~ s/^\s+//;
			$items[-1][1] .= "\n$c";
		} else {
			push(@items, ['', $l]);
			undef $marker;
		}
	}
	if (!defined($marker)) {
		@items = (['', join("\n", @lines)]);
	}
	for my $it (@items) {
		my ($m, $t) = @$it;
		my $joined = $t;
		$joined =~ s/([.!?])\n/$1  /g;
		$joined =~ s/\n/ /g;
		my $e = edit($joined);
		next unless defined($e);
		if ($e eq $joined) {
			my $ind = ' ' x length($m);
			(my $keep = $t) =~ s/\n/\n$ind/g;
			push(@kept, $m . $keep);
		} else {
			push(@kept, wrap($m, ' ' x length($m), $e));
		}
	}
	push(@out, join("\n", @kept)) if @kept;
}
$text = join("\n\n", @out);
$text =~ s/\n{3,}/\n\n/g;
$text =~ s/\n*\z/\n/;

my $bad = 0;
my $n = 0;
for my $l (split(/\n/, $text)) {
	$n++;
	if ($l =~ $repo_only) {
		print STDERR "patches-doc.pl: Failed to make \"$src\" kernel documentation: line $n of the result refers to this repository, and no rule of mk/patches-doc.pl handles it: $l\n";
		$bad = 1;
	}
}
exit 1 if $bad;
print $text;
