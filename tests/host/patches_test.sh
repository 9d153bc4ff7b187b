#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The upstream posting (make patches) as a maintainer would take it: the
# series is written (mk/patches.sh, which also runs checkpatch --strict:
# one TAP line per patch), applies with git am to a pristine 6.12 tree,
# and the tree builds after each patch: the directories the patch touches
# (make io_uring/, security/, ...), uringaudit's objects with no undefined
# uringaudit_* symbol, and at the end vmlinux, the selftests and the rst.
# After the whole series, mk/apply.sh finds nothing to change: the posting
# and make apply make the same tree.  Each line says how long it took.
#
# The pristine tree ($PRISTINE, else $BUILD/linux-pristine, unpacked from
# $TARBALL when missing) is only read.  The git tree and the kernel objects
# stay in $BUILD/patches-test for the next run; kernel builds use ccache
# (as the Makefile does) and take the build lock.
#
# Usage: tests/host/patches_test.sh (no arguments; prints TAP)
# Exit codes: 0 every test passed, 1 a test failed or could not run,
# 2 usage error.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"

build=${BUILD:-$top/build}
tarball=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
pristine=${PRISTINE:-$build/linux-pristine}
kcache=${KCACHE:-$HOME/.cache/uringaudit}
jobs=${JOBS:-$(nproc)}
work=$build/patches-test
tree=$work/linux
obj=$work/kernel
out=$build/patches
# The Makefile's ccache and reproducible-build settings, when run alone.
export CCACHE_DIR=${CCACHE_DIR:-$kcache/ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$build}
export CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2026-01-01}
export KBUILD_BUILD_USER=${KBUILD_BUILD_USER:-uringaudit}
export KBUILD_BUILD_HOST=${KBUILD_BUILD_HOST:-qemu}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=patches_test GIT_AUTHOR_EMAIL=patches_test@localhost
export GIT_COMMITTER_NAME=patches_test GIT_COMMITTER_EMAIL=patches_test@localhost

bail() {
	echo "Bail out! $*"
	exit 1
}

# kmake ARG...: a kernel make of the test tree, under the build lock.
kmake() {
	mk/locked.sh "$kcache/build.lock" make -s -C "$tree" O="$obj" ARCH=x86_64 \
		CC="ccache gcc" HOSTCC="ccache gcc" -j"$jobs" "$@"
}

# timed NAME COMMAND...: one TAP line for COMMAND, with its time.
timed() {
	local name=$1 t0 rc took
	shift
	t0=$SECONDS
	"$@" >"$work/out" 2>&1
	rc=$?
	took="$((SECONDS - t0)) s"
	# Other clones' builds hold the lock: their time is not ours.
	grep -q '^  LOCK    waiting' "$work/out" && took="$took, with a wait for the build lock"
	if [ $rc -eq 0 ]; then
		ok "$name ($took)"
	else
		not_ok "$name ($took)" "rc=$rc" "$(tail -n 25 "$work/out")"
	fi
	return $rc
}

mkdir -p "$work"
start=$SECONDS

# --- The pristine tree and the series ------------------------------------------

if [ ! -f "$pristine/.unpacked" ]; then
	t0=$SECONDS
	if ! { rm -rf "$pristine" && mkdir -p "$pristine" &&
		tar -xJf "$tarball" -C "$pristine" --strip-components=1 && touch "$pristine/.unpacked"; }; then
		bail "Failed to unpack \"$tarball\" into \"$pristine\""
	fi
	echo "# unpacked $tarball in $((SECONDS - t0)) s"
fi
kversion=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p; s/^SUBLEVEL = //p' "$pristine/Makefile" | head -n 3 | paste -sd.)

t0=$SECONDS
mk/patches.sh "$pristine" "$out" >"$work/patches.log" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	ok "make patches writes the series ($((SECONDS - t0)) s)"
else
	not_ok "make patches writes the series ($((SECONDS - t0)) s)" "$(grep -v '^  CHECK' "$work/patches.log" | tail -n 30)"
