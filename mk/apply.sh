#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Wire uringaudit into a Linux 6.12 source tree: copy its sources in and
# register the LSM where the kernel build expects it.  Idempotent: a second
# run finds everything in place and changes nothing.  On a tree it cannot
# handle it changes nothing and exits 1.
#
# Usage: mk/apply.sh KSRC
#
# Exit codes: 0 wired (or already wired), 1 refused (tree untouched),
#             2 usage error.

set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
prog=${0##*/}
lsm_id=114

die() {
	echo "$prog: $*" >&2
	exit 1
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $prog KSRC" >&2
	exit 2
fi
ksrc=$1

[ -d "$ksrc" ] || die "Failed to open \"$ksrc\": not a directory"
[ -f "$ksrc/Makefile" ] && [ -f "$ksrc/security/security.c" ] ||
	die "Failed to recognise \"$ksrc\": not a Linux source tree (no Makefile or security/security.c)"

version=$(sed -n 's/^VERSION = //p' "$ksrc/Makefile" | head -n1)
patchlevel=$(sed -n 's/^PATCHLEVEL = //p' "$ksrc/Makefile" | head -n1)
[ "$version.$patchlevel" = "6.12" ] ||
	die "Failed to wire \"$ksrc\": it is Linux ${version:-?}.${patchlevel:-?}, uringaudit supports 6.12 only"

# Files we edit, relative to the tree.  Each is transformed into a staging
# copy first; the tree is only written once every transformation succeeded.
edits="security/Kconfig security/Makefile include/uapi/linux/lsm.h
include/linux/lsm_count.h tools/testing/selftests/lsm/lsm_list_modules_test.c
Documentation/admin-guide/kernel-parameters.txt"
# Files we own, copied in as they are.
owned=$(cd "$repo" && find security/uringaudit include/uapi/linux/uringaudit.h \
	-type f ! -name '*.orig' ! -name '*.rej' | LC_ALL=C sort)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for f in $edits; do
	[ -f "$ksrc/$f" ] || die "Failed to find \"$ksrc/$f\": this 6.12 tree lacks a file uringaudit must edit"
	mkdir -p "$stage/$(dirname "$f")"
	cp "$ksrc/$f" "$stage/$f"
done

# edit FILE PERL-PROGRAM DESCRIPTION: apply a perl -0 substitution that must
# leave the file containing "uringaudit" (case-insensitive).
edit() {
	local f=$1 prog=$2 what=$3

	grep -qi uringaudit "$stage/$f" && return 0
	perl -0pi -e "$prog" "$stage/$f"
	grep -qi uringaudit "$stage/$f" ||
		die "Failed to wire \"$f\": $what not found; the tree is untouched"
}

# security/Kconfig: source our Kconfig after IPE's.
edit security/Kconfig \
	's{^(source "security/ipe/Kconfig"\n)}{$1source "security/uringaudit/Kconfig"\n}m' \
	'the line source "security/ipe/Kconfig"'
# ... and add uringaudit before bpf in every default of CONFIG_LSM.
if ! grep -q '^	default ".*uringaudit' "$stage/security/Kconfig"; then
	perl -0pi -e 's{(\nconfig LSM\n.*?\n\thelp\n)}{
		my $b = $1; $b =~ s/^(\tdefault "[^"]*),bpf"/$1,uringaudit,bpf"/mg; $b}se' \
		"$stage/security/Kconfig"
	grep -q '^	default ".*uringaudit,bpf"' "$stage/security/Kconfig" ||
		die "Failed to wire \"security/Kconfig\": no default of config LSM ends in \",bpf\"; the tree is untouched"
fi

# security/Makefile: build our directory.
edit security/Makefile \
	's{^(obj-\$\(CONFIG_SECURITY_IPE\)[^\n]*\n)}{$1obj-\$(CONFIG_SECURITY_URINGAUDIT)\t+= uringaudit/\n}m' \
	'the line obj-$(CONFIG_SECURITY_IPE)'

# include/uapi/linux/lsm.h: our LSM ID, unless another LSM took it.
if ! grep -q LSM_ID_URINGAUDIT "$stage/include/uapi/linux/lsm.h"; then
	if grep -Eq "^#define LSM_ID_[A-Z_]+[[:space:]]+$lsm_id\b" "$stage/include/uapi/linux/lsm.h"; then
		die "Failed to wire \"include/uapi/linux/lsm.h\": LSM ID $lsm_id is taken by another LSM; the tree is untouched"
	fi
fi
edit include/uapi/linux/lsm.h \
	"s{^(#define LSM_ID_IPE\\t+113\\n)}{\$1#define LSM_ID_URINGAUDIT\\t$lsm_id\\n}m" \
	'the line #define LSM_ID_IPE 113'
grep -Eq "^#define LSM_ID_URINGAUDIT[[:space:]]+$lsm_id$" "$stage/include/uapi/linux/lsm.h" ||
	die "Failed to wire \"include/uapi/linux/lsm.h\": LSM_ID_URINGAUDIT is defined, but not as $lsm_id; the tree is untouched"

# include/linux/lsm_count.h: count us in MAX_LSM_COUNT.
edit include/linux/lsm_count.h \
	's{(#if IS_ENABLED\(CONFIG_SECURITY_IPE\)\n#define IPE_ENABLED 1,\n#else\n#define IPE_ENABLED\n#endif\n)(.*\t\tIPE_ENABLED)\)}{$1\n#if IS_ENABLED(CONFIG_SECURITY_URINGAUDIT)\n#define URINGAUDIT_ENABLED 1,\n#else\n#define URINGAUDIT_ENABLED\n#endif\n$2\t\t\\\n\t\tURINGAUDIT_ENABLED)}s' \
	'the IPE_ENABLED definition and its use in MAX_LSM_COUNT'

# The LSM selftest maps IDs to names; teach it ours.
edit tools/testing/selftests/lsm/lsm_list_modules_test.c \
	's{(\t\tcase LSM_ID_IPE:\n\t\t\tname = "ipe";\n\t\t\tbreak;\n)}{$1\t\tcase LSM_ID_URINGAUDIT:\n\t\t\tname = "uringaudit";\n\t\t\tbreak;\n}' \
	'the case LSM_ID_IPE of the LSM list selftest'

# The boot parameter, in its alphabetical place.
edit Documentation/admin-guide/kernel-parameters.txt \
	's{^(\tusbcore\.authorized_default=\n)}{\turingaudit.default=\n\t\t\t[SECURITY] The action for every io_uring operation\n\t\t\tthat uringaudit mediates, until user space loads a\n\t\t\tpolicy.\n\t\t\tFormat: { "allow" | "audit" | "deny" }\n\t\t\tDefault: allow, without records.\n\n$1}m' \
	'the entry usbcore.authorized_default= of the kernel parameters'

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
for f in $edits; do
	install_file "$stage/$f" "$ksrc/$f"
done

if [ "$changed" -eq 0 ]; then
	echo "$prog: $ksrc already wired for uringaudit; nothing changed"
else
	echo "$prog: wired uringaudit into $ksrc ($changed files updated)"
fi
