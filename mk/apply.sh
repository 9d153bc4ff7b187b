#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The perl substitutions are single-quoted on purpose: $1 there is perl's.
# shellcheck disable=SC2016
#
# Wire uringaudit into a Linux 6.12 source tree: copy its sources in,
# register the LSM where the kernel build expects it, and apply the
# io_uring LSM hook series of patches/io_uring-lsm/ (precise mode).  With
# --compat the series is left out (removed, if the tree has it): uringaudit
# then builds in compat mode, on the hooks a stock 6.12 kernel has.
#
# Idempotent: a second run finds everything in place and changes nothing.
# Every change is made on staged copies first; on a tree it cannot handle
# it changes nothing, says why and exits 1.
#
# Usage: mk/apply.sh [--compat] KSRC
#
# Exit codes: 0 wired (or already wired), 1 refused (tree untouched),
#             2 usage error.

set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
prog=${0##*/}
lsm_id=114
audit_type=1440
series_dir=$repo/patches/io_uring-lsm

usage() {
	echo "usage: $prog [--compat] KSRC" >&2
	exit 2
}

die() {
	echo "$prog: $*" >&2
	exit 1
}

compat=0
case ${1:-} in
--compat)
	compat=1
	shift
	;;
-*) usage ;;
esac
if [ $# -ne 1 ] || [ -z "$1" ]; then
	usage
fi
ksrc=$1

[ -d "$ksrc" ] || die "Failed to open \"$ksrc\": not a directory"
if [ ! -f "$ksrc/Makefile" ] || [ ! -f "$ksrc/security/security.c" ]; then
	die "Failed to recognise \"$ksrc\": not a Linux source tree (no Makefile or security/security.c)"
fi

version=$(sed -n 's/^VERSION = //p' "$ksrc/Makefile" | head -n1)
patchlevel=$(sed -n 's/^PATCHLEVEL = //p' "$ksrc/Makefile" | head -n1)
[ "$version.$patchlevel" = "6.12" ] ||
	die "Failed to wire \"$ksrc\": it is Linux ${version:-?}.${patchlevel:-?}, uringaudit supports 6.12 only"

# The series, in order (the cover letter is not a patch).
mapfile -t series < <(find "$series_dir" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | LC_ALL=C sort)
[ ${#series[@]} -gt 0 ] || die "Failed to find the io_uring LSM series in \"$series_dir\""
# Files the series touches.
series_files=$(sed -n 's|^+++ b/||p' "${series[@]}" | LC_ALL=C sort -u)

# Files we edit, relative to the tree: staged, edited, installed if changed.
edits="security/Kconfig security/Makefile include/uapi/linux/lsm.h
include/uapi/linux/audit.h include/linux/lsm_count.h
tools/testing/selftests/lsm/lsm_list_modules_test.c
Documentation/admin-guide/kernel-parameters.txt"
# Files we own, copied in as they are.
owned=$(cd "$repo" && find security/uringaudit include/uapi/linux/uringaudit.h \
	-type f ! -name '*.orig' ! -name '*.rej' | LC_ALL=C sort)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for f in $edits $series_files; do
	[ -f "$ksrc/$f" ] || die "Failed to find \"$ksrc/$f\": this 6.12 tree lacks a file uringaudit must edit"
	mkdir -p "$stage/$(dirname "$f")"
	cp "$ksrc/$f" "$stage/$f"
done

# edit FILE DONE PERL WHAT: unless FILE already matches the extended regex
# DONE, apply the perl -0 substitution PERL; afterwards FILE must match DONE,
# else WHAT (the anchor PERL looks for) was not found and nothing is written.
edit() {
	local f=$1 done=$2 perl=$3 what=$4

	grep -Eq -- "$done" "$stage/$f" && return 0
	perl -0pi -e "$perl" "$stage/$f"
	grep -Eq -- "$done" "$stage/$f" ||
		die "Failed to wire \"$f\": $what not found; the tree is untouched"
}

# security/Kconfig: source our Kconfig after IPE's...
edit security/Kconfig '^source "security/uringaudit/Kconfig"$' \
	's{^(source "security/ipe/Kconfig"\n)}{$1source "security/uringaudit/Kconfig"\n}m' \
	'the line source "security/ipe/Kconfig"'
# ... and add uringaudit before bpf in every default of CONFIG_LSM.
perl -0pi -e 's{(\nconfig LSM\n.*?\n\thelp\n)}{
	my $b = $1; $b =~ s/^(\tdefault "[^"]*?)(?<!,uringaudit),bpf"/$1,uringaudit,bpf"/mg; $b}se' \
	"$stage/security/Kconfig"
defaults=$(sed -n '/^config LSM$/,/^\thelp$/p' "$stage/security/Kconfig" | grep -c '^	default "' || true)
ours=$(sed -n '/^config LSM$/,/^\thelp$/p' "$stage/security/Kconfig" | grep -c '^	default ".*,uringaudit,bpf"' || true)
if [ "$defaults" -eq 0 ] || [ "$defaults" != "$ours" ]; then
	die "Failed to wire \"security/Kconfig\": $ours of $defaults defaults of config LSM end in \",bpf\"; the tree is untouched"
fi

# security/Makefile: build our directory.
edit security/Makefile '^obj-\$\(CONFIG_SECURITY_URINGAUDIT\)[[:space:]]+\+= uringaudit/$' \
	's{^(obj-\$\(CONFIG_SECURITY_IPE\)[^\n]*\n)}{$1obj-\$(CONFIG_SECURITY_URINGAUDIT)\t+= uringaudit/\n}m' \
	'the line obj-$(CONFIG_SECURITY_IPE)'

# include/uapi/linux/lsm.h: our LSM ID, unless another LSM took it.
if ! grep -q LSM_ID_URINGAUDIT "$stage/include/uapi/linux/lsm.h" &&
	grep -Eq "^#define LSM_ID_[A-Z_]+[[:space:]]+$lsm_id\b" "$stage/include/uapi/linux/lsm.h"; then
	die "Failed to wire \"include/uapi/linux/lsm.h\": LSM ID $lsm_id is taken by another LSM; the tree is untouched"
fi
edit include/uapi/linux/lsm.h "^#define LSM_ID_URINGAUDIT[[:space:]]+$lsm_id$" \
	"s{^(#define LSM_ID_IPE\\t+113\\n)}{\$1#define LSM_ID_URINGAUDIT\\t$lsm_id\\n}m" \
	'the line #define LSM_ID_IPE 113'

# include/uapi/linux/audit.h: our record type, among the MAC records,
# unless another record type took the number.
if ! grep -q AUDIT_URINGAUDIT "$stage/include/uapi/linux/audit.h" &&
	grep -Eq "^#define AUDIT_[A-Z_]+[[:space:]]+$audit_type\b" "$stage/include/uapi/linux/audit.h"; then
	die "Failed to wire \"include/uapi/linux/audit.h\": record type $audit_type is taken; the tree is untouched"
fi
edit include/uapi/linux/audit.h "^#define AUDIT_URINGAUDIT[[:space:]]+$audit_type\b" \
	"s{^(#define AUDIT_IPE_POLICY_LOAD[^\\n]*\\n)}{\$1#define AUDIT_URINGAUDIT\\t$audit_type\\t/* uringaudit: an io_uring op audited or denied */\\n}m" \
	'the line #define AUDIT_IPE_POLICY_LOAD'

# include/linux/lsm_count.h: count us in MAX_LSM_COUNT.
edit include/linux/lsm_count.h '^#define URINGAUDIT_ENABLED 1,$' \
	's{(#if IS_ENABLED\(CONFIG_SECURITY_IPE\)\n#define IPE_ENABLED 1,\n#else\n#define IPE_ENABLED\n#endif\n)(.*\t\tIPE_ENABLED)\)}{$1\n#if IS_ENABLED(CONFIG_SECURITY_URINGAUDIT)\n#define URINGAUDIT_ENABLED 1,\n#else\n#define URINGAUDIT_ENABLED\n#endif\n$2\t\t\\\n\t\tURINGAUDIT_ENABLED)}s' \
	'the IPE_ENABLED definition and its use in MAX_LSM_COUNT'
grep -q 'URINGAUDIT_ENABLED)$' "$stage/include/linux/lsm_count.h" ||
	die "Failed to wire \"include/linux/lsm_count.h\": URINGAUDIT_ENABLED is defined but not counted in MAX_LSM_COUNT; the tree is untouched"

# The LSM selftest maps IDs to names; teach it ours.
edit tools/testing/selftests/lsm/lsm_list_modules_test.c 'case LSM_ID_URINGAUDIT:' \
	's{(\t\tcase LSM_ID_IPE:\n\t\t\tname = "ipe";\n\t\t\tbreak;\n)}{$1\t\tcase LSM_ID_URINGAUDIT:\n\t\t\tname = "uringaudit";\n\t\t\tbreak;\n}' \
	'the case LSM_ID_IPE of the LSM list selftest'

# The boot parameter, in its alphabetical place.
edit Documentation/admin-guide/kernel-parameters.txt '^	uringaudit\.default=$' \
	's{^(\tusbcore\.authorized_default=\n)}{\turingaudit.default=\n\t\t\t[SECURITY] The action for every io_uring operation\n\t\t\tthat uringaudit mediates, until user space loads a\n\t\t\tpolicy.\n\t\t\tFormat: { "allow" | "audit" | "deny" }\n\t\t\tDefault: allow, without records.\n\n$1}m' \
	'the entry usbcore.authorized_default= of the kernel parameters'

# The series: applied (precise mode) or removed (--compat), on the staged
# copies.  A tree that has it is recognised by reversing it on a copy.
has_series() {
	local i p tmp=$1

	for ((i = ${#series[@]} - 1; i >= 0; i--)); do
		p=${series[i]}
		patch -d "$tmp" -p1 -R -s -f --no-backup-if-mismatch <"$p" >/dev/null 2>&1 || return 1
	done
}
check=$(mktemp -d -p "$stage")
for f in $series_files; do
	mkdir -p "$check/$(dirname "$f")"
	cp "$stage/$f" "$check/$f"
done
if has_series "$check"; then
	mode=precise
else
	mode=compat
fi
if [ $compat = 0 ] && [ $mode = compat ]; then
	for p in "${series[@]}"; do
		patch -d "$stage" -p1 -s -f --no-backup-if-mismatch <"$p" >"$stage/patch.log" 2>&1 ||
			die "Failed to apply \"${p#"$repo"/}\": $(head -n 3 "$stage/patch.log" | tr '\n' ' '); the tree is untouched"
	done
elif [ $compat = 1 ] && [ $mode = precise ]; then
	for ((i = ${#series[@]} - 1; i >= 0; i--)); do
		p=${series[i]}
		patch -d "$stage" -p1 -R -s -f --no-backup-if-mismatch <"$p" >"$stage/patch.log" 2>&1 ||
			die "Failed to remove \"${p#"$repo"/}\": $(head -n 3 "$stage/patch.log" | tr '\n' ' '); the tree is untouched"
	done
fi
rm -rf "$check"

# Everything is ready: write only what differs, so a second run is a no-op.
changed=0
install_file() {
	local src=$1 dst=$2

	if ! cmp -s "$src" "$dst"; then
		mkdir -p "$(dirname "$dst")"
		cp "$src" "$dst"
		echo "  UPDATE  ${dst#"$ksrc"/}"
		changed=$((changed + 1))
	fi
}
for f in $owned; do
	install_file "$repo/$f" "$ksrc/$f"
done
# Files of ours that the tree has but the repo no longer has.
if [ -d "$ksrc/security/uringaudit" ]; then
	# Sources only: an in-tree build leaves objects there that are not ours to remove.
	for f in $(cd "$ksrc" && find security/uringaudit -type f \( -name '*.[ch]' \
		-o -name Kconfig -o -name Makefile -o -name .kunitconfig \) | LC_ALL=C sort); do
		if [ ! -e "$repo/$f" ]; then
			rm -f "$ksrc/$f"
			echo "  REMOVE  $f"
			changed=$((changed + 1))
		fi
	done
fi
for f in $edits $series_files; do
	install_file "$stage/$f" "$ksrc/$f"
done

if [ $compat = 1 ]; then
	want="compat mode, without the io_uring LSM hook series"
else
	want="precise mode, with the io_uring LSM hook series"
fi
if [ "$changed" -eq 0 ]; then
	echo "$prog: $ksrc already wired for uringaudit ($want); nothing changed"
else
	echo "$prog: wired uringaudit into $ksrc ($want; $changed files updated)"
fi