fi
while read -r _ p status; do
	case $status in
	ok*) ok "checkpatch --strict ${p%:}: $status" ;;
	*) not_ok "checkpatch --strict ${p%:}: $status" "$(grep -A1 -F "${p%:}:" "$work/patches.log" | grep -v '^  CHECK')" ;;
	esac
done < <(grep '^  CHECK ' "$work/patches.log")
series=$(find "$out" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' 2>/dev/null | LC_ALL=C sort)
[ -n "$series" ] || bail "Failed to find the series in \"$out\": $(tail -n 1 "$work/patches.log")"
if [ -f "$out/0000-cover-letter.patch" ] && ! grep -q '\*\*\* .* HERE \*\*\*' "$out/0000-cover-letter.patch" &&
	grep -q ' files changed' "$out/0000-cover-letter.patch"; then
	ok "the cover letter has a subject, a blurb and a diffstat"
else
	not_ok "the cover letter has a subject, a blurb and a diffstat"
fi

# --- A git tree of the pristine sources ------------------------------------------

t0=$SECONDS
base_msg="Linux $kversion, pristine"
if [ -d "$tree/.git" ] && [ "$(git -C "$tree" log -1 --format=%s base 2>/dev/null)" = "$base_msg" ]; then
	git -C "$tree" am --abort >/dev/null 2>&1
	if ! { git -C "$tree" checkout -q -f base && git -C "$tree" clean -fdxq; }; then
		bail "Failed to reset \"$tree\" to its pristine commit"
	fi
	how="reset"
else
	rm -rf "$tree" "$obj"
	if ! { cp -a "$pristine" "$tree" && rm -f "$tree/.unpacked" &&
		git -C "$tree" init -q && git -C "$tree" add -f . &&
		git -C "$tree" commit -q -m "$base_msg" && git -C "$tree" branch -f base; }; then
		bail "Failed to make a git tree of \"$pristine\" in \"$tree\""
	fi
	how="made"
fi
echo "# pristine git tree $how in $((SECONDS - t0)) s"

# --- git am, patch by patch --------------------------------------------------------

git -C "$tree" checkout -q -B series base
applied=
for p in $series; do
	if timed "git am ${p##*/}" git -C "$tree" am -q "$p"; then
		applied="$applied $(git -C "$tree" rev-parse HEAD)"
	else
		git -C "$tree" am --abort >/dev/null 2>&1
		bail "Failed to apply \"${p##*/}\" with git am: the rest cannot be tested"
	fi
done

# --- The configuration: the test kernel's, made once per tree and fragment -----------

t0=$SECONDS
key=$(cat mk/test-kernel.config mk/kconfig.sh | sha1sum | cut -c1-12)-$(git -C "$tree" rev-parse 'HEAD^{tree}' | cut -c1-12)
if [ ! -f "$work/config-$key" ]; then
	rm -f "$work"/config-*
	mkdir -p "$obj"
	mk/locked.sh "$kcache/build.lock" mk/kconfig.sh "$tree" "$obj" mk/test-kernel.config >"$work/out" 2>&1 ||
		bail "Failed to configure \"$obj\" (mk/kconfig.sh): $(tail -n 5 "$work/out" | tr '\n' ' ')"
	cp "$obj/.config" "$work/config-$key"
fi
echo "# configuration ready in $((SECONDS - t0)) s$(grep -q '^  LOCK    waiting' "$work/out" 2>/dev/null && echo ', with a wait for the build lock')"

# --- Each patch builds -------------------------------------------------------------

# dirs COMMIT: the kernel directories COMMIT changes files in (headers,
# documentation and tools are built at the end); a directory and its
# parent are built once, as the parent.
dirs() {
	git -C "$tree" diff --name-only "$1^" "$1" | while read -r f; do
		case $f in
		include/* | Documentation/* | tools/* | scripts/* | */*.rst) continue ;;
		*/*) dirname "$f" ;;
		esac
	done | LC_ALL=C sort -u | awk '{ for (i = 1; i <= n; i++) if (index($0 "/", d[i] "/") == 1) next; d[++n] = $0; print $0 "/" }'
}

# links: every uringaudit_* symbol the objects of security/uringaudit need
# is defined by one of them (ld -r does not check; vmlinux would fail).
links() {
	local objs undef

	objs=$(ar t "$obj/security/uringaudit/built-in.a" 2>/dev/null | sed "s|^|$obj/|")
	[ -n "$objs" ] || { echo "no objects in $obj/security/uringaudit/built-in.a"; return 1; }
	# shellcheck disable=SC2086
	undef=$(comm -23 <(nm -u $objs | awk '{ print $2 }' | grep '^uringaudit_' | LC_ALL=C sort -u) \
		<(nm --defined-only $objs | awk 'NF == 3 { print $3 }' | LC_ALL=C sort -u))
	[ -z "$undef" ] || { echo "undefined: $undef"; return 1; }
}

n=0
for c in $applied; do
	n=$((n + 1))
	name=$(printf '%04d %s' "$n" "$(git -C "$tree" log -1 --format=%s "$c")")
	git -C "$tree" checkout -q "$c"
	cp "$work/config-$key" "$obj/.config"
	d=$(dirs "$c")
	if [ -z "$d" ]; then
		# Documentation and selftests: built once, at the end.
		ok "patch $name builds (nothing in the kernel build; checked at the end)"
		continue
	fi
	# shellcheck disable=SC2086
	timed "patch $name builds: make ${d//$'\n'/ }" kmake olddefconfig $d || continue
	if [ -d "$tree/security/uringaudit" ]; then
		timed "patch $name: security/uringaudit links" links
	fi
done

# --- The whole series ---------------------------------------------------------------

git -C "$tree" checkout -q series
cp "$work/config-$key" "$obj/.config"
timed "the series builds vmlinux" kmake olddefconfig vmlinux

# The selftests, against the tree's own user-space headers.
if timed "make headers" kmake headers; then
	for t in uringaudit lsm; do
		rm -rf "$work/selftests-$t" && mkdir -p "$work/selftests-$t"
		timed "selftests/$t build" make -s -C "$tree/tools/testing/selftests/$t" \
			OUTPUT="$work/selftests-$t" KHDR_INCLUDES="-isystem $obj/usr/include"
	done
fi

rst=Documentation/admin-guide/LSM/uringaudit.rst
if grep -qx '   uringaudit' "$tree/Documentation/admin-guide/LSM/index.rst"; then
	ok "$rst is in the toctree of Documentation/admin-guide/LSM/index.rst"
else
	not_ok "$rst is in the toctree of Documentation/admin-guide/LSM/index.rst"
fi
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import docutils' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -n "$py" ]; then
	# Errors and warnings of docutils, the kernel's Sphinx roles aside.
	if out=$("$py" - "$tree/$rst" 2>&1 <<'EOF'
import sys, docutils.core, docutils.utils
text = open(sys.argv[1]).read()
docutils.core.publish_doctree(text, source_path=sys.argv[1],
                              settings_overrides={"report_level": 2, "halt_level": 5,
                                                  "warning_stream": sys.stdout})
EOF
	) && [ -z "$out" ]; then
		ok "$rst renders without a docutils warning"
	else
		not_ok "$rst renders without a docutils warning" "$out"
	fi
else
	ok "$rst renders without a docutils warning # SKIP no python3 with docutils"
fi

if out=$("$top/mk/apply.sh" "$tree" 2>&1) && grep -q 'nothing changed' <<<"$out"; then
	ok "after the series, mk/apply.sh changes nothing"
else
	not_ok "after the series, mk/apply.sh changes nothing" "$out"
	git -C "$tree" checkout -q -f series
fi

echo "# patches_test took $((SECONDS - start)) s"
tap_end
