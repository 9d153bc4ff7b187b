#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Write the upstream posting of uringaudit: the io_uring LSM hook series of
# patches/io_uring-lsm/ as it is, then the LSM in steps, the documentation,
# the selftests and a cover letter, as `git format-patch` writes them,
# against the pristine 6.12 tree PRISTINE.  Everything comes from this
# repository's files as they are now: the sources (git ls-files), the
# wiring mk/apply.sh does, docs/admin-guide.rst, docs/benchmarks.md, the
# tests and the commit messages of patches/uringaudit/.
#
# The step table below assigns every file to a step.  A file of
# security/uringaudit that no step claims, a change of mk/apply.sh that no
# step claims, a step whose includes or objects are missing, a series
# whose end differs from what mk/apply.sh makes, and a checkpatch.pl
# --strict finding each stop the script with the reason.
#
# Usage: mk/patches.sh PRISTINE OUT
#   PRISTINE  an unpacked, untouched Linux 6.12 tree (make patches unpacks
#             Debian's linux-source-6.12 into build/linux-pristine)
#   OUT       where the series goes; emptied first
# Environment: PATCH_AUTHOR="Name <mail>" posts under that name (default:
#   the author of the io_uring series).
#
# Exit codes: 0 written, every patch checkpatch --strict clean; 1 failed
# (the reason on stderr; OUT may hold a partial series); 2 usage error.

set -euo pipefail

prog=${0##*/}
repo=$(cd "$(dirname "$0")/.." && pwd)
series_dir=$repo/patches/io_uring-lsm
msg_dir=$repo/patches/uringaudit

usage() {
	echo "usage: $prog PRISTINE OUT" >&2
	exit 2
}

die() {
	echo "$prog: $*" >&2
	exit 1
}

if [ $# -ne 2 ] || [ -z "$1" ] || [ -z "$2" ]; then
	usage
fi
pristine=$(cd "$1" 2>/dev/null && pwd) || die "Failed to open \"$1\": not a directory"
out=$(realpath -m "$2")
if [ ! -f "$pristine/Makefile" ] || [ ! -f "$pristine/scripts/checkpatch.pl" ]; then
	die "Failed to recognise \"$pristine\": not a Linux source tree (no Makefile or scripts/checkpatch.pl)"
fi
kversion=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p; s/^SUBLEVEL = //p' "$pristine/Makefile" | head -n 3 | paste -sd.)
case $kversion in
6.12.*) ;;
*) die "Failed to use \"$pristine\": it is Linux $kversion, uringaudit targets 6.12" ;;
esac

# The steps of the LSM, in order: NAME, the commit message
# patches/uringaudit/NAME.msg.  What builds on what decides the order and
# the grain: setup.c registers the hooks of task.c, hooks.c and issue.c and
# loads the boot policy of active.c, and every file that reads a task's or
# a file's blob needs setup.c's blob sizes.  So registration, hooks,
# decision, active policy and records link only together ("core"); the
# policy language before it and securityfs after it stand alone.
steps="policy core fs docs selftests"

