#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make profile: where the instructions of an op go, per kernel function.
# Boots the kernel twice under QEMU's instruction counting with the same
# seed, tests/uring-bench running one workload under configuration BASE,
# then under CONFIG, with mk/insncount.c (a TCG plugin) counting how
# often each kernel instruction ran; prints the difference per op and
# function, largest first.  Both boots run the same phase 1 (no policy),
# which cancels out; so BASE and CONFIG are configurations of phase 2
# (empty, others64, paths64, ids64, audit, ...), not "none".
#
# Usage: mk/profile.sh BZIMAGE INITRAMFS VMLINUX WORKLOAD BASE CONFIG OUTDIR
# Environment: SEED (default 1), TOP (default 30), BOOT_TIMEOUT, CC.
# Exit codes: 0 printed, 1 a boot or the plugin's build failed, 2 usage
#   error.

set -uo pipefail

usage() {
	[ $# -gt 0 ] && echo "${0##*/}: $*" >&2
	echo "usage: ${0##*/} BZIMAGE INITRAMFS VMLINUX WORKLOAD BASE CONFIG OUTDIR" >&2
	echo "  SEED, TOP, BOOT_TIMEOUT: positive numbers" >&2
	exit 2
}
# positive NAME VALUE: VALUE is a positive decimal number.
positive() {
	case $2 in
	'' | *[!0-9]* | 0*) usage "$1 is not a positive number: '$2'" ;;
	esac
}
# word NAME VALUE: VALUE is a name tests/uring-bench knows the form of.
word() {
	case $2 in
	'' | *[!a-z0-9_]*) usage "$1 is not a workload or configuration name: '$2'" ;;
	esac
}
[ $# -eq 7 ] || usage
kernel=$1 initrd=$2 vmlinux=$3 workload=$4 base=$5 config=$6 dir=$7
for f in "$kernel" "$initrd" "$vmlinux"; do
	[ -f "$f" ] || usage "no such file: $f"
done
word WORKLOAD "$workload"
word BASE "$base"
word CONFIG "$config"
if [ "$base" = none ] || [ "$config" = none ]; then
	usage "\"none\" is phase 1, which both boots run: name a configuration of phase 2"
fi
seed=${SEED:-1} top_n=${TOP:-30} limit=${BOOT_TIMEOUT:-1800}
positive SEED "$seed"
positive TOP "$top_n"
positive BOOT_TIMEOUT "$limit"
top=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$dir" && mkdir -p "$dir" || exit 1
if ! "${CC:-cc}" -shared -fPIC -O2 -Wall -Wextra -Werror \
	-o "$dir/insncount.so" "$top/mk/insncount.c"; then
	echo "profile: Failed to build \"$top/mk/insncount.c\"" >&2
	exit 1
fi
cp "$kernel" "$dir/bzImage" && cp "$initrd" "$dir/initramfs.cpio.gz" || exit 1
day=$(date -u -d "2024-01-01 + $((seed - 1)) days" +%F)

for cfg in "$base" "$config"; do
	QEMU_SMP=1 QEMU_EXTRA="-icount shift=0,sleep=off -rtc base=$day,clock=vm -plugin $dir/insncount.so,out=$dir/$cfg.counts" \
		"$top/mk/boot.sh" "$dir/bzImage" "$dir/initramfs.cpio.gz" "$dir/$cfg" "$limit" \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 tsc=reliable kunit.enable=0 ua.mode=bench ua.bench.r=3 ua.bench.s=1 ua.bench.w=$workload ua.bench.c=$cfg" ||
		exit 1
	if ! grep -q "^bench config=$cfg workload=$workload " "$dir/$cfg.out" ||
		[ ! -s "$dir/$cfg.counts" ]; then
		echo "profile: the $cfg boot measured nothing; see $dir/$cfg.out" >&2
		exit 1
	fi
done
# The ops of phase 2, warm-up included: both configurations ran as many.
ops=$(grep "^bench config=$config workload=$workload " "$dir/$config.out" |
	sed -n 's/.* ops=\([0-9]*\) .*/\1/p' | awk '{ n += $1 } END { print n + 0 }')
[ "$ops" -gt 0 ] || { echo "profile: no ops in $dir/$config.out" >&2; exit 1; }
nm -n "$vmlinux" >"$dir/syms" || exit 1
echo "profile: $workload, $config over $base, seed $seed, per op and kernel function;"
echo "  loading each configuration's policy is counted too, spread over its ops"
perl "$top/mk/profile-report.pl" "$dir/syms" "$dir/$base.counts" \
	"$dir/$config.counts" "$ops" "$top_n"