# What each step adds: STEP PATH [HUNK-REGEX].  PATH is a file of this
# repository (security/uringaudit, the uapi header) or one mk/apply.sh
# edits in the tree; with HUNK-REGEX, only the hunks of that edit whose
# changed lines match it (every hunk must belong to exactly one step).
# Every file of `git ls-files security/uringaudit` must be listed.
table='
policy security/Kconfig ^\+source "security/uringaudit/Kconfig"$
policy security/Makefile
policy security/uringaudit/Kconfig
policy security/uringaudit/Makefile
policy security/uringaudit/.kunitconfig
policy security/uringaudit/policy.h
policy security/uringaudit/policy_names.h
policy security/uringaudit/policy_names.c
policy security/uringaudit/policy_parse.h
policy security/uringaudit/policy_parser.c
policy security/uringaudit/policy_values.c
policy security/uringaudit/policy_index.c
policy security/uringaudit/policy_match.c
policy security/uringaudit/policy_format.c
policy security/uringaudit/policy_test.c
policy security/uringaudit/policy_match_test.c
core security/Kconfig ,uringaudit,bpf"
core include/uapi/linux/lsm.h
core include/linux/lsm_count.h
core include/uapi/linux/audit.h
core tools/testing/selftests/lsm/lsm_list_modules_test.c
core Documentation/admin-guide/kernel-parameters.txt
core security/uringaudit/common.h
core security/uringaudit/setup.h
core security/uringaudit/setup.c
core security/uringaudit/context.h
core security/uringaudit/context_test.c
core security/uringaudit/task.h
core security/uringaudit/task.c
core security/uringaudit/task_test.c
core security/uringaudit/cache.h
core security/uringaudit/cache.c
core security/uringaudit/object.h
core security/uringaudit/object.c
core security/uringaudit/fault.h
core security/uringaudit/fault.c
core security/uringaudit/subject.h
core security/uringaudit/subject.c
core security/uringaudit/stats.h
core security/uringaudit/stats.c
core security/uringaudit/resolve.h
core security/uringaudit/resolve.c
core security/uringaudit/state_record.h
core security/uringaudit/state_record.c
core security/uringaudit/active.h
core security/uringaudit/active.c
core security/uringaudit/record.h
core security/uringaudit/record.c
core security/uringaudit/stash.h
core security/uringaudit/stash.c
core security/uringaudit/decide.h
core security/uringaudit/decide.c
core security/uringaudit/note.h
core security/uringaudit/note.c
core security/uringaudit/issue.h
core security/uringaudit/issue.c
core security/uringaudit/hooks.h
core security/uringaudit/hooks.c
fs security/uringaudit/fs.c
fs include/uapi/linux/uringaudit.h
'

# The guest tests that become selftests, with the headers they share.
selftests="base_test ops_test policy_fs_test records_test"
selftest_headers="audit.h common.h"
# What the selftests need of a kernel (tools/testing/selftests/uringaudit/config).
selftest_config="CONFIG_AUDIT=y
CONFIG_AUDITSYSCALL=y
CONFIG_INET=y
CONFIG_IO_URING=y
CONFIG_IPV6=y
CONFIG_NET=y
CONFIG_SECURITY=y
CONFIG_SECURITYFS=y
CONFIG_SECURITY_NETWORK=y
CONFIG_SECURITY_PATH=y
CONFIG_SECURITY_URINGAUDIT=y
CONFIG_SHMEM=y
CONFIG_TMPFS=y
CONFIG_TMPFS_XATTR=y
CONFIG_UNIX=y"

# checkpatch --strict findings that stay, each on one line of one patch:
# SUBJECT|TYPE|TEXT: a finding of TYPE in the patch with that subject, on
# a line that contains TEXT, is accepted; any other finding fails.
#  - The io_uring series is posted as it is, and its lines follow the code
#    around them: io_uring writes IO_URING_F_A|IO_URING_F_B, and
#    include/linux/security.h declares every security_uring_*() extern,
#    its stubs without blank lines between them.
#  - The selftests are the guest tests as they are (formatted by the
#    kernel's .clang-format): macros that expand to FIXTURE_VARIANT_ADD()
#    definitions at file scope cannot be one statement; the harness's own
#    struct _test_data_ops is a type checkpatch does not know; a set of
#    delimiters " \n" is not trailing whitespace.
# A patch that adds files all covered by the MAINTAINERS entry an earlier
# patch added gets FILE_PATH_CHANGES accepted too (computed below).
accepted='
io_uring: tell issues from task_work apart|SPACING|IO_URING_F_COMPLETE_DEFER|IO_URING_F_TASK_WORK);
io_uring: tell issues from task_work apart|SPACING|IO_URING_F_NONBLOCK|IO_URING_F_COMPLETE_DEFER|
lsm,io_uring: add LSM hooks for the issue of a request|AVOID_EXTERNS|extern int security_uring_issue(
lsm,io_uring: add LSM hooks for the issue of a request|AVOID_EXTERNS|extern void security_uring_result(
lsm,io_uring: add LSM hooks for the issue of a request|LINE_SPACING|static inline int security_uring_issue(
lsm,io_uring: add LSM hooks for the issue of a request|LINE_SPACING|static inline void security_uring_result(
selftests/uringaudit: add tests of io_uring mediation and records|QUOTED_WHITESPACE_BEFORE_NEWLINE|strcspn(lsm, " \n");
selftests/uringaudit: add tests of io_uring mediation and records|POINTER_LOCATION|struct _test_data_ops * self
selftests/uringaudit: add tests of io_uring mediation and records|COMPLEX_MACRO|#define VARIANT(
selftests/uringaudit: add tests of io_uring mediation and records|MULTISTATEMENT_MACRO_USE_DO_WHILE|#define ANY_CTX(
selftests/uringaudit: add tests of io_uring mediation and records|MULTISTATEMENT_MACRO_USE_DO_WHILE|#define IOWQ_ONLY(
'

author=${PATCH_AUTHOR:-}
if [ -z "$author" ]; then
	first=$(find "$series_dir" -name '0001-*.patch' | head -n 1)
	[ -n "$first" ] || die "Failed to find the io_uring LSM series in \"$series_dir\""
	author=$(sed -n 's/^From: //p' "$first" | head -n 1)
fi
case $author in
*' <'*'>') ;;
*) die "Failed to use the author \"$author\": not of the form \"Name <mail>\"" ;;
esac
export GIT_AUTHOR_NAME=${author% <*} GIT_AUTHOR_EMAIL=${author##*<}
GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>}
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
# Nothing of the user's git configuration shapes the series.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$work/tree   # the series, commit by commit
final=$work/final # what mk/apply.sh makes of the pristine files

# --- The files every step claims, and that each is claimed ------------------

claims() { # STEP: the paths STEP claims
	awk -v s="$1" '$1 == s { print $2 }' <<<"$table" | LC_ALL=C sort -u
}
hunk_re() { # STEP PATH: the hunk regex, or nothing for the whole file
	awk -v s="$1" -v p="$2" '$1 == s && $2 == p && NF > 2 { sub(/^[^ ]+ +[^ ]+ +/, ""); print }' <<<"$table"
}

sources=$(cd "$repo" && git ls-files security/uringaudit include/uapi/linux/uringaudit.h)
[ -n "$sources" ] || die "Failed to list \"security/uringaudit\": git ls-files found nothing"
unclaimed=
for f in $sources; do
	awk -v p="$f" '$2 == p { found = 1 } END { exit !found }' <<<"$table" || unclaimed="$unclaimed $f"
done
[ -z "$unclaimed" ] ||
	die "Failed to place \"${unclaimed# }\": no step of the table in $prog claims it; add it to the step whose includes and symbols it needs"
while read -r f; do
	grep -qxF "$f" <<<"$sources" || die "Failed to find \"$f\": the table of $prog names it but git ls-files does not"
done < <(awk 'NF { print $2 }' <<<"$table" | grep '^security/uringaudit/' | LC_ALL=C sort -u)
for s in $steps; do
	[ -f "$msg_dir/$s.msg" ] || die "Failed to find \"$msg_dir/$s.msg\": the commit message of step $s"
done

# --- The pristine files, and what mk/apply.sh makes of them ----------------

series=$(find "$series_dir" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | LC_ALL=C sort)
[ -n "$series" ] || die "Failed to find the io_uring LSM series in \"$series_dir\""
# shellcheck disable=SC2086
base_files=$(
	{
		sed -n 's|^+++ b/||p' $series
		echo Makefile
		echo security/security.c
		echo MAINTAINERS
		echo Documentation/admin-guide/LSM/index.rst
		echo tools/testing/selftests/Makefile
	} | LC_ALL=C sort -u
)
copy_pristine() { # DEST FILE...
	local d=$1 f
	shift
	for f; do
		[ -f "$pristine/$f" ] || die "Failed to find \"$pristine/$f\": the tree lacks a file the series changes"
		mkdir -p "$d/$(dirname "$f")"
		cp "$pristine/$f" "$d/$f"
	done
}
# shellcheck disable=SC2086
copy_pristine "$tree" $base_files
cp -a "$tree" "$final"
# mk/apply.sh names the files it lacks; they are pristine files to add.
for _ in $(seq 20); do
	if "$repo/mk/apply.sh" "$final" >"$work/apply.log" 2>&1; then
		break
	fi
	missing=$(sed -n 's/.*Failed to find "[^"]*\/final\/\([^"]*\)": this 6.12 tree lacks a file.*/\1/p' "$work/apply.log")
	[ -n "$missing" ] || die "Failed to run \"mk/apply.sh\" on the pristine files: $(tr '\n' ' ' <"$work/apply.log")"
	copy_pristine "$tree" "$missing"
	copy_pristine "$final" "$missing"
done

cd "$tree"
git init -q
git add -A -f
git commit -q -m "Linux $kversion (pristine files the series touches)"
base=$(git rev-parse HEAD)
# shellcheck disable=SC2086
git am -q $series || die "Failed to apply the io_uring LSM series with git am: $(git am --show-current-patch=diff 2>/dev/null | head -n 3 | tr '\n' ' ')"

# Every change mk/apply.sh makes beyond the series must be claimed.
for f in $(cd "$final" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); do
	if [ -f "$tree/$f" ] && cmp -s "$tree/$f" "$final/$f"; then
		continue
	fi
	awk -v p="$f" '$2 == p { found = 1 } END { exit !found }' <<<"$table" ||
		die "Failed to place the change mk/apply.sh makes to \"$f\": no step of the table in $prog claims it"
done

# --- Helpers of the steps ----------------------------------------------------

# take_hunks PATH REGEX: apply to PATH those hunks of its change towards
# the final file whose changed lines match REGEX.
take_hunks() {
	local f=$1 re=$2

	diff -u "$f" "$final/$f" >"$work/full.diff" || true
	perl -e '
		my ($re, $file) = @ARGV;
		open(my $in, "<", $file) or die;
		my @lines = <$in>;
		my @head = splice(@lines, 0, 2);
		my (@hunks, $cur);
		for (@lines) {
			if (/^@@/) { push(@hunks, $cur = [$_]); } else { push(@$cur, $_); }
		}
		print @head;
		for my $h (@hunks) {
			print @$h if grep { /^[-+]/ && /$re/ } @$h[1 .. $#$h];
		}' "$re" "$work/full.diff" >"$work/part.diff"
	grep -q '^@@' "$work/part.diff" || die "Failed to find a hunk of the change to \"$f\" matching /$re/"
	patch -s -p0 --no-backup-if-mismatch "$f" <"$work/part.diff" ||
		die "Failed to apply the hunks of \"$f\" matching /$re/"
}

# step_makefile: security/uringaudit/Makefile with only the objects whose
# sources this step has; the file itself once they all are there.
step_makefile() {
	perl -e '
		my $dir = shift;
		local $/;
		my $text = <STDIN>;
		$text =~ s/\\\n\s*/ /g;
		my $all = 1;
		my @out;
		for my $line (split(/\n/, $text, -1)) {
			if ($line =~ /^(\S+-\S+\s*[:+]?=)\s*(.*\.o.*)$/ && $line !~ /^obj-/) {
				my ($lhs, @objs) = ($1, split(" ", $2));
				my @have = grep { my $c = $_; $c =~ s/\.o$/.c/; -f "$dir/$c" } @objs;
				$all = 0 if @have != @objs;
				next unless @have;
				my $l = "$lhs";
				my @w;
				for my $o (@have) {
					# Columns, a tab counting 8, and room for " \".
					my $cols = length($l) + ($l =~ /^\t/ ? 7 : 0);
					if ($cols + 1 + length($o) + 2 > 80) { push(@w, "$l \\"); $l = "\t$o"; }
					else { $l .= " $o"; }
				}
				push(@out, @w, $l);
			} else {
				push(@out, $line);
			}
		}
		exit 3 if $all;
		print join("\n", @out);
	' security/uringaudit <"$repo/security/uringaudit/Makefile" >"$work/Makefile" && rc=0 || rc=$?
	case $rc in
	0) cp "$work/Makefile" security/uringaudit/Makefile ;;
	3) cp "$repo/security/uringaudit/Makefile" security/uringaudit/Makefile ;;
	*) die "Failed to write the Makefile of a step from \"security/uringaudit/Makefile\"" ;;
	esac
}

# check_step STEP: every include of security/uringaudit is there, and every
# object its Makefile lists has its source.
check_step() {
	local s=$1 f inc o

	for f in security/uringaudit/*.[ch]; do
		[ -f "$f" ] || continue
		while read -r inc; do
			[ -f "security/uringaudit/$inc" ] ||
				die "Failed to build step $s: \"$f\" includes \"$inc\", which the step lacks; move one of them"
		done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
		if grep -Eq '^#include <(uapi/)?linux/uringaudit\.h>' "$f" && [ ! -f include/uapi/linux/uringaudit.h ]; then
			die "Failed to build step $s: \"$f\" includes <linux/uringaudit.h>, which the step lacks"
		fi
	done
	[ -f security/uringaudit/Makefile ] || return 0
	for o in $(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' security/uringaudit/Makefile |
		sed -n 's/^[a-z]*-[^ :+]*[ ]*[:+]*=\(.*\)/\1/p' | tr -s ' \t' '\n' | grep '\.o$' | grep -v '^uringaudit\.o$'); do
		[ -f "security/uringaudit/${o%.o}.c" ] ||
			die "Failed to build step $s: its Makefile lists \"$o\" but the step has no \"${o%.o}.c\""
	done
}

# maintainers_add PATTERN...: the uringaudit entry of MAINTAINERS, made
# or given F: PATTERNs, in their sorted places.
maintainers_add() {
	perl -e '
		my ($author, @pats) = @ARGV;
		my $title = "URINGAUDIT SECURITY MODULE";
		local $/;
		open(my $in, "<", "MAINTAINERS") or die;
		my $text = <$in>;
		my @blocks = split(/\n\n/, $text, -1);
		my ($start) = grep { $blocks[$_] =~ /^3C59X NETWORK DRIVER\n/ } 0 .. $#blocks;
		defined($start) or die "no first entry\n";
		my ($ours) = grep { $blocks[$_] =~ /^\Q$title\E\n/ } 0 .. $#blocks;
		if (!defined($ours)) {
			my $i = $start;
			$i++ while $i <= $#blocks && $blocks[$i] =~ /^([^\n]+)\n[A-Z]:\t/ && lc($1) lt lc($title);
			splice(@blocks, $i, 0, "$title\nM:\t$author\nL:\tlinux-security-module\@vger.kernel.org\nS:\tSupported");
			$ours = $i;
		}
		my @lines = split(/\n/, $blocks[$ours]);
		my @f = grep { /^F:\t/ } @lines;
		my @rest = grep { !/^F:\t/ } @lines;
		my %seen;
		@f = sort grep { !$seen{$_}++ } (@f, map { "F:\t$_" } @pats);
		$blocks[$ours] = join("\n", @rest, @f);
		open(my $o, ">", "MAINTAINERS") or die;
		print $o join("\n\n", @blocks);
	' "$author" "$@" || die "Failed to add the uringaudit entry to MAINTAINERS"
}

# new_patterns: F: patterns for the files this step adds: the topmost
# directory the pristine tree lacks, or the file itself.
new_patterns() {
	local f d top

	for f in $(git diff --cached --name-only --diff-filter=A); do
		d=$(dirname "$f") top=$f
		while [ "$d" != . ] && [ ! -d "$pristine/$d" ]; do
			top=$d/
			d=$(dirname "$d")
		done
		echo "$top"
	done | LC_ALL=C sort -u
}

# commit STEP SOURCE...: commit what the step staged, dated by the last
# change of its SOURCEs in this repository, with its message and a sign-off.
commit() {
	local s=$1 date pats
	shift

	git add -A -f
	# shellcheck disable=SC2046
	pats=$(new_patterns)
	if [ -n "$pats" ]; then
		# shellcheck disable=SC2086
		maintainers_add $pats
		git add MAINTAINERS
		# Files the entry already covers: nothing for MAINTAINERS to say.
		git diff --cached --quiet -- MAINTAINERS && covered="$covered$(head -n 1 "$msg_dir/$s.msg")"$'\n'
	fi
	check_step "$s"
	# shellcheck disable=SC2046
	date=$(cd "$repo" && git log -1 --format=%aD -- "$@" "patches/uringaudit/$s.msg" 2>/dev/null)
	[ -n "$date" ] || date=$(cd "$repo" && git log -1 --format=%aD)
	{
		cat "$msg_dir/$s.msg"
		printf '\nSigned-off-by: %s\n' "$author"
	} >"$work/msg"
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date git commit -q -F "$work/msg" ||
		die "Failed to commit step $s: it changes nothing"
}

# --- The steps of the LSM ----------------------------------------------------

covered=

for s in policy core fs; do
	for f in $(claims "$s"); do
		re=$(hunk_re "$s" "$f")
		if [ -n "$re" ]; then
			take_hunks "$f" "$re"
		elif [ "$f" = security/uringaudit/Makefile ]; then
			continue
		else
			[ -f "$final/$f" ] || die "Failed to find \"$f\" in what mk/apply.sh wrote: the table of $prog and mk/apply.sh disagree"
			mkdir -p "$(dirname "$f")"
			cp "$final/$f" "$f"
		fi
	done
	step_makefile
	# shellcheck disable=SC2046
	commit "$s" $(claims "$s")
done

# The tree is now what mk/apply.sh makes: same files, same contents (but
# for MAINTAINERS, which only the posting changes).
for f in $(cd "$final" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); do
	[ "$f" = MAINTAINERS ] || cmp -s "$f" "$final/$f" || die "Failed to match mk/apply.sh: after the LSM steps \"$f\" differs from what it writes"
done
for f in $(git ls-files security/uringaudit include/uapi/linux/uringaudit.h); do
	[ -f "$final/$f" ] || die "Failed to match mk/apply.sh: the series adds \"$f\", mk/apply.sh does not"
done

# --- Documentation -------------------------------------------------------------

rst=Documentation/admin-guide/LSM/uringaudit.rst
perl "$repo/mk/patches-doc.pl" "$repo/docs/admin-guide.rst" "$msg_dir/doc-tests.rst" >"$rst" ||
	die "Failed to write \"$rst\" from \"docs/admin-guide.rst\""
perl -0pi -e 's/(\n\.\. toctree::\n(?:   :[^\n]*\n)*\n(?:   \S[^\n]*\n)+)/$1   uringaudit\n/ or die' \
	Documentation/admin-guide/LSM/index.rst ||
	die "Failed to add uringaudit to the toctree of \"Documentation/admin-guide/LSM/index.rst\""
commit docs docs/admin-guide.rst

# --- Selftests -------------------------------------------------------------------

st=tools/testing/selftests/uringaudit
mkdir -p "$st"
for t in $selftests; do
	[ -f "$repo/tests/$t.c" ] || die "Failed to find \"tests/$t.c\", a test the selftests take"
	sed 's|^#include "kselftest_harness.h"|#include "../kselftest_harness.h"|' "$repo/tests/$t.c" >"$st/$t.c"
done
for h in $selftest_headers; do
	cp "$repo/tests/$h" "$st/$h" || die "Failed to copy \"tests/$h\""
done
printf '%s\n' "$selftest_config" >"$st/config"
for t in $selftests; do echo "/$t"; done >"$st/.gitignore"
{
	echo '# SPDX-License-Identifier: GPL-2.0'
	echo '#'
	echo '# uringaudit selftests: boot with uringaudit in lsm= (see config) and run'
	echo '# them as root.  They need liburing; without "lsm=...,uringaudit" they'
	echo '# check that uringaudit stays out of the way.'
	echo
	# shellcheck disable=SC2016
	echo 'CFLAGS += -Wall -O2 $(KHDR_INCLUDES)'
	echo 'LDLIBS += -luring -lpthread'
	echo "LOCAL_HDRS += $selftest_headers"
	echo
	printf 'TEST_GEN_PROGS :='
	for t in $selftests; do printf ' %s' "$t"; done
	printf '\n\ninclude ../lib.mk\n'
} >"$st/Makefile"
perl -0pi -e 's/^(TARGETS \+= uevent\n)/$1TARGETS += uringaudit\n/m or die' tools/testing/selftests/Makefile ||
	die "Failed to add uringaudit to the TARGETS of \"tools/testing/selftests/Makefile\": the line TARGETS += uevent not found"
commit selftests tests

# --- The posting -------------------------------------------------------------------

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
git format-patch -q --numbered --zero-commit --cover-letter -o "$out" "$base"..HEAD ||
	die "Failed to write the series into \"$out\""
cover=$(find "$out" -name '0000-cover-letter.patch')
n_io=$(wc -w <<<"$series")
n_all=$(git rev-list --count "$base"..HEAD)
perl "$repo/mk/patches-cover.pl" "$cover" "$msg_dir/cover-letter.txt" "$repo/docs/benchmarks.md" "$kversion" \
	IOURING="1-$n_io" LSM="$((n_io + 1))-$n_all" SELFTESTS="$n_all" ||
	die "Failed to write the cover letter from \"patches/uringaudit/cover-letter.txt\" and \"docs/benchmarks.md\""

# --- checkpatch --strict ---------------------------------------------------------

failed=0
for p in "$out"/[0-9][0-9][0-9][0-9]-*.patch; do
	case ${p##*/} in 0000-*) continue ;; esac
	subject=$(perl -ne 'if (/^Subject: \[PATCH [0-9]+\/[0-9]+\] (.*)/) { $s = $1;
		while (<>) { last unless /^[ \t]+(.*)/; $s .= " $1" } print $s; exit }' "$p")
	found=$(cd "$pristine" || exit 1
		perl scripts/checkpatch.pl --strict --terse --show-types "$p" 2>&1 |
			grep -E ':[0-9]+: (ERROR|WARNING|CHECK):'
		exit 0)
	left=
	kept=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		kept=$((kept + 1))
		n=$(sed -n 's/.*:\([0-9]*\): \(ERROR\|WARNING\|CHECK\):.*/\1/p' <<<"$line")
		type=$(sed -n 's/.*: \(ERROR\|WARNING\|CHECK\):\([A-Z_]*\):.*/\2/p' <<<"$line")
		text=$(sed -n "${n}p" "$p")
		if [ "$type" = FILE_PATH_CHANGES ] && grep -qxF "$subject" <<<"$covered"; then
			continue
		fi
		# Through the environment: awk -v would expand the backslashes.
		if S=$subject T=$type L=$text awk -F'|' '
			$1 == ENVIRON["S"] && $2 == ENVIRON["T"] {
				rest = substr($0, length($1) + length($2) + 3)
				if (index(ENVIRON["L"], rest)) found = 1
			}
			END { exit !found }' <<<"$accepted"; then
			continue
		fi
		kept=$((kept - 1))
		left="$left$line"$'\n'"    $text"$'\n'
	done <<<"$found"
	if [ -n "$left" ]; then
		printf '%s' "$left" >&2
		echo "  CHECK   ${p##*/}: FAILED, $(grep -c ': \(ERROR\|WARNING\|CHECK\):' <<<"$left") findings"
		failed=$((failed + 1))
	else
		echo "  CHECK   ${p##*/}: ok ($kept accepted findings)"
	fi
done
[ $failed -eq 0 ] || die "Failed to pass checkpatch.pl --strict: $failed patches of \"$out\" have the findings above"
n=$(find "$out" -name '[0-9]*.patch' | wc -l)
echo "$prog: wrote $((n - 1)) patches and a cover letter into $out (Linux $kversion); checkpatch --strict clean"
